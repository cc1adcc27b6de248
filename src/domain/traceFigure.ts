/**
 * What a trainee should draw to trace a step: the step's figure (a line, circles, a figure
 * eight, a zigzag or presses on points), its size, turning sense, how many times it repeats and
 * how long each repeat takes at the step's tempo. Built once per step from the content step and
 * its motion plan (`planMotion`), so the grade asks for exactly what the player shows.
 *
 * Pure maths over plain arrays; the figure's own polyline for display (`figurePolyline`) samples
 * the motion plan, which needs the plan's skin projector.
 */
import type { Step } from '../content/schema.ts';
import type { Vec3 } from './body.ts';
import {
  createMotionSample,
  pathFigure,
  sampleMotion,
  type MotionPlan,
  type SkinPath,
} from './motion/index.ts';
import { analyseCircles, type ShapeStroke } from './traceShape.ts';

export const TRACE_FIGURES = ['line', 'circles', 'figure_eight', 'zigzag', 'points'] as const;
export type TraceFigureKind = (typeof TRACE_FIGURES)[number];

export interface TraceFigure {
  readonly kind: TraceFigureKind;
  /**
   * The line the figure travels along: the path itself for lines, presses and circles done
   * along a line; for a spiral or zigzag path, its centre line (see `centreLine`); for circles
   * about a point and for a figure eight, the path itself (the figure has no travel).
   */
  readonly along: SkinPath;
  /** The figure's own shape on the skin (the step's path): what the trace is compared with. */
  readonly shape: SkinPath;
  /** Circles about a fixed centre (a `circles` path): nothing travels along a line. */
  readonly centred: boolean;
  /** Circle radius, or half the width of a zigzag or a figure eight, metres; 0 for lines. */
  readonly sizeM: number;
  /** +1 counter-clockwise, −1 clockwise as seen from outside the skin; null: either sense. */
  readonly turn: 1 | -1 | null;
  /** Repeats of the figure over one pass: circles, zigzag sweeps, eight loops, presses, strokes. */
  readonly cycles: number;
  /** Seconds per repeat at the step's tempo; null when the tempo is not judged (holds, shakes). */
  readonly cycleS: number | null;
  /** Where to press, for `points` (the body's frame). */
  readonly stations: readonly Vec3[];
  /**
   * Circles: what the circle measures give for the figure itself, drawn exactly (its radius,
   * spread and turning consistency). A trace's circles are compared with these, so what the
   * measures make of circles that travel fast, along a curved line (a spiral whose centre line
   * bends turns back a little between its loops) or over the skin's curve is the same for both.
   */
  readonly calibration: {
    readonly radius: number;
    readonly spread: number;
    /** Net turning over all turning of the figure itself, in its own sense (0…1). */
    readonly consistency: number;
    /**
     * Whole turns its net turning counts (`cycles` for flat circles; fewer or more where the
     * centre line bends on the skin or the skin curves under the circles).
     */
    readonly loops: number;
  } | null;
}

/** What of a content step the figure needs. */
export type TraceFigureStep = Pick<Step, 'path'>;

/** Primitives whose cycles on a point are separate presses or taps a trainee can repeat. */
const PRESS_PRIMITIVES: ReadonlySet<string> = new Set(['pressing', 'pinching', 'tapping']);
/** Primitives that circle along the path. */
const CIRCLING_PRIMITIVES: ReadonlySet<string> = new Set(['circles', 'kneading']);

function pointOf(points: Float64Array, i: number): Vec3 {
  return [points[i * 3] ?? 0, points[i * 3 + 1] ?? 0, points[i * 3 + 2] ?? 0];
}

/** Total stroke time and cycles of a plan (transfers left out). */
function strokeTime(plan: MotionPlan): { seconds: number; cycles: number; strokes: number } {
  let seconds = 0;
  let cycles = 0;
  let strokes = 0;
  for (const s of plan.segments) {
    if (s.kind !== 'stroke') continue;
    seconds += s.durationS;
    cycles += s.cycles;
    strokes++;
  }
  return { seconds, cycles, strokes };
}

/**
 * The centre line of a figure that travels (a spiral, a zigzag): the mean of its points over one
 * repeat's arc length (a full turn or a back-and-forth), which cancels the circling or the
 * sweeping and keeps the travel. Within half a repeat of either end, where no whole repeat is
 * centred on the point, the line goes on straight at the pace it had.
 */
