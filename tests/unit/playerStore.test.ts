/// <reference types="vite/client" />
// (The content store this test drives loads the bundled content with Vite's import.meta.glob.)
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { loadContent } from '../../src/content/index.ts';
import { useContentStore } from '../../src/state/contentStore.ts';
import { openProtocol } from '../../src/state/currentStep.ts';
import { playerEngine, usePlayerStore } from '../../src/state/playerStore.ts';
import { useSafetyStore } from '../../src/state/safetyStore.ts';

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

describe('safety check and the player', () => {
  it('ticking a condition tells the player which steps to pass over', async () => {
    const { data } = loadContent(await readContentFiles(resolve(import.meta.dirname, '../..')));
    useContentStore.setState({ status: 'ready', data });
    const heelSpur = data.protocols.find((p) => p.protocol.id === 'p8-heel-spur-self');
    if (!heelSpur) throw new Error('p8 missing');

    openProtocol(heelSpur);
    expect(playerEngine.state.skipped).toEqual([]);
    // Heel wounds rule out every step on the heel: all but the fourth.
    useSafetyStore.getState().setTicked('heel_wounds', true);
    expect(playerEngine.state.skipped).toEqual([0, 1, 2, 4, 5, 6]);
    expect(playerEngine.state.stepIndex).toBe(3);
    expect(usePlayerStore.getState().player.skipped).toEqual([0, 1, 2, 4, 5, 6]);
    // Opening the protocol again keeps the ticks.
    openProtocol(heelSpur, 0);
    expect(playerEngine.state).toMatchObject({ stepIndex: 3, skipped: [0, 1, 2, 4, 5, 6] });
    // A condition that rules massage out rules out every step: nothing plays.
    useSafetyStore.getState().setTicked('tuberculosis', true);
    expect(playerEngine.state.skipped).toHaveLength(7);
    playerEngine.dispatch({ type: 'play' });
    expect(playerEngine.state.status).toBe('idle');
    useSafetyStore.getState().clear();
    expect(playerEngine.state.skipped).toEqual([]);
    playerEngine.dispatch({ type: 'play' });
    expect(playerEngine.state.status).toBe('playing');
  });
});
