/**
 * Draws a step as a picture on a 2D canvas (no WebGL): takes the body's shared skin, places the
 * step's path on its skin as the player does, and paints `sketchStep`'s triangles, path,
 * arrowheads, hand trajectory and the still hands. Loaded only by the text mode.
 */
import { bodyKeyOf, planInWorker } from '../../bodyModel/handsPlanner.ts';
import { handsGltf, handsOf } from '../../bodyModel/loadHands.ts';
import type { BodyKind } from '../../bodyModel/modelUrls.ts';
import { skinFor } from '../../bodyModel/skin.ts';
import type { Step } from '../../content/schema.ts';
import type { BodyData, MorphTarget, Side } from '../../domain/body.ts';
import { gripFor } from '../../domain/hands/grips.ts';
import {
  createHandsFrame,
  handWorldMatrices,
  handsPlanFromTables,
  sampleHandsAtPass,
} from '../../domain/hands/handMotion.ts';
import { skinVertices } from '../../domain/hands/rig.ts';
import type { MotionPlan } from '../../domain/motion/index.ts';
import type { Pose } from '../../domain/pose.ts';
import type { SkinProjector } from '../../domain/projectToSkin.ts';
import { buildStepMotion } from '../../domain/stepMotion.ts';
import {
  sketchStep,
  TONE,
  type Sketch,
  type SketchMesh,
  type Tone,
} from '../../domain/stepSketch.ts';
import { frameStep, type StepFraming, zoneFraming } from '../../domain/views.ts';

const FOV_DEG = 40;
/** A small picture frames small paths closer than the 3D view does. */
const SKETCH_MIN_RADIUS_M = 0.05;
/** Drawn this many times larger, then scaled down: smooth edges on tiny triangles. */
const SUPERSAMPLE = 2;

/**
 * The hands held still at the moment of the step where they press most (a silhouette of the
 * technique for the picture), or none where the step has no hand part or no clear placement.
 */
