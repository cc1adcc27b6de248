/**
 * The hand's pose data: a grip for every hand part and technique the content uses, every pose
 * within the joints' limits, keyframes that blend, and the rig's kinematics (rest pose, mirror
 * image, joint axes).
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { loadContent, type ContentData } from '../../src/content/index.ts';
import { NON_TOUCH_TECHNIQUES } from '../../src/content/schema.ts';
import { GRIPS, GRIP_IDS, gripFor, type GripId } from '../../src/domain/hands/grips.ts';
import {
  JOINT_LIMITS,
  blendTrack,
  keyTrack,
  poseDegrees,
  type JointDeg,
  type PoseSpec,
} from '../../src/domain/hands/pose.ts';
import {
  createJointAngles,
  forwardKinematics,
  localRotations,
  restWorldMatrices,
  transformPoint,
} from '../../src/domain/hands/rig.ts';
import {
  BONE_COUNT,
  BONE_INDEX,
  HAND_BONES,
  REST_BONES,
  type HandBone,
} from '../../src/domain/hands/skeleton.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let content: ContentData;

beforeAll(async () => {
  content = loadContent(await readContentFiles(ROOT)).data;
});

/** World matrices of a pose (right hand unless said), wrist at the origin. */
function posed(pose: PoseSpec, side: 'L' | 'R' = 'R'): Float64Array {
  const a = createJointAngles();
  blendTrack(keyTrack([{ at: 0, pose }]), 0, a);
  const rot = new Float64Array(BONE_COUNT * 4);
  localRotations(a, side, rot);
  const w = new Float64Array(BONE_COUNT * 16);
  forwardKinematics(side, rot, [0, 0, 0], [0, 0, 0, 1], w);
  return w;
}

function pointOn(w: Float64Array, bone: HandBone, v: readonly [number, number, number]) {
  return transformPoint(w, BONE_INDEX[bone] * 16, v);
}

const dist = (a: readonly number[], b: readonly number[]) =>
  Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0), (a[2] ?? 0) - (b[2] ?? 0));

describe('a grip for every hand part and technique in the content', () => {
  it('covers every hands-on step of every protocol', () => {
    const combos = new Map<string, GripId>();
    let steps = 0;
    for (const { protocol } of content.protocols) {
      for (const step of protocol.steps) {
        const grip = gripFor(step.technique, step.handPart, step.path?.kind);
        if (NON_TOUCH_TECHNIQUES.has(step.technique) || step.handPart === 'none') {
          // Exercises, care and tools (a roller, a vibration massager) show no hand.
          expect(grip, `${protocol.id} › ${step.id}`).toBeNull();
          continue;
        }
        steps++;
        expect(
          grip,
          `${protocol.id} › ${step.id}: ${step.technique} × ${step.handPart}`,
        ).not.toBeNull();
        if (grip)
          combos.set(`${step.technique} × ${step.handPart} × ${step.path?.kind ?? '-'}`, grip);
      }
    }
    expect(steps).toBeGreaterThan(60);
    // The combinations the sources use, each with the grip it is shown with.
    expect(Object.fromEntries([...combos].sort())).toMatchObject({
      'hacking × palm_edge × zigzag': 'hacking',
      'kneading × both_hands × spiral': 'both_knead',
      'kneading × both_hands × zigzag': 'both_wring',
      'kneading × both_hands × line': 'both_knead',
      'kneading × fingertips × circles': 'fingertips',
      'kneading × thumb_pad × spiral': 'thumb_pad',
      'passive_movement × both_hands × points': 'both_grasp',
      'patting × palm × points': 'patting',
      'pinching × fingertips × points': 'pincer',
      'pressing × heel_of_palm × line': 'heel_of_palm',
      'pressing × thumb_pad × each_toe': 'thumb_pad',
      'rubbing × finger_phalanges × circles': 'finger_phalanges',
      'rubbing × palm × zigzag': 'palm',
      'rubbing × palm_edge × zigzag': 'palm_edge',
      'shaking × fingertips × points': 'shaking',
      'stretching × fingertips × each_toe': 'toe_stretch',
      'stretching × palm × line': 'palm',
      'stroking × palm × line': 'palm',
      'stroking × thumb_pad × line': 'thumb_pad',
      'tapping × fingertips × points': 'tapping',
      'vibration × fingertips × points': 'vibration',
    });
  });

  it('has grips for the hand parts the schema allows but no step uses yet', () => {
    expect(gripFor('kneading', 'knuckles')).toBe('knuckles');
    expect(gripFor('pinching', 'thumb_pad')).toBe('pincer');
    expect(gripFor('stroking', 'none')).toBeNull();
    expect(gripFor('active_exercise', 'palm')).toBeNull();
  });
});

