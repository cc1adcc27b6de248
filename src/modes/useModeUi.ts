import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { Mode } from '../domain/modes.ts';
import { loadModeWords } from '../i18n/i18n.ts';
import { useModeStore } from '../state/modeStore.ts';
import type { ModeUi } from '../ui/modeUi.ts';
import { learnUi } from './learn/learnUi.tsx';

/**
 * The registry of modes: each mode is a folder of src/modes/ (its panels, overlay, 3D parts and
 * store) whose `<mode>Ui.tsx` exports its `ModeUi`. Adding a mode: its folder, its name in
 * `MODES` (src/domain/modes.ts, for the URL), its loader here and its `ui.mode.<mode>` label in
 * content/locales. Present, Train and Home are loaded when first chosen, with their words: the first
 * view needs neither.
 */
const withWords = <T>(code: Promise<T>): Promise<T> =>
  Promise.all([code, loadModeWords()]).then(([ui]) => ui);
const loaders: Record<Exclude<Mode, 'learn'>, () => Promise<ModeUi>> = {
  present: () => withWords(import('./present/presentUi.tsx').then((m) => m.presentUi)),
  train: () => withWords(import('./train/trainUi.tsx').then((m) => m.trainUi)),
  home: () => withWords(import('./home/homeUi.tsx').then((m) => m.homeUi)),
};

const loaded = new Map<Mode, ModeUi>([['learn', learnUi]]);

/** A mode whose code could not be loaded: the app went back to `previous`. */
export interface ModeFailure {
  readonly mode: Mode;
  readonly previous: Mode;
  readonly error: string;
}

interface ModeFailureState {
  readonly failure: ModeFailure | null;
  /** Tries the failed mode again (its code is fetched again). */
  retry: () => void;
  dismiss: () => void;
}

export const useModeFailure = create<ModeFailureState>()((set, get) => ({
  failure: null,
  retry: () => {
    const failure = get().failure;
    if (!failure) return;
    set({ failure: null });
    useModeStore.getState().setMode(failure.mode);
  },
  dismiss: () => set({ failure: null }),
}));

/** The last mode whose panels were shown: where a failed switch goes back to. */
let lastShown: Mode = 'learn';

/**
 * The UI of a mode, or null for the moment its code is loading: the mode's panels then replace
 * nothing else, so no other mode's panels start work meanwhile. If its code cannot be loaded
 * (offline before it was cached, a failed request), the app goes back to the mode it showed
 * before, which stays usable, and `useModeFailure` says what failed, with a retry.
 */
export function useModeUi(mode: Mode): ModeUi | null {
  const [, setVersion] = useState(0);
  const ui = loaded.get(mode) ?? null;
  useEffect(() => {
    if (ui) {
      lastShown = mode;
      return;
    }
    if (mode === 'learn') return;
    let live = true;
    loaders[mode]()
      .then((loadedUi) => {
        loaded.set(mode, loadedUi);
      })
      .catch((e: unknown) => {
        const error = e instanceof Error ? e.message : String(e);
        console.warn(`Footwork: the ${mode} mode could not be loaded`, e);
        if (!live || useModeStore.getState().mode !== mode) return;
        useModeFailure.setState({ failure: { mode, previous: lastShown, error } });
        useModeStore.getState().setMode(lastShown);
      })
      .finally(() => {
        if (live) setVersion((v) => v + 1);
      });
    return () => {
      live = false;
    };
  }, [mode, ui]);
  return ui;
}
