/**
 * Everything the scene needs to animate one step, computed once when the step opens: the path
 * on the skin, the motion plan, the avoid zones within reach and where to look from.
 */
import type { Position, Protocol, Step } from '../content/schema.ts';
import { sidedKey, type BodyData, type Side, type Vec3 } from './body.ts';
import { caregiverDirection } from './hands/approach.ts';
import { legPoseFor, poseDirection, posePoint } from './limbPose.ts';
import {
  motionParamsForStep,
  planMotion,
  projectStrokes,
  skinPolyline,
  type MotionPlan,
} from './motion/index.ts';
import { bodyPathFrame, pathDetailM, samplePath } from './paths.ts';
import { applyPose, poseTransform, rotatePose } from './pose.ts';
import type { SkinProjector } from './projectToSkin.ts';
import { stepKey } from './stepKey.ts';
import {
  exerciseView,
  keepAboveFloor,
  keepAboveTable,
  zoneFraming,
  type Bounds,
  type StepFraming,
} from './views.ts';

/** How far from the path an avoid zone still counts as "within reach" (metres, adult scale). */
export const AVOID_REACH_M = 0.05;

/**
 * Avoid zones drawn inside another (outer, inner): marked whenever the outer one is, so the
 * warning never has a plain, safe-looking hole in it (the kneecap inside the knee ring).
 */
export const AVOID_ENCLOSED: readonly (readonly [string, string])[] = [['knee', 'patella']];
/** Margin the glyph keeps from avoid zones, metres. */
export const GLYPH_AVOID_MARGIN_M = 0.004;

export interface ZoneSide {
  readonly zone: string;
  readonly side: Side | null;
}

export interface StepMotion {
  readonly plan: MotionPlan;
  /** Avoid zones within reach of the path, nearest first. */
  readonly nearAvoid: readonly ZoneSide[];
  /** Centre of the path's skin points. */
  readonly center: Vec3;
  /** Mean outward skin normal along the path (unit): the side to look from. */
  readonly normal: Vec3;
  /** Radius of the path around its centre, metres. */
  readonly radius: number;
}

export type StepMotionResult =
  | { readonly ok: true; readonly motion: StepMotion | null }
  | { readonly ok: false; readonly reason: string };

export interface StepMotionInput {
  readonly step: Step;
  readonly side: Side;
  readonly body: BodyData;
  readonly skin: SkinProjector;
  readonly isBilateral: (landmark: string) => boolean;
  readonly avoidZones: ReadonlySet<string>;
  /** Body size relative to the adult (the child ≈ 0.55). */
  readonly bodyScale: number;
}

/**
 * The step's motion, or `motion: null` for steps the hands do not do on the body (exercises,
 * preparation, care). A path whose landmarks the model lacks is reported, not thrown.
 */
