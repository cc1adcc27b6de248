/**
 * The body model as plain data, independent of how it was loaded (GLTFLoader in the app,
 * @gltf-transform/core in Node scripts and tests). Coordinates are world space, metres, Y up,
 * the body facing +Z, its left side at +X, feet standing on y = 0.
 */
import type { Protocol } from '../content/schema.ts';

export type Side = 'L' | 'R';

/** The body models a protocol may be shown on (`body` in the content schema). */
export type BodyKind = Protocol['body'];
export const BODY_KINDS = ['adult', 'child'] as const satisfies readonly BodyKind[];
/** Compiles only while every kind of the schema is in `BODY_KINDS`. */
export type EveryBodyKindListed = Assert<
  BodyKind extends (typeof BODY_KINDS)[number] ? true : false
>;
type Assert<T extends true> = T;

/** Size of each body relative to the adult: stroke widths, swings, reach and props scale with it. */
export const BODY_SCALE: Readonly<Record<BodyKind, number>> = { adult: 1, child: 0.56 };
export type Vec3 = readonly [number, number, number];

/** Morph target names shared by every foot-zone primitive. */
export const MORPH_TARGETS = [
  'hallux_valgus',
  'flat_foot',
  'toes_flex',
  'toes_extend',
  'toes_spread',
] as const;
export type MorphTarget = (typeof MORPH_TARGETS)[number];

/**
 * Pose morph targets of the arm-zone primitives: the arms, hanging along the body as modelled
 * (standing, sitting), swing back onto the table when lying face up and forward when face down.
 */
export const POSE_MORPH_TARGETS = ['arms_supine', 'arms_prone'] as const;
export type PoseMorphTarget = (typeof POSE_MORPH_TARGETS)[number];

/**
 * The baked vertex colour (`COLOR_0`, linear) of plain, unshadowed skin. Tints (nails, hair, lips)
 * and ambient occlusion are relative to it, so a material shows its own colour on plain skin when
 * that colour is divided by this base.
 */
export const SKIN_BASE_COLOR: Vec3 = [0.76, 0.72, 0.66];

export interface BodyZonePart {
  /** glTF node name, e.g. `hallux.L` or `vertebrae`. */
  readonly node: string;
  /** Catalogue zone id, e.g. `hallux`. */
  readonly zone: string;
  readonly side: Side | null;
}

export interface BodyLandmark {
  /** Full landmark key without the `lm:` prefix, e.g. `first_mtp_center.L` or `sacrum_center`. */
  readonly key: string;
  readonly name: string;
  readonly side: Side | null;
  readonly position: Vec3;
  /** Displacement of the landmark at influence 1 of each morph target (absent = does not move). */
  readonly morphs: Partial<Record<MorphTarget, Vec3>>;
}

export interface BodyData {
  /** World-space positions of the whole body, all zone parts concatenated (xyz triples). */
  readonly positions: Float32Array;
  /** Triangle indices into `positions`. */
  readonly indices: Uint32Array;
  /** For each triangle, the index into `parts` of the zone part it belongs to. */
  readonly triangleParts: Uint16Array;
  readonly parts: readonly BodyZonePart[];
  readonly landmarks: ReadonlyMap<string, BodyLandmark>;
  /** Per morph target, per-vertex displacements aligned with `positions` (zeros where unaffected). */
  readonly morphDeltas: Partial<Record<MorphTarget, Float32Array>>;
}

/** Key of a landmark or zone node: `name.L`, `name.R` or `name` for midline ones. */
export function sidedKey(name: string, side: Side | null): string {
  return side ? `${name}.${side}` : name;
}

/** The side in a node's glTF extras: `"L"`, `"R"`, anything else is midline (null). */
export function parseSide(value: unknown): Side | null {
  return value === 'L' || value === 'R' ? value : null;
}

function isVec3(v: unknown): v is [number, number, number] {
  return Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number');
}

/** A landmark's `extras.morphs`: displacement per morph target; malformed entries are skipped. */
export function parseLandmarkMorphs(value: unknown): Partial<Record<MorphTarget, Vec3>> {
  const morphs: Partial<Record<MorphTarget, Vec3>> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return morphs;
  for (const target of MORPH_TARGETS) {
    const d = (value as Record<string, unknown>)[target];
    if (isVec3(d)) morphs[target] = [d[0], d[1], d[2]];
  }
  return morphs;
}
