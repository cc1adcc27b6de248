// @vitest-environment happy-dom
/// <reference types="vite/client" />
import { act, renderHook } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentData } from '../../src/content/index.ts';
import type { DerivedStep } from '../../src/domain/stepMotion.ts';
import { useContentStore } from '../../src/state/contentStore.ts';
import { openProtocol } from '../../src/state/currentStep.ts';
import { playerEngine } from '../../src/state/playerStore.ts';
import { useStepMotion, useStepMotionStore, whenStepDerived } from '../../src/state/stepMotion.ts';
import { useViewerStore } from '../../src/state/viewerStore.ts';
import { repoContent } from '../fixtures/repo.ts';

let content: ContentData;
const P1 = 'p1-hallux-valgus-adult-self';

beforeAll(() => {
  content = repoContent();
  useContentStore.setState({ status: 'ready', data: content, problems: [] });
});

/** Derived data as the driver stores it (its content does not matter to the store). */
function derivedFor(key: string): DerivedStep {
  return { key, motion: null, nearAvoid: [], frame: null, avoidLabels: [], problem: null };
}

function openP1(step: number) {
  const loaded = content.protocols.find((p) => p.protocol.id === P1);
  if (!loaded) throw new Error('no P1');
  act(() => {
    useViewerStore.getState().setSide('L');
    openProtocol(loaded, step);
  });
  return loaded;
}

describe('useStepMotion', () => {
  it("gives the current step's derived data only, the same object across renders", () => {
    const loaded = openP1(0);
    const key = (i: number) => {
      const step = loaded.protocol.steps.at(i);
      const side = step?.side === 'left' ? 'L' : step?.side === 'right' ? 'R' : 'L';
      return `${P1}/${step?.id ?? ''}/${side}`;
    };
    const { result, rerender } = renderHook(() => useStepMotion());
    expect(result.current).toBeNull();
    const first = derivedFor(key(0));
    act(() => useStepMotionStore.setState({ derived: first }));
    expect(result.current).toBe(first);
    rerender();
    expect(result.current).toBe(first);
    // Another step is current: the old data is not handed out for it.
    act(() => playerEngine.dispatch({ type: 'next' }));
    expect(result.current).toBeNull();
    const second = derivedFor(key(1));
    act(() => useStepMotionStore.setState({ derived: second }));
    expect(result.current).toBe(second);
  });

  it('resolves whenStepDerived once the step is there, and with null after the time-out', async () => {
    act(() => useStepMotionStore.setState({ derived: null }));
    const waiting = whenStepDerived('p/s/L', 5_000);
    const later = derivedFor('p/s/L');
    act(() => useStepMotionStore.setState({ derived: derivedFor('p/other/L') }));
    act(() => useStepMotionStore.setState({ derived: later }));
    await expect(waiting).resolves.toBe(later);
    await expect(whenStepDerived('p/never/L', 20)).resolves.toBeNull();
  });
});
