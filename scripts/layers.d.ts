export interface LayerPlace {
  /** The layer entry: a folder of src/, a mode folder (`modes/train`) or a file (`App.tsx`). */
  readonly name: string;
  /** Position in layers.json, lowest first. */
  readonly rank: number;
  /** The paths (relative to src/) it covers. */
  readonly paths: readonly string[];
}
export function layerPlaces(): LayerPlace[];
export function layerZones(): { target: string; from: string[]; message: string }[];
