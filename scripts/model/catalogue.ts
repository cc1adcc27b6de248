/** The zone and landmark catalogues in content/, read and checked by the model build. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface CatalogueZone {
  readonly id: string;
  readonly name: string;
  readonly group: string;
  readonly bilateral: boolean;
}

export interface CatalogueLandmark {
  readonly name: string;
  readonly bilateral: boolean;
  readonly zone: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function readZones(root: string): CatalogueZone[] {
  const file = resolve(root, 'content/zones.json');
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isRecord(json) || !Array.isArray(json.zones))
    throw new Error(`${file}: expected { zones: [...] }`);
  return json.zones.map((z: unknown, i: number) => {
    if (
      !isRecord(z) ||
      typeof z.id !== 'string' ||
      typeof z.group !== 'string' ||
      typeof z.bilateral !== 'boolean'
    ) {
      throw new Error(`${file} › zones[${i}]: needs id, group and bilateral`);
    }
    return {
      id: z.id,
      name: typeof z.name === 'string' ? z.name : z.id,
      group: z.group,
      bilateral: z.bilateral,
    };
  });
}

export function readLandmarks(root: string): CatalogueLandmark[] {
  const file = resolve(root, 'content/landmarks.json');
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isRecord(json) || !Array.isArray(json.landmarks))
    throw new Error(`${file}: expected { landmarks: [...] }`);
  return json.landmarks.map((l: unknown, i: number) => {
    if (
      !isRecord(l) ||
      typeof l.name !== 'string' ||
      typeof l.zone !== 'string' ||
      typeof l.bilateral !== 'boolean'
    ) {
      throw new Error(`${file} › landmarks[${i}]: needs name, zone and bilateral`);
    }
    return { name: l.name, zone: l.zone, bilateral: l.bilateral };
  });
}
