import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBodyGlb } from '../../scripts/lib/readBody.ts';
import { bodyDataFromGltf } from '../../src/bodyModel/bodyDataFromGltf.ts';
import type { BodyData } from '../../src/domain/body.ts';

const MODEL = resolve(import.meta.dirname, '../../models/body-adult.glb');

async function parseWithGltfLoader(path: string): Promise<GLTF> {
  const bytes = await readFile(path);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  await MeshoptDecoder.ready;
  const loader = new GLTFLoader().setMeshoptDecoder(MeshoptDecoder);
  return loader.parseAsync(buffer, '');
}

describe('body data read by the app from GLTFLoader', () => {
  let app: BodyData;
  let node: BodyData;
  beforeAll(async () => {
    [app, node] = await Promise.all([
      parseWithGltfLoader(MODEL).then(bodyDataFromGltf),
      readBodyGlb(MODEL),
    ]);
  });

  it('has the same zone parts, triangles and vertices as the Node reader', () => {
    expect(app.parts.map((p) => p.node)).toEqual(node.parts.map((p) => p.node));
    expect(app.indices.length).toBe(node.indices.length);
    expect(app.positions.length).toBe(node.positions.length);
    expect(Array.from(app.triangleParts)).toEqual(Array.from(node.triangleParts));
  });

  it('puts vertices and landmarks at the same places (within quantisation)', () => {
    let worst = 0;
    for (let i = 0; i < app.positions.length; i += 997) {
      worst = Math.max(worst, Math.abs((app.positions[i] ?? 0) - (node.positions[i] ?? 0)));
    }
    expect(worst).toBeLessThan(1e-4);
    expect([...app.landmarks.keys()].sort()).toEqual([...node.landmarks.keys()].sort());
    for (const [key, lm] of node.landmarks) {
      const mine = app.landmarks.get(key);
      expect(mine?.side).toBe(lm.side);
      for (let k = 0; k < 3; k++) expect(mine?.position[k]).toBeCloseTo(lm.position[k] ?? 0, 4);
    }
  });

  it('reads the landmark morph offsets and the per-vertex morph deltas', () => {
    const bunion = app.landmarks.get('bunion_apex.L');
    expect(bunion?.morphs.hallux_valgus).toEqual(
      node.landmarks.get('bunion_apex.L')?.morphs.hallux_valgus,
    );
    const mine = app.morphDeltas.hallux_valgus;
    const theirs = node.morphDeltas.hallux_valgus;
    expect(mine?.length).toBe(theirs?.length);
    let moved = 0;
    let worst = 0;
    for (let i = 0; i < (theirs?.length ?? 0); i++) {
      const a = mine?.[i] ?? 0;
      const b = theirs?.[i] ?? 0;
      if (Math.abs(b) > 1e-4) moved++;
      worst = Math.max(worst, Math.abs(a - b));
    }
    expect(moved).toBeGreaterThan(100);
    expect(worst).toBeLessThan(1e-4);
  });
});
