/**
 * The path line and the arrowheads flowing along it at the tempo, for the renderer and the
 * sketches. Writes into reused buffers.
 */
import type { MotionPlan } from './plan.ts';
import { frameAt, type SkinStroke } from './skinStroke.ts';

// ---------------------------------------------------------------------------------------------
// Path trail for the renderer
// ---------------------------------------------------------------------------------------------

/** Line points and flowing arrowheads of a path; buffers are reused between calls. */
export interface PathTrail {
  /** xyz per line point, on the path (chords between skin points). */
  points: Float32Array;
  normals: Float32Array;
  pointCount: number;
  /** Per stroke: index of its first point and how many points it has (1 for a press). */
  strokeStart: Uint32Array;
  strokeCount: Uint32Array;
  /** Arrowhead positions, unit directions of travel and normals. */
  arrows: Float32Array;
  arrowDirections: Float32Array;
  arrowNormals: Float32Array;
  arrowCount: number;
}

export function createPathTrail(): PathTrail {
  return {
    points: new Float32Array(0),
    normals: new Float32Array(0),
    pointCount: 0,
    strokeStart: new Uint32Array(0),
    strokeCount: new Uint32Array(0),
    arrows: new Float32Array(0),
    arrowDirections: new Float32Array(0),
    arrowNormals: new Float32Array(0),
    arrowCount: 0,
  };
}

export interface PathTrailOptions {
  /** Line points over the whole path (default 160); each glide gets at least 2. */
  readonly pointCount?: number;
  /** Distance between arrowheads, metres (default 25 mm; adjusted to fit each stroke evenly). */
  readonly arrowSpacingM?: number;
  /** Flow speed of the arrowheads, m/s (default the plan's progress speed). */
  readonly speedMps?: number;
}

const trailP: [number, number, number] = [0, 0, 0];
const trailT: [number, number, number] = [1, 0, 0];
const trailN: [number, number, number] = [0, 0, 1];

/**
 * The path line (N points) and arrowheads flowing along it in the direction of travel at the
 * tempo: arrowheads move by speed × `timeS` and wrap seamlessly (a whole number per stroke).
 * Pass a fixed `timeS` for reduced motion. Writes into `out` (grows its buffers when needed).
 */
export function samplePathTrail(
  plan: MotionPlan,
  timeS: number,
  options: PathTrailOptions = {},
  out: PathTrail = createPathTrail(),
): PathTrail {
  const strokes = plan.path.strokes;
  const wanted = Math.max(2, Math.floor(options.pointCount ?? 160));
  const spacingWanted = Math.max(0.002, options.arrowSpacingM ?? 0.025);
  const speed = options.speedMps ?? plan.flowSpeedMps;
  const time = Number.isFinite(timeS) ? timeS : 0;

  // Budget points by length.
  let pointTotal = 0;
  let arrowTotal = 0;
  for (const s of strokes) {
    pointTotal += pointsFor(s, wanted, plan.path.length);
    arrowTotal += arrowsFor(s, spacingWanted);
  }
  if (out.points.length < pointTotal * 3) {
    out.points = new Float32Array(pointTotal * 3);
    out.normals = new Float32Array(pointTotal * 3);
  }
  if (out.strokeStart.length < strokes.length) {
    out.strokeStart = new Uint32Array(strokes.length);
    out.strokeCount = new Uint32Array(strokes.length);
  }
  if (out.arrows.length < arrowTotal * 3) {
    out.arrows = new Float32Array(arrowTotal * 3);
    out.arrowDirections = new Float32Array(arrowTotal * 3);
    out.arrowNormals = new Float32Array(arrowTotal * 3);
  }

  let p = 0;
  let a = 0;
  strokes.forEach((stroke, si) => {
    const count = pointsFor(stroke, wanted, plan.path.length);
    out.strokeStart[si] = p;
    out.strokeCount[si] = count;
    for (let k = 0; k < count; k++) {
      frameAt(stroke, count > 1 ? (stroke.length * k) / (count - 1) : 0, trailP, trailT, trailN);
      out.points.set(trailP, p * 3);
      out.normals.set(trailN, p * 3);
      p++;
    }
    const arrows = arrowsFor(stroke, spacingWanted);
    if (arrows === 0) return;
    const spacing = stroke.length / arrows;
    const phase = (((time * speed) % spacing) + spacing) % spacing;
    for (let k = 0; k < arrows; k++) {
      frameAt(stroke, phase + k * spacing, trailP, trailT, trailN);
      out.arrows.set(trailP, a * 3);
      out.arrowDirections.set(trailT, a * 3);
      out.arrowNormals.set(trailN, a * 3);
      a++;
    }
  });
  out.pointCount = p;
  out.arrowCount = a;
  return out;
}

function pointsFor(stroke: SkinStroke, wanted: number, total: number): number {
  if (stroke.count < 2 || stroke.length <= 0) return 1;
  return Math.max(2, Math.round((wanted * stroke.length) / Math.max(total, 1e-9)));
}

function arrowsFor(stroke: SkinStroke, spacing: number): number {
  if (stroke.count < 2 || stroke.length <= 0) return 0;
  return Math.max(1, Math.round(stroke.length / spacing));
}
