import { useSyncExternalStore } from 'react';
import { modelLoad, subscribeModelLoad, type ModelLoad } from '../bodyModel/loadBody.ts';
import type { BodyKind } from '../bodyModel/modelUrls.ts';

export type { ModelLoad };

/** Where the download of a body model stands (re-renders as bytes arrive). */
export function useModelLoad(kind: BodyKind): ModelLoad {
  return useSyncExternalStore(subscribeModelLoad, () => modelLoad(kind));
}
