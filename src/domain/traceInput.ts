/**
 * "Trace the stroke" input: turns the pointer's hits on the body (world space, as the raycast
 * gives them) into trace points in the body's own frame, the frame the step's reference path is
 * sampled in. Pure maths: the caller passes the posed body's world matrix as 16 numbers
 * (column-major, as three.js stores `Matrix4.elements`).
 */
import type { Side, Vec3 } from './body.ts';
import type { TracePoint } from './traceScore.ts';

/** Points closer than this to the previous one are dropped (metres): small circles keep shape. */
export const TRACE_MIN_SPACING_M = 0.001;
/** Most points one trace keeps; a longer drag keeps its first points only. */
export const MAX_TRACE_POINTS = 4000;

/** A point where the pointer met the skin, in world space, with the zone part hit. */
export interface TraceHit {
  readonly point: Vec3;
  readonly zone: string;
  readonly side: Side | null;
}

/** The inverse of an affine 4×4 matrix (column-major), or null when it is singular. */
export function invertAffine(m: ArrayLike<number>): number[] | null {
  const a = (i: number) => m[i] ?? 0;
  // Upper 3×3 (row r, column c) is at c * 4 + r.
  const m00 = a(0),
    m10 = a(1),
    m20 = a(2);
  const m01 = a(4),
    m11 = a(5),
    m21 = a(6);
  const m02 = a(8),
    m12 = a(9),
    m22 = a(10);
  const tx = a(12),
    ty = a(13),
    tz = a(14);
  const c00 = m11 * m22 - m12 * m21;
  const c01 = m02 * m21 - m01 * m22;
  const c02 = m01 * m12 - m02 * m11;
  const det = m00 * c00 + m10 * c01 + m20 * c02;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return null;
  const k = 1 / det;
  const i00 = c00 * k,
    i01 = c01 * k,
    i02 = c02 * k;
  const i10 = (m12 * m20 - m10 * m22) * k;
  const i11 = (m00 * m22 - m02 * m20) * k;
  const i12 = (m02 * m10 - m00 * m12) * k;
  const i20 = (m10 * m21 - m11 * m20) * k;
  const i21 = (m01 * m20 - m00 * m21) * k;
  const i22 = (m00 * m11 - m01 * m10) * k;
  return [
    i00,
    i10,
    i20,
    0,
    i01,
    i11,
    i21,
    0,
    i02,
    i12,
    i22,
    0,
    -(i00 * tx + i01 * ty + i02 * tz),
    -(i10 * tx + i11 * ty + i12 * tz),
    -(i20 * tx + i21 * ty + i22 * tz),
    1,
  ];
}

/** Applies a column-major 4×4 affine matrix to a point. */
export function transformPoint(m: ArrayLike<number>, p: Vec3): Vec3 {
  const a = (i: number) => m[i] ?? 0;
  return [
    a(0) * p[0] + a(4) * p[1] + a(8) * p[2] + a(12),
    a(1) * p[0] + a(5) * p[1] + a(9) * p[2] + a(13),
    a(2) * p[0] + a(6) * p[1] + a(10) * p[2] + a(14),
  ];
}

/**
 * Collects one trace: strokes begin on pointer down (or when the pointer comes back onto the
 * body after leaving it), points are kept in the body's frame, spaced at least `minSpacing` apart.
 */
export class TraceRecorder {
  readonly #points: TracePoint[] = [];
  #inverse: number[] | null = null;
  #strokeOpen = false;
  #startedAt: number | null = null;
  readonly #minSpacing: number;
  readonly #maxPoints: number;

  constructor(options: { readonly minSpacing?: number; readonly maxPoints?: number } = {}) {
    this.#minSpacing = options.minSpacing ?? TRACE_MIN_SPACING_M;
    this.#maxPoints = options.maxPoints ?? MAX_TRACE_POINTS;
  }

  /** Starts a new trace with the body's current world matrix; false if it cannot be inverted. */
  begin(bodyWorldMatrix: ArrayLike<number>): boolean {
    this.#points.length = 0;
    this.#inverse = invertAffine(bodyWorldMatrix);
    this.#strokeOpen = false;
    this.#startedAt = null;
    return this.#inverse !== null;
  }

  /**
   * Adds a hit (null: the pointer is off the body, which ends the current stroke) at `timeMs`
   * (the pointer event's time stamp; the trace keeps times from its first point). Returns the
   * point added in the body's frame, or null when nothing was added.
   */
  add(hit: TraceHit | null, timeMs?: number): TracePoint | null {
    if (!this.#inverse) return null;
    if (!hit) {
      this.#strokeOpen = false;
      return null;
    }
    if (this.#points.length >= this.#maxPoints) return null;
    const point = transformPoint(this.#inverse, hit.point);
    if (!point.every(Number.isFinite)) return null;
    const last = this.#points.at(-1);
    if (this.#strokeOpen && last) {
      const d = Math.hypot(
        point[0] - last.point[0],
        point[1] - last.point[1],
        point[2] - last.point[2],
      );
      if (d < this.#minSpacing) return null;
    }
    const timed = timeMs !== undefined && Number.isFinite(timeMs);
    if (timed && this.#startedAt === null) this.#startedAt = timeMs;
    const traced: TracePoint = {
      point,
      zone: hit.zone,
      side: hit.side,
      newStroke: !this.#strokeOpen && this.#points.length > 0,
      ...(timed && this.#startedAt !== null ? { t: Math.max(0, timeMs - this.#startedAt) } : {}),
    };
    this.#strokeOpen = true;
    this.#points.push(traced);
    return traced;
  }

  /** The points so far (a copy). */
  points(): TracePoint[] {
    return [...this.#points];
  }

  get length(): number {
    return this.#points.length;
  }
}

/** Indices of the steps a trainee can trace or be quizzed on: those with a path on the body. */
export function stepsWithPath(steps: readonly { readonly path?: unknown }[]): number[] {
  return steps.flatMap((s, i) => (s.path ? [i] : []));
}
