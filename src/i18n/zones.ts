/** Zone names, descriptions and avoid reasons in the UI language (English from content/zones.json). */
import type { Locale } from '../content/schema.ts';
import { zoneInfo } from '../content/zoneCatalogue.ts';
import type { Side } from '../domain/body.ts';
import { translator, type UiKey } from './i18n.ts';

function lookup(key: string, locale: Locale): string | undefined {
  if (locale === 'en') return undefined;
  const t = translator(locale);
  const value = t(key as UiKey);
  return value === key ? undefined : value;
}

export function zoneName(id: string, locale: Locale): string {
  return lookup(`zone.${id}.name`, locale) ?? zoneInfo(id)?.name ?? id;
}

export function zoneDescription(id: string, locale: Locale): string | undefined {
  const info = zoneInfo(id);
  if (!info) return undefined;
  return lookup(`zone.${id}.description`, locale) ?? info.description;
}

export function zoneAvoidReason(id: string, locale: Locale): string | undefined {
  const info = zoneInfo(id);
  if (!info?.avoid) return undefined;
  return lookup(`zone.${id}.avoid`, locale) ?? info.avoid.reason;
}

/** "Bunion (left)" / "Косточка (слева)". */
export function zoneSideLabel(id: string, side: Side | null, locale: Locale): string {
  const name = zoneName(id, locale);
  if (!side) return name;
  const t = translator(locale);
  return t('ui.zone.withSide', { name, side: t(side === 'L' ? 'ui.side.L' : 'ui.side.R') });
}
