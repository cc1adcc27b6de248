import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { loadContent, type ContentData } from '../../src/content/index.ts';
import type { BodyData } from '../../src/domain/body.ts';
import {
  applyMorphs,
  createSkinProjector,
  type SkinProjector,
} from '../../src/domain/projectToSkin.ts';
import { buildStepMotion, type StepMotion } from '../../src/domain/stepMotion.ts';
import { sketchStep, TONE, type Sketch, type Tone } from '../../src/domain/stepSketch.ts';
import { frameStep, MIN_STEP_RADIUS_M, zoneFraming } from '../../src/domain/views.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const AVOID = new Set(['bunion', 'knee', 'patella', 'vertebrae']);
const W = 320;
const H = 240;
const FOV = 40;

let content: ContentData;
let body: BodyData;
let skin: SkinProjector;

beforeAll(async () => {
  content = loadContent(await readContentFiles(ROOT)).data;
  body = applyMorphs(await readBodyFile(resolve(ROOT, 'models/body-adult.glb')), {
    hallux_valgus: 0.5,
  });
  skin = createSkinProjector(body);
});

function motionOf(
  catalogueId: string,
  stepIndex: number,
): { motion: StepMotion; zones: readonly string[] } {
  const loaded = content.protocols.find((p) => p.protocol.catalogueId === catalogueId);
  const step = loaded?.protocol.steps[stepIndex];
  if (!step) throw new Error(`no step ${String(stepIndex)} in ${catalogueId}`);
  const result = buildStepMotion({
    step,
    side: 'L',
    body,
    skin,
    isBilateral: (name) => content.landmarks.get(name)?.bilateral ?? false,
    avoidZones: AVOID,
    bodyScale: 1,
  });
  if (!result.ok || !result.motion) throw new Error(`no motion for ${step.id}`);
  return { motion: result.motion, zones: step.zones };
}

function sketchOf(motion: StepMotion, zones: readonly string[]): Sketch {
  const stepZones = new Set(zones);
  const tones: Tone[] = body.parts.map((part) =>
    stepZones.has(part.zone) && part.side !== 'R'
      ? TONE.step
      : motion.nearAvoid.some((z) => z.zone === part.zone && z.side === part.side)
        ? TONE.avoid
        : TONE.skin,
  );
  return sketchStep({
    body,
    partTones: tones,
    camera: { ...frameStep(motion, FOV, W / H), fovDeg: FOV },
    width: W,
    height: H,
    plan: motion.plan,
  });
}

function countTone(sketch: Sketch, tone: Tone): number {
  let n = 0;
  for (const t of sketch.tones) if (t === tone) n++;
  return n;
}