async function stillHands(
  req: StepImageRequest,
  body: BodyData,
  skin: SkinProjector,
  plan: MotionPlan,
): Promise<SketchMesh[]> {
  const grip = gripFor(req.step.technique, req.step.handPart, req.step.path?.kind);
  if (!grip) return [];
  const hands = handsOf(await handsGltf());
  const data = { L: hands.L.data, R: hands.R.data };
  const names = new Set([...body.landmarks.values()].map((l) => l.name));
  const pose: Pose = req.pose ?? 'standing';
  const tables = await planInWorker({
    bodyKey: bodyKeyOf(req.kind, body),
    body,
    hands: data,
    step: req.step,
    side: req.side,
    bilateral: [...names].filter(req.isBilateral),
    avoidZones: req.avoidZones,
    bodyScale: req.bodyScale,
    grip,
    working: 'R',
    pose,
  });
  const hp = handsPlanFromTables(
    {
      plan,
      grip,
      skin,
      hands: data,
      avoidZones: req.avoidZones,
      working: 'R',
      bodyScale: req.bodyScale,
      pose,
      side: req.side,
      pathKind: req.step.path?.kind,
    },
    tables,
  );
  // The moment of firmest contact with the hands drawn.
  const frame = createHandsFrame();
  let best = -1;
  let bestScore = -1;
  for (let i = 0; i < 64; i++) {
    sampleHandsAtPass(hp, (i + 0.5) / 64, 0.5, frame);
    const shown = (frame.L.visible ? 1 : 0) + (frame.R.visible ? 1 : 0);
    if (shown === 0) continue;
    const score =
      Math.max(frame.L.visible ? frame.L.contact : 0, frame.R.visible ? frame.R.contact : 0) +
      shown * 0.01;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  if (best < 0) return [];
  sampleHandsAtPass(hp, (best + 0.5) / 64, 0.5, frame);
  const out: SketchMesh[] = [];
  for (const side of ['L', 'R'] as const) {
    if (!frame[side].visible) continue;
    const mesh = hands[side].data;
    const positions = new Float32Array(mesh.positions.length);
    skinVertices(mesh, handWorldMatrices(frame[side], side), positions);
    out.push({ positions, indices: mesh.indices });
  }
  return out;
}

export interface StepImageRequest {
  readonly kind: BodyKind;
  readonly step: Step;
  readonly side: Side;
  readonly morphs: Partial<Record<MorphTarget, number>>;
  readonly bodyScale: number;
  readonly avoidZones: ReadonlySet<string>;
  readonly isBilateral: (landmark: string) => boolean;
  readonly width: number;
  readonly height: number;
  /** How the body lies (where the hands come from); default standing. */
  readonly pose?: Pose;
}

/** Fill colours per tone (skin, step zone, avoid zone, other), as RGB 0..255 at full light. */
const TONE_RGB: Record<Tone, readonly [number, number, number]> = {
  [TONE.skin]: [226, 196, 170],
  [TONE.step]: [255, 214, 102],
  [TONE.avoid]: [235, 70, 60],
  [TONE.other]: [150, 150, 160],
};

const BACKGROUND = '#1d2027';
const PATH = '#1f7bff';
const ARROW = '#0b3d91';

/** The picture of a step, or null when it has no place on the body (exercises, care). */
export async function sketchForStep(req: StepImageRequest): Promise<Sketch | null> {
  const { body, skin } = await skinFor(req.kind, req.morphs);
  const result = buildStepMotion({
    step: req.step,
    side: req.side,
    body,
    skin,
    isBilateral: req.isBilateral,
    avoidZones: req.avoidZones,
    bodyScale: req.bodyScale,
  });
  const motion = result.ok ? result.motion : null;
  const zones = new Set(req.step.zones);
  const frame: StepFraming | null = motion ?? zoneFraming(body, zones, req.side);
  if (!frame) return null;
  const near = new Set(motion?.nearAvoid.map((z) => `${z.zone}.${z.side ?? ''}`) ?? []);
  const partTones: Tone[] = body.parts.map((part) => {
    if (zones.has(part.zone) && (part.side === null || part.side === req.side)) return TONE.step;
    if (near.has(`${part.zone}.${part.side ?? ''}`)) return TONE.avoid;
    return part.zone === 'body' ? TONE.other : TONE.skin;
  });
  let hands: SketchMesh[] = [];
  if (motion) {
    try {
      hands = await stillHands(req, body, skin, motion.plan);
    } catch (error) {
      // The picture is still useful without the hands.
      console.warn('Footwork: no hands in the step picture', error);
    }
  }
  return sketchStep({
    hands,
    body,
    partTones,
    camera: {
      ...frameStep(frame, FOV_DEG, req.width / req.height, SKETCH_MIN_RADIUS_M),
      fovDeg: FOV_DEG,
    },
    width: req.width,
    height: req.height,
    plan: motion?.plan ?? null,
  });
}

/** Paints a sketch onto a 2D context of the sketch's size. */
export function paintSketch(ctx: CanvasRenderingContext2D, sketch: Sketch): void {
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, sketch.width, sketch.height);
  ctx.lineJoin = 'round';
  ctx.lineWidth = 0.5;
  const t = sketch.triangles;
  for (let i = 0; i < sketch.triangleCount; i++) {
    const rgb = TONE_RGB[(sketch.tones[i] ?? 0) as Tone];
    const s = sketch.shades[i] ?? 1;
    const colour = `rgb(${String(Math.round(rgb[0] * s))},${String(Math.round(rgb[1] * s))},${String(Math.round(rgb[2] * s))})`;
    ctx.fillStyle = colour;
    // A hairline of the same colour closes the seams between neighbouring triangles.
    ctx.strokeStyle = colour;
    ctx.beginPath();
    ctx.moveTo(t[i * 6] ?? 0, t[i * 6 + 1] ?? 0);
    ctx.lineTo(t[i * 6 + 2] ?? 0, t[i * 6 + 3] ?? 0);
    ctx.lineTo(t[i * 6 + 4] ?? 0, t[i * 6 + 5] ?? 0);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
  }
  // The still hands, over the body.
  const h = sketch.handTriangles;
  for (let i = 0; i < sketch.handTriangleCount; i++) {
    const sh = sketch.handShades[i] ?? 1;
    const colour = `rgb(${String(Math.round(196 * sh))},${String(Math.round(140 * sh))},${String(Math.round(112 * sh))})`;
    ctx.fillStyle = colour;
    ctx.strokeStyle = colour;
    ctx.beginPath();
    ctx.moveTo(h[i * 6] ?? 0, h[i * 6 + 1] ?? 0);
    ctx.lineTo(h[i * 6 + 2] ?? 0, h[i * 6 + 3] ?? 0);
    ctx.lineTo(h[i * 6 + 4] ?? 0, h[i * 6 + 5] ?? 0);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
  }
  const scale = Math.max(1, sketch.width / 320);
  // The hand's trajectory (thin, dashed), then the path and its arrowheads.
  if (sketch.trajectory.length >= 4) {
    ctx.save();
    ctx.setLineDash([3 * scale, 3 * scale]);
    ctx.strokeStyle = 'rgba(255,255,255,0.8)';
    ctx.lineWidth = 1.2 * scale;
    ctx.beginPath();
    ctx.moveTo(sketch.trajectory[0] ?? 0, sketch.trajectory[1] ?? 0);
    for (let i = 2; i < sketch.trajectory.length; i += 2)
      ctx.lineTo(sketch.trajectory[i] ?? 0, sketch.trajectory[i + 1] ?? 0);
    ctx.stroke();
    ctx.restore();
  }
  ctx.strokeStyle = PATH;
  ctx.lineWidth = 2.5 * scale;
  for (const stroke of sketch.strokes) {
    ctx.beginPath();
    ctx.moveTo(stroke[0] ?? 0, stroke[1] ?? 0);
    for (let i = 2; i < stroke.length; i += 2) ctx.lineTo(stroke[i] ?? 0, stroke[i + 1] ?? 0);
    ctx.stroke();
  }
  ctx.fillStyle = PATH;
  for (const p of sketch.presses) {
    ctx.beginPath();
    ctx.arc(p.x, p.y, 4 * scale, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.fillStyle = ARROW;
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1;
  const size = 7 * scale;
  for (const a of sketch.arrows) {
    ctx.save();
    ctx.translate(a.x, a.y);
    ctx.rotate(a.angle);
    ctx.beginPath();
    ctx.moveTo(size, 0);
    ctx.lineTo(-size * 0.7, size * 0.6);
    ctx.lineTo(-size * 0.7, -size * 0.6);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
    ctx.restore();
  }
}

/** A PNG data URL of a step's picture, or null when the step has no place on the body. */
export async function stepImageUrl(req: StepImageRequest): Promise<string | null> {
  const sketch = await sketchForStep({
    ...req,
    width: req.width * SUPERSAMPLE,
    height: req.height * SUPERSAMPLE,
  });
  if (!sketch) return null;
  const big = document.createElement('canvas');
  big.width = sketch.width;
  big.height = sketch.height;
  const bigCtx = big.getContext('2d');
  const canvas = document.createElement('canvas');
  canvas.width = req.width;
  canvas.height = req.height;
  const ctx = canvas.getContext('2d');
  if (!bigCtx || !ctx) return null;
  paintSketch(bigCtx, sketch);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(big, 0, 0, req.width, req.height);
  return canvas.toDataURL('image/png');
}
