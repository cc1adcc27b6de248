/**
 * Skin projection (src/domain/projectToSkin.ts) on the synthetic body of
 * tests/fixtures/content/syntheticBody.ts: a flat skin on y = 0 with a bunion disc on each side.
 */
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../src/domain/body.ts';
import { bodyPathFrame, samplePath } from '../../src/domain/paths.ts';
import { applyMorphs, createSkinProjector } from '../../src/domain/projectToSkin.ts';
import { syntheticBody } from '../fixtures/content/syntheticBody.ts';

const body = syntheticBody();
const skin = createSkinProjector(body);
const AVOID = new Set(['bunion']);

describe('createSkinProjector', () => {
  it('projects a point onto the closest skin with its zone, side and outward normal', () => {
    const hit = skin.project([0.08, 0.05, 0.001]);
    expect(hit?.point[0]).toBeCloseTo(0.08, 6);
    expect(hit?.point[1]).toBeCloseTo(0, 6);
    expect(hit?.point[2]).toBeCloseTo(0.001, 6);
    expect(hit?.distance).toBeCloseTo(0.05, 6);
    expect(hit?.normal[1]).toBeCloseTo(1, 12);
    expect(hit).toMatchObject({ zone: 'sole', side: 'L' });
    expect(skin.project([-0.04, -0.02, 0.001])).toMatchObject({ zone: 'bunion', side: 'R' });
    expect(skin.project([0.04 + 0.02, 0.01, 0])).toMatchObject({
      zone: 'first_mtp_joint',
      side: 'L',
    });
  });

  it('keeps the original triangle order (the BVH is indirect)', () => {
    const hit = skin.project([0.08, 0.01, 0.001]);
    const t = hit?.triangle ?? -1;
    const part = body.parts.at(body.triangleParts.at(t) ?? -1);
    expect(part?.zone).toBe(hit?.zone);
    expect(body.indices.length).toBe(syntheticBody().indices.length);
    expect([...body.indices.slice(0, 6)]).toEqual([...syntheticBody().indices.slice(0, 6)]);
  });

  it('gives the normal of the nearest skin', () => {
    const n = skin.normalAt([0.01, -0.3, 0]);
    expect(n[0]).toBeCloseTo(0, 12);
    expect(n[1]).toBeCloseTo(1, 12);
    expect(n[2]).toBeCloseTo(0, 12);
  });

  it('finds the nearest triangle of a zone set within a distance, or nothing', () => {
    // 20 mm from the bunion centre: about 8 mm from its 12 mm rim (the grid makes the rim jagged).
    const near = skin.nearestOfZones([0.06, 0, 0], AVOID, 0.02);
    expect(near?.zone).toBe('bunion');
    expect(near?.side).toBe('L');
    expect(near?.distance).toBeGreaterThan(0.006);
    expect(near?.distance).toBeLessThan(0.0095);
    expect(skin.nearestOfZones([0.06, 0, 0], AVOID, 0.005)).toBeNull();
    expect(skin.nearestOfZones([0.06, 0, 0], new Set(['knee']), 1)).toBeNull();
    expect(skin.nearestOfZones([0.04, 0, 0], AVOID, 0.001)?.distance).toBe(0);
  });

  it('works on an empty mesh without throwing', () => {
    const empty = createSkinProjector({
      ...body,
      indices: new Uint32Array(0),
      triangleParts: new Uint16Array(0),
    });
    expect(empty.project([0, 0, 0])).toBeNull();
    expect(empty.normalAt([0, 0, 0])).toEqual([0, 0, 1]);
    expect(empty.nearestOfZones([0, 0, 0], AVOID, 1)).toBeNull();
  });
});

describe('sampled paths on the skin', () => {
  it('a line across the bunion has samples on it; one beside it does not', () => {
    const frame = bodyPathFrame(
      body.landmarks,
      'L',
      () => true,
      (p) => skin.normalAt(p),
    );
    const zonesOf = (from: string, to: string) => {
      const r = samplePath({ kind: 'line', from, to }, frame, { spacingM: 0.004 });
      if (!r.ok) throw new Error('missing landmarks');
      return new Set(r.strokes.flatMap((s) => s.points).map((p) => skin.project(p)?.zone));
    };
    expect(zonesOf('heel_bottom', 'metatarsal_heads').has('bunion')).toBe(true);
    expect(zonesOf('arch_center', 'sole_center')).toEqual(new Set(['sole']));
  });
});

describe('applyMorphs', () => {
  it('moves vertices and landmarks by weight × delta and leaves the input alone', () => {
    const morphed = applyMorphs(body, { flat_foot: 0.5 });
    expect(morphed.positions[1]).toBeCloseTo(0.005, 6);
    expect(body.positions[1]).toBe(0);
    const lm = (b: typeof body): Vec3 | undefined => b.landmarks.get('sole_center.L')?.position;
    expect(lm(morphed)?.[1]).toBeCloseTo(0.005, 9);
    expect(lm(body)?.[1]).toBe(0);
    expect(morphed.landmarks.get('sacrum_center')?.position).toEqual([0, 0, -0.09]);
    const raised = createSkinProjector(morphed).project([0.08, 0.1, 0]);
    expect(raised?.point[1]).toBeCloseTo(0.005, 6);
  });

  it('returns the same body when no weight is set', () => {
    expect(applyMorphs(body, {})).toBe(body);
    expect(applyMorphs(body, { toes_flex: 0 })).toBe(body);
  });
});
