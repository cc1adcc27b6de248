import { describe, expect, it } from 'vitest';
import {
  VIEW_IDS,
  boundsCenter,
  frameBounds,
  isViewId,
  keepAboveTable,
  viewDirection,
  type Bounds,
} from '../../src/domain/views.ts';

const leftFoot: Bounds = { min: [0.05, 0, -0.05], max: [0.15, 0.1, 0.2] };

describe('preset views', () => {
  it('looks at the centre of what it frames', () => {
    const pose = frameBounds(leftFoot, 'medial', 'L', 40, 16 / 9);
    expect(pose.target).toEqual(boundsCenter(leftFoot));
  });

  it('sees the medial side of the left foot from -X and of the right foot from +X', () => {
    expect(viewDirection('medial', 'L')[0]).toBeLessThan(0);
    expect(viewDirection('medial', 'R')[0]).toBeGreaterThan(0);
    expect(viewDirection('lateral', 'L')[0]).toBeGreaterThan(0);
    expect(viewDirection('lateral', 'R')[0]).toBeLessThan(0);
  });

  it('looks at the sole from below and the dorsum from above', () => {
    const plantar = frameBounds(leftFoot, 'plantar', 'L', 40, 1);
    const dorsal = frameBounds(leftFoot, 'dorsal', 'L', 40, 1);
    expect(plantar.position[1]).toBeLessThan(leftFoot.min[1]);
    expect(dorsal.position[1]).toBeGreaterThan(leftFoot.max[1]);
  });

  it('stands in front for anterior and behind for posterior', () => {
    expect(frameBounds(leftFoot, 'anterior', 'L', 40, 1).position[2]).toBeGreaterThan(0.2);
    expect(frameBounds(leftFoot, 'posterior', 'L', 40, 1).position[2]).toBeLessThan(-0.05);
  });

  it('backs off further for a narrow viewport so the bounds still fit', () => {
    const dist = (aspect: number) => {
      const p = frameBounds(leftFoot, 'anterior', 'L', 40, aspect);
      return Math.hypot(...(p.position.map((v, i) => v - p.target[i]) as [number, number, number]));
    };
    expect(dist(0.5)).toBeGreaterThan(dist(2));
  });

  it('returns unit directions for every view and recognises view ids', () => {
    for (const v of VIEW_IDS) {
      const d = viewDirection(v, 'R');
      expect(Math.hypot(...d)).toBeCloseTo(1, 6);
      expect(isViewId(v)).toBe(true);
    }
    expect(isViewId('sideways')).toBe(false);
    expect(isViewId(3)).toBe(false);
  });
});

describe('looking at a step on the table', () => {
  it('keeps normals that point up, lays those that point down flat, and looks from the foot end when straight down', () => {
    expect(keepAboveTable([0, 1, 0])).toEqual([0, 1, 0]);
    expect(keepAboveTable([0.6, 0.8, 0])).toEqual([0.6, 0.8, 0]);
    const flat = keepAboveTable([0.6, -0.8, 0]);
    expect(flat[1]).toBe(0);
    expect(flat[0]).toBeCloseTo(1, 9);
    expect(keepAboveTable([0.05, -0.99, 0.05])).toEqual([0, 0, 1]);
  });
});
