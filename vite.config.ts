import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import MagicString from 'magic-string';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contentPlugin } from './scripts/lib/contentModules.ts';

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
 * The Content-Security-Policy of the built app, as a meta tag at the top of <head>. Only for the
 * build: the dev server's React refresh preamble is an inline script.
 * - script-src: no inline script, no eval; 'wasm-unsafe-eval' only because the model's meshes are
 *   meshopt-compressed and the decoder compiles a WebAssembly module (it cannot run JavaScript).
 * - style-src 'self': the stylesheet only. React and three set styles through the CSSOM
 *   (element.style), which CSP does not restrict, so no 'unsafe-inline' is needed.
 * - img/connect/worker: the page's own origin, plus blob: and data: URLs that the glTF loader
 *   and the meshopt decoder create in memory. Nothing else may be contacted.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self' blob: data:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'footwork:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler() {
        return [
          {
            tag: 'meta',
            attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}

/**
 * Installable and offline: a service worker precaches the built app (HTML, JavaScript, CSS, the
 * content chunk, both body models, icons), so a reload without a network still plays steps.
 * The registration is an external script (registerSW.js), as the CSP allows no inline script.
 */
function offline() {
  return VitePWA({
    registerType: 'autoUpdate',
    injectRegister: 'script',
    includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
    manifest: {
      name: 'Footwork — 3D atlas of foot and leg massage',
      short_name: 'Footwork',
      description: 'Interactive 3D atlas of foot and leg massage techniques.',
      theme_color: '#1d2027',
      background_color: '#1d2027',
      display: 'standalone',
      start_url: '/',
      scope: '/',
      icons: [
        { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,glb,webmanifest}'],
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      navigateFallback: '/index.html',
      cleanupOutdatedCaches: true,
      // A fresh install takes over the open page at once, so it works offline from the first visit.
      clientsClaim: true,
      skipWaiting: true,
      // The deep links carry their state in the query string; the cached page serves them all.
      ignoreURLParametersMatching: [/.*/],
    },
  });
}

/**
 * How `three` is resolved in the app's build.
 *
 * - three's source modules (`three/src/Three.js`, one file per class) instead of its two-file
 *   build: the bundler then splits three like our own code, so the first view carries the
 *   classes the first frame uses and the interactive 3D view's chunk the rest. (With the build
 *   files, every class any chunk uses lands in the chunk of the first view.)
 * - React Three Fiber's Canvas registers the whole `three` namespace as its JSX catalogue, which
 *   defeats tree-shaking. Only for that file, `three` resolves to src/scene/threeCatalogue.ts:
 *   the classes our scenes use as elements.
 * - three's shader sources are minified (comments and whitespace out, GLSL tokenised) and its
 *   `gl.CONSTANT` reads become numbers, by @yushijinhun/three-minifier-common: about 10 KB gzip
 *   less, most of it in the first view (the shader chunks come with the renderer).
 */
interface ThreeMinifier {
  isThreeSource(file: string): boolean;
  transformCode(
    code: string,
    file: string,
  ): Iterable<{ start: number; end: number; replacement: string }>;
}
const threeMinifier = createRequire(import.meta.url)(
  '@yushijinhun/three-minifier-common',
) as ThreeMinifier;

function threeModules(): Plugin {
  const catalogue = fileURLToPath(new URL('./src/scene/threeCatalogue.ts', import.meta.url));
  return {
    name: 'footwork:three-modules',
    enforce: 'pre',
    apply: 'build',
    async resolveId(source, importer, options) {
      if (source !== 'three') return null;
      if (
        importer &&
        /@react-three[\\/]fiber[\\/]dist[\\/]react-three-fiber\.esm\.js$/.test(importer)
      )
        return catalogue;
      return this.resolve('three/src/Three.js', importer, { ...options, skipSelf: true });
    },
    transform(code, id) {
      if (!threeMinifier.isThreeSource(id) || !/\.js$/.test(id)) return null;
      const s = new MagicString(code);
      for (const r of threeMinifier.transformCode(code, id))
        s.overwrite(r.start, r.end, r.replacement);
      return s.hasChanged() ? { code: s.toString(), map: s.generateMap({ hires: true }) } : null;
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    contentPlugin(fileURLToPath(new URL('.', import.meta.url))),
    preloadModel(),
    threeModules(),
    contentSecurityPolicy(),
    offline(),
  ],
  // Workers bundle three as the page does: its source modules, so only what they use is kept.
  worker: { plugins: () => [threeModules()] },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
