import { create } from 'zustand';
import type { Handout } from '../../domain/handout.ts';
import type { Program } from '../../domain/program.ts';

/** Present mode's own state: whether a presentation runs, narration, the handout. */
export interface PresentState {
  /** The presentation is on: chrome hidden, captions large (full screen when the browser allows). */
  readonly presenting: boolean;
  /**
   * The presentation opened on the protocol's cautions, position and safety before its first step;
   * the steps start when the presenter goes on.
   */
  readonly briefing: boolean;
  /** Read each step's plain words aloud. */
  readonly narration: boolean;
  /** The handout last prepared (rendered for print), or null. */
  readonly handout: Handout | null;
  /** Work that drives the player on its own (handout pictures, video): one at a time. */
  readonly busy: 'handout' | 'video' | null;
  /** The home program last made or shown, with the link that opens it (printed as a QR). */
  readonly program: { readonly program: Program; readonly link: string } | null;
  setProgram: (program: PresentState['program']) => void;
  setBusy: (busy: PresentState['busy']) => void;
  setPresenting: (on: boolean) => void;
  setBriefing: (on: boolean) => void;
  setNarration: (on: boolean) => void;
  setHandout: (handout: Handout | null) => void;
}

export const usePresentStore = create<PresentState>()((set) => ({
  presenting: false,
  briefing: false,
  narration: false,
  handout: null,
  busy: null,
  program: null,
  setProgram: (program) => set({ program }),
  setBusy: (busy) => set({ busy }),
  setPresenting: (presenting) => set({ presenting }),
  setBriefing: (briefing) => set({ briefing }),
  setNarration: (narration) => set({ narration }),
  setHandout: (handout) => set({ handout }),
}));
