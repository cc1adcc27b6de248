import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readGltfFile } from '../../scripts/lib/readBodyFile.ts';
import { bodyDataFromGltf } from '../../src/bodyModel/bodyDataFromGltf.ts';
import type { BodyData } from '../../src/domain/body.ts';

const MODEL = resolve(import.meta.dirname, '../../models/body-adult.glb');

interface GltfJson {
  readonly nodes: readonly {
    readonly name?: string;
    readonly mesh?: number;
    readonly extras?: { zone?: unknown; side?: unknown };
  }[];
  readonly meshes: readonly {
    readonly primitives: readonly { readonly indices?: number; readonly targets?: unknown[] }[];
  }[];
  readonly accessors: readonly { readonly count: number }[];
}

describe('body data read from the glTF (the one reader of app and Node)', () => {
  let body: BodyData;
  let json: GltfJson;
  beforeAll(async () => {
    const gltf = await readGltfFile(MODEL);
    json = gltf.parser.json as GltfJson;
    body = bodyDataFromGltf(gltf);
  });

  it('has one zone part per zone mesh node, with its glTF name, zone and side', () => {
    const zoneNodes = json.nodes.filter(
      (n) => n.mesh !== undefined && typeof n.extras?.zone === 'string',
    );
    expect(zoneNodes.length).toBeGreaterThan(50);
    expect(body.parts.map((p) => p.node).sort()).toEqual(zoneNodes.map((n) => n.name).sort());
    for (const part of body.parts) {
      const node = zoneNodes.find((n) => n.name === part.node);
      expect(part.zone).toBe(node?.extras?.zone);
      expect(part.side).toBe(
        node?.extras?.side === 'L' || node?.extras?.side === 'R' ? node.extras.side : null,
      );
    }
  });

  it('has every triangle of those meshes, each tagged with its part', () => {
    const indexCount = json.nodes
      .filter((n) => n.mesh !== undefined && typeof n.extras?.zone === 'string')
      .flatMap((n) => json.meshes[n.mesh ?? -1]?.primitives ?? [])
      .reduce((sum, p) => sum + (json.accessors[p.indices ?? -1]?.count ?? 0), 0);
    expect(body.indices.length).toBe(indexCount);
    expect(body.triangleParts.length).toBe(indexCount / 3);
    expect(Math.max(...body.triangleParts)).toBe(body.parts.length - 1);
    // Standing: feet on the floor, the head under 2 m.
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 1; i < body.positions.length; i += 3) {
      minY = Math.min(minY, body.positions[i] ?? 0);
      maxY = Math.max(maxY, body.positions[i] ?? 0);
    }
    expect(minY).toBeCloseTo(0, 2);
    expect(maxY).toBeGreaterThan(1.4);
    expect(maxY).toBeLessThan(2);
  });

  it('reads every landmark node (lm:<key>) with its side and morph offsets', () => {
    const names = json.nodes.flatMap((n) => (n.name?.startsWith('lm:') ? [n.name.slice(3)] : []));
    expect([...body.landmarks.keys()].sort()).toEqual(names.sort());
    expect(body.landmarks.get('heel_back.L')?.side).toBe('L');
    expect(body.landmarks.get('sacrum_center')?.side ?? null).toBeNull();
    const bunion = body.landmarks.get('bunion_apex.L')?.morphs.hallux_valgus;
    expect(bunion && Math.hypot(...bunion)).toBeGreaterThan(0.001);
  });

  it('reads the per-vertex morph deltas, aligned with the positions', () => {
    const deltas = body.morphDeltas.hallux_valgus;
    expect(deltas?.length).toBe(body.positions.length);
    const moved = Array.from(deltas ?? []).filter((d) => Math.abs(d) > 1e-4).length;
    expect(moved).toBeGreaterThan(100);
  });
});
