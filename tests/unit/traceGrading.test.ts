/**
 * Trace grading by figure on synthetic traces: for each kind of step (circles, a zigzag, a
 * figure eight, presses, a line) what a trainee draws right passes, and what is wrong in the
 * way the issue names (a straight line for circles, circling the other way, a stroke at half or
 * double the tempo, one loop of an eight, a narrow zigzag…) loses the marks it should, with the
 * words that say what to change. The steps go through the real chain: content path → samples →
 * skin → motion plan → figure, on a flat skin (z = 0, outward normal +z: seen from outside,
 * counter-clockwise is the usual mathematical sense in x, y).
 */
import { describe, expect, it } from 'vitest';
import type { PathSpec, Step } from '../../src/content/schema.ts';
import type { Vec3 } from '../../src/domain/body.ts';
import {
  motionParamsForStep,
  planMotion,
  projectStrokes,
  type MotionPlan,
  type SkinQuery,
} from '../../src/domain/motion/index.ts';
import { createRandom } from '../../src/domain/orderDrill.ts';
import { samplePath, type PathFrame } from '../../src/domain/paths.ts';
import { figurePolyline, traceFigureFor, type TraceFigure } from '../../src/domain/traceFigure.ts';
import { TraceRecorder } from '../../src/domain/traceInput.ts';
import { scoreTrace, tempoScore, type TracePoint } from '../../src/domain/traceScore.ts';

// ---------------------------------------------------------------------------------------------
// A flat skin with named points, and steps on it
// ---------------------------------------------------------------------------------------------

const LANDMARKS: Record<string, Vec3> = {
  a: [0, 0, 0],
  b: [0, 0.06, 0],
  c: [0, 0.03, 0],
  p1: [0, 0, 0],
  p2: [0.03, 0.01, 0],
  p3: [0.06, 0.02, 0],
};
/** A round patch that must not be touched, 3 cm to the right of the path. */
const AVOID_CENTRE: Vec3 = [0.04, 0.03, 0];

const flatSkin: SkinQuery = {
  project: (p) => ({
    point: [p[0], p[1], 0],
    normal: [0, 0, 1],
    distance: Math.abs(p[2]),
    triangle: 0,
    zone: Math.hypot(p[0] - AVOID_CENTRE[0], p[1] - AVOID_CENTRE[1]) < 0.008 ? 'patella' : 'sole',
    side: 'L',
  }),
};
const frame: PathFrame = { landmark: (name) => LANDMARKS[name], normalAt: () => [0, 0, 1] };

type StepFields = Pick<Step, 'technique' | 'handPart' | 'intensity' | 'tempo' | 'path'>;

function stepOn(path: PathSpec, fields: Partial<StepFields> = {}): StepFields {
  return {
    technique: 'rubbing',
    handPart: 'fingertips',
    intensity: 'moderate',
    tempo: { word: 'moderate', perMinute: 60 },
    path,
    ...fields,
  };
}

function prepare(step: StepFields): { plan: MotionPlan; figure: TraceFigure } {
  if (!step.path) throw new Error('no path');
  const sampled = samplePath(step.path, frame);
  if (!sampled.ok) throw new Error(`missing ${sampled.missing.join(', ')}`);
  const path = projectStrokes(sampled.strokes, flatSkin);
  const params = motionParamsForStep(step, { avoidZones: new Set(['patella']) });
  if (!params) throw new Error('no motion');
  const plan = planMotion(path, flatSkin, params);
  return { plan, figure: traceFigureFor(step, plan) };
}

function grade(prepared: { plan: MotionPlan; figure: TraceFigure }, trace: TracePoint[]) {
  return scoreTrace({
    trace,
    reference: prepared.plan.path,
    figure: prepared.figure,
    stepZones: ['sole'],
    avoidZones: ['patella'],
    side: 'L',
  });
}

/** The expected pass time of a figure (all its repeats at the step's tempo), seconds. */
const passSeconds = (f: TraceFigure) => f.cycles * (f.cycleS ?? 0);

const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

/**
 * A trace drawn by a hand: `at(u)` for u from 0 to 1, moved through in `n` pointer events over
 * `seconds`, with a little seeded jitter (0.3 mm) as a real pointer has, recorded as the app
 * records it (`TraceRecorder`: points closer than 1 mm dropped, times kept).
 */
