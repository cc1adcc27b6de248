import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { loadContent, type ContentData } from '../../src/content/index.ts';
import type { Position } from '../../src/content/schema.ts';
import type { BodyData, Side, Vec3 } from '../../src/domain/body.ts';
import {
  legLayout,
  legPoseFor,
  lowestOf,
  poseDirection,
  posePoint,
  poseRig,
  rigOf,
  type LegLayout,
} from '../../src/domain/limbPose.ts';
import { stepProps } from '../../src/domain/stepProps.ts';
import { zoneFraming } from '../../src/domain/views.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const bodies = new Map<'adult' | 'child', BodyData>();
let content: ContentData;

beforeAll(async () => {
  content = loadContent(await readContentFiles(ROOT)).data;
  for (const kind of ['adult', 'child'] as const)
    bodies.set(kind, await readBodyFile(resolve(ROOT, `models/body-${kind}.glb`)));
});

function bodyOf(kind: 'adult' | 'child'): BodyData {
  const b = bodies.get(kind);
  if (!b) throw new Error('no body');
  return b;
}

/** Posed vertices of the parts of some zones (optionally one side). */
function posedVertices(
  body: BodyData,
  layout: LegLayout,
  worked: Side,
  zones: ReadonlySet<string>,
  side?: Side,
): Vec3[] {
  const rig = rigOf(body);
  const posed = poseRig(rig, body, layout, worked, 0.065 * rig.scale);
  const out: Vec3[] = [];
  const seen = new Set<number>();
  for (let t = 0; t < body.triangleParts.length; t++) {
    const part = body.parts.at(body.triangleParts[t] ?? 0);
    if (!part || !zones.has(part.zone) || (side && part.side !== side)) continue;
    for (let j = 0; j < 3; j++) {
      const v = body.indices[t * 3 + j] ?? 0;
      if (seen.has(v)) continue;
      seen.add(v);
      const p: Vec3 = [
        body.positions[v * 3] ?? 0,
        body.positions[v * 3 + 1] ?? 0,
        body.positions[v * 3 + 2] ?? 0,
      ];
      out.push(posePoint(rig, posed, p, part.zone));
    }
  }
  return out;
}

/** Lowest y where the vertical line through (x, z) meets the posed surface of some zones. */
function surfaceAt(
  body: BodyData,
  layout: LegLayout,
  worked: Side,
  zones: ReadonlySet<string>,
  side: Side,
  x: number,
  z: number,
  raise: number,
): number {
  const rig = rigOf(body);
  const posed = poseRig(rig, body, layout, worked, raise);
  let low = Infinity;
  const at = (v: number): Vec3 =>
    posePoint(rig, posed, [
      body.positions[v * 3] ?? 0,
      body.positions[v * 3 + 1] ?? 0,
      body.positions[v * 3 + 2] ?? 0,
    ]);
  for (let t = 0; t < body.triangleParts.length; t++) {
    const part = body.parts.at(body.triangleParts[t] ?? 0);
    if (!part || !zones.has(part.zone) || part.side !== side) continue;
    const a = at(body.indices[t * 3] ?? 0);
    const b = at(body.indices[t * 3 + 1] ?? 0);
    const c = at(body.indices[t * 3 + 2] ?? 0);
    // Barycentric coordinates of (x, z) in the triangle's ground projection.
    const d = (b[2] - c[2]) * (a[0] - c[0]) + (c[0] - b[0]) * (a[2] - c[2]);
    if (Math.abs(d) < 1e-12) continue;
    const u = ((b[2] - c[2]) * (x - c[0]) + (c[0] - b[0]) * (z - c[2])) / d;
    const v = ((c[2] - a[2]) * (x - c[0]) + (a[0] - c[0]) * (z - c[2])) / d;
    if (u < 0 || v < 0 || u + v > 1) continue;
    low = Math.min(low, u * a[1] + v * b[1] + (1 - u - v) * c[1]);
  }
  return low;
}

const minY = (ps: readonly Vec3[]) => Math.min(...ps.map((p) => p[1]));
const PLANTAR = new Set(['sole', 'arch', 'plantar_forefoot', 'heel']);
const FEET = new Set(['sole', 'heel', 'plantar_forefoot', 'arch', 'hallux', 'toe2', 'toe3']);
const ALL = (body: BodyData) => new Set(body.parts.map((p) => p.zone));
const chair: Position = { pose: 'seated', props: ['chair', 'foot_on_opposite_knee'] };

