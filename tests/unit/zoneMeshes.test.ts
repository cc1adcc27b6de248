import { BoxGeometry, Group, Mesh, Object3D } from 'three';
import { describe, expect, it } from 'vitest';
import { boundsOf, collectZoneMeshes, zoneOfObject } from '../../src/scene/zoneMeshes.ts';

function zoneMesh(zone: string, side: string | null, x: number): Mesh {
  const m = new Mesh(new BoxGeometry(0.1, 0.1, 0.1));
  m.position.x = x;
  m.userData = { zone, side };
  return m;
}

describe('zone meshes of a loaded model', () => {
  const root = new Group();
  const left = zoneMesh('hallux', 'L', 0.1);
  const right = zoneMesh('hallux', 'R', -0.1);
  const spine = zoneMesh('vertebrae', null, 0);
  const landmark = new Object3D();
  landmark.name = 'lm:toe1_tip.L';
  const untagged = new Mesh(new BoxGeometry(1, 1, 1));
  root.add(left, right, spine, landmark, untagged);

  it('finds every mesh that carries a zone, with its side, and nothing else', () => {
    const found = collectZoneMeshes(root);
    expect(found.map((m) => `${m.zone}:${String(m.side)}`)).toEqual([
      'hallux:L',
      'hallux:R',
      'vertebrae:null',
    ]);
  });

  it('reads the zone of a picked object and ignores objects without one', () => {
    expect(zoneOfObject(left)).toEqual({ zone: 'hallux', side: 'L' });
    expect(zoneOfObject(spine)).toEqual({ zone: 'vertebrae', side: null });
    expect(zoneOfObject(untagged)).toBeNull();
    const odd = zoneMesh('heel', 'X', 0);
    expect(zoneOfObject(odd)).toEqual({ zone: 'heel', side: null });
  });

  it('bounds only the meshes the filter accepts, in world space', () => {
    const meshes = collectZoneMeshes(root);
    const b = boundsOf(meshes, (m) => m.side === 'L');
    expect(b?.min[0]).toBeCloseTo(0.05, 6);
    expect(b?.max[0]).toBeCloseTo(0.15, 6);
    const all = boundsOf(meshes, () => true);
    expect(all?.min[0]).toBeCloseTo(-0.15, 6);
    expect(boundsOf(meshes, () => false)).toBeNull();
  });
});
