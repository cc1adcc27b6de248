import { create } from 'zustand';

/** How the hands are shown: on or off, seen from the massaging person, and which hand leads. */
export interface HandsSettings {
  /** Show the hands doing the step (the contact glyph otherwise). */
  readonly showHands: boolean;
  /** Frame the step from the massaging person's eyes, behind the hands. */
  readonly caregiverView: boolean;
  /** The left hand works in one-hand techniques, and the view is mirrored. */
  readonly leftHanded: boolean;
  setShowHands: (on: boolean) => void;
  setCaregiverView: (on: boolean) => void;
  setLeftHanded: (on: boolean) => void;
}

const KEY = 'footwork:hands';

/** The browser's localStorage, or null where it is missing or blocked. */
function storage(): Pick<Storage, 'getItem' | 'setItem'> | null {
  try {
    return (globalThis as { localStorage?: Storage }).localStorage ?? null;
  } catch {
    return null;
  }
}

function load(): Pick<HandsSettings, 'showHands' | 'caregiverView' | 'leftHanded'> {
  const fallback = { showHands: true, caregiverView: false, leftHanded: false };
  try {
    const raw = storage()?.getItem(KEY);
    if (!raw) return fallback;
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return fallback;
    const o = v as Record<string, unknown>;
    return {
      showHands: typeof o.showHands === 'boolean' ? o.showHands : fallback.showHands,
      caregiverView: typeof o.caregiverView === 'boolean' ? o.caregiverView : false,
      leftHanded: typeof o.leftHanded === 'boolean' ? o.leftHanded : false,
    };
  } catch {
    return fallback;
  }
}

function save(s: Pick<HandsSettings, 'showHands' | 'caregiverView' | 'leftHanded'>): void {
  try {
    storage()?.setItem(
      KEY,
      JSON.stringify({
        showHands: s.showHands,
        caregiverView: s.caregiverView,
        leftHanded: s.leftHanded,
      }),
    );
  } catch {
    // Full or blocked storage: the setting lasts for this visit only.
  }
}

export const useHandsStore = create<HandsSettings>()((set, get) => ({
  ...load(),
  setShowHands: (on) => {
    set({ showHands: on });
    save(get());
  },
  setCaregiverView: (on) => {
    set({ caregiverView: on });
    save(get());
  },
  setLeftHanded: (on) => {
    set({ leftHanded: on });
    save(get());
  },
}));
