import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import MagicString from 'magic-string';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contentPlugin, type ContentPlugin } from './scripts/lib/contentModules.ts';
import { modelPreloadScript, scriptHash } from './scripts/lib/modelPreload.ts';
import { BODY_KINDS } from './src/domain/body.ts';
import { DEFAULT_PLAYER_LINK } from './src/domain/playerLink.ts';

/**
 * Starts downloading the model the first view shows from the HTML, in parallel with the
 * JavaScript, instead of after the app's code has run: an inline script in the head (see
 * scripts/lib/modelPreload.ts) picks the body the link's protocol is for and preloads that
 * model only, so a child's link never downloads the adult model for its first view.
 */
function firstViewModelScript(
  bundle: Record<string, unknown> | undefined,
  bodies: () => Readonly<Record<string, string>>,
): string | null {
  const files = Object.keys(bundle ?? {});
  const models: Record<string, string> = {};
  for (const kind of BODY_KINDS) {
    const asset = files.find((f) => new RegExp(`(?:^|/)body-${kind}-[\\w-]+\\.glb$`).test(f));
    if (asset) models[kind] = `/${asset}`;
  }
  if (Object.keys(models).length === 0) return null;
  return modelPreloadScript({ models, bodies: bodies(), fallback: DEFAULT_PLAYER_LINK.body });
}

/**
 * The Content-Security-Policy of the built app, as a meta tag at the top of <head>, and right
 * after it the model preload's script (before any stylesheet, which would hold an inline script
 * back until it has arrived). Only for the build: the dev server's React refresh preamble is an
 * inline script.
 * - script-src: no eval, and no inline script but the model preload's, allowed by its hash
 *   (added by the build); 'wasm-unsafe-eval' only because the model's meshes are
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

function headTags(content: ContentPlugin): Plugin {
  return {
    name: 'footwork:csp-and-model-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        // The model preload's inline script, allowed by its hash and nothing else inline.
        const script = firstViewModelScript(ctx.bundle, content.api.bodies);
        const policy = script
          ? CONTENT_SECURITY_POLICY.replace(
              "script-src 'self'",
              `script-src 'self' ${scriptHash(script)}`,
            )
          : CONTENT_SECURITY_POLICY;
        return [
          {
            tag: 'meta',
            attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
            injectTo: 'head-prepend',
          },
          ...(script
            ? [{ tag: 'script', children: script, injectTo: 'head-prepend' as const }]
            : []),
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

const content = contentPlugin(fileURLToPath(new URL('.', import.meta.url)));

export default defineConfig({
  plugins: [react(), content, threeModules(), headTags(content), offline()],
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
