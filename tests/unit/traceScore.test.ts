import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { loadContent, type ContentData, type Protocol } from '../../src/content/index.ts';
import type { Step } from '../../src/content/schema.ts';
import type { BodyData, Side, Vec3 } from '../../src/domain/body.ts';
import { buildSkinStroke, type SkinPath } from '../../src/domain/motion/index.ts';
import {
  applyMorphs,
  createSkinProjector,
  type SkinProjector,
} from '../../src/domain/projectToSkin.ts';
import { buildStepMotion } from '../../src/domain/stepMotion.ts';
import { traceFigureFor } from '../../src/domain/traceFigure.ts';
import { scoreTrace, type TracePoint, type TraceScoreInput } from '../../src/domain/traceScore.ts';
import { distance } from '../../src/domain/vec3.ts';

// ---------------------------------------------------------------------------------------------
// Synthetic reference: a 10 cm glide along +Y on the plane z = 0, points every 2 mm.
// ---------------------------------------------------------------------------------------------

const STEP_M = 0.002;
const N = 51;

function linePoints(from: number, to: number, x = 0): Vec3[] {
  const count = Math.round(Math.abs(to - from) / STEP_M) + 1;
  const sign = to >= from ? 1 : -1;
  return Array.from({ length: count }, (_, i): Vec3 => [x, from + sign * i * STEP_M, 0]);
}

function glidePath(points: readonly Vec3[]): SkinPath {
  const stroke = buildSkinStroke(
    points.map((point) => ({ point, normal: [0, 0, 1] as Vec3 })),
    'glide',
  );
  return { strokes: [stroke], length: stroke.length };
}

const reference = glidePath(linePoints(0, 0.1));

function traceOf(points: readonly Vec3[], zone = 'sole', side: Side | null = 'L'): TracePoint[] {
  return points.map((point) => ({ point, zone, side }));
}

function score(trace: readonly TracePoint[], extra: Partial<TraceScoreInput> = {}) {
  return scoreTrace({
    trace,
    reference,
    stepZones: ['sole'],
    avoidZones: ['bunion'],
    side: 'L',
    ...extra,
  });
}

