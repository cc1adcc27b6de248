// @vitest-environment happy-dom
/// <reference types="vite/client" />
import { act, renderHook } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentData } from '../../src/content/index.ts';
import { useContentStore } from '../../src/state/contentStore.ts';
import { useLocaleStore } from '../../src/state/localeStore.ts';
import { useModeStore } from '../../src/state/modeStore.ts';
import { playerEngine, usePlayerStore } from '../../src/state/playerStore.ts';
import { useDeepLink } from '../../src/state/useDeepLink.ts';
import { useViewerStore } from '../../src/state/viewerStore.ts';
import { repoContent } from '../fixtures/repo.ts';

let content: ContentData;
const P1 = 'p1-hallux-valgus-adult-self';

beforeAll(() => {
  content = repoContent();
});

describe('useDeepLink', () => {
  it('opens the linked step, side and view, then writes every change back, keeping lang and mode', () => {
    window.history.replaceState(
      null,
      '',
      `/?protocol=${P1}&step=3&side=R&view=plantar&speed=1.5&lang=ru&mode=present`,
    );
    renderHook(() => useDeepLink());
    // Nothing is opened before the content is there.
    expect(usePlayerStore.getState().player.protocolId).not.toBe(P1);
    act(() => useContentStore.setState({ status: 'ready', data: content, problems: [] }));

    const { player } = usePlayerStore.getState();
    expect(player.protocolId).toBe(P1);
    expect(player.stepIndex).toBe(2);
    expect(player.speed).toBe(1.5);
    const viewer = useViewerStore.getState();
    expect(viewer.side).toBe('R');
    expect(viewer.view).toBe('plantar');
    // The linked view is held for that very step (the camera keeps it instead of framing it).
    const step = content.protocols.find((p) => p.protocol.id === P1)?.protocol.steps[2];
    const side = step?.side === 'left' ? 'L' : step?.side === 'right' ? 'R' : 'R';
    expect(viewer.holdViewFor).toBe(`${P1}/${step?.id ?? ''}/${side}`);

    act(() => playerEngine.dispatch({ type: 'next' }));
    const search = new URLSearchParams(window.location.search);
    expect(search.get('protocol')).toBe(P1);
    expect(search.get('step')).toBe('4');
    expect(search.get('side')).toBe('R');
    expect(search.get('view')).toBe('plantar');
    expect(search.get('speed')).toBe('1.5');
    expect(search.get('lang')).toBe('ru');
    expect(search.get('mode')).toBe('present');

    // The language and mode switches write their own parameter and keep the link.
    act(() => useLocaleStore.getState().setLocale('en'));
    act(() => useModeStore.getState().setMode('train'));
    const after = new URLSearchParams(window.location.search);
    expect(after.get('lang')).toBe('en');
    expect(after.get('mode')).toBe('train');
    expect(after.get('step')).toBe('4');
    expect(after.get('protocol')).toBe(P1);
    // Choosing the step's own framing drops the view from the link.
    act(() => useViewerStore.getState().clearView());
    expect(new URLSearchParams(window.location.search).get('view')).toBeNull();
  });

  it('follows a link pushed onto the history inside the page: its protocol, step and side open', () => {
    window.history.replaceState(null, '', `/?protocol=${P1}&step=2&side=L`);
    act(() => useContentStore.setState({ status: 'ready', data: null, problems: [] }));
    renderHook(() => useDeepLink());
    act(() => useContentStore.setState({ status: 'ready', data: content, problems: [] }));
    expect(usePlayerStore.getState().player.stepIndex).toBe(1);

    const other = content.protocols[1]?.protocol.id ?? '';
    window.history.pushState(null, '', `/?protocol=${other}&step=3&side=R`);
    act(() => {
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    const { player } = usePlayerStore.getState();
    expect(player.protocolId).toBe(other);
    expect(player.stepIndex).toBe(2);
    expect(useViewerStore.getState().side).toBe('R');

    // Back: the first link's step again.
    window.history.replaceState(null, '', `/?protocol=${P1}&step=5&side=L`);
    act(() => {
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(usePlayerStore.getState().player.protocolId).toBe(P1);
    expect(usePlayerStore.getState().player.stepIndex).toBe(4);
    expect(useViewerStore.getState().side).toBe('L');
  });
});
