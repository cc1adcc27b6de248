import { useEffect, useState } from 'react';
import type { Mode } from '../domain/modes.ts';
import type { ModeUi } from '../ui/modeUi.ts';
import { learnUi } from './learn/learnUi.tsx';

/**
 * The registry of modes: each mode is a folder of src/modes/ (its panels, overlay, 3D parts and
 * store) whose `<mode>Ui.tsx` exports its `ModeUi`. Adding a mode: its folder, its name in
 * `MODES` (src/domain/modes.ts, for the URL), its loader here and its `ui.mode.<mode>` label in
 * content/locales. Present, Train and Home are loaded when first chosen: the first view needs neither.
 */
const loaders: Record<Exclude<Mode, 'learn'>, () => Promise<ModeUi>> = {
  present: () => import('./present/presentUi.tsx').then((m) => m.presentUi),
  train: () => import('./train/trainUi.tsx').then((m) => m.trainUi),
  home: () => import('./home/homeUi.tsx').then((m) => m.homeUi),
};

const loaded = new Map<Mode, ModeUi>([['learn', learnUi]]);
const failed = new Set<Mode>();

/**
 * The UI of a mode, or null for the moment its code is loading (once): the mode's panels then
 * replace nothing else, so no other mode's panels start work meanwhile. If it cannot load
 * (offline before it was cached), Learn's UI is used instead.
 */
export function useModeUi(mode: Mode): ModeUi | null {
  const [, setVersion] = useState(0);
  useEffect(() => {
    if (mode === 'learn' || loaded.has(mode) || failed.has(mode)) return;
    let live = true;
    loaders[mode]()
      .then((ui) => {
        loaded.set(mode, ui);
      })
      .catch((e: unknown) => {
        failed.add(mode);
        console.error(`Footwork: the ${mode} mode could not be loaded`, e);
      })
      .finally(() => {
        if (live) setVersion((v) => v + 1);
      });
    return () => {
      live = false;
    };
  }, [mode]);
  if (failed.has(mode)) return learnUi;
  return loaded.get(mode) ?? null;
}
