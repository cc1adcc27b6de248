/**
 * Entry point. Draws the body's first frame with plain three.js as early as possible, then
 * loads the interactive app (React, React Three Fiber, panels) and hands over to it.
 */
import './app.css';
import { drawFirstFrame } from './boot/firstFrame.ts';
import { endBoot, setBootRelease } from './boot/handoff.ts';
import { decodePlayerLink } from './domain/playerLink.ts';

const boot = document.getElementById('boot');
const host = document.getElementById('boot-canvas');

async function start(): Promise<void> {
  if (boot && host) {
    setBootRelease(() => boot.remove());
    const { body } = decodePlayerLink(window.location.search);
    const frame = await drawFirstFrame(host, body);
    if (frame) {
      setBootRelease(() => {
        frame.dispose();
        boot.remove();
      });
    } else {
      // Nothing drawn (no WebGL or a broken model): the app shows its own message at once.
      endBoot();
    }
  }
  const { mountApp } = await import('./mountApp.tsx');
  mountApp();
}

void start();
