import type { FootworkProbe } from '../../src/scene/Probe.tsx';

declare global {
  interface Window {
    footwork?: FootworkProbe;
  }
}