function drawn(
  at: (u: number) => Vec3,
  seconds: number,
  n = 1200,
  options: { jitterM?: number; seed?: number; zone?: (p: Vec3) => string } = {},
): TracePoint[] {
  const random = createRandom(options.seed ?? 7);
  const jitter = options.jitterM ?? 0.0003;
  const recorder = new TraceRecorder();
  recorder.begin(IDENTITY);
  for (let i = 0; i < n; i++) {
    const u = i / (n - 1);
    const p = at(u);
    const point: Vec3 = [
      p[0] + (random() - 0.5) * 2 * jitter,
      p[1] + (random() - 0.5) * 2 * jitter,
      0,
    ];
    recorder.add(
      { point, zone: options.zone?.(point) ?? 'sole', side: 'L' },
      5000 + u * seconds * 1000,
    );
  }
  return recorder.points();
}

const line =
  (from: Vec3, to: Vec3) =>
  (u: number): Vec3 => [from[0] + (to[0] - from[0]) * u, from[1] + (to[1] - from[1]) * u, 0];

/**
 * Circles of radius `r` travelling from `from` to `to`, `turns` of them, counter-clockwise
 * (seen from outside) when `ccw`.
 */
const circlesAlong =
  (from: Vec3, to: Vec3, r: number, turns: number, ccw: boolean) =>
  (u: number): Vec3 => {
    const c = line(from, to)(u);
    const th = (ccw ? 1 : -1) * 2 * Math.PI * turns * u;
    return [c[0] + r * Math.cos(th), c[1] + r * Math.sin(th), 0];
  };

// ---------------------------------------------------------------------------------------------
// Circles
// ---------------------------------------------------------------------------------------------

