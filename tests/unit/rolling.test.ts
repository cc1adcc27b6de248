import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { loadContent, type ContentData } from '../../src/content/index.ts';
import type { Position, Step } from '../../src/content/schema.ts';
import type { BodyData } from '../../src/domain/body.ts';
import { limbPeriodS, limbPoseAt } from '../../src/domain/limbMotion.ts';
import { animatePosed, legPoseFor, posePoint, surfaceAbove } from '../../src/domain/limbPose.ts';
import { rollingAt, rollingPlan, rollingTrack } from '../../src/domain/rolling.ts';
import { stepProps } from '../../src/domain/stepProps.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let content: ContentData;
let adult: BodyData;

beforeAll(async () => {
  content = loadContent(await readContentFiles(ROOT)).data;
  adult = await readBodyFile(resolve(ROOT, 'models/body-adult.glb'));
});

function stepWith(movement: string): { step: Step; position: Position } {
  for (const { protocol } of content.protocols)
    for (const step of protocol.steps)
      if (step.movement === movement) return { step, position: step.position ?? protocol.position };
  throw new Error(`no step does ${movement}`);
}

/** The first step doing `movement`, posed on `side`, with its props and its rolling plan. */
function rollingCase(movement: string, side: 'L' | 'R') {
  const { step, position } = stepWith(movement);
  const { rig, posed } = legPoseFor(adult, position, step, side);
  const props = stepProps(adult, rig, posed, step, side);
  const plan = rollingPlan(adult, rig, posed, step, side, props);
  if (!plan) throw new Error('no rolling plan');
  return { step, rig, posed, props, plan };
}

const PLANTAR = new Set(['sole', 'arch', 'plantar_forefoot', 'heel']);

describe('a ball or roller rolled under the sole along the path', () => {
  it.each([
    ['ball_roll', 'ball'],
    ['roller_roll', 'roller'],
  ] as const)(
    '%s: on the floor, under the sole, heel to the ball of the foot and back',
    (movement, kind) => {
      for (const side of ['L', 'R'] as const) {
        const { step, rig, posed, props, plan } = rollingCase(movement, side);
        expect(plan.kind).toBe(kind);
        const prop = props.find((p) => p.kind === kind);
        if (!prop || (prop.kind !== 'ball' && prop.kind !== 'roller')) throw new Error('no prop');
        const r = prop.radius;
        const P = limbPeriodS(plan.motion, step.tempo);
        const heel = posePoint(
          rig,
          posed,
          adult.landmarks.get(`heel_bottom.${side}`)?.position ?? [0, 0, 0],
        );
        const ball = posePoint(
          rig,
          posed,
          adult.landmarks.get(`metatarsal_heads.${side}`)?.position ?? [0, 0, 0],
        );
        // Starts under the heel, halfway through the cycle it is under the ball of the foot.
        const a = rollingAt(plan, step.tempo, 0);
        const b = rollingAt(plan, step.tempo, P / 2);
        expect(Math.hypot(a[0] - heel[0], a[2] - heel[2])).toBeLessThan(0.01);
        expect(Math.hypot(b[0] - ball[0], b[2] - ball[2])).toBeLessThan(0.01);
        expect(Math.hypot(a[0] - b[0], a[2] - b[2])).toBeGreaterThan(0.08);
        const again = rollingAt(plan, step.tempo, P);
        expect(Math.hypot(again[0] - a[0], again[2] - a[2])).toBeLessThan(1e-6);
        for (let k = 0; k < 8; k++) {
          const t = (k / 8) * P;
          const c = rollingAt(plan, step.tempo, t);
          // On the floor.
          expect(c[1]).toBeCloseTo(r, 6);
          // The sole straight above the centre, as the leg is then, rests on the top within 1 cm.
          const leg = animatePosed(rig, posed, limbPoseAt(plan.motion, step.tempo, t));
          const y = surfaceAbove(adult, rig, leg, PLANTAR, side, c[0], c[2]);
          if (y === null) throw new Error(`no sole above the ${kind} at ${String(t)} s`);
          expect(Math.abs(y - 2 * r), `${side} at ${t.toFixed(2)} s`).toBeLessThan(0.01);
          // The other foot stays where it stands.
          const other = adult.landmarks.get(`heel_bottom.${side === 'L' ? 'R' : 'L'}`)?.position;
          if (!other) throw new Error('no heel');
          const o1 = posePoint(rig, leg, other);
          const o0 = posePoint(rig, posed, other);
          expect(Math.hypot(o1[0] - o0[0], o1[1] - o0[1], o1[2] - o0[2])).toBeLessThan(1e-6);
        }
      }
    },
  );

  it.each(['ball_roll', 'roller_roll'])(
    '%s: its path is drawn on the floor, from under the heel to under the ball of the foot',
    (movement) => {
      for (const side of ['L', 'R'] as const) {
        const { rig, posed, plan } = rollingCase(movement, side);
        const track = rollingTrack(plan);
        expect(track.length).toBeGreaterThanOrEqual(4);
        for (const p of track) expect(Math.abs(p[1] - 0.002)).toBeLessThan(1e-9);
        const under = (name: string) => {
          const lm = posePoint(
            rig,
            posed,
            adult.landmarks.get(`${name}.${side}`)?.position ?? [0, 0, 0],
          );
          return [lm[0], lm[2]];
        };
        const flat = (p: readonly number[]) => [p[0] ?? 0, p[2] ?? 0];
        const d = (a: number[], b: number[]) =>
          Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0));
        // Within 1 cm of the floor point under each end's landmark.
        expect(d(flat(track[0] ?? []), under('heel_bottom'))).toBeLessThan(0.01);
        expect(d(flat(track.at(-1) ?? []), under('metatarsal_heads'))).toBeLessThan(0.01);
      }
    },
  );
});
