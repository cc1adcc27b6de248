/**
 * A step as a still picture without WebGL: the body's triangles projected through a camera that
 * frames the step the way the 3D view does, shaded flat, sorted back to front (painter's
 * algorithm), the step's zones tinted, avoid zones in reach marked, and the path drawn with
 * arrowheads in its direction of travel. Pure data out; `src/ui/StepSketch.tsx` paints it on a
 * 2D canvas. Used where the 3D view cannot run (no WebGL).
 */
import type { BodyData, Vec3 } from './body.ts';
import {
  samplePathTrail,
  sampleMotion,
  createMotionSample,
  type MotionPlan,
} from './motion/index.ts';

/** What a triangle is painted as. */
export const TONE = { skin: 0, step: 1, avoid: 2, other: 3 } as const;
export type Tone = (typeof TONE)[keyof typeof TONE];

export interface SketchCamera {
  readonly eye: Vec3;
  readonly target: Vec3;
  /** Vertical field of view, degrees. */
  readonly fovDeg: number;
}

export interface SketchInput {
  readonly body: BodyData;
  /** Tone of each body part (index into `body.parts`); parts beyond the array are skin. */
  readonly partTones: readonly Tone[];
  readonly camera: SketchCamera;
  readonly width: number;
  readonly height: number;
  /** The step's motion, for its path, arrowheads and the hand's trajectory; null for none. */
  readonly plan: MotionPlan | null;
  /** Still hands doing the step (posed meshes in the body's space), drawn over the body. */
  readonly hands?: readonly SketchMesh[];
}

/** A posed triangle mesh to draw into the picture. */
export interface SketchMesh {
  readonly positions: Float32Array;
  readonly indices: Uint32Array;
}

export interface SketchArrow {
  readonly x: number;
  readonly y: number;
  /** Direction of travel on screen, radians (0 = right, y down). */
  readonly angle: number;
}

export interface Sketch {
  readonly width: number;
  readonly height: number;
  /** Triangles back to front: x0 y0 x1 y1 x2 y2 each, in pixels (y down). */
  readonly triangles: Float32Array;
  /** Lambert shade 0..1 per triangle. */
  readonly shades: Float32Array;
  readonly tones: Uint8Array;
  readonly triangleCount: number;
  /** The path's strokes on screen (x y pairs). */
  readonly strokes: readonly Float32Array[];
  /** Where the hand presses (a point on screen) for strokes that are a single press. */
  readonly presses: readonly { readonly x: number; readonly y: number }[];
  readonly arrows: readonly SketchArrow[];
  /** The hand's trajectory over one pass (shows circles, zigzags, spirals), x y pairs. */
  readonly trajectory: Float32Array;
  /** The still hands' triangles back to front (x0 y0 x1 y1 x2 y2) with a shade 0..1 each. */
  readonly handTriangles: Float32Array;
  readonly handShades: Float32Array;
  readonly handTriangleCount: number;
}

const NEAR = 0.005;

interface Projector {
  /** Writes screen x, y and view depth (positive in front) of a point; false when behind. */
  project(x: number, y: number, z: number, out: [number, number, number]): boolean;
}

function createProjector(camera: SketchCamera, width: number, height: number): Projector {
  const [ex, ey, ez] = camera.eye;
  // Camera basis: forward f, right r, up u (world up +Y).
  let fx = camera.target[0] - ex;
  let fy = camera.target[1] - ey;
  let fz = camera.target[2] - ez;
  const fl = Math.hypot(fx, fy, fz) || 1;
  fx /= fl;
  fy /= fl;
  fz /= fl;
  // r = f × up(0,1,0)
  let rx = -fz;
  let ry = 0;
  let rz = fx;
  let rl = Math.hypot(rx, ry, rz);
  if (rl < 1e-6) {
    // Looking straight up or down: use +Z as the up hint.
    rx = fy;
    ry = -fx;
    rz = 0;
    rl = Math.hypot(rx, ry, rz) || 1;
  }
  rx /= rl;
  ry /= rl;
  rz /= rl;
  // u = r × f
  const ux = ry * fz - rz * fy;
  const uy = rz * fx - rx * fz;
  const uz = rx * fy - ry * fx;
  const focal = height / 2 / Math.tan((camera.fovDeg * Math.PI) / 360);
  const cx = width / 2;
  const cy = height / 2;
  return {
    project(x, y, z, out) {
      const dx = x - ex;
      const dy = y - ey;
      const dz = z - ez;
      const depth = dx * fx + dy * fy + dz * fz;
      out[2] = depth;
      if (depth < NEAR) return false;
      out[0] = cx + ((dx * rx + dy * ry + dz * rz) * focal) / depth;
      out[1] = cy - ((dx * ux + dy * uy + dz * uz) * focal) / depth;
      return true;
    },
  };
}

