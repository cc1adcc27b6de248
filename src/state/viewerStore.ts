import { create } from 'zustand';
import type { Side } from '../domain/body.ts';
import type { ViewId } from '../domain/views.ts';

/** A zone part under the pointer or selected: the catalogue id and the side it is on. */
export interface ZoneRef {
  readonly zone: string;
  readonly side: Side | null;
}

export interface ViewerState {
  /** The preset the camera shows, or null while it frames the current step. */
  readonly view: ViewId | null;
  /** Which foot (and leg) the foot views and side-specific work focus on. */
  readonly side: Side;
  /** Bumped on every view request so choosing the same preset again flies back to it. */
  readonly viewRequest: number;
  readonly hovered: ZoneRef | null;
  readonly selected: ZoneRef | null;
  readonly modelReady: boolean;
  setView: (view: ViewId, side?: Side) => void;
  setSide: (side: Side) => void;
  resetView: () => void;
  hover: (zone: ZoneRef | null) => void;
  select: (zone: ZoneRef | null) => void;
  setModelReady: (ready: boolean) => void;
  /** The camera left the presets to frame a step. */
  clearView: () => void;
  /** A step (`stepId:side`) whose own framing must not replace the preset (a link named a view). */
  readonly holdViewFor: string | null;
  setHoldViewFor: (key: string | null) => void;
}

export function sameZone(a: ZoneRef | null, b: ZoneRef | null): boolean {
  return a === b || (a !== null && b !== null && a.zone === b.zone && a.side === b.side);
}

export const useViewerStore = create<ViewerState>()((set, get) => ({
  view: 'whole',
  side: 'L',
  viewRequest: 0,
  hovered: null,
  selected: null,
  modelReady: false,
  setView: (view, side) =>
    set((s) => ({ view, side: side ?? s.side, viewRequest: s.viewRequest + 1 })),
  setSide: (side) => set((s) => ({ side, viewRequest: s.viewRequest + 1 })),
  resetView: () => set((s) => ({ view: 'whole', viewRequest: s.viewRequest + 1 })),
  hover: (zone) => {
    if (!sameZone(get().hovered, zone)) set({ hovered: zone });
  },
  select: (zone) => {
    if (!sameZone(get().selected, zone)) set({ selected: zone });
  },
  setModelReady: (ready) => set({ modelReady: ready }),
  clearView: () => set({ view: null }),
  holdViewFor: null,
  setHoldViewFor: (key) => set({ holdViewFor: key }),
}));

/**
 * Where the pointer is over the canvas, in CSS pixels. Kept outside React state: the hover label
 * subscribes to it and moves itself, so pointer motion never re-renders components.
 */
type PointerListener = (x: number, y: number) => void;
const pointerListeners = new Set<PointerListener>();
export const pointerTracker = {
  emit(x: number, y: number): void {
    for (const l of pointerListeners) l(x, y);
  },
  subscribe(listener: PointerListener): () => void {
    pointerListeners.add(listener);
    return () => pointerListeners.delete(listener);
  },
};