describe('trace scoring on a synthetic glide', () => {
  it('has the reference it was built from', () => {
    expect(reference.strokes[0]?.count).toBe(N);
    expect(reference.length).toBeCloseTo(0.1, 9);
  });

  it('scores a trace along the path as full marks', () => {
    const s = score(traceOf(linePoints(0, 0.1)));
    expect(s.direction).toBeCloseTo(1, 9);
    expect(s.coverage).toBeCloseTo(1, 9);
    expect(s.accuracy).toBe(1);
    expect(s.avoidTouches).toBe(0);
    expect(s.total).toBe(100);
    expect(s.passed).toBe(true);
    expect(s.feedback).toEqual(['good']);
  });

  it('scores the reversed trace low and says it is reversed', () => {
    const s = score(traceOf(linePoints(0.1, 0)));
    expect(s.direction).toBeCloseTo(-1, 9);
    expect(s.coverage).toBeCloseTo(1, 9);
    // 100 × (0.4·0 + 0.35·1 + 0.25·1) × (0.5 + 0.5·0) = 30
    expect(s.total).toBe(30);
    expect(s.passed).toBe(false);
    expect(s.feedback).toContain('reversed');
  });

  it('counts coverage as the share of the path within tolerance of the trace', () => {
    // Trace 0 → 45 mm; tolerance 12 mm reaches the path up to 57 mm of 100 mm.
    const s = score(traceOf(linePoints(0, 0.045)));
    expect(s.coverage).toBeCloseTo(0.57, 9);
    // 100 × (0.4 + 0.35 × 0.57 + 0.25) = 84.95 → 85
    expect(s.total).toBe(85);
    expect(s.feedback).toContain('incomplete');
    expect(s.passed).toBe(true);
  });

  it('flags a trace much shorter than the path as too short', () => {
    const s = score(traceOf(linePoints(0, 0.02)));
    expect(s.feedback).toContain('too_short');
    expect(s.feedback).not.toContain('incomplete');
    expect(s.traceLength).toBeCloseTo(0.02, 9);
  });

  it('gives no direction credit to a trace across the path', () => {
    const across: Vec3[] = Array.from({ length: 21 }, (_, i): Vec3 => [-0.02 + i * 0.002, 0.05, 0]);
    const s = score(traceOf(across));
    expect(s.direction).toBeCloseTo(0, 9);
    expect(s.feedback).toContain('wrong_direction');
    expect(s.passed).toBe(false);
  });

  it('calls a trace far from the path off the path and off the zone', () => {
    const far = traceOf(linePoints(0, 0.1, 0.05), 'body', null);
    const s = score(far);
    expect(s.direction).toBeNull();
    expect(s.coverage).toBe(0);
    expect(s.accuracy).toBe(0);
    expect(s.total).toBe(0);
    expect(s.feedback).toEqual(expect.arrayContaining(['off_path', 'off_zone', 'incomplete']));
  });

  it('counts points on the step zone of the other side as off the zone', () => {
    // Parallel to the path 3 cm away (beyond tolerance), on the step zone.
    const offset = linePoints(0, 0.1, 0.03);
    expect(score(traceOf(offset, 'sole', 'L')).accuracy).toBe(1);
    expect(score(traceOf(offset, 'sole', 'R')).accuracy).toBe(0);
    expect(score(traceOf(offset, 'heel', 'L')).accuracy).toBe(0);
  });

  it('penalises each touch of an avoid zone and fails the attempt', () => {
    const points = linePoints(0, 0.1);
    const trace = points.map((point, i): TracePoint => ({
      point,
      zone: (i >= 10 && i < 14) || (i >= 30 && i < 33) ? 'bunion' : 'sole',
      side: 'L',
    }));
    const s = score(trace);
    expect(s.avoidTouches).toBe(2);
    expect(s.avoidZones).toEqual([{ zone: 'bunion', side: 'L', points: 7 }]);
    // Points on the bunion are still on the path, so only the penalty applies: 100 − 2 × 35.
    expect(s.total).toBe(30);
    expect(s.passed).toBe(false);
    expect(s.feedback[0]).toBe('touched_avoid');
  });

  it('scales the tolerance with the body size', () => {
    const offset = traceOf(linePoints(0, 0.1, 0.009));
    expect(score(offset).coverage).toBeCloseTo(1, 9);
    expect(score(offset, { bodyScale: 0.5 }).coverage).toBe(0);
  });

  it('does not join points across a lift of the pointer', () => {
    // Two dots at the ends of the path, lifted in between: nothing in the middle is covered.
    const trace: TracePoint[] = [
      { point: [0, 0, 0], zone: 'sole', side: 'L' },
      { point: [0, 0.1, 0], zone: 'sole', side: 'L', newStroke: true },
    ];
    const s = score(trace, { options: { toleranceM: 0.011 } });
    expect(s.traceLength).toBe(0);
    // Covered: samples at 0..10 mm and 90..100 mm, each standing for 1 mm (ends) or 2 mm:
    // 2 × (1 + 5 × 2) mm of 100 mm.
    expect(s.coverage).toBeCloseTo(0.22, 9);
    expect(s.direction).toBeNull();
    const joined = score(trace.map((p) => ({ ...p, newStroke: false })));
    expect(joined.coverage).toBeCloseTo(1, 9);
  });

  it('handles degenerate input without throwing', () => {
    expect(score([]).feedback).toEqual(['empty_trace']);
    expect(score([]).total).toBe(0);
    const one = score(traceOf([[0, 0.05, 0]]));
    expect(one.total).toBeLessThan(50);
    expect(one.feedback).toContain('too_short');
    expect(one.passed).toBe(false);
    const empty = scoreTrace({
      trace: traceOf(linePoints(0, 0.1)),
      reference: { strokes: [], length: 0 },
      stepZones: [],
      avoidZones: [],
    });
    expect(empty.feedback).toEqual(['no_reference']);
    expect(empty.passed).toBe(false);
    const nan = score(
      traceOf([
        [Number.NaN, 0, 0],
        [0, Number.POSITIVE_INFINITY, 0],
      ]),
    );
    expect(nan.feedback).toEqual(['empty_trace']);
  });

  it('scores presses by coverage and accuracy only', () => {
    const press = (p: Vec3) => buildSkinStroke([{ point: p, normal: [0, 0, 1] }], 'press');
    const presses: SkinPath = { strokes: [press([0, 0, 0]), press([0, 0.05, 0])], length: 0 };
    const both = scoreTrace({
      trace: traceOf([
        [0, 0, 0],
        [0, 0.05, 0],
      ]),
      reference: presses,
      stepZones: ['sole'],
      avoidZones: [],
    });
    expect(both.direction).toBeNull();
    expect(both.coverage).toBe(1);
    expect(both.total).toBe(100);
    const half = scoreTrace({
      trace: traceOf([[0, 0, 0]]).map((p) => ({ ...p, newStroke: true })),
      reference: presses,
      stepZones: ['sole'],
      avoidZones: [],
    });
    expect(half.coverage).toBe(0.5);
    // (0.35 × 0.5 + 0.25 × 1) / 0.6 = 0.7083… → 71
    expect(half.total).toBe(71);
  });
});

