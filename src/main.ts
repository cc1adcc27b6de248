/**
 * Entry point. Two things start at once: the body's first frame, drawn with plain three.js as
 * soon as the model has arrived (its canvas made once the HTML's text has been painted), and the
 * app (React, the panels, the protocol list), which mounts while the model is still downloading,
 * so the text is usable before the body is shown. The interactive 3D view loads when it is
 * needed and takes over the first frame's canvas.
 */
import './app.css';
// The layouts (the phone's header, the view above the panels) from the first paint: arriving
// with the app's code, they would reflow the page's skeleton under the user's eyes.
import './ui/layout.css';
import { loadBodyGltf, modelLoad } from './bodyModel/loadBody.ts';
import { createFirstFrame } from './boot/firstFrame.ts';
import { setFirstFrame } from './boot/handoff.ts';
import { decodePlayerLink, firstViewBody } from './domain/playerLink.ts';
import { bundledCatalogue } from './state/bundledContent.ts';

// Started first: the app's code is already on its way (modulepreload), and so is the model (the
// HTML preloads it); its download is taken up at once, for its progress bar.
const app = import('./mountApp.tsx');
const kind = firstViewBody(decodePlayerLink(window.location.search), bundledCatalogue);
void loadBodyGltf(kind);
const host = document.getElementById('boot-canvas');

/**
 * Resolves once the browser has painted the HTML's text: making a WebGL context is a long task
 * on a slow device or a software renderer, and should not hold back the first paint. (A timer
 * as well, for a tab opened in the background, where animation frames wait.)
 */
const painted = new Promise<void>((resolve) => {
  requestAnimationFrame(() => setTimeout(resolve, 0));
  setTimeout(resolve, 200);
});
const made = painted.then(() => {
  const frame = host ? createFirstFrame(host) : null;
  setFirstFrame(frame, host ? frame !== null : null);
  return { drawn: frame ? frame.draw(kind) : Promise.resolve(false) };
});
void Promise.all([app, made]).then(async ([m, { drawn }]) => {
  // While the model is still downloading the app mounts at once (the text comes first). When
  // all of it is already here, the first frame is a moment away: the app mounts right after it,
  // so as not to delay it.
  const { status, loaded, total } = modelLoad(kind);
  const downloading = status === 'loading' && (total === null || loaded < total);
  if (!downloading) await drawn;
  m.mountApp();
});
