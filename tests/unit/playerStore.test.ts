import { describe, expect, it } from 'vitest';
import { playerEngine, usePlayerStore } from '../../src/state/playerStore.ts';

describe('player engine and store', () => {
  it('publishes step and status changes to the store but not the running clock', () => {
    let published = 0;
    const unsub = usePlayerStore.subscribe((s, prev) => {
      if (s.player !== prev.player) published++;
    });
    const seen: number[] = [];
    const unsubTick = playerEngine.subscribe((s) => seen.push(s.elapsed));
    playerEngine.dispatch({ type: 'load', protocolId: 'p', stepDurations: [2, 3] });
    playerEngine.dispatch({ type: 'play' });
    expect(published).toBe(2);
    playerEngine.dispatch({ type: 'tick', dt: 0.5 });
    playerEngine.dispatch({ type: 'tick', dt: 0.5 });
    expect(published).toBe(2);
    expect(playerEngine.state.elapsed).toBeCloseTo(1, 9);
    expect(seen.at(-1)).toBeCloseTo(1, 9);
    // Crossing the end of the step pauses there (no loop, no auto-advance): published.
    playerEngine.dispatch({ type: 'tick', dt: 5 });
    expect(published).toBe(3);
    expect(usePlayerStore.getState().player.status).toBe('paused');
    playerEngine.dispatch({ type: 'next' });
    expect(usePlayerStore.getState().player.stepIndex).toBe(1);
    unsub();
    unsubTick();
  });

  it('ignores events that change nothing', () => {
    const before = usePlayerStore.getState().player;
    playerEngine.dispatch({ type: 'jump', stepIndex: 99 });
    expect(usePlayerStore.getState().player).toBe(before);
  });

  it('clamps the severity shown on the model', () => {
    usePlayerStore.getState().setSeverity('hallux_valgus', 3);
    expect(usePlayerStore.getState().severity.hallux_valgus).toBe(1);
    usePlayerStore.getState().setSeverity('flat_foot', -1);
    expect(usePlayerStore.getState().severity.flat_foot).toBe(0);
  });
});
