/**
 * Path sampling: a content path (motion vocabulary on landmarks, see `src/content/schema.ts`) becomes
 * 3D polylines in model space. Pure math, no mesh: landmark positions and the skin normal come
 * from a `PathFrame` (the checker and the player build one from `BodyData` and `projectToSkin`).
 *
 * The samples lie near the skin, not on it (circles lie in the tangent plane, lines are chords);
 * project each sample with `SkinProjector.project` to put it on the surface.
 */
import type { PathSpec } from '../content/schema.ts';
import { itemAt } from './arrays.ts';
import { sidedKey, type BodyLandmark, type Side, type Vec3 } from './body.ts';
import { add, cross, distance, dot, length, lerp, normalize, scale, sub } from './vec3.ts';

/** One continuous hand contact: a glide along points, or a press / tap on one point. */
export interface Stroke {
  readonly contact: 'glide' | 'press';
  readonly points: readonly Vec3[];
}

export interface PathFrame {
  /** Position of a landmark (name without side suffix; the frame knows the side). */
  landmark(name: string): Vec3 | undefined;
  /** Outward unit normal of the skin nearest to `p`. */
  normalAt(p: Vec3): Vec3;
  /**
   * Unit vector away from the body's midline on the side the frame resolves (+X left, −X right);
   * absent: paths that move off the midline (`circles.lateralMm`) stay on it.
   */
  readonly outward?: Vec3;
  /**
   * A polyline laid on the skin (each point on the surface, gaps bridged over the outside):
   * absent, a spiral circles about the straight chord between its landmarks, which may cut
   * through the body (from the sole to the calf, through the heel), where circles about a
   * point inside land on the skin squashed and turning back.
   */
  onSkin?(points: readonly Vec3[]): Vec3[];
}

export interface SampleOptions {
  /** Target distance between consecutive samples in metres (default 5 mm). */
  readonly spacingM?: number;
}

export type SampleResult =
  | { readonly ok: true; readonly strokes: readonly Stroke[] }
  | { readonly ok: false; readonly missing: readonly string[] };