describe('step sketch (a step as a picture without WebGL)', () => {
  it('projects the framing target to the middle of the picture and drops what is behind the camera', () => {
    const camera = { eye: [0, 1, 1] as const, target: [0, 1, 0] as const, fovDeg: FOV };
    const fake: BodyData = {
      ...body,
      // One triangle facing the camera at the target, one behind the camera.
      positions: new Float32Array([
        -0.1, 0.9, 0, 0.1, 0.9, 0, 0, 1.1, 0, -0.1, 0.9, 2, 0.1, 0.9, 2, 0, 1.1, 2,
      ]),
      indices: new Uint32Array([0, 1, 2, 3, 4, 5]),
      triangleParts: new Uint16Array([0, 0]),
    };
    const sketch = sketchStep({
      body: fake,
      partTones: [],
      camera,
      width: W,
      height: H,
      plan: null,
    });
    expect(sketch.triangleCount).toBe(1);
    const xs = [sketch.triangles[0], sketch.triangles[2], sketch.triangles[4]] as number[];
    const ys = [sketch.triangles[1], sketch.triangles[3], sketch.triangles[5]] as number[];
    expect((xs[0] + xs[1] + xs[2]) / 3).toBeCloseTo(W / 2, 0);
    // The apex (y = 1.1, above the target) is drawn above the middle (y grows downward).
    expect(ys[2]).toBeLessThan(H / 2);
  });

  it('culls triangles that face away from the camera', () => {
    const camera = { eye: [0, 1, 1] as const, target: [0, 1, 0] as const, fovDeg: FOV };
    const fake: BodyData = {
      ...body,
      positions: new Float32Array([-0.1, 0.9, 0, 0, 1.1, 0, 0.1, 0.9, 0]),
      indices: new Uint32Array([0, 1, 2]),
      triangleParts: new Uint16Array([0]),
    };
    expect(
      sketchStep({ body: fake, partTones: [], camera, width: W, height: H, plan: null })
        .triangleCount,
    ).toBe(0);
  });

  it('draws still hands over the body: front faces only, far before near, lit by the eye', () => {
    const camera = { eye: [0, 1, 1] as const, target: [0, 1, 0] as const, fovDeg: FOV };
    const none: BodyData = {
      ...body,
      positions: new Float32Array(0),
      indices: new Uint32Array(0),
      triangleParts: new Uint16Array(0),
    };
    // A near triangle (z = 0.2) listed first, a far one (z = -0.2), a back face and one behind
    // the camera.
    const hand = {
      positions: new Float32Array([
        -0.05, 0.95, 0.2, 0.05, 0.95, 0.2, 0, 1.05, 0.2, -0.1, 0.9, -0.2, 0.1, 0.9, -0.2, 0, 1.1,
        -0.2, -0.1, 0.9, 0, 0, 1.1, 0, 0.1, 0.9, 0, -0.1, 0.9, 2, 0.1, 0.9, 2, 0, 1.1, 2,
      ]),
      indices: new Uint32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
    };
    const sketch = sketchStep({
      body: none,
      partTones: [],
      camera,
      width: W,
      height: H,
      plan: null,
      hands: [hand],
    });
    expect(sketch.triangleCount).toBe(0);
    expect(sketch.handTriangleCount).toBe(2);
    // The far triangle (0.2 wide at 1.2 m) comes first, then the near one (0.1 wide at 0.8 m).
    const width = (i: number) =>
      Math.abs((sketch.handTriangles[i * 6 + 2] ?? 0) - (sketch.handTriangles[i * 6] ?? 0));
    const pxPerM = H / 2 / Math.tan(((FOV / 2) * Math.PI) / 180);
    expect(width(0)).toBeCloseTo((0.2 / 1.2) * pxPerM, 0);
    expect(width(1)).toBeCloseTo((0.1 / 0.8) * pxPerM, 0);
    for (const s of sketch.handShades) {
      expect(s).toBeGreaterThanOrEqual(0.35);
      expect(s).toBeLessThanOrEqual(1);
    }
    // Faces turned to the eye are lit almost fully.
    expect(sketch.handShades[1]).toBeGreaterThan(0.9);
    // Without hands, none are drawn.
    expect(
      sketchStep({ body: none, partTones: [], camera, width: W, height: H, plan: null })
        .handTriangleCount,
    ).toBe(0);
  });

  it('pictures the circles around the big-toe joint: the zone tinted, the bunion marked, arrows and the hand trajectory in view', () => {
    const { motion, zones } = motionOf('P1', 2);
    const sketch = sketchOf(motion, zones);
    expect(sketch.triangleCount).toBeGreaterThan(1500);
    expect(countTone(sketch, TONE.step)).toBeGreaterThan(50);
    expect(countTone(sketch, TONE.avoid)).toBeGreaterThan(10);
    expect(sketch.arrows.length).toBeGreaterThan(0);
    expect(sketch.trajectory.length / 2).toBeGreaterThan(50);
    for (const a of sketch.arrows) {
      expect(a.x).toBeGreaterThan(0);
      expect(a.x).toBeLessThan(W);
      expect(a.y).toBeGreaterThan(0);
      expect(a.y).toBeLessThan(H);
    }
    // Painter's order: the sum of depths never increases along the list (far first) is hard to
    // see from outside, so check that the step zone is not all hidden behind later skin: the
    // last-drawn tenth of the triangles includes some of the step zone.
    const lastTenth = sketch.tones.slice(Math.floor(sketch.triangleCount * 0.9));
    expect(lastTenth.some((t) => t === TONE.step)).toBe(true);
  });

  it('points the arrows of a line stroke the way the hand travels', () => {
    // P4: stroking from the Achilles tendon up the calf (adult).
    const loaded = content.protocols.find((p) => p.protocol.catalogueId === 'P4');
    const index =
      loaded?.protocol.steps.findIndex(
        (s) => s.path?.kind === 'line' && s.technique === 'stroking',
      ) ?? -1;
    expect(index).toBeGreaterThanOrEqual(0);
    const { motion, zones } = motionOf('P4', index);
    const sketch = sketchOf(motion, zones);
    const stroke = sketch.strokes.at(0);
    expect(stroke).toBeDefined();
    if (!stroke) return;
    const n = stroke.length / 2;
    const travel = Math.atan2(
      (stroke[n * 2 - 1] ?? 0) - stroke[1],
      (stroke[n * 2 - 2] ?? 0) - stroke[0],
    );
    expect(sketch.arrows.length).toBeGreaterThan(0);
    for (const a of sketch.arrows) {
      const diff = Math.abs(Math.atan2(Math.sin(a.angle - travel), Math.cos(a.angle - travel)));
      expect(diff).toBeLessThan(Math.PI / 2);
    }
  });
});

describe('step framing', () => {
  it('looks at the centre from along the normal, tilted up, from further away for bigger paths', () => {
    const near = frameStep({ center: [0, 1, 0], normal: [0, 0, 1], radius: 0.1 }, FOV, 4 / 3);
    const far = frameStep({ center: [0, 1, 0], normal: [0, 0, 1], radius: 0.3 }, FOV, 4 / 3);
    expect(near.target).toEqual([0, 1, 0]);
    expect(near.eye[2]).toBeGreaterThan(0);
    expect(near.eye[1]).toBeGreaterThan(1);
    expect(near.eye[0]).toBeCloseTo(0, 9);
    const d = (e: readonly number[]) => Math.hypot(e[0], e[1] - 1, e[2]);
    expect(d(far.eye) / d(near.eye)).toBeCloseTo(3, 5);
    // A tiny path is framed as if it had the minimum radius.
    const tiny = frameStep({ center: [0, 1, 0], normal: [0, 0, 1], radius: 0.001 }, FOV, 4 / 3);
    const min = frameStep(
      { center: [0, 1, 0], normal: [0, 0, 1], radius: MIN_STEP_RADIUS_M },
      FOV,
      4 / 3,
    );
    expect(tiny.eye).toEqual(min.eye);
  });

  it('frames a step without a path by its zones on the side shown', () => {
    const heelL = body.landmarks.get('heel_back.L')?.position;
    const heelR = body.landmarks.get('heel_back.R')?.position;
    if (!heelL || !heelR) throw new Error('the model has no heel_back landmarks');
    const left = zoneFraming(body, new Set(['heel']), 'L');
    const right = zoneFraming(body, new Set(['heel']), 'R');
    if (!left || !right) throw new Error('no heel framing');
    const dist = (a: readonly number[], b: readonly number[]) =>
      Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    expect(dist(left.center, heelL)).toBeLessThan(left.radius);
    expect(dist(right.center, heelR)).toBeLessThan(right.radius);
    expect(left.radius).toBeLessThan(0.12);
    expect(zoneFraming(body, new Set(['no_such_zone']), 'L')).toBeNull();
  });
});
