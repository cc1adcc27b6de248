import { useLayoutEffect, useRef } from 'react';
import { dropBootSkeleton, firstFrame } from './handoff.ts';

/**
 * The first frame's canvas inside the app's 3D area: adopted from the HTML skeleton when the app
 * mounts (the skeleton goes in the same commit, so nothing flashes) and drawn again whenever the
 * area changes size, until the interactive 3D view replaces it.
 */
export function BootCanvas() {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const host = ref.current;
    const frame = firstFrame();
    if (!host) return;
    if (frame) {
      host.appendChild(frame.canvas);
      frame.resize(host.clientWidth, host.clientHeight);
    }
    dropBootSkeleton();
    if (!frame || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() =>
      firstFrame()?.resize(host.clientWidth, host.clientHeight),
    );
    observer.observe(host);
    return () => observer.disconnect();
  }, []);
  return <div ref={ref} className="boot-canvas" aria-hidden="true" />;
}
