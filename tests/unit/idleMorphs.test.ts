/**
 * The first frame's still picture sets aside morph targets whose weights are all zero while it
 * draws (src/boot/idleMorphs.ts), and gives every mesh its morphs back afterwards.
 */
import { BufferAttribute, BufferGeometry, Group, Mesh } from 'three';
import { describe, expect, it } from 'vitest';
import { withoutIdleMorphs } from '../../src/boot/idleMorphs.ts';

function morphed(weights: number[]): Mesh {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(new Float32Array(9), 3));
  g.morphAttributes.position = weights.map(() => new BufferAttribute(new Float32Array(9), 3));
  const mesh = new Mesh(g);
  mesh.updateMorphTargets();
  weights.forEach((w, i) => {
    if (mesh.morphTargetInfluences) mesh.morphTargetInfluences[i] = w;
  });
  return mesh;
}

describe('withoutIdleMorphs', () => {
  it('draws meshes at rest without their morphs and keeps those of a mesh with a weight', () => {
    const rest = morphed([0, 0]);
    const bent = morphed([0, 0.4]);
    const plain = new Mesh(new BufferGeometry());
    const root = new Group().add(rest, bent, plain);
    const seen = withoutIdleMorphs(root, () => ({
      rest: Object.keys(rest.geometry.morphAttributes),
      restInfluences: rest.morphTargetInfluences,
      bent: Object.keys(bent.geometry.morphAttributes),
      bentInfluences: bent.morphTargetInfluences?.slice(),
    }));
    expect(seen).toEqual({
      rest: [],
      restInfluences: undefined,
      bent: ['position'],
      bentInfluences: [0, 0.4],
    });
  });

  it('gives the morphs back afterwards, also when drawing throws', () => {
    const rest = morphed([0, 0]);
    const targets = rest.geometry.morphAttributes.position;
    const influences = rest.morphTargetInfluences;
    expect(() =>
      withoutIdleMorphs(rest, () => {
        throw new Error('lost context');
      }),
    ).toThrow('lost context');
    expect(rest.geometry.morphAttributes.position).toBe(targets);
    expect(rest.morphTargetInfluences).toBe(influences);
    expect(withoutIdleMorphs(rest, () => 7)).toBe(7);
    expect(rest.geometry.morphAttributes.position).toHaveLength(2);
  });
});