/**
 * Light per vertex (0..1): Lambert with area-weighted vertex normals, lit from the camera and a
 * little from above.
 */
function lightVertices(body: BodyData, eye: Vec3): Float32Array {
  const pos = body.positions;
  const idx = body.indices;
  const normals = new Float32Array(pos.length);
  for (let t = 0; t < idx.length; t += 3) {
    const a = idx[t] ?? 0;
    const b = idx[t + 1] ?? 0;
    const c = idx[t + 2] ?? 0;
    const px = pos[a * 3] ?? 0;
    const py = pos[a * 3 + 1] ?? 0;
    const pz = pos[a * 3 + 2] ?? 0;
    const e1x = (pos[b * 3] ?? 0) - px;
    const e1y = (pos[b * 3 + 1] ?? 0) - py;
    const e1z = (pos[b * 3 + 2] ?? 0) - pz;
    const e2x = (pos[c * 3] ?? 0) - px;
    const e2y = (pos[c * 3 + 1] ?? 0) - py;
    const e2z = (pos[c * 3 + 2] ?? 0) - pz;
    const nx = e1y * e2z - e1z * e2y;
    const ny = e1z * e2x - e1x * e2z;
    const nz = e1x * e2y - e1y * e2x;
    for (const v of [a, b, c]) {
      normals[v * 3] = (normals[v * 3] ?? 0) + nx;
      normals[v * 3 + 1] = (normals[v * 3 + 1] ?? 0) + ny;
      normals[v * 3 + 2] = (normals[v * 3 + 2] ?? 0) + nz;
    }
  }
  const light = new Float32Array(pos.length / 3);
  for (let v = 0; v < light.length; v++) {
    const nx = normals[v * 3] ?? 0;
    const ny = normals[v * 3 + 1] ?? 0;
    const nz = normals[v * 3 + 2] ?? 0;
    const lx = eye[0] - (pos[v * 3] ?? 0);
    const ly = eye[1] - (pos[v * 3 + 1] ?? 0) + 0.4;
    const lz = eye[2] - (pos[v * 3 + 2] ?? 0);
    const d = (Math.hypot(nx, ny, nz) || 1) * (Math.hypot(lx, ly, lz) || 1);
    light[v] = Math.max(0, (nx * lx + ny * ly + nz * lz) / d);
  }
  return light;
}

