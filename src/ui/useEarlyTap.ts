import { useMemo, type PointerEvent } from 'react';
import { usePendingTap } from '../state/pendingTap.ts';
import { wantScene } from '../state/sceneDemand.ts';
import { useViewerStore } from '../state/viewerStore.ts';

/** A press and release farther apart than this (CSS pixels) is a drag, not a tap. */
const TAP_SLOP_PX = 8;

/**
 * Pointer handlers for the 3D area: reaching for the body asks for the interactive view, and a tap
 * made before the body can be picked is kept (`usePendingTap`) for the view to answer when ready.
 */
export function useEarlyTap(): {
  onPointerDown: (e: PointerEvent) => void;
  onPointerUp: (e: PointerEvent) => void;
} {
  return useMemo(() => {
    // Where the press began (outside React state: pointer input never re-renders).
    const press: { down: { x: number; y: number; id: number } | null } = { down: null };
    return {
      onPointerDown: (e: PointerEvent) => {
        wantScene();
        press.down = e.isPrimary ? { x: e.clientX, y: e.clientY, id: e.pointerId } : null;
      },
      onPointerUp: (e: PointerEvent) => {
        const start = press.down;
        press.down = null;
        if (!start || start.id !== e.pointerId || useViewerStore.getState().modelReady) return;
        // Only a tap on the view itself (not on its toolbar, chip or notices).
        if (!(e.target instanceof Element) || e.target.closest('button, a, input, select, nav'))
          return;
        if (Math.hypot(e.clientX - start.x, e.clientY - start.y) > TAP_SLOP_PX) return;
        usePendingTap.getState().setTap({ x: e.clientX, y: e.clientY });
      },
    };
  }, []);
}
