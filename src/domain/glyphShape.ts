/**
 * The contact glyph's shape per hand part and where each of its blobs lies on the skin: a blob
 * offset from the path (the second hand of "both hands", the outer fingertips) is projected onto
 * the skin on its own and turned to the skin's normal there, so on a curved calf or thigh every
 * blob touches the skin instead of floating in the path's flat tangent plane.
 */
import type { HandPart } from '../content/schema.ts';
import type { Vec3 } from './body.ts';
import type { SkinQuery } from './motion/skinStroke.ts';

/** Ellipsoid blobs (x across the stroke, z along the travel; radii x, y along the normal, z), metres. */
export type Blob = readonly [x: number, z: number, rx: number, ry: number, rz: number];

/** The glyph's shape per hand part: a thumb-pad oval, a palm, a palm-edge bar, knuckle or fingertip dots. */
export const GLYPH_SHAPES: Readonly<Record<HandPart, readonly Blob[]>> = {
  thumb_pad: [[0, 0, 0.008, 0.004, 0.011]],
  fingertips: [-0.012, -0.004, 0.004, 0.012].map((x): Blob => [x, 0, 0.0045, 0.004, 0.0055]),
  finger_phalanges: [-0.015, -0.005, 0.005, 0.015].map((x): Blob => [x, 0, 0.0045, 0.004, 0.008]),
  knuckles: [-0.018, -0.006, 0.006, 0.018].map((x): Blob => [x, 0, 0.0055, 0.0045, 0.0055]),
  palm_edge: [[0, 0, 0.035, 0.005, 0.006]],
  heel_of_palm: [[0, 0, 0.02, 0.006, 0.015]],
  palm: [[0, 0, 0.03, 0.005, 0.038]],
  both_hands: [
    [-0.034, 0, 0.027, 0.005, 0.035],
    [0.034, 0, 0.027, 0.005, 0.035],
  ],
  none: [[0, 0, 0.006, 0.006, 0.006]],
};

/** One blob's place: its centre, and its frame (x across, y the skin normal, z along). */
export interface BlobPlace {
  readonly position: [number, number, number];
  readonly x: [number, number, number];
  readonly y: [number, number, number];
  readonly z: [number, number, number];
}

/** Fresh output for `placeGlyphBlobs`, one per blob of a shape; reuse it every frame. */
export function createBlobPlaces(count: number): BlobPlace[] {
  return Array.from({ length: count }, () => ({
    position: [0, 0, 0],
    x: [1, 0, 0],
    y: [0, 1, 0],
    z: [0, 0, 1],
  }));
}

function setNormalized(out: [number, number, number], x: number, y: number, z: number): void {
  const l = Math.hypot(x, y, z) || 1;
  out[0] = x / l;
  out[1] = y / l;
  out[2] = z / l;
}

/**
 * Places the blobs of a glyph whose centre is on the skin at `position` (outward `normal`,
 * travelling along `tangent`): a blob off the centre is projected onto the skin and oriented to
 * the normal there; each blob's centre sits its own half-thickness (`ry`) plus `lift` above the
 * skin. `scale` is the body's size (the child ≈ 0.55). Writes into `out` (`createBlobPlaces`).
 */
export function placeGlyphBlobs(
  blobs: readonly Blob[],
  position: Vec3,
  normal: Vec3,
  tangent: Vec3,
  scale: number,
  lift: number,
  skin: SkinQuery,
  out: BlobPlace[],
): void {
  const [nx, ny, nz] = normal;
  // Across the stroke: normal × tangent.
  const ax = ny * tangent[2] - nz * tangent[1];
  const ay = nz * tangent[0] - nx * tangent[2];
  const az = nx * tangent[1] - ny * tangent[0];
  blobs.forEach((blob, i) => {
    const o = out[i];
    if (!o) return;
    const [bx, bz, , ry] = blob;
    let px = position[0];
    let py = position[1];
    let pz = position[2];
    let mx = nx;
    let my = ny;
    let mz = nz;
    if (bx !== 0 || bz !== 0) {
      const q: Vec3 = [
        px + (ax * bx + tangent[0] * bz) * scale,
        py + (ay * bx + tangent[1] * bz) * scale,
        pz + (az * bx + tangent[2] * bz) * scale,
      ];
      const hit = skin.project(q);
      if (hit) {
        [px, py, pz] = hit.point;
        [mx, my, mz] = hit.normal;
      } else {
        [px, py, pz] = q;
      }
    }
    const up = ry * scale + lift;
    o.position[0] = px + mx * up;
    o.position[1] = py + my * up;
    o.position[2] = pz + mz * up;
    setNormalized(o.y, mx, my, mz);
    // Along: the tangent made perpendicular to this blob's normal; across: y × z... x = y × z.
    const d = tangent[0] * o.y[0] + tangent[1] * o.y[1] + tangent[2] * o.y[2];
    setNormalized(o.z, tangent[0] - d * o.y[0], tangent[1] - d * o.y[1], tangent[2] - d * o.y[2]);
    setNormalized(
      o.x,
      o.y[1] * o.z[2] - o.y[2] * o.z[1],
      o.y[2] * o.z[0] - o.y[0] * o.z[2],
      o.y[0] * o.z[1] - o.y[1] * o.z[0],
    );
  });
}
