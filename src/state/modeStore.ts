import { create } from 'zustand';
import { DEFAULT_MODE, MODE_PARAM, parseMode, withMode, type Mode } from '../domain/modes.ts';

interface ModeState {
  readonly mode: Mode;
  /** Switches the mode and writes it to the URL (kept with the other parameters). */
  readonly setMode: (mode: Mode) => void;
}

const start =
  parseMode(new URLSearchParams(window.location.search).get(MODE_PARAM)) ?? DEFAULT_MODE;

export const useModeStore = create<ModeState>()((set, get) => ({
  mode: start,
  setMode: (mode) => {
    if (get().mode === mode) return;
    const { pathname, search, hash } = window.location;
    const next = withMode(search, mode);
    window.history.replaceState(
      window.history.state,
      '',
      `${pathname}${next ? `?${next}` : ''}${hash}`,
    );
    set({ mode });
  },
}));
