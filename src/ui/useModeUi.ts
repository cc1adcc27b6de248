import { useEffect, useState } from 'react';
import type { Mode } from '../domain/modes.ts';
import { learnUi } from './learn/learnUi.tsx';
import type { ModeUi } from './modeUi.ts';

/** Present and Train are loaded when first chosen: the first view needs neither. */
const loaders: Record<Exclude<Mode, 'learn'>, () => Promise<ModeUi>> = {
  present: () => import('./present/presentUi.tsx').then((m) => m.presentUi),
  train: () => import('./train/trainUi.tsx').then((m) => m.trainUi),
};

const loaded = new Map<Mode, ModeUi>([['learn', learnUi]]);

/**
 * The UI of a mode. While a mode's code is loading (a moment, once) the Learn UI stays; if it
 * cannot load (offline before it was cached), Learn stays too.
 */
export function useModeUi(mode: Mode): ModeUi {
  const [, setVersion] = useState(0);
  useEffect(() => {
    if (mode === 'learn' || loaded.has(mode)) return;
    let live = true;
    loaders[mode]()
      .then((ui) => {
        loaded.set(mode, ui);
        if (live) setVersion((v) => v + 1);
      })
      .catch((e: unknown) => {
        console.error(`Footwork: the ${mode} mode could not be loaded`, e);
      });
    return () => {
      live = false;
    };
  }, [mode]);
  return loaded.get(mode) ?? learnUi;
}
