import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { loadContent, type ContentData } from '../../src/content/index.ts';
import { AVOID_ZONES } from '../../src/content/zoneCatalogue.ts';
import { BODY_SCALE, type BodyData, type Side, type Vec3 } from '../../src/domain/body.ts';
import { legPoseFor, poseDirection, posePoint } from '../../src/domain/limbPose.ts';
import { TABLE_TOP_M, applyPose, poseTransform, rotatePose } from '../../src/domain/pose.ts';
import { createSkinProjector, type SkinProjector } from '../../src/domain/projectToSkin.ts';
import { deriveStep } from '../../src/domain/stepMotion.ts';
import {
  exerciseView,
  frameStep,
  plantarDirection,
  viewDirection,
  zoneFraming,
  type Bounds,
} from '../../src/domain/views.ts';
import { CAMERA_FOV } from '../../src/scene/sceneStyle.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let content: ContentData;
const bodies = new Map<string, { body: BodyData; skin: SkinProjector; bounds: Bounds }>();

beforeAll(async () => {
  content = loadContent(await readContentFiles(ROOT)).data;
  for (const kind of ['adult', 'child'] as const) {
    const body = await readBodyFile(resolve(ROOT, `models/body-${kind}.glb`));
    const min: [number, number, number] = [Infinity, Infinity, Infinity];
    const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i < body.positions.length; i++) {
      const k = i % 3;
      const x = body.positions[i] ?? 0;
      if (x < (min[k] ?? 0)) min[k] = x;
      if (x > (max[k] ?? 0)) max[k] = x;
    }
    bodies.set(kind, { body, skin: createSkinProjector(body), bounds: { min, max } });
  }
}, 120_000);

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const unit = (a: Vec3): Vec3 => {
  const l = Math.hypot(...a) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
};
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

/** Normalised device coordinates of a point for a camera at `eye` looking at `target`. */
function project(p: Vec3, eye: Vec3, target: Vec3, fovDeg: number, aspect: number): Vec3 {
  const f = unit(sub(target, eye));
  const r = unit(cross(f, [0, 1, 0]));
  const u = cross(r, f);
  const d = sub(p, eye);
  const z = dot(d, f);
  const t = Math.tan((fovDeg * Math.PI) / 360);
  return [dot(d, r) / (z * t * aspect), dot(d, u) / (z * t), z];
}

/** Centre of the box round the posed vertices of a step's zones on a side (world space). */
function posedZoneCentre(
  body: BodyData,
  zones: ReadonlySet<string>,
  side: Side,
  world: (p: Vec3) => Vec3,
): Vec3 | null {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let t = 0; t < body.triangleParts.length; t++) {
    const part = body.parts.at(body.triangleParts[t] ?? 0);
    if (!part || !zones.has(part.zone) || (part.side !== null && part.side !== side)) continue;
    const v = body.indices[t * 3] ?? 0;
    const p = world([
      body.positions[v * 3] ?? 0,
      body.positions[v * 3 + 1] ?? 0,
      body.positions[v * 3 + 2] ?? 0,
    ]);
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k] ?? 0, p[k] ?? 0);
      max[k] = Math.max(max[k] ?? 0, p[k] ?? 0);
    }
  }
  if (!Number.isFinite(min[0])) return null;
  return [0, 1, 2].map((k) => ((min[k] ?? 0) + (max[k] ?? 0)) / 2) as unknown as Vec3;
}

describe('framing of every step of every protocol, in its pose', () => {
  it.each([
    { aspect: 1366 / 768, device: 'laptop' },
    { aspect: 390 / 560, device: 'phone' },
  ] as const)(
    'the camera is above the table or floor and the named zones are in the middle 60 % of the view ($device)',
    ({ aspect }) => {
      const failures: string[] = [];
      let checked = 0;
      for (const { protocol } of content.protocols) {
        const entry = bodies.get(protocol.body);
        if (!entry) throw new Error('no body');
        const { body, skin, bounds } = entry;
        for (const step of protocol.steps) {
          if (step.zones.length === 0) continue;
          for (const side of ['L', 'R'] as const) {
            const position = step.position ?? protocol.position;
            const derived = deriveStep({
              protocolId: protocol.id,
              step,
              side,
              position,
              base: body,
              body,
              bounds,
              skin,
              isBilateral: (n) => content.landmarks.get(n)?.bilateral ?? false,
              avoidZones: AVOID_ZONES,
              bodyScale: BODY_SCALE[protocol.body],
            });
            const frame = derived.frame;
            const name = `${protocol.catalogueId}-${step.id} ${side}`;
            if (!frame) {
              failures.push(`${name}: no frame`);
              continue;
            }
            const { eye, target } = frameStep(frame, CAMERA_FOV, aspect);
            const pose = poseTransform(position.pose, bounds);
            const floor = pose.onTable ? TABLE_TOP_M : 0;
            if (eye[1] < floor + 0.05) failures.push(`${name}: camera at ${eye[1].toFixed(2)} m`);
            const { rig, posed } = legPoseFor(body, position, step, side);
            const centre = posedZoneCentre(body, new Set(step.zones), side, (p) =>
              applyPose(pose, posePoint(rig, posed, p)),
            );
            if (!centre) continue;
            const ndc = project(centre, eye, target, CAMERA_FOV, aspect);
            checked++;
            if (ndc[2] <= 0 || Math.abs(ndc[0]) > 0.6 || Math.abs(ndc[1]) > 0.6)
              failures.push(`${name}: zones at ${ndc[0].toFixed(2)}, ${ndc[1].toFixed(2)}`);
          }
        }
      }
      expect(checked).toBeGreaterThan(200);
      expect(failures).toEqual([]);
    },
    120_000,
  );
});