/** A unit vector in the plane normal to `n`, preferring the direction of `hint` (default world up). */
export function tangentToward(n: Vec3, hint: Vec3 = [0, 1, 0]): Vec3 {
  const projected = sub(hint, scale(n, dot(n, hint)));
  if (length(projected) > 1e-6) return normalize(projected);
  return tangentToward(n, Math.abs(n[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0]);
}

function countFor(lengthM: number, spacingM: number): number {
  return Math.max(2, Math.ceil(lengthM / spacingM) + 1);
}

/** Evenly spaced samples (by arc length) along a polyline through `points`. */
export function resamplePolyline(points: readonly Vec3[], spacingM: number): Vec3[] {
  if (points.length <= 1) return [...points];
  const first = itemAt(points, 0);
  const cumulative = [0];
  for (let i = 1; i < points.length; i++)
    cumulative.push(
      (cumulative[i - 1] ?? 0) + distance(points[i - 1] ?? first, points[i] ?? first),
    );
  const total = cumulative[cumulative.length - 1] ?? 0;
  const n = countFor(total, spacingM);
  const out: Vec3[] = [];
  let seg = 1;
  for (let k = 0; k < n; k++) {
    const s = (total * k) / (n - 1);
    while (seg < points.length - 1 && (cumulative[seg] ?? 0) < s) seg++;
    const a = points[seg - 1] ?? first;
    const b = points[seg] ?? first;
    const s0 = cumulative[seg - 1] ?? 0;
    const span = (cumulative[seg] ?? 0) - s0;
    out.push(span > 0 ? lerp(a, b, (s - s0) / span) : a);
  }
  return out;
}

// --- each kind ------------------------------------------------------------------------------

const MM = 0.001;
/** Points per turn of a circle or spiral at least, so small circles stay round. */
const POINTS_PER_TURN = 24;

/**
 * The finest detail of a path's figure, metres: a 24th of a circle's or spiral's turn (a 3 mm
 * circle sampled every 5 mm would be a triangle); Infinity for other kinds. Sample and project
 * the path at no more than this spacing.
 */
export function pathDetailM(path: PathSpec): number {
  return path.kind === 'circles' || path.kind === 'spiral'
    ? (2 * Math.PI * path.radiusMm * MM) / POINTS_PER_TURN
    : Infinity;
}

function circle(
  center: Vec3,
  normal: Vec3,
  radius: number,
  turns: number,
  clockwise: boolean,
  spacingM: number,
): Vec3[] {
  const u = tangentToward(normal);
  const v = cross(normal, u);
  const detail = (2 * Math.PI * radius) / POINTS_PER_TURN;
  const n = countFor(2 * Math.PI * radius * turns, Math.min(spacingM, detail));
  const sign = clockwise ? -1 : 1;
  const out: Vec3[] = [];
  for (let k = 0; k < n; k++) {
    const theta = (sign * 2 * Math.PI * turns * k) / (n - 1);
    out.push(
      add(center, add(scale(u, radius * Math.cos(theta)), scale(v, radius * Math.sin(theta)))),
    );
  }
  return out;
}

/** Centre line a→b with a frame per sample: forward (in the tangent plane) and lateral. */
function alongFrames(
  a: Vec3,
  b: Vec3,
  frame: PathFrame,
  n: number,
): { c: Vec3; f: Vec3; s: Vec3 }[] {
  const d = sub(b, a);
  const out: { c: Vec3; f: Vec3; s: Vec3 }[] = [];
  for (let k = 0; k < n; k++) {
    const c = lerp(a, b, k / (n - 1));
    const normal = frame.normalAt(c);
    const f = tangentToward(normal, d);
    out.push({ c, f, s: cross(normal, f) });
  }
  return out;
}

/** Like `alongFrames`, along a polyline through `points` (evenly by arc length). */
function alongPolylineFrames(
  points: readonly Vec3[],
  frame: PathFrame,
  n: number,
): { c: Vec3; f: Vec3; s: Vec3 }[] {
  if (points.length <= 2)
    return alongFrames(points[0] ?? [0, 0, 0], points.at(-1) ?? [0, 0, 0], frame, n);
  const centres = resamplePolyline(points, Math.max(polylineLength(points) / (n - 1), 1e-6));
  return centres.map((c, k) => {
    const next = centres[Math.min(k + 1, centres.length - 1)] ?? c;
    const prev = centres[Math.max(k - 1, 0)] ?? c;
    const normal = frame.normalAt(c);
    const f = tangentToward(normal, sub(next, prev));
    return { c, f, s: cross(normal, f) };
  });
}

function polylineLength(points: readonly Vec3[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++)
    total += distance(points[i - 1] ?? [0, 0, 0], points[i] ?? [0, 0, 0]);
  return total;
}

function spiral(
  centreLine: readonly Vec3[],
  radius: number,
  turns: number,
  clockwise: boolean,
  frame: PathFrame,
  spacingM: number,
): Vec3[] {
  const len = Math.hypot(2 * Math.PI * radius * turns, polylineLength(centreLine));
  const sign = clockwise ? -1 : 1;
  const detail = (2 * Math.PI * radius) / POINTS_PER_TURN;
  return alongPolylineFrames(centreLine, frame, countFor(len, Math.min(spacingM, detail))).map(
    ({ c, f, s }, k, all) => {
      const theta = (sign * 2 * Math.PI * turns * k) / (all.length - 1);
      return add(c, add(scale(f, radius * Math.cos(theta)), scale(s, radius * Math.sin(theta))));
    },
  );
}

function zigzag(
  a: Vec3,
  b: Vec3,
  width: number,
  segments: number,
  frame: PathFrame,
  spacingM: number,
): Vec3[] {
  const len = Math.hypot(distance(a, b), width * segments);
  return alongFrames(a, b, frame, countFor(len, spacingM)).map(({ c, s }, k, all) => {
    const x = (segments * k) / (all.length - 1);
    const tri = 1 - 2 * Math.abs((x % 2) - 1); // -1 at even x, +1 at odd x
    return add(c, scale(s, (width / 2) * tri));
  });
}

function figureEight(
  a: Vec3,
  b: Vec3,
  width: number,
  loops: number,
  frame: PathFrame,
  spacingM: number,
): Vec3[] {
  const mid = lerp(a, b, 0.5);
  const half = scale(sub(b, a), 0.5);
  const normal = frame.normalAt(mid);
  const lateral = normalize(cross(normal, normalize(half)));
  const perimeter = 4 * Math.hypot(length(half), width / 2) * loops; // rough arc length
  const n = countFor(perimeter, spacingM);
  const out: Vec3[] = [];
  for (let k = 0; k < n; k++) {
    const theta = (2 * Math.PI * loops * k) / (n - 1);
    // Lemniscate of Gerono: reaches b at θ = π/2 and a at 3π/2, crossing at the midpoint.
    out.push(
      add(
        mid,
        add(scale(half, Math.sin(theta)), scale(lateral, (width / 2) * Math.sin(2 * theta))),
      ),
    );
  }
  return out;
}

const TOES = [1, 2, 3, 4, 5] as const;

/** Samples a path as strokes, or lists the landmarks the frame could not resolve. */
export function samplePath(
  path: PathSpec,
  frame: PathFrame,
  options: SampleOptions = {},
): SampleResult {
  const spacing = options.spacingM ?? 0.005;
  const missing: string[] = [];
  const at = (name: string): Vec3 => {
    const p = frame.landmark(name);
    if (!p) {
      if (!missing.includes(name)) missing.push(name);
      return [0, 0, 0];
    }
    return p;
  };
  const glide = (points: Vec3[]): Stroke => ({ contact: 'glide', points });
  const press = (p: Vec3): Stroke => ({ contact: 'press', points: [p] });

  let strokes: Stroke[];
  switch (path.kind) {
    case 'line':
      strokes = [
        glide(resamplePolyline([at(path.from), ...(path.via ?? []).map(at), at(path.to)], spacing)),
      ];
      break;
    case 'circles': {
      const landmark = at(path.center);
      // Beside a midline landmark: the centre moves sideways in the skin's tangent plane.
      const c =
        path.lateralMm !== undefined && frame.outward
          ? add(
              landmark,
              scale(tangentToward(frame.normalAt(landmark), frame.outward), path.lateralMm * MM),
            )
          : landmark;
      strokes = missing.length
        ? []
        : [
            glide(
              circle(c, frame.normalAt(c), path.radiusMm * MM, path.turns, path.clockwise, spacing),
            ),
          ];
      break;
    }
    case 'spiral': {
      const chord = [at(path.along[0]), ...(path.via ?? []).map(at), at(path.along[1])];
      // The circles travel over the skin: about a centre line on it, not through the body.
      const laid = missing.length || !frame.onSkin ? null : frame.onSkin(chord);
      const line = laid && laid.length >= 2 ? laid : chord;
      strokes = missing.length
        ? []
        : [glide(spiral(line, path.radiusMm * MM, path.turns, path.clockwise, frame, spacing))];
      break;
    }
    case 'zigzag': {
      const [a, b] = [at(path.along[0]), at(path.along[1])];
      strokes = missing.length
        ? []
        : [glide(zigzag(a, b, path.widthMm * MM, path.segments, frame, spacing))];
      break;
    }
    case 'figure_eight': {
      const [a, b] = [at(path.a), at(path.b)];
      strokes = missing.length
        ? []
        : [glide(figureEight(a, b, path.widthMm * MM, path.loops, frame, spacing))];
      break;
    }
    case 'points':
      strokes = path.at.map((name) => press(at(name)));
      break;
    case 'each_toe': {
      const order = path.order === 'big_to_little' ? TOES : [...TOES].reverse();
      strokes = order.map((n) => {
        const base = at(`toe${n}_base`);
        const tip = at(`toe${n}_tip`);
        if (path.segment === 'base') return press(base);
        if (path.segment === 'tip') return press(tip);
        return glide(resamplePolyline([base, tip], spacing));
      });
      break;
    }
    case 'fan': {
      const hub = at(path.from);
      strokes = path.to.map((name) => glide(resamplePolyline([hub, at(name)], spacing)));
      break;
    }
  }
  return missing.length ? { ok: false, missing } : { ok: true, strokes };
}

/** The sides a step is done on; `chosen` means either, so both must be valid. */
export function sidesOf(side: 'both' | 'left' | 'right' | 'chosen'): Side[] {
  if (side === 'left') return ['L'];
  if (side === 'right') return ['R'];
  return ['L', 'R'];
}

/**
 * Resolves landmark names for one side: a bilateral landmark `name` is looked up as `name.L` /
 * `name.R`, a midline one as `name`. `bilateral` tells which is which (from `content/landmarks.json`).
 */
export function landmarkKeyFor(
  name: string,
  side: Side,
  bilateral: (name: string) => boolean,
): string {
  return sidedKey(name, bilateral(name) ? side : null);
}

/** A `PathFrame` over model landmarks for one side, with the given skin normal function. */
export function bodyPathFrame(
  landmarks: ReadonlyMap<string, BodyLandmark>,
  side: Side,
  bilateral: (name: string) => boolean,
  normalAt: (p: Vec3) => Vec3,
  onSkin?: (points: readonly Vec3[]) => Vec3[],
): PathFrame {
  return {
    landmark: (name) => landmarks.get(landmarkKeyFor(name, side, bilateral))?.position,
    normalAt,
    outward: side === 'L' ? [1, 0, 0] : [-1, 0, 0],
    ...(onSkin ? { onSkin } : {}),
  };
}