export function buildStepMotion(input: StepMotionInput): StepMotionResult {
  const { step, side, body, skin, avoidZones, bodyScale } = input;
  const params = motionParamsForStep(step, {
    avoidZones,
    avoidMarginM: GLYPH_AVOID_MARGIN_M * bodyScale,
    bodyScale,
  });
  if (!params || !step.path) return { ok: true, motion: null };
  const frame = bodyPathFrame(
    body.landmarks,
    side,
    input.isBilateral,
    (p) => skin.normalAt(p),
    (points) => skinPolyline(points, skin),
  );
  const sampled = samplePath(step.path, frame);
  if (!sampled.ok)
    return { ok: false, reason: `the model has no landmark ${sampled.missing.join(', ')}` };
  // Small circles keep their shape on the skin: no coarser than the figure's detail.
  const path = projectStrokes(sampled.strokes, skin, {
    spacingM: Math.min(0.003, pathDetailM(step.path)),
  });
  if (path.strokes.length === 0)
    return { ok: false, reason: 'the path could not be placed on the skin' };
  const plan = planMotion(path, skin, params);

  let n = 0;
  const c: [number, number, number] = [0, 0, 0];
  const nm: [number, number, number] = [0, 0, 0];
  const near = new Map<string, { zone: ZoneSide; distance: number }>();
  const reach = AVOID_REACH_M * bodyScale;
  const eachAvoid = [...avoidZones].map((z) => new Set([z]));
  for (const stroke of path.strokes) {
    for (let i = 0; i < stroke.count; i++) {
      const p: Vec3 = [
        stroke.points[i * 3] ?? 0,
        stroke.points[i * 3 + 1] ?? 0,
        stroke.points[i * 3 + 2] ?? 0,
      ];
      c[0] += p[0];
      c[1] += p[1];
      c[2] += p[2];
      nm[0] += stroke.normals[i * 3] ?? 0;
      nm[1] += stroke.normals[i * 3 + 1] ?? 0;
      nm[2] += stroke.normals[i * 3 + 2] ?? 0;
      n++;
      if (i % 3 !== 0) continue;
      // Each avoid zone on its own: one that lies inside another (the kneecap inside the knee
      // ring) is within reach too, though the other is always nearer.
      for (const only of eachAvoid) {
        const hit = skin.nearestOfZones(p, only, reach);
        if (!hit) continue;
        const key = sidedKey(hit.zone, hit.side);
        const prev = near.get(key);
        if (!prev || hit.distance < prev.distance) {
          near.set(key, { zone: { zone: hit.zone, side: hit.side }, distance: hit.distance });
        }
      }
    }
  }
  const center: Vec3 = [c[0] / n, c[1] / n, c[2] / n];
  const len = Math.hypot(nm[0], nm[1], nm[2]) || 1;
  const normal: Vec3 = [nm[0] / len, nm[1] / len, nm[2] / len];
  let radius = 0;
  for (const stroke of path.strokes) {
    for (let i = 0; i < stroke.count; i++) {
      radius = Math.max(
        radius,
        Math.hypot(
          (stroke.points[i * 3] ?? 0) - center[0],
          (stroke.points[i * 3 + 1] ?? 0) - center[1],
          (stroke.points[i * 3 + 2] ?? 0) - center[2],
        ),
      );
    }
  }
  for (const [outer, inner] of AVOID_ENCLOSED) {
    if (!avoidZones.has(inner)) continue;
    for (const { zone, distance } of [...near.values()]) {
      if (zone.zone !== outer) continue;
      const key = sidedKey(inner, zone.side);
      if (!near.has(key)) near.set(key, { zone: { zone: inner, side: zone.side }, distance });
    }
  }
  const nearAvoid = [...near.values()].sort((a, b) => a.distance - b.distance).map((v) => v.zone);
  return { ok: true, motion: { plan, nearAvoid, center, normal, radius } };
}

/** Landmarks a warning label may sit on, per avoid zone. */
const AVOID_ANCHORS: Readonly<Record<string, readonly string[]>> = {
  bunion: ['bunion_apex'],
  knee: ['knee_medial', 'knee_lateral'],
  patella: ['patella_center'],
  vertebrae: ['spine_top', 'spine_mid', 'spine_low'],
};

/**
 * Where to pin the warning of an avoid zone part: its anchor landmark nearest to `near` (the
 * step's path centre), or null when the model has none.
 */
export function avoidAnchor(
  zone: ZoneSide,
  near: Vec3,
  landmarks: BodyData['landmarks'],
): Vec3 | null {
  let best: Vec3 | null = null;
  let bestD = Infinity;
  for (const name of AVOID_ANCHORS[zone.zone] ?? []) {
    const lm = landmarks.get(sidedKey(name, zone.side));
    if (!lm) continue;
    const d = Math.hypot(
      lm.position[0] - near[0],
      lm.position[1] - near[1],
      lm.position[2] - near[2],
    );
    if (d < bestD) {
      bestD = d;
      best = lm.position;
    }
  }
  return best;
}

