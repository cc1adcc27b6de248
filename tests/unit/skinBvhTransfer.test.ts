/**
 * The skin BVH built in a worker and sent back serialized answers exactly as one built on the
 * page: on the real adult body (with a bunion morph), the nearest skin point, its triangle and
 * zone agree for points all over the body, and the zone-subset queries still work.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import type { BodyData } from '../../src/domain/body.ts';
import { applyMorphs, createSkinProjector } from '../../src/domain/projectToSkin.ts';
import { buildSkinBvh, skinBvhOf } from '../../src/domain/skinBvhTransfer.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let body: BodyData;

beforeAll(async () => {
  body = applyMorphs(await readBodyFile(resolve(ROOT, 'models/body-adult.glb')), {
    hallux_valgus: 0.6,
  });
}, 60_000);

/** A deterministic spread of points around the body's bounding box. */
function points(n: number): [number, number, number][] {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < body.positions.length; i += 3)
    for (let k = 0; k < 3; k++) {
      const v = body.positions[i + k] ?? 0;
      lo[k] = Math.min(lo[k] ?? 0, v);
      hi[k] = Math.max(hi[k] ?? 0, v);
    }
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  return Array.from({ length: n }, () => {
    const p = [0, 1, 2].map((k) => (lo[k] ?? 0) + rnd() * ((hi[k] ?? 0) - (lo[k] ?? 0)));
    return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];
  });
}

describe('the skin BVH from a worker', () => {
  it('projects every point as the one built here does', () => {
    const here = createSkinProjector(body);
    // As the worker gets them (copies, taken over) and as a message brings the result back.
    const { bvh, transfer } = buildSkinBvh(body.positions.slice(), body.indices.slice());
    expect(transfer.length).toBeGreaterThan(0);
    expect(bvh.index).toBeNull();
    const sent = structuredClone(bvh, { transfer });
    const there = createSkinProjector(body, skinBvhOf(body, sent));
    let agreed = 0;
    const all = points(300);
    for (const p of all) {
      const a = here.project(p);
      const b = there.project(p);
      expect(b).not.toBeNull();
      if (a && b && a.triangle === b.triangle && a.zone === b.zone) agreed++;
      expect(b?.distance).toBeCloseTo(a?.distance ?? -1, 6);
    }
    expect(agreed).toBe(all.length);
    const toes = new Set(['hallux', 'toe2']);
    const p = all[0] ?? [0, 0, 0];
    expect(there.nearestOfZones(p, toes, 5)?.zone).toBe(here.nearestOfZones(p, toes, 5)?.zone);
  }, 60_000);
});