export function centreLine(shape: SkinPath, cycles: number): SkinPath {
  const strokes = shape.strokes.map((stroke) => {
    if (stroke.count < 3 || stroke.length <= 0 || cycles <= 0) return stroke;
    const half = stroke.length / cycles / 2;
    if (stroke.length < 2 * half * 1.01) return stroke;
    const cum = stroke.cumulative;
    const meanOver = (from: number, to: number): Vec3 => {
      let x = 0;
      let y = 0;
      let z = 0;
      let n = 0;
      for (let j = 0; j < stroke.count; j++) {
        const sj = cum[j] ?? 0;
        if (sj < from || sj > to) continue;
        x += stroke.points[j * 3] ?? 0;
        y += stroke.points[j * 3 + 1] ?? 0;
        z += stroke.points[j * 3 + 2] ?? 0;
        n++;
      }
      return n > 0 ? [x / n, y / n, z / n] : pointOf(stroke.points, 0);
    };
    const first = meanOver(0, 2 * half);
    const last = meanOver(stroke.length - 2 * half, stroke.length);
    // Pace of the centre line per metre of the figure's own arc, for the ends.
    const pace =
      Math.hypot(last[0] - first[0], last[1] - first[1], last[2] - first[2]) /
      Math.max(1e-9, stroke.length - 2 * half);
    const out = new Float64Array(stroke.count * 3);
    for (let i = 0; i < stroke.count; i++) {
      const s = cum[i] ?? 0;
      let c: Vec3;
      if (s >= half && s <= stroke.length - half) c = meanOver(s - half, s + half);
      else {
        const [anchor, inner, ds] =
          s < half
            ? [first, meanOver(half * 0.5, half * 2.5), s - half]
            : [
                last,
                meanOver(stroke.length - half * 2.5, stroke.length - half * 0.5),
                s - (stroke.length - half),
              ];
        const dx = s < half ? inner[0] - anchor[0] : anchor[0] - inner[0];
        const dy = s < half ? inner[1] - anchor[1] : anchor[1] - inner[1];
        const dz = s < half ? inner[2] - anchor[2] : anchor[2] - inner[2];
        const dl = Math.hypot(dx, dy, dz) || 1;
        c = [
          anchor[0] + (dx / dl) * ds * pace,
          anchor[1] + (dy / dl) * ds * pace,
          anchor[2] + (dz / dl) * ds * pace,
        ];
      }
      out[i * 3] = c[0];
      out[i * 3 + 1] = c[1];
      out[i * 3 + 2] = c[2];
    }
    const cumulative = new Float64Array(stroke.count);
    for (let i = 1; i < stroke.count; i++) {
      const a = pointOf(out, i - 1);
      const b = pointOf(out, i);
      cumulative[i] = (cumulative[i - 1] ?? 0) + Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
    }
    return {
      ...stroke,
      points: out,
      cumulative,
      length: cumulative[stroke.count - 1] ?? 0,
    };
  });
  return { strokes, length: strokes.reduce((sum, s) => sum + s.length, 0) };
}

/** Press stations of a stationed primitive along a glide stroke: `cycles` points, ends included. */
function stationsAlong(plan: MotionPlan): Vec3[] {
  const out: Vec3[] = [];
  plan.path.strokes.forEach((stroke, i) => {
    const seg = plan.segments.find((s) => s.kind === 'stroke' && s.stroke === i);
    if (stroke.contact === 'press' || stroke.count < 2) {
      out.push(pointOf(stroke.points, 0));
      return;
    }
    const m = Math.max(2, seg?.cycles ?? 2);
    for (let j = 0; j < m; j++) {
      const target = (stroke.length * j) / (m - 1);
      let k = 0;
      while (k + 1 < stroke.count && (stroke.cumulative[k + 1] ?? 0) < target) k++;
      out.push(pointOf(stroke.points, Math.min(k + 1, stroke.count - 1)));
    }
  });
  return out;
}

/**
 * The figure a trainee should trace for a step, from its content path and its motion plan:
 * - a `circles` or `spiral` path: circles of the path's radius, turning the path's way;
 * - a `figure_eight` path: both loops; a `zigzag` path: sweeps of the path's width;
 * - rubbing or kneading along any other path: circles of the hand's swing, either sense;
 * - presses, pinches, taps (or a path of points): presses on each point;
 * - anything else: a line along the path.
 */
