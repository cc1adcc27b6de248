import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { createResolution, currentRatio, recordFrame } from '../domain/adaptiveResolution.ts';
import { usePlayerStore } from '../state/playerStore.ts';
import { MAX_DPR } from './look.ts';

/**
 * Lowers the pixel ratio while an animation runs slower than ~30 fps (software rendering, weak
 * GPUs) and raises it again with headroom. When playback stops, the still picture is redrawn
 * at full resolution.
 */
export function AdaptiveResolution() {
  const setDpr = useThree((s) => s.setDpr);
  const invalidate = useThree((s) => s.invalidate);
  const full = Math.min(window.devicePixelRatio || 1, MAX_DPR);
  const state = useRef(createResolution(full, full));

  useEffect(
    () =>
      usePlayerStore.subscribe((s, prev) => {
        if (s.player.status !== 'playing' && prev.player.status === 'playing') {
          const fresh = createResolution(full, full);
          // Keep the learned level for the next playback, but show the still at full resolution.
          state.current = { ...state.current, samples: fresh.samples };
          setDpr(full);
          invalidate();
        } else if (s.player.status === 'playing' && prev.player.status !== 'playing') {
          setDpr(currentRatio(state.current));
        }
      }),
    [full, setDpr, invalidate],
  );

  useFrame((_, delta) => {
    if (usePlayerStore.getState().player.status !== 'playing') return;
    const before = state.current.index;
    state.current = recordFrame(state.current, delta * 1000);
    if (state.current.index !== before) setDpr(currentRatio(state.current));
  });
  return null;
}
