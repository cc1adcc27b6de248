import type { LocalizedText } from '../content/schema.ts';

/** The parts of a protocol that the zone index reads. */
export interface UsageProtocol {
  readonly id: string;
  readonly title: LocalizedText;
  readonly steps: readonly {
    readonly id: string;
    readonly title: LocalizedText;
    readonly zones: readonly string[];
    readonly source: string;
  }[];
}

export interface ZoneUse {
  readonly protocolId: string;
  readonly protocolTitle: LocalizedText;
  readonly stepId: string;
  readonly stepTitle: LocalizedText;
  readonly source: string;
}

/** For every zone id, the protocol steps that work on it, in protocol then step order. */
export function indexZoneUsage(
  protocols: readonly UsageProtocol[],
): ReadonlyMap<string, readonly ZoneUse[]> {
  const index = new Map<string, ZoneUse[]>();
  for (const p of protocols) {
    for (const s of p.steps) {
      for (const zone of new Set(s.zones)) {
        const list = index.get(zone) ?? [];
        list.push({
          protocolId: p.id,
          protocolTitle: p.title,
          stepId: s.id,
          stepTitle: s.title,
          source: s.source,
        });
        index.set(zone, list);
      }
    }
  }
  return index;
}