/** Builds the picture of a step (see the module comment). */
export function sketchStep(input: SketchInput): Sketch {
  const { body, partTones, camera, width, height, plan } = input;
  const projector = createProjector(camera, width, height);
  const pos = body.positions;
  const vertexCount = pos.length / 3;
  const sx = new Float32Array(vertexCount);
  const sy = new Float32Array(vertexCount);
  const sd = new Float32Array(vertexCount);
  const visible = new Uint8Array(vertexCount);
  const p: [number, number, number] = [0, 0, 0];
  for (let v = 0; v < vertexCount; v++) {
    if (projector.project(pos[v * 3] ?? 0, pos[v * 3 + 1] ?? 0, pos[v * 3 + 2] ?? 0, p)) {
      visible[v] = 1;
      sx[v] = p[0];
      sy[v] = p[1];
      sd[v] = p[2];
    }
  }

  const idx = body.indices;
  const triCount = idx.length / 3;
  const vertexLight = lightVertices(body, camera.eye);
  const kept: number[] = [];
  const depths: number[] = [];
  const shadeOf: number[] = [];
  for (let t = 0; t < triCount; t++) {
    const a = idx[t * 3] ?? 0;
    const b = idx[t * 3 + 1] ?? 0;
    const c = idx[t * 3 + 2] ?? 0;
    if (!visible[a] || !visible[b] || !visible[c]) continue;
    const ax = sx[a] ?? 0;
    const ay = sy[a] ?? 0;
    const bx = sx[b] ?? 0;
    const by = sy[b] ?? 0;
    const cx = sx[c] ?? 0;
    const cy = sy[c] ?? 0;
    // Entirely off one side of the picture.
    if ((ax < 0 && bx < 0 && cx < 0) || (ax > width && bx > width && cx > width)) continue;
    if ((ay < 0 && by < 0 && cy < 0) || (ay > height && by > height && cy > height)) continue;
    // Counter-clockwise in the model is front-facing; on screen (y down) that is clockwise.
    const area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    if (area >= 0) continue;
    // Smooth shade: the mean of the vertices' light (their normals are averaged over the faces
    // around them), so the picture does not look faceted.
    const lambert = ((vertexLight[a] ?? 0) + (vertexLight[b] ?? 0) + (vertexLight[c] ?? 0)) / 3;
    kept.push(t);
    depths.push((sd[a] ?? 0) + (sd[b] ?? 0) + (sd[c] ?? 0));
    shadeOf.push(0.35 + 0.65 * lambert);
  }
  const order = kept.map((_, i) => i).sort((i, j) => (depths[j] ?? 0) - (depths[i] ?? 0));
  const triangles = new Float32Array(order.length * 6);
  const shades = new Float32Array(order.length);
  const tones = new Uint8Array(order.length);
  order.forEach((k, o) => {
    const t = kept[k] ?? 0;
    for (let j = 0; j < 3; j++) {
      const v = idx[t * 3 + j] ?? 0;
      triangles[o * 6 + j * 2] = sx[v] ?? 0;
      triangles[o * 6 + j * 2 + 1] = sy[v] ?? 0;
    }
    shades[o] = shadeOf[k] ?? 1;
    tones[o] = partTones[body.triangleParts[t] ?? 0] ?? TONE.skin;
  });

  const strokes: Float32Array[] = [];
  const presses: { x: number; y: number }[] = [];
  const arrows: SketchArrow[] = [];
  let trajectory = new Float32Array(0);
  if (plan) {
    for (const stroke of plan.path.strokes) {
      const out: number[] = [];
      for (let i = 0; i < stroke.count; i++) {
        if (
          projector.project(
            stroke.points[i * 3] ?? 0,
            stroke.points[i * 3 + 1] ?? 0,
            stroke.points[i * 3 + 2] ?? 0,
            p,
          )
        )
          out.push(p[0], p[1]);
      }
      if (out.length >= 4 && stroke.contact !== 'press') strokes.push(Float32Array.from(out));
      else if (out.length >= 2) presses.push({ x: out[0] ?? 0, y: out[1] ?? 0 });
    }
    const trail = samplePathTrail(plan, 0);
    const q: [number, number, number] = [0, 0, 0];
    for (let i = 0; i < trail.arrowCount; i++) {
      const ax = trail.arrows[i * 3] ?? 0;
      const ay = trail.arrows[i * 3 + 1] ?? 0;
      const az = trail.arrows[i * 3 + 2] ?? 0;
      const step = 0.005;
      if (
        !projector.project(ax, ay, az, p) ||
        !projector.project(
          ax + (trail.arrowDirections[i * 3] ?? 0) * step,
          ay + (trail.arrowDirections[i * 3 + 1] ?? 0) * step,
          az + (trail.arrowDirections[i * 3 + 2] ?? 0) * step,
          q,
        )
      )
        continue;
      arrows.push({ x: p[0], y: p[1], angle: Math.atan2(q[1] - p[1], q[0] - p[0]) });
    }
    const sample = createMotionSample();
    const points: number[] = [];
    const SAMPLES = 400;
    for (let i = 0; i <= SAMPLES; i++) {
      sampleMotion(plan, i / SAMPLES, sample);
      if (sample.contact <= 0.5 || sample.transfer) continue;
      const [x, y, z] = sample.position;
      if (projector.project(x, y, z, p)) points.push(p[0], p[1]);
    }
    trajectory = Float32Array.from(points);
  }

  const hand = projectMeshes(input.hands ?? [], projector, camera.eye, width, height);
  return {
    width,
    height,
    triangles,
    shades,
    tones,
    triangleCount: order.length,
    strokes,
    presses,
    arrows,
    trajectory,
    handTriangles: hand.triangles,
    handShades: hand.shades,
    handTriangleCount: hand.count,
  };
}

