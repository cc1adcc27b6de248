// @vitest-environment happy-dom
/// <reference types="vite/client" />
import { act, renderHook } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentData, ContraindicationItem } from '../../src/content/index.ts';
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
  it("is the catalogue's avoid zones, plus the zones a ticked condition rules out, stable in between", () => {
    // A rule that rules out the legs when a condition is ticked (varicose veins), in a list that
    // a protocol names.
    const rulesOutZones = (i: ContraindicationItem) =>
      i.effect === 'avoid_zones' &&
      i.when !== undefined &&
      i.zones.some((z) => !AVOID_ZONES.has(z));
    const list = content.contraindications.find(
      (l) =>
        l.items.some(rulesOutZones) &&
        content.protocols.some((p) => p.protocol.contraindications.includes(l.id)),
    );
    const item = list?.items.find(rulesOutZones);
    const loaded = content.protocols.find(
      (p) => list && p.protocol.contraindications.includes(list.id),
    );
    if (!list || !item?.when || !loaded) throw new Error('no list with an avoid-zones item');
    const conditions = item.when;
    act(() => {
      useSafetyStore.getState().clear();
      openProtocol(loaded, 0);
    });
    const { result, rerender } = renderHook(() => useAvoidZones());
    expect(result.current).toBe(AVOID_ZONES);
    rerender();
    expect(result.current).toBe(AVOID_ZONES);

    act(() => {
      for (const id of conditions) useSafetyStore.getState().setTicked(id, true);
    });
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
