/**
 * The first view's model preload, as a tiny inline script for the head of index.html: it picks
 * the body the link shows — the same choice as `firstViewBody` (src/domain/playerLink.ts): the
 * body of the link's protocol when the catalogue knows it, else the link's `body`, else the
 * default — and adds `<link rel=preload>` for that model only, while the HTML is still being
 * parsed, so its download starts as early as a static preload would and in parallel with the
 * JavaScript. (A static link can name one model only: on a child's link both would download.)
 *
 * The link matches the glTF loader's fetch (CORS mode, same-origin credentials) so the browser
 * reuses the preloaded response. The page's CSP allows this one script by its hash.
 */
import { createHash } from 'node:crypto';

export interface ModelPreloadInput {
  /** The model's URL per body kind. */
  readonly models: Readonly<Record<string, string>>;
  /** The body of each protocol of the bundled catalogue, by id. */
  readonly bodies: Readonly<Record<string, string>>;
  /** The body when the link names none the catalogue or the models know. */
  readonly fallback: string;
}

export function modelPreloadScript({ models, bodies, fallback }: ModelPreloadInput): string {
  // Plain ES2015, no helpers: it runs as written. Own properties only, so that a link's
  // `protocol=constructor` finds nothing.
  return [
    '(()=>{try{',
    `const M=${JSON.stringify(models)},P=${JSON.stringify(bodies)},`,
    'h=(o,k)=>k!==null&&Object.prototype.hasOwnProperty.call(o,k),',
    'q=new URLSearchParams(location.search),p=q.get("protocol");',
    'let b=h(P,p)&&h(M,P[p])?P[p]:q.get("body");',
    `if(!h(M,b))b=${JSON.stringify(fallback)};`,
    'const l=document.createElement("link");',
    'l.rel="preload";l.as="fetch";l.crossOrigin="anonymous";l.href=M[b];',
    'document.head.appendChild(l)}catch(e){}})()',
  ].join('');
}

/** The CSP source that allows exactly this inline script. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}