// ---------------------------------------------------------------------------------------------
// The real adult model
// ---------------------------------------------------------------------------------------------

const ROOT = resolve(import.meta.dirname, '../..');
const AVOID = new Set(['bunion', 'knee', 'patella', 'vertebrae']);
let content: ContentData;
let plain: { body: BodyData; skin: SkinProjector };
let valgus: { body: BodyData; skin: SkinProjector };

beforeAll(async () => {
  content = loadContent(await readContentFiles(ROOT)).data;
  const body = await readBodyFile(resolve(ROOT, 'models/body-adult.glb'));
  plain = { body, skin: createSkinProjector(body) };
  const p1 = protocolOf('P1');
  const morphed = applyMorphs(body, p1.bodyMorphs ?? {});
  valgus = { body: morphed, skin: createSkinProjector(morphed) };
});

function protocolOf(catalogueId: string): Protocol {
  const found = content.protocols.find((p) => p.protocol.catalogueId === catalogueId)?.protocol;
  if (!found) throw new Error(`no protocol ${catalogueId}`);
  return found;
}

function referenceOf(
  catalogueId: string,
  stepId: string,
  model: { body: BodyData; skin: SkinProjector },
) {
  const step = protocolOf(catalogueId).steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`no step ${stepId}`);
  return motionOf(step, model);
}

function motionOf(step: Step, model: { body: BodyData; skin: SkinProjector }) {
  const result = buildStepMotion({
    step,
    side: 'L',
    body: model.body,
    skin: model.skin,
    isBilateral: (name) => content.landmarks.get(name)?.bilateral ?? false,
    avoidZones: AVOID,
    bodyScale: 1,
  });
  if (!result.ok || !result.motion) throw new Error(`no motion for ${step.id}`);
  return { step, path: result.motion.plan.path, plan: result.motion.plan };
}

/** Times for a trace drawn at an even speed over `seconds` (ms from its start). */
function timed(trace: readonly TracePoint[], seconds: number): TracePoint[] {
  const lengths = [0];
  for (let i = 1; i < trace.length; i++)
    lengths.push(
      (lengths[i - 1] ?? 0) +
        distance(trace[i - 1]?.point ?? [0, 0, 0], trace[i]?.point ?? [0, 0, 0]),
    );
  const total = lengths.at(-1) ?? 1;
  return trace.map((p, i) => ({
    ...p,
    newStroke: false,
    t: ((lengths[i] ?? 0) / total) * seconds * 1000,
  }));
}

/** The points of a skin path, projected again so each carries the zone under it. */
function traceAlong(path: SkinPath, skin: SkinProjector): TracePoint[] {
  const out: TracePoint[] = [];
  for (const stroke of path.strokes) {
    for (let i = 0; i < stroke.count; i++) {
      const hit = skin.project([
        stroke.points[i * 3] ?? 0,
        stroke.points[i * 3 + 1] ?? 0,
        stroke.points[i * 3 + 2] ?? 0,
      ]);
      if (hit) out.push({ point: hit.point, zone: hit.zone, side: hit.side, newStroke: i === 0 });
    }
  }
  return out;
}