describe('a circles step (a clockwise spiral of small circles toward the toe)', () => {
  const spiral = prepare(
    stepOn({ kind: 'spiral', along: ['a', 'b'], radiusMm: 5, turns: 6, clockwise: true }),
  );
  const { figure } = spiral;
  const seconds = passSeconds(figure);
  const right = drawn(circlesAlong(LANDMARKS.a, LANDMARKS.b, 0.006, 6, false), seconds);

  it('asks for six clockwise circles of 5 mm at one a second', () => {
    expect(figure.kind).toBe('circles');
    expect(figure.turn).toBe(-1);
    expect(figure.sizeM).toBeCloseTo(0.005, 9);
    expect(figure.cycles).toBe(6);
    // 60 per minute counts circles: the spiral takes six seconds, as the player now shows it.
    expect(figure.cycleS).toBeCloseTo(1, 9);
    expect(spiral.plan.passDurationS).toBeCloseTo(6, 9);
    // Its centre line runs from a to b (the circling averaged out).
    const along = figure.along.strokes.at(0);
    expect(along?.length ?? 0).toBeGreaterThan(0.045);
    expect(along?.length ?? 0).toBeLessThan(0.075);
  });

  it('passes circles drawn the right way (≥ 85)', () => {
    const s = grade(spiral, right);
    expect(s.figure).toBe('circles');
    expect(s.detail?.drawn).toBeCloseTo(6, 0);
    expect(s.detail?.turnAgreement ?? 0).toBeGreaterThan(0.9);
    // 6 mm circles for 5 mm asked (the moving centre's estimate is within 15 %).
    expect(s.detail?.sizeRatio ?? 0).toBeGreaterThan(1.2 * 0.85);
    expect(s.detail?.sizeRatio ?? 0).toBeLessThan(1.2 * 1.15);
    expect(s.tempoRatio ?? 0).toBeCloseTo(1, 1);
    expect(s.total).toBeGreaterThanOrEqual(85);
    expect(s.passed).toBe(true);
    expect(s.feedback).toEqual(['good']);
  });

  it('scores a straight line along the circles below 50 and asks for circles', () => {
    const s = grade(spiral, drawn(line(LANDMARKS.a, LANDMARKS.b), seconds));
    // It covers the path and goes the right way…
    expect(s.coverage).toBeGreaterThan(0.95);
    expect(s.direction ?? 0).toBeGreaterThan(0.9);
    // …but draws no circle.
    expect(s.total).toBeLessThan(50);
    expect(s.passed).toBe(false);
    expect(s.feedback).toContain('no_circles');
  });

  it('scores circles drawn the wrong way below 60 and says to circle the other way', () => {
    const s = grade(spiral, drawn(circlesAlong(LANDMARKS.a, LANDMARKS.b, 0.006, 6, true), seconds));
    expect(s.detail?.turnAgreement ?? 0).toBeLessThan(-0.9);
    expect(s.total).toBeLessThan(60);
    expect(s.passed).toBe(false);
    expect(s.feedback[0]).toBe('turn_other_way');
  });

  it('takes points off circles at half or double the tempo, and says slower or faster', () => {
    const good = grade(spiral, right).total;
    const fast = grade(
      spiral,
      drawn(circlesAlong(LANDMARKS.a, LANDMARKS.b, 0.006, 6, false), seconds / 2),
    );
    const slow = grade(
      spiral,
      drawn(circlesAlong(LANDMARKS.a, LANDMARKS.b, 0.006, 6, false), seconds * 2),
    );
    expect(fast.tempoRatio ?? 0).toBeCloseTo(2, 1);
    expect(slow.tempoRatio ?? 0).toBeCloseTo(0.5, 1);
    for (const s of [fast, slow]) {
      expect(s.total).toBeLessThanOrEqual(good - 5);
      expect(s.tempo ?? 1).toBeLessThan(0.6);
    }
    expect(fast.feedback).toContain('slower');
    expect(slow.feedback).toContain('faster');
    expect(fast.feedback).not.toContain('faster');
  });

  it('asks for bigger circles when they are far too small, and for smaller ones when huge', () => {
    const tiny = grade(
      spiral,
      drawn(circlesAlong(LANDMARKS.a, LANDMARKS.b, 0.002, 12, false), seconds * 2, 1200, {
        jitterM: 0.00005,
      }),
    );
    expect(tiny.detail?.sizeRatio ?? 1).toBeLessThan(0.5);
    expect(tiny.feedback).toContain('bigger_circles');
    const huge = grade(
      spiral,
      drawn(circlesAlong(LANDMARKS.a, LANDMARKS.b, 0.02, 6, false), seconds),
    );
    expect(huge.feedback).toContain('smaller_circles');
    expect(huge.total).toBeLessThan(grade(spiral, right).total);
  });

  it('says the stroke goes the wrong way when the right circles travel back', () => {
    const s = grade(
      spiral,
      drawn(circlesAlong(LANDMARKS.b, LANDMARKS.a, 0.006, 6, false), seconds),
    );
    expect(s.direction ?? 0).toBeLessThan(-0.8);
    expect(s.feedback).toContain('reversed');
    expect(s.total).toBeLessThan(60);
  });

  it('without point times grades the shape and leaves the tempo out', () => {
    const untimed: TracePoint[] = right.map((p) => ({
      point: p.point,
      zone: p.zone,
      ...(p.side !== undefined ? { side: p.side } : {}),
      ...(p.newStroke !== undefined ? { newStroke: p.newStroke } : {}),
    }));
    const s = grade(spiral, untimed);
    expect(s.tempo).toBeNull();
    expect(s.criteria.map((c) => c.criterion)).not.toContain('tempo');
    expect(s.total).toBeGreaterThanOrEqual(85);
    expect(s.criteria.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(1, 9);
  });

  it('penalises a trace that touches the avoid patch and names it first', () => {
    const touching = drawn(circlesAlong(LANDMARKS.a, LANDMARKS.b, 0.006, 6, false), seconds).concat(
      drawn(line([0.03, 0.03, 0], [0.045, 0.03, 0]), 1, 30, {
        zone: (p) =>
          Math.hypot(p[0] - AVOID_CENTRE[0], p[1] - AVOID_CENTRE[1]) < 0.008 ? 'patella' : 'sole',
      }).map((p, i) => ({ ...p, t: (p.t ?? 0) + seconds * 1000 + 500, newStroke: i === 0 })),
    );
    const s = grade(spiral, touching);
    expect(s.avoidTouches).toBe(1);
    expect(s.avoidZones[0]?.zone).toBe('patella');
    expect(s.feedback[0]).toBe('touched_avoid');
    expect(s.passed).toBe(false);
  });
});

describe('circles about a point', () => {
  const centred = prepare(
    stepOn(
      { kind: 'circles', center: 'c', radiusMm: 20, turns: 4, clockwise: false },
      { tempo: { word: 'moderate', perMinute: 40 } },
    ),
  );
  const seconds = passSeconds(centred.figure);
  const about =
    (ccw: boolean, r = 0.02) =>
    (u: number): Vec3 => {
      const th = (ccw ? 1 : -1) * 2 * Math.PI * 4 * u;
      return [LANDMARKS.c[0] + r * Math.cos(th), LANDMARKS.c[1] + r * Math.sin(th), 0];
    };

  it('grades turning and size without a travel direction', () => {
    expect(centred.figure.centred).toBe(true);
    expect(seconds).toBeCloseTo(6, 9);
    const right = grade(centred, drawn(about(true), seconds));
    expect(right.direction).toBeNull();
    expect(right.total).toBeGreaterThanOrEqual(85);
    const wrong = grade(centred, drawn(about(false), seconds));
    expect(wrong.total).toBeLessThan(60);
    expect(wrong.feedback).toContain('turn_other_way');
    const dash = grade(centred, drawn(line([-0.02, 0.03, 0], [0.02, 0.03, 0]), seconds));
    expect(dash.total).toBeLessThan(50);
  });
});

describe('circles of the hand along a line (rubbing on a line path)', () => {
  const rub = prepare(
    stepOn(
      { kind: 'line', from: 'a', to: 'b' },
      { handPart: 'palm', tempo: { word: 'moderate', perMinute: 30 } },
    ),
  );

  it('asks for circles of the hand’s swing in either sense', () => {
    expect(rub.figure.kind).toBe('circles');
    expect(rub.figure.turn).toBeNull();
    expect(rub.figure.sizeM).toBeCloseTo(rub.plan.amplitudeM, 9);
    const seconds = passSeconds(rub.figure);
    const turns = rub.figure.cycles;
    const r = rub.figure.sizeM;
    for (const ccw of [true, false]) {
      const s = grade(
        rub,
        drawn(circlesAlong(LANDMARKS.a, LANDMARKS.b, r, turns, ccw), seconds, 800),
      );
      expect(s.total).toBeGreaterThanOrEqual(85);
    }
    expect(grade(rub, drawn(line(LANDMARKS.a, LANDMARKS.b), seconds)).total).toBeLessThan(50);
  });

  it('shows the hand’s circles as the reference figure', () => {
    const polylines = figurePolyline(rub.figure, rub.plan);
    const points = polylines.flat();
    const lateral = Math.max(...points.map((p) => Math.abs(p[0])));
    expect(lateral).toBeGreaterThan(0.8 * rub.figure.sizeM);
    expect(lateral).toBeLessThan(1.3 * rub.figure.sizeM);
  });
});

// ---------------------------------------------------------------------------------------------
// Zigzag
// ---------------------------------------------------------------------------------------------

describe('a zigzag step (eight sweeps 30 mm wide from a to b)', () => {
  const zig = prepare(stepOn({ kind: 'zigzag', along: ['a', 'b'], widthMm: 30, segments: 8 }));
  const seconds = passSeconds(zig.figure);
  const sweeps =
    (half: number, from = LANDMARKS.a, to = LANDMARKS.b) =>
    (u: number): Vec3 => {
      const c = line(from, to)(u);
      const x = 8 * u;
      const tri = 1 - 2 * Math.abs((x % 2) - 1);
      return [c[0] + half * tri, c[1], 0];
    };

  it('asks for eight sweeps, 15 mm either side, at one a second', () => {
    expect(zig.figure.kind).toBe('zigzag');
    expect(zig.figure.sizeM).toBeCloseTo(0.015, 9);
    expect(zig.figure.cycles).toBe(8);
    expect(zig.figure.cycleS).toBeCloseTo(1, 9);
  });

  it('passes the zigzag drawn as asked and fails a straight line', () => {
    const right = grade(zig, drawn(sweeps(0.016), seconds));
    expect(right.detail?.drawn ?? 0).toBeGreaterThanOrEqual(7);
    expect(right.detail?.sizeRatio ?? 0).toBeGreaterThan((16 / 15) * 0.9);
    expect(right.detail?.sizeRatio ?? 0).toBeLessThan((16 / 15) * 1.1);
    expect(right.total).toBeGreaterThanOrEqual(85);
    expect(right.feedback).toEqual(['good']);
    const straight = grade(zig, drawn(line(LANDMARKS.a, LANDMARKS.b), seconds));
    expect(straight.total).toBeLessThan(50);
    expect(straight.feedback).toContain('no_sweeps');
  });

  it('fails a zigzag far too narrow, asking for a wider one, and one drawn backwards', () => {
    const narrow = grade(zig, drawn(sweeps(0.0035), seconds, 400, { jitterM: 0.0001 }));
    expect(narrow.total).toBeLessThan(60);
    expect(narrow.feedback).toContain('wider_zigzag');
    const back = grade(zig, drawn(sweeps(0.016, LANDMARKS.b, LANDMARKS.a), seconds));
    expect(back.total).toBeLessThan(60);
    expect(back.feedback).toContain('reversed');
  });

  it('takes points off a zigzag at half or double the tempo', () => {
    const good = grade(zig, drawn(sweeps(0.016), seconds)).total;
    const fast = grade(zig, drawn(sweeps(0.016), seconds / 2));
    const slow = grade(zig, drawn(sweeps(0.016), seconds * 2));
    expect(fast.total).toBeLessThanOrEqual(good - 5);
    expect(slow.total).toBeLessThanOrEqual(good - 5);
    expect(fast.feedback).toContain('slower');
    expect(slow.feedback).toContain('faster');
  });
});

// ---------------------------------------------------------------------------------------------
// Figure eight
// ---------------------------------------------------------------------------------------------

describe('a figure-eight step (three loops between a and b, 22 mm wide)', () => {
  const eight = prepare(
    stepOn(
      { kind: 'figure_eight', a: 'a', b: 'b', widthMm: 22, loops: 3 },
      { handPart: 'palm', tempo: { word: 'moderate', perMinute: 20 } },
    ),
  );
  const seconds = passSeconds(eight.figure);
  const mid = line(LANDMARKS.a, LANDMARKS.b)(0.5);
  /** Gerono's lemniscate as the path draws it, `loops` times; `mirror` flips it side to side. */
  const lemniscate =
    (width: number, loops = 3, mirror = false) =>
    (u: number): Vec3 => {
      const th = 2 * Math.PI * loops * u;
      return [
        mid[0] + (mirror ? -1 : 1) * (width / 2) * Math.sin(2 * th),
        mid[1] + 0.03 * Math.sin(th),
        0,
      ];
    };

  it('passes both loops drawn, either way round', () => {
    expect(eight.figure.kind).toBe('figure_eight');
    expect(seconds).toBeCloseTo(9, 9);
    for (const mirror of [false, true]) {
      const s = grade(eight, drawn(lemniscate(0.024, 3, mirror), seconds, 600));
      expect(s.detail?.drawn).toBe(2);
      expect(s.total).toBeGreaterThanOrEqual(85);
    }
  });

  it('fails a straight line and a single loop, asking for both loops', () => {
    const straight = grade(eight, drawn(line(LANDMARKS.a, LANDMARKS.b), seconds));
    expect(straight.total).toBeLessThan(50);
    expect(straight.feedback).toContain('both_loops');
    // Three circles on the b half only.
    const one = grade(
      eight,
      drawn(
        (u) => {
          const th = 2 * Math.PI * 3 * u;
          return [0.011 * Math.sin(th), 0.045 + 0.014 * Math.cos(th), 0];
        },
        seconds,
        600,
      ),
    );
    expect(one.detail?.drawn).toBe(1);
    expect(one.total).toBeLessThan(60);
    expect(one.feedback).toContain('both_loops');
  });

  it('does not take two circles turning the same way for an eight', () => {
    const same = drawn(
      (u) => {
        const th = 2 * Math.PI * 3 * u;
        const lobe = u < 0.5 ? 1 : -1;
        return [0.011 * Math.sin(2 * th), 0.03 + lobe * 0.015 + 0.012 * Math.cos(2 * th), 0];
      },
      seconds,
      800,
    );
    const s = grade(eight, same);
    expect(s.feedback).toContain('loops_opposite');
    expect(s.total).toBeLessThan(60);
  });

  it('takes points off an eight at half or double the tempo', () => {
    const good = grade(eight, drawn(lemniscate(0.024), seconds, 600)).total;
    expect(grade(eight, drawn(lemniscate(0.024), seconds / 2, 600)).total).toBeLessThanOrEqual(
      good - 5,
    );
    expect(grade(eight, drawn(lemniscate(0.024), seconds * 2, 600)).total).toBeLessThanOrEqual(
      good - 5,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Presses and taps
// ---------------------------------------------------------------------------------------------

describe('a tapping step on three points (four taps each, 180 a minute)', () => {
  const taps = prepare(
    stepOn(
      { kind: 'points', at: ['p1', 'p2', 'p3'] },
      { technique: 'tapping', tempo: { word: 'brisk', perMinute: 180 } },
    ),
  );
  const points = [LANDMARKS.p1, LANDMARKS.p2, LANDMARKS.p3];
  /** Taps: `perPoint` short presses on each of `at`, one every `gapS` seconds. */
  const tapping = (at: readonly Vec3[], perPoint: number, gapS: number): TracePoint[] => {
    const out: TracePoint[] = [];
    let k = 0;
    for (const p of at)
      for (let i = 0; i < perPoint; i++, k++)
        out.push(
          {
            point: [p[0] + 0.0005, p[1], 0],
            zone: 'sole',
            side: 'L',
            newStroke: k > 0,
            t: k * gapS * 1000,
          },
          { point: [p[0] + 0.001, p[1], 0], zone: 'sole', side: 'L', t: k * gapS * 1000 + 60 },
        );
    return out;
  };

  it('asks for taps on each point at the tempo', () => {
    expect(taps.figure.kind).toBe('points');
    expect(taps.figure.stations).toHaveLength(3);
    expect(taps.figure.cycleS ?? 0).toBeGreaterThan(0.25);
    expect(taps.figure.cycleS ?? 0).toBeLessThan(0.5);
  });

  it('passes every point tapped in order at the tempo; misses and a wrong order lose marks', () => {
    const gap = taps.figure.cycleS ?? 0;
    const good = grade(taps, tapping(points, 4, gap));
    expect(good.detail?.drawn).toBe(3);
    expect(good.total).toBeGreaterThanOrEqual(85);
    const missed = grade(taps, tapping(points.slice(0, 1), 4, gap));
    expect(missed.total).toBeLessThan(60);
    expect(missed.feedback).toContain('missed_points');
    const backwards = grade(taps, tapping([...points].reverse(), 4, gap));
    expect(backwards.total).toBeLessThan(good.total);
    expect(backwards.feedback).toContain('wrong_order');
    const slow = grade(taps, tapping(points, 4, gap * 2));
    const fast = grade(taps, tapping(points, 4, gap / 2));
    expect(slow.total).toBeLessThanOrEqual(good.total - 5);
    expect(fast.total).toBeLessThanOrEqual(good.total - 5);
    expect(slow.feedback).toContain('faster');
  });
});

// ---------------------------------------------------------------------------------------------
// A line
// ---------------------------------------------------------------------------------------------

describe('a stroking line (15 strokes a minute)', () => {
  const stroke = prepare(
    stepOn(
      { kind: 'line', from: 'a', to: 'b' },
      { technique: 'stroking', tempo: { word: 'moderate', perMinute: 15 } },
    ),
  );

  it('passes the stroke at its pace and takes points off at half or double', () => {
    expect(stroke.figure.kind).toBe('line');
    expect(stroke.figure.cycleS).toBeCloseTo(4, 9);
    const good = grade(stroke, drawn(line(LANDMARKS.a, LANDMARKS.b), 4));
    expect(good.total).toBeGreaterThanOrEqual(95);
    expect(good.tempoRatio ?? 0).toBeCloseTo(1, 1);
    const fast = grade(stroke, drawn(line(LANDMARKS.a, LANDMARKS.b), 2));
    const slow = grade(stroke, drawn(line(LANDMARKS.a, LANDMARKS.b), 8));
    expect(fast.total).toBeLessThanOrEqual(good.total - 5);
    expect(slow.total).toBeLessThanOrEqual(good.total - 5);
    expect(fast.feedback).toEqual(['slower']);
    expect(slow.feedback).toEqual(['faster']);
    const back = grade(stroke, drawn(line(LANDMARKS.b, LANDMARKS.a), 4));
    expect(back.total).toBeLessThan(50);
    expect(back.feedback).toContain('reversed');
  });
});

describe('tempo marks', () => {
  it('are full within 30 % of the pace and none at three times or a third', () => {
    expect(tempoScore(1)).toBe(1);
    expect(tempoScore(1.25)).toBe(1);
    expect(tempoScore(0.8)).toBe(1);
    expect(tempoScore(2)).toBeLessThan(0.6);
    expect(tempoScore(0.5)).toBeLessThan(0.6);
    expect(tempoScore(2)).toBeCloseTo(tempoScore(0.5), 9);
    expect(tempoScore(3)).toBe(0);
    expect(tempoScore(1 / 3)).toBe(0);
  });
});
