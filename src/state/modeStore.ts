import { create } from 'zustand';
import { DEFAULT_MODE, MODE_PARAM, parseMode, type Mode } from '../domain/modes.ts';
import { writeUrl } from './url.ts';

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
    writeUrl({ mode });
    set({ mode });
  },
}));