describe('leg layouts from the content', () => {
  it('reads the layout from position, movement and equipment, not from step ids', () => {
    const layouts = new Map<string, LegLayout>();
    for (const { protocol } of content.protocols) {
      for (const step of protocol.steps) {
        const position = step.position ?? protocol.position;
        const layout = legLayout(position, step);
        layouts.set(`${protocol.catalogueId}-${step.id}`, layout);
        // Seated steps always sit (on a chair or the floor); the rest stand or lie as modelled.
        expect(layout === 'as_modelled', `${protocol.id} ${step.id}`).toBe(
          position.pose !== 'seated',
        );
        if (position.pose === 'seated' && step.movement === 'soak')
          expect(layout).toBe('chair_feet_floor');
        if (step.movement === 'ball_roll' || step.movement === 'roller_roll')
          expect(layout).toBe('chair_foot_raised');
        if (position.pose === 'seated' && position.props.includes('floor'))
          expect(layout.startsWith('floor_')).toBe(true);
      }
    }
    const values = [...layouts.values()];
    for (const l of [
      'chair_foot_on_knee',
      'chair_feet_floor',
      'chair_foot_raised',
      'floor_legs_out',
      'floor_cross_legged',
    ] as const)
      expect(values, l).toContain(l);
  });
});

describe.each(['adult', 'child'] as const)('sitting poses on the %s body', (kind) => {
  it('foot across the other knee: the sole faces the side, not down, above the other thigh', () => {
    const body = bodyOf(kind);
    for (const side of ['L', 'R'] as const) {
      const { rig, posed } = legPoseFor(body, chair, {}, side);
      expect(posed.layout).toBe('chair_foot_on_knee');
      const sole = zoneFraming(body, new Set(['sole']), side);
      if (!sole) throw new Error('no sole');
      // Standing, the sole faces the floor…
      expect(sole.normal[1]).toBeLessThan(-0.8);
      // …across the knee it faces sideways (toward the body's other side) and a little up.
      const n = poseDirection(rig, posed, sole.center, sole.normal);
      expect(n[1], `${side} sole normal ${n.join(',')}`).toBeGreaterThan(-0.2);
      expect(Math.abs(n[0])).toBeGreaterThan(0.6);
      expect(Math.sign(n[0])).toBe(side === 'L' ? -1 : 1);
      // The worked ankle rests on the other thigh: above its knee, near it.
      const other = side === 'L' ? 'R' : 'L';
      const ankle = posePoint(rig, posed, rig.legs[side].ankle);
      const otherKnee = posePoint(rig, posed, rig.legs[other].knee);
      expect(ankle[1]).toBeGreaterThan(otherKnee[1] + 0.05 * rig.scale);
      expect(Math.hypot(ankle[0] - otherKnee[0], ankle[2] - otherKnee[2])).toBeLessThan(
        0.15 * rig.scale,
      );
      // The other foot stands on the floor; the worked one is off it.
      expect(Math.abs(minY(posedVertices(body, posed.layout, side, FEET, other)))).toBeLessThan(
        0.01,
      );
      expect(minY(posedVertices(body, posed.layout, side, FEET, side))).toBeGreaterThan(
        0.3 * rig.scale,
      );
    }
  });

  it('foot across the other knee: no hand lies over the worked foot, none goes into the seat', () => {
    const body = bodyOf(kind);
    const TOES = new Set(['hallux', 'toe2', 'toe3', 'toe4', 'toe5', 'dorsum', 'sole']);
    for (const side of ['L', 'R'] as const) {
      const { rig, posed } = legPoseFor(body, chair, {}, side);
      const foot = posedVertices(body, posed.layout, side, TOES, side);
      const seatTop = posed.seatY;
      for (const armSide of ['L', 'R'] as const) {
        const arm = posedVertices(body, posed.layout, side, new Set(['arm']), armSide);
        expect(arm.length).toBeGreaterThan(50);
        let nearest = Infinity;
        const some = foot.filter((_, i) => i % 5 === 0);
        for (const a of arm)
          for (const f of some)
            nearest = Math.min(nearest, Math.hypot(a[0] - f[0], a[1] - f[1], a[2] - f[2]));
        // The close-ups of the foot show the path on it, not a resting hand beside the toes.
        expect(nearest, `${side} foot, ${armSide} hand`).toBeGreaterThan(0.25 * rig.scale);
        // Nothing of the arm inside the chair's seat.
        const inSeat = arm.filter(
          (p) => p[1] < seatTop - 0.01 && Math.abs(p[0]) < 0.23 * Math.max(0.7, rig.scale),
        );
        expect(inSeat.length, `${armSide} arm in the seat`).toBe(0);
      }
    }
  });

  it('on a chair with the feet down: both feet flat on the floor, the seat under the buttocks', () => {
    const body = bodyOf(kind);
    const rig = rigOf(body);
    const posed = poseRig(rig, body, 'chair_feet_floor', 'L');
    for (const side of ['L', 'R'] as const) {
      const feet = posedVertices(body, 'chair_feet_floor', 'L', FEET, side);
      expect(Math.abs(minY(feet))).toBeLessThan(0.01);
    }
    const seat = lowestOf(rig, posed, body, new Set(['buttock', 'thigh_back']));
    expect(posed.seatY).toBeCloseTo(seat, 6);
    // A chair's height: the thighs level, the seat at about the knee's height less the thigh.
    expect(posed.seatY).toBeGreaterThan(0.6 * rigOf(body).legs.L.knee[1]);
    expect(posed.seatY).toBeLessThan(rigOf(body).legs.L.knee[1]);
    // Thighs horizontal: the knee at the hip's height, in front of it.
    const knee = posePoint(rig, posed, rig.legs.L.knee);
    const hip = posePoint(rig, posed, rig.legs.L.hip);
    expect(Math.abs(knee[1] - hip[1])).toBeLessThan(0.02);
    expect(knee[2] - hip[2]).toBeGreaterThan(0.3 * rig.scale);
  });

  it.each(['floor_legs_out', 'floor_cross_legged'] as const)(
    'sitting on the floor (%s): the pelvis on the floor plane, nothing under it',
    (layout) => {
      const body = bodyOf(kind);
      const pelvis = posedVertices(body, layout, 'L', new Set(['buttock']));
      expect(Math.abs(minY(pelvis))).toBeLessThan(0.01);
      expect(minY(posedVertices(body, layout, 'L', ALL(body)))).toBeGreaterThan(-0.01);
      // The trunk stays upright above the pelvis.
      const rig = rigOf(body);
      const posed = poseRig(rig, body, layout, 'L');
      const top = body.landmarks.get('spine_top')?.position;
      if (!top) throw new Error('no spine_top');
      const p = posePoint(rig, posed, top);
      expect(p[1] - minY(pelvis)).toBeGreaterThan(0.9 * (top[1] - rig.legs.L.hip[1]));
    },
  );

  it('raises the worked foot by the ball and puts the ball under the sole within 1 cm', () => {
    const body = bodyOf(kind);
    const step = { movement: 'ball_roll' as const, equipment: ['tennis_ball' as const] };
    for (const side of ['L', 'R'] as const) {
      const { rig, posed } = legPoseFor(body, chair, step, side);
      expect(posed.layout).toBe('chair_foot_raised');
      const props = stepProps(body, rig, posed, step, side);
      const ball = props.find((p) => p.kind === 'ball');
      if (ball?.kind !== 'ball') throw new Error('no ball');
      // On the floor…
      expect(Math.abs(ball.at[1] - ball.radius)).toBeLessThan(0.01);
      // …and under the sole: the sole's skin right above the ball's centre touches its top.
      const sole = surfaceAt(
        body,
        posed.layout,
        side,
        PLANTAR,
        side,
        ball.at[0],
        ball.at[2],
        posed.raisedBy,
      );
      const gap = sole - (ball.at[1] + ball.radius);
      expect(gap, `gap ${String(gap)}`).toBeGreaterThan(-0.01);
      expect(gap).toBeLessThan(0.01);
      // The other foot stays on the floor.
      const other = side === 'L' ? 'R' : 'L';
      expect(Math.abs(minY(posedVertices(body, posed.layout, side, FEET, other)))).toBeLessThan(
        0.01,
      );
    }
  });

  it('a needle roller lies under the sole across the foot; a bowl holds both feet', () => {
    const body = bodyOf(kind);
    const roll = { movement: 'roller_roll' as const, equipment: ['needle_roller' as const] };
    const { rig, posed } = legPoseFor(body, chair, roll, 'L');
    const roller = stepProps(body, rig, posed, roll, 'L').find((p) => p.kind === 'roller');
    if (roller?.kind !== 'roller') throw new Error('no roller');
    const sole = surfaceAt(
      body,
      posed.layout,
      'L',
      PLANTAR,
      'L',
      roller.at[0],
      roller.at[2],
      posed.raisedBy,
    );
    expect(Math.abs(sole - (roller.at[1] + roller.radius))).toBeLessThan(0.01);

    const soak = { movement: 'soak' as const, equipment: ['foot_bath' as const] };
    const s = legPoseFor(body, chair, soak, 'L');
    expect(s.posed.layout).toBe('chair_feet_floor');
    const bowl = stepProps(body, s.rig, s.posed, soak, 'L').find((p) => p.kind === 'bowl');
    if (bowl?.kind !== 'bowl') throw new Error('no bowl');
    const feet = new Set(['sole', 'heel', 'dorsum', 'hallux', 'toe2', 'toe3', 'toe4', 'toe5']);
    for (const side of ['L', 'R'] as const) {
      for (const p of posedVertices(body, s.posed.layout, 'L', feet, side)) {
        expect(Math.hypot(p[0] - bowl.at[0], p[2] - bowl.at[2])).toBeLessThan(bowl.radius);
      }
      // The soles are under the water.
      expect(minY(posedVertices(body, s.posed.layout, 'L', new Set(['sole']), side))).toBeLessThan(
        bowl.water,
      );
    }
    // A chair under a seated body, none on the floor.
    expect(stepProps(body, s.rig, s.posed, soak, 'L').some((p) => p.kind === 'chair')).toBe(true);
    const floor: Position = { pose: 'seated', props: ['floor'] };
    const f = legPoseFor(body, floor, {}, 'L');
    const onFloor = stepProps(body, f.rig, f.posed, {}, 'L');
    expect(onFloor.some((p) => p.kind === 'chair')).toBe(false);
    expect(onFloor.some((p) => p.kind === 'mat')).toBe(true);
  });
});
