// @vitest-environment happy-dom
/// <reference types="vite/client" />
import { act, renderHook } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentData } from '../../src/content/index.ts';
import { useContentStore } from '../../src/state/contentStore.ts';
import { openProtocol, useCurrentProtocol, useCurrentStep } from '../../src/state/currentStep.ts';
import { playerEngine } from '../../src/state/playerStore.ts';
import { useViewerStore } from '../../src/state/viewerStore.ts';
import { repoContent } from '../fixtures/repo.ts';

let content: ContentData;

beforeAll(() => {
  content = repoContent();
  useContentStore.setState({ status: 'ready', data: content, problems: [] });
});

function open(id: string, step: number) {
  const loaded = content.protocols.find((p) => p.protocol.id === id);
  if (!loaded) throw new Error(`no protocol ${id}`);
  act(() => openProtocol(loaded, step));
  return loaded;
}

describe('useCurrentStep', () => {
  it('returns the same object on every render while the step and side stay', () => {
    const loaded = open('p1-hallux-valgus-adult-self', 2);
    const { result, rerender } = renderHook(() => useCurrentStep());
    const first = result.current;
    expect(first?.step.id).toBe(loaded.protocol.steps[2]?.id);
    rerender();
    rerender();
    expect(result.current).toBe(first);
    // A change elsewhere in the stores (hover, a preset view) does not make a new step either.
    act(() => {
      useViewerStore.getState().hover({ zone: 'hallux', side: 'L' });
      useViewerStore.getState().setView('whole');
    });
    expect(result.current).toBe(first);
  });

  it('gives a new step when the step, the side or the protocol changes', () => {
    open('p1-hallux-valgus-adult-self', 2);
    const { result } = renderHook(() => useCurrentStep());
    const first = result.current;
    act(() => playerEngine.dispatch({ type: 'next' }));
    expect(result.current).not.toBe(first);
    expect(result.current?.index).toBe(3);
    const next = result.current;
    const chosen = next?.step.side === 'chosen' || next?.step.side === 'both';
    act(() =>
      useViewerStore.getState().setSide(useViewerStore.getState().side === 'L' ? 'R' : 'L'),
    );
    if (chosen) expect(result.current).not.toBe(next);
    else expect(result.current).toBe(next);
    const other = content.protocols.find((p) => p.protocol.id !== 'p1-hallux-valgus-adult-self');
    if (!other) throw new Error('only one protocol');
    open(other.protocol.id, 0);
    expect(result.current?.protocol).toBe(other);
  });
});

describe('useCurrentProtocol', () => {
  it('is the loaded protocol in the player, the same object across renders', () => {
    const loaded = open('p1-hallux-valgus-adult-self', 0);
    const { result, rerender } = renderHook(() => useCurrentProtocol());
    expect(result.current).toBe(loaded);
    rerender();
    expect(result.current).toBe(loaded);
  });
});
