// @vitest-environment happy-dom
/// <reference types="vite/client" />
import { act, renderHook } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentData } from '../../src/content/index.ts';
import { AVOID_ZONES } from '../../src/content/zoneCatalogue.ts';
import { useContentStore } from '../../src/state/contentStore.ts';
import { openProtocol } from '../../src/state/currentStep.ts';
import { useAvoidZones, useSafetyStore } from '../../src/state/safetyStore.ts';
import { repoContent } from '../fixtures/repo.ts';

let content: ContentData;

beforeAll(() => {
  content = repoContent();
  useContentStore.setState({ status: 'ready', data: content, problems: [] });
});

describe('useAvoidZones', () => {
  it("is the catalogue's avoid zones, plus the zones a ticked item rules out, stable in between", () => {
    // The list item that rules out the legs with varicose veins, for a protocol it applies to.
    const list = content.contraindications.find((l) =>
      l.items.some((i) => i.effect === 'avoid_zones' && i.zones.length > 0),
    );
    const item = list?.items.find((i) => i.effect === 'avoid_zones' && i.zones.length > 0);
    const loaded = content.protocols.find(
      (p) => list && p.protocol.contraindications.includes(list.id),
    );
    if (!list || !item || !loaded) throw new Error('no list with an avoid-zones item');
    act(() => {
      useSafetyStore.getState().clear();
      openProtocol(loaded, 0);
    });
    const { result, rerender } = renderHook(() => useAvoidZones());
    expect(result.current).toBe(AVOID_ZONES);
    rerender();
    expect(result.current).toBe(AVOID_ZONES);

    act(() => useSafetyStore.getState().setTicked(`${list.id}/${item.id}`, true));
    const ticked = result.current;
    expect(ticked).not.toBe(AVOID_ZONES);
    for (const zone of AVOID_ZONES) expect(ticked.has(zone)).toBe(true);
    for (const zone of item.zones) expect(ticked.has(zone)).toBe(true);
    rerender();
    expect(result.current).toBe(ticked);

    act(() => useSafetyStore.getState().clear());
    expect(result.current).toBe(AVOID_ZONES);
  });
});