export function traceFigureFor(step: TraceFigureStep, plan: MotionPlan): TraceFigure {
  const path = step.path;
  const shape = plan.path;
  const time = strokeTime(plan);
  const figure = pathFigure(path);
  const base = {
    shape,
    stations: [] as Vec3[],
    turn: null,
    centred: false,
    calibration: null,
  };
  const perCycle = (cycles: number, timed = true) =>
    timed && cycles > 0 && time.seconds > 0 ? time.seconds / cycles : null;

  if (path && figure && (path.kind === 'circles' || path.kind === 'spiral')) {
    return calibrated(plan, {
      ...base,
      kind: 'circles',
      along: path.kind === 'spiral' ? centreLine(shape, figure.cycles) : shape,
      centred: path.kind === 'circles',
      sizeM: path.radiusMm / 1000,
      turn: path.clockwise ? -1 : 1,
      cycles: figure.cycles,
      cycleS: perCycle(figure.cycles, plan.primitive !== 'vibration'),
    });
  }
  if (path && figure && path.kind === 'figure_eight') {
    return {
      ...base,
      kind: 'figure_eight',
      along: shape,
      sizeM: path.widthMm / 2000,
      cycles: figure.cycles,
      cycleS: perCycle(figure.cycles),
    };
  }
  if (path && figure && path.kind === 'zigzag') {
    return {
      ...base,
      kind: 'zigzag',
      along: centreLine(shape, figure.cycles / 2),
      sizeM: path.widthMm / 2000,
      cycles: figure.cycles,
      cycleS: perCycle(figure.cycles),
    };
  }
  const allPresses = shape.strokes.every((s) => s.contact === 'press');
  if (allPresses || PRESS_PRIMITIVES.has(plan.primitive)) {
    const stations = stationsAlong(plan);
    const timed = PRESS_PRIMITIVES.has(plan.primitive);
    return {
      ...base,
      kind: 'points',
      along: shape,
      stations,
      sizeM: 0,
      cycles: Math.max(stations.length, time.cycles),
      // Presses per pass over the whole pass (moving between points included).
      cycleS: timed && time.cycles > 0 ? plan.passDurationS / time.cycles : null,
    };
  }
  if (CIRCLING_PRIMITIVES.has(plan.primitive) && plan.amplitudeM > 0) {
    return calibrated(plan, {
      ...base,
      kind: 'circles',
      along: shape,
      sizeM: plan.amplitudeM,
      cycles: time.cycles,
      cycleS: perCycle(time.cycles),
    });
  }
  return {
    ...base,
    kind: 'line',
    along: shape,
    sizeM: 0,
    cycles: Math.max(1, time.strokes),
    cycleS: plan.primitive === 'line' ? perCycle(Math.max(1, time.strokes)) : null,
  };
}

/** A circles figure with the circle measures of its own polyline (see `calibration`). */
function calibrated(plan: MotionPlan, figure: TraceFigure): TraceFigure {
  const strokes: ShapeStroke[] = figurePolyline(figure, plan).map((line) =>
    line.map((p) => ({ p, n: plan.skin.project(p)?.normal ?? [0, 0, 1], t: null })),
  );
  const own = analyseCircles(strokes, figure.sizeM);
  return own.radius !== null && own.radiusSpread !== null
    ? {
        ...figure,
        calibration: {
          radius: own.radius,
          spread: own.radiusSpread,
          consistency: Math.abs(own.consistency),
          loops: own.loops,
        },
      }
    : figure;
}

/**
 * The figure as the hand draws it over one pass, for display: the motion plan sampled while the
 * hand is on the skin, as polylines (one per stroke; presses are single points). For shaped
 * paths and lines this is the path itself; for circles along a line it adds the circles.
 */
export function figurePolyline(figure: TraceFigure, plan: MotionPlan): Vec3[][] {
  if (figure.kind !== 'circles' || figure.shape !== figure.along || figure.centred)
    return figure.kind === 'points'
      ? figure.stations.map((p) => [p])
      : figure.shape.strokes.map((s) =>
          Array.from({ length: s.count }, (_, i) => pointOf(s.points, i)),
        );
  const perCycle = 24;
  const total = Math.min(4000, Math.max(48, Math.round(figure.cycles * perCycle)));
  const sample = createMotionSample();
  const out: Vec3[][] = [];
  let current: Vec3[] | null = null;
  let stroke = -1;
  for (let k = 0; k <= total; k++) {
    sampleMotion(plan, Math.min(k / total, 1 - 1e-9), sample);
    if (sample.transfer || sample.contact < 0.05) {
      current = null;
      continue;
    }
    if (!current || sample.stroke !== stroke) {
      current = [];
      out.push(current);
      stroke = sample.stroke;
    }
    current.push([sample.position[0], sample.position[1], sample.position[2]]);
  }
  return out;
}
