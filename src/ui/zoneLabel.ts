import type { Locale } from '../content/schema.ts';
import { zoneSideLabel } from '../i18n/zones.ts';
import type { ZoneRef } from '../state/viewerStore.ts';

/** Human name of a zone part, with its side: "Bunion (left)". */
export function zoneLabel(ref: ZoneRef, locale: Locale = 'en'): string {
  return zoneSideLabel(ref.zone, ref.side, locale);
}
