import { useMemo } from 'react';
import { localized } from '../content/localized.ts';
import { indexZoneUsage } from '../domain/zoneUsage.ts';
import { useContentStore } from './contentStore.ts';
import { useT } from './localeStore.ts';

/** A protocol step that works on a zone, as listed in the zone panel. */
export interface ZoneUsage {
  readonly protocolId: string;
  readonly protocolTitle: string;
  readonly stepTitle: string;
  readonly source: string;
}

/** The steps of the loaded protocols that work on a zone, in the current language. */
export function useZoneUsage(): (zone: string) => readonly ZoneUsage[] {
  const content = useContentStore((s) => s.data);
  const { locale } = useT();
  return useMemo(() => {
    const index = indexZoneUsage(content?.protocols.map((p) => p.protocol) ?? []);
    return (zone: string): readonly ZoneUsage[] =>
      (index.get(zone) ?? []).map((u) => ({
        protocolId: u.protocolId,
        protocolTitle: localized(u.protocolTitle, locale),
        stepTitle: localized(u.stepTitle, locale),
        source: u.source,
      }));
  }, [content, locale]);
}