/** Front-facing triangles of meshes on screen, back to front, lit like the body. */
function projectMeshes(
  meshes: readonly SketchMesh[],
  projector: Projector,
  eye: Vec3,
  width: number,
  height: number,
): { triangles: Float32Array; shades: Float32Array; count: number } {
  const tris: number[] = [];
  const depth: number[] = [];
  const shade: number[] = [];
  const a: [number, number, number] = [0, 0, 0];
  const b: [number, number, number] = [0, 0, 0];
  const c: [number, number, number] = [0, 0, 0];
  for (const m of meshes) {
    const P = m.positions;
    for (let t = 0; t < m.indices.length; t += 3) {
      const i = m.indices[t] ?? 0;
      const j = m.indices[t + 1] ?? 0;
      const k = m.indices[t + 2] ?? 0;
      if (
        !projector.project(P[i * 3] ?? 0, P[i * 3 + 1] ?? 0, P[i * 3 + 2] ?? 0, a) ||
        !projector.project(P[j * 3] ?? 0, P[j * 3 + 1] ?? 0, P[j * 3 + 2] ?? 0, b) ||
        !projector.project(P[k * 3] ?? 0, P[k * 3 + 1] ?? 0, P[k * 3 + 2] ?? 0, c)
      )
        continue;
      const area = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
      if (area >= 0) continue;
      if (Math.max(a[0], b[0], c[0]) < 0 || Math.min(a[0], b[0], c[0]) > width) continue;
      if (Math.max(a[1], b[1], c[1]) < 0 || Math.min(a[1], b[1], c[1]) > height) continue;
      // Lambert from the eye, on the face normal.
      const ux = (P[j * 3] ?? 0) - (P[i * 3] ?? 0);
      const uy = (P[j * 3 + 1] ?? 0) - (P[i * 3 + 1] ?? 0);
      const uz = (P[j * 3 + 2] ?? 0) - (P[i * 3 + 2] ?? 0);
      const wx = (P[k * 3] ?? 0) - (P[i * 3] ?? 0);
      const wy = (P[k * 3 + 1] ?? 0) - (P[i * 3 + 1] ?? 0);
      const wz = (P[k * 3 + 2] ?? 0) - (P[i * 3 + 2] ?? 0);
      const nx = uy * wz - uz * wy;
      const ny = uz * wx - ux * wz;
      const nz = ux * wy - uy * wx;
      const lx = eye[0] - (P[i * 3] ?? 0);
      const ly = eye[1] - (P[i * 3 + 1] ?? 0) + 0.4;
      const lz = eye[2] - (P[i * 3 + 2] ?? 0);
      const d = (Math.hypot(nx, ny, nz) || 1) * (Math.hypot(lx, ly, lz) || 1);
      tris.push(a[0], a[1], b[0], b[1], c[0], c[1]);
      depth.push(a[2] + b[2] + c[2]);
      shade.push(0.35 + 0.65 * Math.max(0, (nx * lx + ny * ly + nz * lz) / d));
    }
  }
  const order = depth.map((_, i) => i).sort((x, y) => (depth[y] ?? 0) - (depth[x] ?? 0));
  const triangles = new Float32Array(order.length * 6);
  const shades = new Float32Array(order.length);
  order.forEach((o, n) => {
    for (let q = 0; q < 6; q++) triangles[n * 6 + q] = tris[o * 6 + q] ?? 0;
    shades[n] = shade[o] ?? 1;
  });
  return { triangles, shades, count: order.length };
}