/** Where the current step happens, in world space (posed): the camera frames it from outside. */
export interface StepFrame extends StepFraming {
  /** Which step this frames (`stepKey`). */
  readonly key: string;
  /** Unit direction toward the massaging person (world): the caregiver's-eye view looks from there. */
  readonly caregiver?: Vec3;
}

/**
 * Everything derived from one step on one side, computed once and read by the 3D view, the
 * panels, Train and the text mode: its motion (null for steps the hands do not do on the body),
 * the avoid zones within reach, and the framing in world space (the body posed as the step has
 * it). `problem` says why a step that needs a path has none on this model.
 */
export interface DerivedStep {
  readonly key: string;
  readonly motion: StepMotion | null;
  readonly nearAvoid: readonly ZoneSide[];
  readonly frame: StepFrame | null;
  /** Where each avoid zone within reach shows its warning (model space, on the body as shown). */
  readonly avoidLabels: readonly { readonly zone: ZoneSide; readonly at: Vec3 }[];
  readonly problem: string | null;
}

export interface DeriveStepInput extends Omit<StepMotionInput, 'body'> {
  readonly protocolId: string;
  /** How the body lies for this step (the step's own position, else the protocol's). */
  readonly position: Position;
  /** The body as loaded (framing of zones) and with the morphs shown (the path on the skin). */
  readonly base: BodyData;
  readonly body: BodyData;
  /** Standing bounds of the body, for the pose. */
  readonly bounds: Bounds;
}

/** The derived data of a step (see `DerivedStep`). */
export function deriveStep(input: DeriveStepInput): DerivedStep {
  const { step, side, base, bounds } = input;
  const key = stepKey(input.protocolId, step.id, side);
  const result = buildStepMotion(input);
  const motion = result.ok ? result.motion : null;
  // A step without a path (exercises, care) frames its zones; both in model space, then posed.
  const zones = motion ? null : zoneFraming(base, new Set(step.zones), side);
  // Toe exercises and a ball or roller under the sole read from the side.
  const view = zones ? exerciseView(step, side) : null;
  const framing: StepFraming | null =
    motion ?? (zones && view ? { ...zones, normal: view } : zones);
  const pose = poseTransform(input.position.pose, bounds);
  // Sitting bends the legs (`limbPose`): the framed point and its normal bend with them.
  const { rig, posed } = legPoseFor(base, input.position, step, side);
  const frame: StepFrame | null = framing
    ? {
        key,
        center: applyPose(pose, posePoint(rig, posed, framing.center)),
        // Never from under the table or the floor.
        normal: (pose.onTable ? keepAboveTable : (n: Vec3) => keepAboveFloor(n, side))(
          rotatePose(pose, poseDirection(rig, posed, framing.center, framing.normal)),
        ),
        radius: framing.radius,
        caregiver: rotatePose(
          pose,
          poseDirection(
            rig,
            posed,
            framing.center,
            caregiverDirection(
              input.position.pose,
              framing.center,
              framing.normal,
              side,
              0.1 * input.bodyScale,
            ),
          ),
        ),
      }
    : null;
  const avoidLabels = (motion?.nearAvoid ?? []).flatMap((zone) => {
    const at = motion ? avoidAnchor(zone, motion.center, input.body.landmarks) : null;
    return at ? [{ zone, at }] : [];
  });
  return {
    key,
    motion,
    nearAvoid: motion?.nearAvoid ?? [],
    frame,
    avoidLabels,
    problem: result.ok ? null : result.reason,
  };
}

/**
 * The steps of a protocol (0-based) that have an avoid zone within reach of their path on a
 * side: the steps the avoid quiz can ask about.
 */
export function stepsWithAvoidNearby(
  protocol: Pick<Protocol, 'steps'>,
  input: Omit<StepMotionInput, 'step'>,
): number[] {
  return protocol.steps.flatMap((step, i) => {
    if (!step.path) return [];
    const result = buildStepMotion({ ...input, step });
    return result.ok && result.motion && result.motion.nearAvoid.length > 0 ? [i] : [];
  });
}
