import { zoneInfo } from '../state/catalogue.ts';
import type { ZoneRef } from '../state/viewerStore.ts';

/** Human name of a zone part, with its side: "Bunion (left)". */
export function zoneLabel(ref: ZoneRef): string {
  const name = zoneInfo(ref.zone)?.name ?? ref.zone;
  return ref.side ? `${name} (${ref.side === 'L' ? 'left' : 'right'})` : name;
}
