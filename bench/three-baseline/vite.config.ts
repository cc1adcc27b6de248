import { defineConfig } from 'vite';

/** Builds the bare three.js baseline page with the same bundler settings as the app. */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: { outDir: '../../dist-bench/three', emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
