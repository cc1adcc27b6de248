import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { loadContent, type ContentData } from '../../src/content/index.ts';
import { AVOID_ZONES, LIMB_ZONES } from '../../src/content/zoneCatalogue.ts';
import { BODY_SCALE, type BodyData, type Side, type Vec3 } from '../../src/domain/body.ts';
import { legPoseFor, posePoint } from '../../src/domain/limbPose.ts';
import { applyPose, poseTransform } from '../../src/domain/pose.ts';
import { createSkinProjector, type SkinProjector } from '../../src/domain/projectToSkin.ts';
import { deriveStep } from '../../src/domain/stepMotion.ts';
import { frameStep, type Bounds } from '../../src/domain/views.ts';
import { CAMERA_FOV } from '../../src/scene/sceneStyle.ts';

/**
 * For every step of every protocol on both sides, in its own pose and with its own framing, the
 * lines from the camera to the step's zones do not pass through the other leg: sampled on the
 * real models, the posed triangles of the other leg's zones against the segments from the eye to
 * the centre of the zones and to points spread over them.
 */

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

/** Does the segment a→b cross the triangle (p, q, r)? Möller–Trumbore, ends excluded. */
function crosses(a: Vec3, b: Vec3, tri: Float64Array, o: number): boolean {
  const d: Vec3 = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const e1: Vec3 = [
    (tri[o + 3] ?? 0) - (tri[o] ?? 0),
    (tri[o + 4] ?? 0) - (tri[o + 1] ?? 0),
    (tri[o + 5] ?? 0) - (tri[o + 2] ?? 0),
  ];
  const e2: Vec3 = [
    (tri[o + 6] ?? 0) - (tri[o] ?? 0),
    (tri[o + 7] ?? 0) - (tri[o + 1] ?? 0),
    (tri[o + 8] ?? 0) - (tri[o + 2] ?? 0),
  ];
  const p: Vec3 = [
    d[1] * e2[2] - d[2] * e2[1],
    d[2] * e2[0] - d[0] * e2[2],
    d[0] * e2[1] - d[1] * e2[0],
  ];
  const det = e1[0] * p[0] + e1[1] * p[1] + e1[2] * p[2];
  if (Math.abs(det) < 1e-14) return false;
  const s: Vec3 = [a[0] - (tri[o] ?? 0), a[1] - (tri[o + 1] ?? 0), a[2] - (tri[o + 2] ?? 0)];
  const u = (s[0] * p[0] + s[1] * p[1] + s[2] * p[2]) / det;
  if (u < 0 || u > 1) return false;
  const q: Vec3 = [
    s[1] * e1[2] - s[2] * e1[1],
    s[2] * e1[0] - s[0] * e1[2],
    s[0] * e1[1] - s[1] * e1[0],
  ];
  const v = (d[0] * q[0] + d[1] * q[1] + d[2] * q[2]) / det;
  if (v < 0 || u + v > 1) return false;
  const t = (e2[0] * q[0] + e2[1] * q[1] + e2[2] * q[2]) / det;
  return t > 1e-4 && t < 1 - 1e-4;
}

interface Posed {
  /** The other leg's triangles, 9 numbers each, world space. */
  readonly other: Float64Array;
  /** Posed vertices of each zone of the worked side (and the midline). */
  readonly zone: (zones: ReadonlySet<string>) => Vec3[];
}

function posedFor(body: BodyData, world: (p: Vec3) => Vec3, worked: Side): Posed {
  const cache = new Map<number, Vec3>();
  const at = (v: number) => {
    let p = cache.get(v);
    if (!p) {
      p = world([
        body.positions[v * 3] ?? 0,
        body.positions[v * 3 + 1] ?? 0,
        body.positions[v * 3 + 2] ?? 0,
      ]);
      cache.set(v, p);
    }
    return p;
  };
  const other: number[] = [];
  for (let t = 0; t < body.triangleParts.length; t++) {
    const part = body.parts.at(body.triangleParts[t] ?? 0);
    if (!part || part.side === null || part.side === worked || !LIMB_ZONES.has(part.zone)) continue;
    for (let j = 0; j < 3; j++) other.push(...at(body.indices[t * 3 + j] ?? 0));
  }
  return {
    other: Float64Array.from(other),
    zone: (zones) => {
      const out: Vec3[] = [];
      for (let t = 0; t < body.triangleParts.length; t++) {
        const part = body.parts.at(body.triangleParts[t] ?? 0);
        if (!part || !zones.has(part.zone) || (part.side !== null && part.side !== worked))
          continue;
        out.push(at(body.indices[t * 3] ?? 0));
      }
      return out;
    },
  };
}

const BOTH_AT_ONCE: ReadonlySet<string> = new Set([
  'soak',
  'mat_walk',
  'barefoot_walk',
  'outer_edge_walk',
  'squat',
  'bounce',
  'jump',
  'sit_cross_legged',
]);

function blocked(eye: Vec3, target: Vec3, other: Float64Array): boolean {
  for (let o = 0; o < other.length; o += 9) if (crosses(eye, target, other, o)) return true;
  return false;
}

describe('the camera never looks through the other leg', () => {
  it('for every step of every protocol, both sides, in its pose and framing', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { protocol } of content.protocols) {
      const entry = bodies.get(protocol.body);
      if (!entry) throw new Error('no body');
      const { body, skin, bounds } = entry;
      for (const step of protocol.steps) {
        // Steps on both feet at once (a soak, walking, squats) frame both: neither is the other.
        if (step.zones.length === 0 || (step.movement && BOTH_AT_ONCE.has(step.movement))) continue;
        const zones = new Set(step.zones.filter((z) => LIMB_ZONES.has(z)));
        if (zones.size === 0) continue;
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
          if (!derived.frame) continue;
          const { eye } = frameStep(derived.frame, CAMERA_FOV, 1366 / 768);
          const pose = poseTransform(position.pose, bounds);
          const { rig, posed } = legPoseFor(body, position, step, side);
          const scene = posedFor(body, (p) => applyPose(pose, posePoint(rig, posed, p)), side);
          const pts = scene.zone(zones);
          if (pts.length === 0) continue;
          // The points of the zones nearest the camera: the skin it shows, 12 spread over it.
          const near = pts
            .map((p) => ({ p, d: Math.hypot(p[0] - eye[0], p[1] - eye[1], p[2] - eye[2]) }))
            .sort((a, b) => a.d - b.d)
            .slice(0, Math.max(12, Math.ceil(pts.length / 3)));
          const every = Math.max(1, Math.floor(near.length / 12));
          const sample = near
            .filter((_, k) => k % every === 0)
            .slice(0, 12)
            .map((n) => n.p);
          let hidden = 0;
          for (const p of sample) if (blocked(eye, p, scene.other)) hidden++;
          checked++;
          if (hidden > 2)
            failures.push(
              `${protocol.catalogueId}-${step.id} ${side}: ${String(hidden)}/12 behind the other leg`,
            );
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(failures).toEqual([]);
  }, 240_000);
});