describe('pose data', () => {
  const inLimits = (pose: PoseSpec, label: string) => {
    for (const [bone, j] of Object.entries(pose) as [HandBone, JointDeg][]) {
      const [lo, hi] = JOINT_LIMITS[bone];
      for (let c = 0; c < 3; c++) {
        expect(j[c], `${label} › ${bone}[${c}]`).toBeGreaterThanOrEqual(lo[c] ?? 0);
        expect(j[c], `${label} › ${bone}[${c}]`).toBeLessThanOrEqual(hi[c] ?? 0);
      }
    }
  };

  it.each(GRIP_IDS.map((id) => [id]))(
    '%s: keyframes within the joint limits, ordered 0..1',
    (id) => {
      const g = GRIPS[id];
      expect(g.keys.length).toBeGreaterThan(0);
      const ats = g.keys.map((k) => k.at);
      expect(ats).toEqual([...ats].sort((a, b) => a - b));
      expect(Math.min(...ats)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...ats)).toBeLessThanOrEqual(1);
      if (g.driver === 'none') expect(g.keys).toHaveLength(1);
      else expect(g.keys.length).toBeGreaterThan(1);
      for (const k of g.keys) {
        inLimits(k.pose, `${id} key ${k.at}`);
        // Pressure adds to a pose: the sum stays within the limits too.
        if (g.pressure) {
          const sum: Record<string, JointDeg> = { ...k.pose };
          for (const [bone, j] of Object.entries(g.pressure) as [HandBone, JointDeg][]) {
            const b = sum[bone] ?? [0, 0, 0];
            sum[bone] = [b[0] + j[0], b[1] + j[1], b[2] + j[2]];
          }
          inLimits(sum, `${id} key ${k.at} + pressure`);
        }
      }
      expect(g.contact.length).toBeGreaterThan(0);
      expect(['one', 'alternate', 'two']).toContain(g.hands);
    },
  );

  it('blends between keyframes smoothly and clamps outside them', () => {
    const track = keyTrack(GRIPS.pincer.keys);
    const a = createJointAngles();
    const values: number[] = [];
    const mcp = BONE_INDEX.index1 * 3;
    for (const x of [-1, 0, 0.25, 0.5, 0.75, 1, 2]) {
      blendTrack(track, x, a);
      values.push(a[mcp] ?? 0);
    }
    const closed = (poseDegrees(GRIPS.pincer.keys[0]?.pose ?? {})[mcp] ?? 0) * (Math.PI / 180);
    const open = (poseDegrees(GRIPS.pincer.keys[1]?.pose ?? {})[mcp] ?? 0) * (Math.PI / 180);
    expect(values[0]).toBeCloseTo(closed, 9);
    expect(values[1]).toBeCloseTo(closed, 9);
    expect(values[5]).toBeCloseTo(open, 9);
    expect(values[6]).toBeCloseTo(open, 9);
    // Monotonic from closed to open, half-way at the middle (smoothstep).
    for (let i = 1; i < 6; i++)
      expect(values[i] ?? 0).toBeLessThanOrEqual((values[i - 1] ?? 0) + 1e-12);
    expect(values[3]).toBeCloseTo((closed + open) / 2, 9);
  });
});