/** Projects a straight chord a → b, lifted off the skin along `lift`, as a trace. */
function chordTrace(
  skin: SkinProjector,
  a: Vec3,
  b: Vec3,
  lift: Vec3,
  samples: number,
): TracePoint[] {
  const out: TracePoint[] = [];
  for (let k = 0; k <= samples; k++) {
    const t = k / samples;
    const bump = Math.sin(Math.PI * t) * 0.006;
    const hit = skin.project([
      a[0] + (b[0] - a[0]) * t + lift[0] * bump,
      a[1] + (b[1] - a[1]) * t + lift[1] * bump,
      a[2] + (b[2] - a[2]) * t + lift[2] * bump,
    ]);
    if (hit) out.push({ point: hit.point, zone: hit.zone, side: hit.side });
  }
  return out;
}

describe('trace scoring on the real adult model', () => {
  it('passes the sole glide heel to toes (P9) traced along the path and fails it reversed', () => {
    const { step, path } = referenceOf('P9', 'therapist-sole-heel-to-toes', plain);
    expect(path.length).toBeGreaterThan(0.1);
    const along = traceAlong(path, plain.skin);
    const input = { reference: path, stepZones: step.zones, avoidZones: AVOID, side: 'L' as const };
    const good = scoreTrace({ ...input, trace: along });
    expect(good.direction ?? -2).toBeGreaterThan(0.95);
    expect(good.coverage).toBeGreaterThan(0.99);
    expect(good.accuracy).toBeGreaterThan(0.95);
    expect(good.total).toBeGreaterThanOrEqual(95);
    expect(good.passed).toBe(true);

    const reversed = scoreTrace({
      ...input,
      trace: [...along].reverse().map((p) => ({ ...p, newStroke: false })),
    });
    expect(reversed.direction ?? 2).toBeLessThan(-0.95);
    expect(reversed.total).toBeLessThanOrEqual(35);
    expect(reversed.passed).toBe(false);
    expect(reversed.feedback).toContain('reversed');
  });

  it('penalises and flags a trace around the big toe joint (P1) that crosses the bunion', () => {
    const { step, path } = referenceOf('P1', 'circles-around-joint', valgus);
    const along = traceAlong(path, valgus.skin);
    const input = { reference: path, stepZones: step.zones, avoidZones: AVOID, side: 'L' as const };
    const good = scoreTrace({ ...input, trace: along });
    expect(good.avoidTouches).toBe(0);
    expect(good.passed).toBe(true);

    // A chord over the skin through the bunion apex, from above the joint to below it.
    const apex = valgus.body.landmarks.get('bunion_apex.L')?.position;
    const dorsal = valgus.body.landmarks.get('first_mtp_dorsal.L')?.position;
    const plantar = valgus.body.landmarks.get('first_mtp_plantar.L')?.position;
    if (!apex || !dorsal || !plantar) throw new Error('landmarks missing');
    const outward = valgus.skin.normalAt(apex);
    const crossing = [
      ...chordTrace(valgus.skin, dorsal, apex, outward, 12),
      ...chordTrace(valgus.skin, apex, plantar, outward, 12).slice(1),
    ];
    expect(crossing.some((p) => p.zone === 'bunion' && p.side === 'L')).toBe(true);

    const bad = scoreTrace({
      ...input,
      trace: [...along, ...crossing.map((p, i) => ({ ...p, newStroke: i === 0 }))],
    });
    expect(bad.avoidTouches).toBeGreaterThanOrEqual(1);
    expect(bad.avoidZones.map((z) => `${z.zone}.${String(z.side)}`)).toContain('bunion.L');
    expect(bad.feedback[0]).toBe('touched_avoid');
    expect(bad.passed).toBe(false);
    expect(bad.total).toBeLessThanOrEqual(good.total - 35);
  });

  it('grades the circles around the big-toe joint (P1) as clockwise circles at one a second', () => {
    const { step, plan } = referenceOf('P1', 'circles-around-joint', valgus);
    const figure = traceFigureFor(step, plan);
    expect(figure.kind).toBe('circles');
    expect(figure.turn).toBe(-1);
    const seconds = figure.cycles * (figure.cycleS ?? 0);
    expect(seconds).toBeCloseTo(6, 9);
    const input = {
      reference: plan.path,
      figure,
      stepZones: step.zones,
      avoidZones: AVOID,
      side: 'L' as const,
    };
    // The path itself: six clockwise circles travelling toward the toe.
    const right = scoreTrace({
      ...input,
      trace: timed(traceAlong(plan.path, valgus.skin), seconds),
    });
    expect(right.total).toBeGreaterThanOrEqual(85);
    expect(right.passed).toBe(true);
    // The same circles the other way round (the step with its sense flipped).
    if (step.path?.kind !== 'spiral') throw new Error('P1 step 3 is a spiral');
    const flipped = motionOf({ ...step, path: { ...step.path, clockwise: false } }, valgus);
    const wrong = scoreTrace({
      ...input,
      trace: timed(traceAlong(flipped.path, valgus.skin), seconds),
    });
    expect(wrong.total).toBeLessThan(60);
    expect(wrong.feedback).toContain('turn_other_way');
    // A straight line along the circles' centre line.
    const straight = scoreTrace({
      ...input,
      trace: timed(traceAlong(figure.along, valgus.skin), seconds),
    });
    expect(straight.coverage).toBeGreaterThan(0.9);
    expect(straight.total).toBeLessThan(50);
    expect(straight.feedback).toContain('no_circles');
    // At half and double the tempo.
    const good = right.total;
    for (const pace of [0.5, 2]) {
      const s = scoreTrace({
        ...input,
        trace: timed(traceAlong(plan.path, valgus.skin), seconds / pace),
      });
      expect(s.total).toBeLessThanOrEqual(good - 5);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The real child model
// ---------------------------------------------------------------------------------------------

describe('trace scoring on the real child model', () => {
  let child: { body: BodyData; skin: SkinProjector };
  beforeAll(async () => {
    const body = await readBodyFile(resolve(ROOT, 'models/body-child.glb'));
    const morphed = applyMorphs(body, protocolOf('P2').bodyMorphs ?? {});
    child = { body: morphed, skin: createSkinProjector(morphed) };
  });

  it('grades the warming spiral from the sole up the calf (P2) in the bands', () => {
    // Its landmarks' chord runs through the ankle: the circles travel over the skin instead.
    const { step, plan } = referenceOf('P2', 'prep-warm-lower-legs-feet', child);
    const figure = traceFigureFor(step, plan);
    expect(figure.kind).toBe('circles');
    expect(figure.turn).toBe(-1);
    const seconds = figure.cycles * (figure.cycleS ?? 0);
    expect(seconds).toBeCloseTo(6, 9);
    // The circles on the skin keep the step's radius (18 mm).
    expect(figure.calibration?.radius ?? 0).toBeGreaterThan(0.014);
    expect(figure.calibration?.radius ?? 1).toBeLessThan(0.022);
    const input = {
      reference: plan.path,
      figure,
      stepZones: step.zones,
      avoidZones: AVOID,
      side: 'L' as const,
    };
    const right = scoreTrace({
      ...input,
      trace: timed(traceAlong(plan.path, child.skin), seconds),
    });
    expect(right.total).toBeGreaterThanOrEqual(85);
    if (step.path?.kind !== 'spiral') throw new Error('P2 step 4 is a spiral');
    const flipped = motionOf({ ...step, path: { ...step.path, clockwise: false } }, child);
    const wrong = scoreTrace({
      ...input,
      trace: timed(traceAlong(flipped.path, child.skin), seconds),
    });
    expect(wrong.total).toBeLessThan(60);
    expect(wrong.feedback).toContain('turn_other_way');
    const straight = scoreTrace({
      ...input,
      trace: timed(traceAlong(figure.along, child.skin), seconds),
    });
    expect(straight.total).toBeLessThan(50);
    expect(straight.feedback).toContain('no_circles');
    for (const pace of [0.5, 2]) {
      const s = scoreTrace({
        ...input,
        trace: timed(traceAlong(plan.path, child.skin), seconds / pace),
      });
      expect(s.total).toBeLessThanOrEqual(right.total - 5);
      expect(s.feedback).toContain(pace < 1 ? 'faster' : 'slower');
    }
  });
});
