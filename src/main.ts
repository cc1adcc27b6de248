/**
 * Entry point. Two things start at once: the body's first frame, drawn with plain three.js as
 * soon as the model has arrived, and the app (React, the panels, the protocol list), which mounts
 * while the model is still downloading, so the text is usable before the body is shown. The
 * interactive 3D view loads when it is needed and takes over the first frame's canvas.
 */
import './app.css';
import { modelLoad } from './bodyModel/loadBody.ts';
import { createFirstFrame } from './boot/firstFrame.ts';
import { setFirstFrame } from './boot/handoff.ts';
import { decodePlayerLink } from './domain/playerLink.ts';

// Started first: the app's code is already on its way (modulepreload) while the canvas is made.
const app = import('./mountApp.tsx');
const host = document.getElementById('boot-canvas');
const frame = host ? createFirstFrame(host) : null;
setFirstFrame(frame, host ? frame !== null : null);
const kind = decodePlayerLink(window.location.search).body;
const drawn = frame ? frame.draw(kind) : Promise.resolve(false);
void app.then(async (m) => {
  // While the model is still downloading the app mounts at once (the text comes first). When
  // all of it is already here, the first frame is a moment away: the app mounts right after it,
  // so as not to delay it.
  const { status, loaded, total } = modelLoad(kind);
  const downloading = status === 'loading' && (total === null || loaded < total);
  if (!downloading) await drawn;
  m.mountApp();
});