describe('what the poses do', () => {
  it('the pincer closes the thumb and index tips onto a fold and opens them wide', () => {
    const tips = (pose: PoseSpec) => {
      const w = posed(pose);
      const [t, i] = GRIPS.pincer.contact;
      return dist(pointOn(w, t.bone, t.v), pointOn(w, i.bone, i.v));
    };
    const closed = tips(GRIPS.pincer.keys[0]?.pose ?? {});
    const open = tips(GRIPS.pincer.keys[1]?.pose ?? {});
    expect(closed).toBeLessThan(0.012);
    expect(open).toBeGreaterThan(closed + 0.02);
  });

  it('a fist brings the fingertips to the palm; a flat palm keeps them far', () => {
    const tipToPalm = (pose: PoseSpec) => {
      const w = posed(pose);
      return dist(pointOn(w, 'middle3', [0, 0, 0.015]), pointOn(w, 'palm', [0, -0.012, 0.05]));
    };
    expect(tipToPalm(GRIPS.knuckles.keys[0]?.pose ?? {})).toBeLessThan(0.045);
    expect(tipToPalm(GRIPS.palm.keys[0]?.pose ?? {})).toBeGreaterThan(0.1);
  });

  it('heel-of-palm pressing lifts the fingers off the skin (wrist extended)', () => {
    const w = posed(GRIPS.heel_of_palm.keys[0]?.pose ?? {});
    const heel = pointOn(w, 'palm', GRIPS.heel_of_palm.contact[0]?.v ?? [0, 0, 0]);
    const tip = pointOn(w, 'middle3', [0, -0.007, 0.018]);
    // Fingers are not below the heel: the press is on the heel alone.
    expect(tip[1]).toBeGreaterThan(heel[1]);
  });

  it('tapping lifts the fingers when off the skin and strikes with them when on it', () => {
    const g = GRIPS.tapping;
    const height = (pose: PoseSpec) => pointOn(posed(pose), 'middle3', [0, 0, 0.015])[1];
    expect(height(g.keys[0]?.pose ?? {})).toBeGreaterThan(height(g.keys[1]?.pose ?? {}) + 0.02);
  });
});

describe('the rig', () => {
  it('at rest puts every joint where the skeleton says', () => {
    const w = restWorldMatrices('R');
    REST_BONES.forEach((b, i) => {
      const p = transformPoint(w, i * 16, [0, 0, 0]);
      expect(dist(p, b.head), b.name).toBeLessThan(1e-12);
      const tip = transformPoint(w, i * 16, [0, 0, b.length]);
      expect(
        dist(tip, [
          b.head[0] + b.dir[0] * b.length,
          b.head[1] + b.dir[1] * b.length,
          b.head[2] + b.dir[2] * b.length,
        ]),
      ).toBeLessThan(1e-12);
    });
  });

  it('poses the left hand as the mirror image of the right', () => {
    const pose = GRIPS.pincer.keys[1]?.pose ?? {};
    const r = posed(pose, 'R');
    const l = posed(pose, 'L');
    for (const bone of HAND_BONES) {
      const pr = pointOn(r, bone, [0.003, -0.004, 0.01]);
      const pl = pointOn(l, bone, [-0.003, -0.004, 0.01]);
      expect(dist(pl, [-pr[0], pr[1], pr[2]]), bone).toBeLessThan(1e-12);
    }
  });

  it('flexion curls a finger toward the palm and abduction spreads it toward the thumb', () => {
    const tip = (pose: PoseSpec) => pointOn(posed(pose), 'index3', [0, 0, 0.02]);
    const straight = tip({});
    const flexed = tip({ index1: [60, 0, 0] });
    const spread = tip({ index1: [0, 15, 0] });
    expect(flexed[1]).toBeLessThan(straight[1] - 0.05);
    expect(spread[0]).toBeGreaterThan(straight[0] + 0.015);
  });
});
