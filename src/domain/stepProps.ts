/**
 * The light props a step names, placed on the posed body: a chair under a seated body, a bowl
 * of water round both feet for a soak, a ball or needle roller under the sole, a ball or marbles
 * by the toes, a mat on the floor. Pure placement from the content (`position`, `movement`,
 * `equipment`) and the rig; the scene draws them as simple procedural meshes.
 *
 * Model space after the leg pose (standing and sitting bodies are not rotated): Y up, the floor
 * at y = 0, the body facing +Z.
 */
import type { Step } from '../content/schema.ts';
import type { BodyData, Side, Vec3 } from './body.ts';
import { onChair, posePoint, surfaceAbove, type PosedRig, type Rig } from './limbPose.ts';

const PLANTAR: ReadonlySet<string> = new Set(['sole', 'arch', 'plantar_forefoot', 'heel']);

export type StepProp =
  | {
      readonly kind: 'chair';
      /** Centre of the seat's top. */
      readonly seat: Vec3;
      readonly width: number;
      readonly depth: number;
      /** Where the backrest stands (z of its front face). */
      readonly backZ: number;
      readonly backHeight: number;
    }
  | {
      readonly kind: 'bowl';
      /** Centre of the bowl's floor. */
      readonly at: Vec3;
      readonly radius: number;
      readonly height: number;
      /** Height of the water surface above the bowl's floor. */
      readonly water: number;
    }
  | { readonly kind: 'ball'; readonly at: Vec3; readonly radius: number; readonly color: string }
  | {
      readonly kind: 'roller';
      /** Centre of the roller; its axis runs across the foot (X). */
      readonly at: Vec3;
      readonly radius: number;
      readonly length: number;
    }
  | { readonly kind: 'mat'; readonly at: Vec3; readonly width: number; readonly depth: number };

type StepLike = Pick<Step, 'movement' | 'equipment'>;

function landmark(body: BodyData, rig: Rig, posed: PosedRig, key: string): Vec3 | null {
  const l = body.landmarks.get(key);
  return l ? posePoint(rig, posed, l.position) : null;
}

/** The props of a step on the posed body (the worked foot is `side`). */
export function stepProps(
  body: BodyData,
  rig: Rig,
  posed: PosedRig,
  step: StepLike,
  side: Side,
): StepProp[] {
  const s = rig.scale;
  const out: StepProp[] = [];
  const equipment = new Set(step.equipment ?? []);
  if (onChair(posed.layout)) {
    out.push({
      kind: 'chair',
      seat: [0, posed.seatY, 0.05 * s],
      width: 0.46 * Math.max(0.7, s),
      depth: 0.42 * s,
      backZ: -0.16 * s,
      backHeight: 0.45 * s,
    });
  }
  if (
    posed.layout === 'floor_legs_out' ||
    posed.layout === 'floor_cross_legged' ||
    step.movement === 'mat_walk' ||
    equipment.has('orthopedic_mat') ||
    equipment.has('massage_mat')
  ) {
    const sitting = posed.layout.startsWith('floor_');
    out.push({
      kind: 'mat',
      at: [0, 0, sitting ? 0.3 * s : 0.05 * s],
      width: (sitting ? 0.9 : 0.6) * s,
      depth: (sitting ? 1.2 : 0.5) * s,
    });
  }
  if (step.movement === 'soak' || equipment.has('foot_bath')) {
    // Round both feet: from the heels to the toes of the feet as they stand.
    const l = landmark(body, rig, posed, 'sole_center.L');
    const r = landmark(body, rig, posed, 'sole_center.R');
    const heel = landmark(body, rig, posed, 'heel_back.L');
    const toe = landmark(body, rig, posed, 'toe2_tip.L');
    if (l && r && heel && toe) {
      const reach = Math.hypot(l[0] - r[0], l[2] - r[2]) / 2 + 0.09 * s;
      const length = Math.abs(toe[2] - heel[2]) / 2 + 0.04 * s;
      out.push({
        kind: 'bowl',
        at: [(l[0] + r[0]) / 2, 0, (heel[2] + toe[2]) / 2],
        radius: Math.max(reach, length),
        height: 0.16 * s,
        water: 0.11 * s,
      });
    }
  }
  // A ball or a roller rests on the floor and the sole rests on it: its diameter is the height
  // of the sole's skin above the point it rolls under.
  const under = (key: string): { at: Vec3; r: number } | null => {
    const p = landmark(body, rig, posed, key);
    if (!p) return null;
    const y = surfaceAbove(body, rig, posed, PLANTAR, side, p[0], p[2]);
    return y === null ? null : { at: [p[0], y / 2, p[2]], r: y / 2 };
  };
  if (step.movement === 'ball_roll' || equipment.has('tennis_ball')) {
    const b = under(`sole_center.${side}`);
    if (b) out.push({ kind: 'ball', at: b.at, radius: b.r, color: '#c8d94a' });
  }
  // The roller starts under the ball of the foot.
  if (step.movement === 'roller_roll' || equipment.has('needle_roller')) {
    const b = under(`metatarsal_heads.${side}`);
    if (b) out.push({ kind: 'roller', at: b.at, radius: b.r, length: 0.14 * s });
  }
  // A small ball or marbles by the toes, on the floor, for the toes to pick up.
  const tip = landmark(body, rig, posed, `toe3_tip.${side}`);
  if (tip && equipment.has('small_ball')) {
    const r = 0.02 * s;
    out.push({ kind: 'ball', at: [tip[0], r, tip[2] + r], radius: r, color: '#d9534f' });
  }
  if (tip && equipment.has('marbles')) {
    const r = 0.008 * s;
    for (let i = 0; i < 4; i++) {
      out.push({
        kind: 'ball',
        at: [tip[0] + (i - 1.5) * 0.022 * s, r, tip[2] + 0.02 * s + (i % 2) * 0.012 * s],
        radius: r,
        color: '#5b8dd9',
      });
    }
  }
  return out;
}
