import { describe, expect, it } from 'vitest';
import {
  TABLE_TOP_M,
  applyPose,
  poseMorphs,
  poseTransform,
  rotatePose,
} from '../../src/domain/pose.ts';
import type { Bounds } from '../../src/domain/views.ts';

const body: Bounds = { min: [-0.25, 0, -0.15], max: [0.25, 1.7, 0.2] };

describe('poses', () => {
  it('leaves a standing body as modelled', () => {
    const t = poseTransform('standing', body);
    expect(applyPose(t, [0.1, 1, 0.05])).toEqual([0.1, 1, 0.05]);
    expect(t.onTable).toBe(false);
  });

  it('lays a supine body on its back on the table, face up', () => {
    const t = poseTransform('supine', body);
    const back = applyPose(t, [0, 1, body.min[2]]);
    expect(back[1]).toBeCloseTo(TABLE_TOP_M, 9);
    const front = rotatePose(t, [0, 0, 1]);
    expect(front[1]).toBeCloseTo(1, 9);
    // Head and feet end up at opposite ends of the table, centred on it.
    const head = applyPose(t, [0, body.max[1], 0]);
    const feet = applyPose(t, [0, body.min[1], 0]);
    expect(head[2] + feet[2]).toBeCloseTo(0, 9);
  });

  it('lays a prone body face down with the back up', () => {
    const t = poseTransform('prone', body);
    const front = applyPose(t, [0, 1, body.max[2]]);
    expect(front[1]).toBeCloseTo(TABLE_TOP_M, 9);
    expect(rotatePose(t, [0, 0, -1])[1]).toBeCloseTo(1, 9);
    // Nothing of the body sinks below the table top.
    for (const z of [body.min[2], body.max[2]]) {
      expect(applyPose(t, [0, 0.5, z])[1]).toBeGreaterThanOrEqual(TABLE_TOP_M - 1e-9);
    }
  });
});

describe('poseMorphs', () => {
  it('lays the arms on the table only in the lying poses, one pose morph at a time', () => {
    expect(poseMorphs('supine')).toEqual({ arms_supine: 1, arms_prone: 0 });
    expect(poseMorphs('prone')).toEqual({ arms_supine: 0, arms_prone: 1 });
    expect(poseMorphs('standing')).toEqual({ arms_supine: 0, arms_prone: 0 });
    expect(poseMorphs('seated')).toEqual({ arms_supine: 0, arms_prone: 0 });
  });
});
