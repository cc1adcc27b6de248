import { useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { playerEngine, usePlayerStore } from '../state/playerStore.ts';

/** Longest step the clock takes in one frame, so a stalled tab does not skip steps. */
const MAX_DT_S = 0.1;

/** Advances the player while it plays and keeps frames coming; no frames while paused. */
export function PlayerClock() {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(
    () =>
      usePlayerStore.subscribe((s, prev) => {
        if (s.player.status === 'playing' && prev.player.status !== 'playing') invalidate();
      }),
    [invalidate],
  );
  useFrame((_, delta) => {
    if (playerEngine.state.status !== 'playing') return;
    playerEngine.dispatch({ type: 'tick', dt: Math.min(MAX_DT_S, delta) });
    invalidate();
  }, -2);
  return null;
}
