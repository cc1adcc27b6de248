/**
 * Small vector helpers on `Vec3` triples and on flat xyz arrays, shared by the path sampling, the
 * motion, the views and the trace scoring. The in-place ones write into arrays the caller
 * allocated once, so per-frame code does not allocate.
 */
import type { Vec3 } from './body.ts';

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export const length = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
export const distance = (a: Vec3, b: Vec3): number => length(sub(a, b));
export const lerp = (a: Vec3, b: Vec3, t: number): Vec3 => add(a, scale(sub(b, a), t));

/** `a` scaled to unit length, or `fallback` for a (near) zero vector. */
export function normalize(a: Vec3, fallback: Vec3 = [0, 0, 1]): Vec3 {
  const l = length(a);
  return l > 1e-12 ? scale(a, 1 / l) : fallback;
}

/** Clamps to [0, 1], mapping NaN to 0. */
export function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

export function distanceSq(a: Vec3, b: Vec3): number {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
}

/** Squared distance between points `i` and `j` of a flat xyz array. */
export function distanceSqAt(points: Float64Array, i: number, j: number): number {
  let sum = 0;
  for (let c = 0; c < 3; c++) sum += ((points[i * 3 + c] ?? 0) - (points[j * 3 + c] ?? 0)) ** 2;
  return sum;
}

/** Writes (x, y, z) normalised at `target[at…]`, or the fallback for a (near) zero vector. */
export function writeUnit(
  target: Float64Array,
  at: number,
  x: number,
  y: number,
  z: number,
  fx: number,
  fy: number,
  fz: number,
): void {
  const len = Math.hypot(x, y, z);
  if (len > 1e-12) {
    target[at] = x / len;
    target[at + 1] = y / len;
    target[at + 2] = z / len;
  } else {
    target[at] = fx;
    target[at + 1] = fy;
    target[at + 2] = fz;
  }
}

/** Normalises `v` in place, or sets it to the fallback for a (near) zero vector. */
export function normalizeInPlace(v: number[], fx: number, fy: number, fz: number): void {
  const len = Math.hypot(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0);
  if (len > 1e-12) {
    v[0] = (v[0] ?? 0) / len;
    v[1] = (v[1] ?? 0) / len;
    v[2] = (v[2] ?? 0) / len;
  } else {
    v[0] = fx;
    v[1] = fy;
    v[2] = fz;
  }
}

/** out = a × b. */
export function crossInto(a: readonly number[], b: readonly number[], out: number[]): void {
  const ax = a[0] ?? 0;
  const ay = a[1] ?? 0;
  const az = a[2] ?? 0;
  const bx = b[0] ?? 0;
  const by = b[1] ?? 0;
  const bz = b[2] ?? 0;
  out[0] = ay * bz - az * by;
  out[1] = az * bx - ax * bz;
  out[2] = ax * by - ay * bx;
}

export function copy3(target: number[], source: ArrayLike<number>): void {
  target[0] = source[0] ?? 0;
  target[1] = source[1] ?? 0;
  target[2] = source[2] ?? 0;
}
