import zonesFile from '../../content/zones.json';

/** One entry of the zone catalogue (`content/zones.json`). */
export interface ZoneInfo {
  readonly id: string;
  readonly name: string;
  readonly group: string;
  readonly bilateral: boolean;
  readonly avoid: { readonly reason: string } | null;
  readonly description: string;
}

export const ZONES: readonly ZoneInfo[] = zonesFile.zones;
const byId = new Map(ZONES.map((z) => [z.id, z]));

export function zoneInfo(id: string): ZoneInfo | undefined {
  return byId.get(id);
}

export const AVOID_ZONES: ReadonlySet<string> = new Set(
  ZONES.filter((z) => z.avoid !== null).map((z) => z.id),
);

export const FOOT_ZONES: ReadonlySet<string> = new Set(
  ZONES.filter((z) => z.group === 'foot').map((z) => z.id),
);

/** Zones of the feet and legs: hidden on the other side when a view looks at a foot's inner side. */
export const LIMB_ZONES: ReadonlySet<string> = new Set(
  ZONES.filter((z) => z.group === 'foot' || z.group === 'leg').map((z) => z.id),
);