describe('the Sole view in every pose', () => {
  it.each(['adult', 'child'] as const)(
    'looks at the soles of a face-down %s body from the foot end, above the table',
    (kind) => {
      const entry = bodies.get(kind);
      if (!entry) throw new Error('no body');
      const prone = poseTransform('prone', entry.bounds);
      for (const side of ['L', 'R'] as const) {
        const sole = zoneFraming(entry.body, new Set(['sole']), side);
        if (!sole) throw new Error('no sole');
        const dir = plantarDirection(rotatePose(prone, sole.normal), side);
        // The standing view's direction, used as is, would look from under the table.
        expect(viewDirection('plantar', side)[1]).toBeLessThan(0);
        expect(dir[1]).toBeGreaterThanOrEqual(0);
        // Face down the feet lie toward -Z: the camera stands beyond them.
        const feet = applyPose(prone, sole.center);
        const eye = [feet[0] + dir[0], feet[1] + dir[1], feet[2] + dir[2]] as const;
        expect(eye[2]).toBeLessThan(feet[2] - 0.7);
        expect(eye[1]).toBeGreaterThan(TABLE_TOP_M);
      }
    },
  );

  it('looks at a foot across the knee from the side its sole faces; a standing sole from below', () => {
    const entry = bodies.get('adult');
    if (!entry) throw new Error('no body');
    const position = {
      pose: 'seated' as const,
      props: ['chair' as const, 'foot_on_opposite_knee' as const],
    };
    const { rig, posed } = legPoseFor(entry.body, position, {}, 'L');
    const sole = zoneFraming(entry.body, new Set(['sole']), 'L');
    if (!sole) throw new Error('no sole');
    const n = poseDirection(rig, posed, sole.center, sole.normal);
    const dir = plantarDirection(n, 'L');
    expect(dir[0] * n[0] + dir[1] * n[1] + dir[2] * n[2]).toBeGreaterThan(0.8);
    expect(dir[1]).toBeGreaterThan(0);
    expect(plantarDirection(sole.normal, 'L')).toEqual(viewDirection('plantar', 'L'));
  });
});

describe('exercises framed from the side that shows the movement', () => {
  it('toe curls and lifts, and a ball or roller under the sole, are seen from the outer side', () => {
    let checked = 0;
    for (const { protocol } of content.protocols) {
      const entry = bodies.get(protocol.body);
      if (!entry) throw new Error('no body');
      const { body, skin, bounds } = entry;
      for (const step of protocol.steps) {
        const sagittalToes = step.morph?.tracks.some(
          (t) => t.target === 'toes_flex' || t.target === 'toes_extend',
        );
        const rolled = step.movement === 'ball_roll' || step.movement === 'roller_roll';
        if (!sagittalToes && !rolled) {
          expect(exerciseView(step, 'L'), step.id).toBeNull();
          continue;
        }
        for (const side of ['L', 'R'] as const) {
          const position = step.position ?? protocol.position;
          const frame = deriveStep({
            protocolId: protocol.id,
            step,
            side,
            position,
            base: body,
            body,
            bounds,
            skin,
            isBilateral: (n) => content.landmarks.get(n)?.bilateral ?? false,
            avoidZones: AVOID_ZONES,
            bodyScale: BODY_SCALE[protocol.body],
          }).frame;
          if (!frame) throw new Error(`${step.id}: no frame`);
          const name = `${protocol.catalogueId}-${step.id} ${side}`;
          const out = side === 'L' ? 1 : -1;
          const n = unit(frame.normal);
          // From the worked foot's outer side, level or a little above: the toes' silhouette and
          // the prop under the sole are in view; the other leg is behind the foot.
          expect(n[0] * out, name).toBeGreaterThan(0.8);
          expect(n[1], name).toBeGreaterThanOrEqual(-0.05);
          const { eye } = frameStep(frame, CAMERA_FOV, 1366 / 768);
          expect(eye[1], name).toBeGreaterThan(0.05);
          // The zones' own side would be the front and top (the toes) or below (the sole).
          const own = zoneFraming(body, new Set(step.zones), side);
          if (!own) throw new Error('no zones');
          expect(unit(own.normal)[0] * out, name).toBeLessThan(0.6);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12);
  });
});
