import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Starts downloading the adult model from the HTML, in parallel with the JavaScript, instead of
 * after React has mounted the canvas. The link matches GLTFLoader's fetch (CORS mode, same-origin
 * credentials) so the browser reuses the preloaded response.
 */
function preloadModel(): Plugin {
  return {
    name: 'footwork:preload-model',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const asset = Object.keys(ctx.bundle ?? {}).find((f) => /body-adult-[\w-]+\.glb$/.test(f));
        if (!asset) return [];
        return [
          {
            tag: 'link',
            attrs: { rel: 'preload', href: `/${asset}`, as: 'fetch', crossorigin: 'anonymous' },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

/**
 * React Three Fiber's Canvas registers the whole `three` namespace as its JSX catalogue, which
 * defeats tree-shaking. Only for that file, `three` resolves to src/scene/threeCatalogue.ts: the
 * classes our scenes use as elements. Every other import of three is untouched.
 */
function leanR3fCatalogue(): Plugin {
  const catalogue = fileURLToPath(new URL('./src/scene/threeCatalogue.ts', import.meta.url));
  return {
    name: 'footwork:lean-r3f-catalogue',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'three' && importer && /@react-three[\\/]fiber[\\/]dist[\\/]react-three-fiber\.esm\.js$/.test(importer)) {
        return catalogue;
      }
      return null;
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadModel(), leanR3fCatalogue()],
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
