/**
 * The hand's skeleton and shape, shared by the model build (`scripts/hand/`) and the app: bone
 * names and hierarchy, where each joint sits at rest, and the round cones and ellipsoids the
 * signed-distance hand is made of (each attached to a bone). The app poses the bones from joint
 * angles (`pose.ts`) and uses the same shapes, as spheres, to keep the hand out of the body.
 *
 * Hand space (a right hand; the left hand is its mirror image in x): the wrist joint at the
 * origin, metres, fingers along +Z, the back of the hand +Y, the palm -Y, the thumb side +X.
 * Every bone's local frame at rest has +Z along the bone, -Y toward its palmar (pad) side, so
 * flexion is a positive rotation about local +X for every finger and the thumb.
 */
import { itemAt } from '../arrays.ts';
import type { Vec3 } from '../body.ts';

export const HAND_BONES = [
  'palm',
  'forearm',
  'thumb1',
  'thumb2',
  'thumb3',
  'index1',
  'index2',
  'index3',
  'middle1',
  'middle2',
  'middle3',
  'ring1',
  'ring2',
  'ring3',
  'little1',
  'little2',
  'little3',
] as const;
export type HandBone = (typeof HAND_BONES)[number];
export const BONE_COUNT = HAND_BONES.length;

export const FINGERS = ['index', 'middle', 'ring', 'little'] as const;
export type Finger = (typeof FINGERS)[number];
export const DIGITS = ['thumb', ...FINGERS] as const;
export type Digit = (typeof DIGITS)[number];

export type HandSide = 'L' | 'R';

export interface BoneRest {
  readonly name: HandBone;
  readonly parent: HandBone | null;
  /** Joint position in hand space at rest. */
  readonly head: Vec3;
  /** Unit direction of the bone (local +Z) in hand space. */
  readonly dir: Vec3;
  /** Unit dorsal direction (local +Y) in hand space, perpendicular to `dir`. */
  readonly up: Vec3;
  /** Length to the next joint (to the tip for the last phalanx), metres. */
  readonly length: number;
}

/** A shape attached to a bone, in that bone's local frame at rest. */
export type HandPrimitive =
  | {
      readonly kind: 'cone';
      readonly bone: HandBone;
      readonly a: Vec3;
      readonly b: Vec3;
      readonly ra: number;
      readonly rb: number;
      /** Flattening of the cross-section along local Y (1 = round). */
      readonly squash: number;
      /** Blend radius into the shapes of its bone before it. */
      readonly k: number;
    }
  | {
      readonly kind: 'ellipsoid';
      readonly bone: HandBone;
      readonly c: Vec3;
      readonly r: Vec3;
      /** Blend radius into the shapes of its bone before it. */
      readonly k: number;
    };

// ---------------------------------------------------------------------------------------------
// Small vector maths (pure, on tuples)
// ---------------------------------------------------------------------------------------------

const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const mul = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross3 = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export const unit3 = (a: Vec3): Vec3 => {
  const l = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
};
/** `up` made perpendicular to `dir`, unit. */
const orthoUp = (dir: Vec3, up: Vec3): Vec3 => unit3(sub(up, mul(dir, dot(up, dir))));

// ---------------------------------------------------------------------------------------------
// Proportions of an adult hand (hand length ≈ 190 mm, breadth ≈ 85 mm)
// ---------------------------------------------------------------------------------------------

interface FingerSpec {
  /** Metacarpophalangeal joint (knuckle) centre. */
  readonly mcp: Vec3;
  /** Rest spread from +Z toward +X (thumb side), degrees. */
  readonly spreadDeg: number;
  /** Proximal, middle and distal phalanx lengths (the distal one to the fingertip). */
  readonly lengths: readonly [number, number, number];
  /** Radius at MCP, PIP, DIP and near the tip. */
  readonly radii: readonly [number, number, number, number];
}

export const FINGER_SPECS: Readonly<Record<Finger, FingerSpec>> = {
  index: {
    mcp: [0.026, 0.0, 0.093],
    spreadDeg: 5,
    lengths: [0.043, 0.025, 0.02],
    radii: [0.0092, 0.0083, 0.0074, 0.0068],
  },
  middle: {
    mcp: [0.0065, 0.001, 0.097],
    spreadDeg: 0,
    lengths: [0.047, 0.029, 0.021],
    radii: [0.0095, 0.0086, 0.0076, 0.007],
  },
  ring: {
    mcp: [-0.0125, 0.0, 0.093],
    spreadDeg: -5,
    lengths: [0.044, 0.028, 0.02],
    radii: [0.0088, 0.008, 0.0071, 0.0066],
  },
  little: {
    mcp: [-0.029, -0.002, 0.083],
    spreadDeg: -11,
    lengths: [0.035, 0.02, 0.018],
    radii: [0.0077, 0.007, 0.0063, 0.0059],
  },
};

/** The thumb: carpometacarpal joint, rest directions of its three bones, lengths and radii. */
export const THUMB_SPEC = {
  cmc: [0.02, -0.012, 0.02] as Vec3,
  dirs: [
    [0.56, -0.26, 0.79],
    [0.46, -0.3, 0.84],
    [0.38, -0.31, 0.87],
  ] as readonly Vec3[],
  /** The thumbnail faces away from the palm and a little outward. */
  up: [0.62, 0.78, 0.05] as Vec3,
  lengths: [0.044, 0.031, 0.027] as const,
  radii: [0.0125, 0.0104, 0.0097, 0.009] as const,
};

export const PALM_HALF_THICKNESS_M = 0.0125;
/** Where the sleeve's cuff begins on the forearm stub (hand-space z). */
export const SLEEVE_START_Z = -0.064;

/** Blend radii of the signed-distance hand (metres). */
export const HAND_BLEND = {
  /** Between the phalanges of one digit. */
  phalanges: 0.006,
  /** A digit into the palm. */
  palm: 0.015,
  /** Within the palm's own shapes. */
  palmParts: 0.012,
  /** The knuckles onto the back of the hand. */
  knuckles: 0.006,
  /** The forearm into the palm. */
  forearm: 0.014,
  /** The pulp onto the distal phalanx. */
  tip: 0.003,
  /** The nail plate onto the distal phalanx. */
  nail: 0.0012,
} as const;

function buildRest(): readonly BoneRest[] {
  const bones: BoneRest[] = [];
  const Z: Vec3 = [0, 0, 1];
  const Y: Vec3 = [0, 1, 0];
  bones.push({ name: 'palm', parent: null, head: [0, 0, 0], dir: Z, up: Y, length: 0.095 });
  bones.push({ name: 'forearm', parent: 'palm', head: [0, 0, 0], dir: Z, up: Y, length: 0.09 });
  let head = THUMB_SPEC.cmc;
  for (let i = 0; i < 3; i++) {
    const dir = unit3(THUMB_SPEC.dirs[i] ?? Z);
    const name = `thumb${String(i + 1)}` as HandBone;
    const length = THUMB_SPEC.lengths[i] ?? 0;
    bones.push({
      name,
      parent: i === 0 ? 'palm' : (`thumb${String(i)}` as HandBone),
      head,
      dir,
      up: orthoUp(dir, THUMB_SPEC.up),
      length,
    });
    head = add(head, mul(dir, length));
  }
  for (const finger of FINGERS) {
    const spec = FINGER_SPECS[finger];
    const a = (spec.spreadDeg * Math.PI) / 180;
    const dir: Vec3 = [Math.sin(a), 0, Math.cos(a)];
    let h = spec.mcp;
    for (let i = 0; i < 3; i++) {
      const name = `${finger}${String(i + 1)}` as HandBone;
      const length = spec.lengths[i] ?? 0;
      bones.push({
        name,
        parent: i === 0 ? 'palm' : (`${finger}${String(i)}` as HandBone),
        head: h,
        dir,
        up: orthoUp(dir, Y),
        length,
      });
      h = add(h, mul(dir, length));
    }
  }
  // In HAND_BONES order.
  return HAND_BONES.map((name) => {
    const b = bones.find((x) => x.name === name);
    if (!b) throw new Error(`skeleton: no bone ${name}`);
    return b;
  });
}

/** Every bone at rest, in `HAND_BONES` order (right hand). */
export const REST_BONES: readonly BoneRest[] = buildRest();
export const BONE_INDEX: Readonly<Record<HandBone, number>> = Object.fromEntries(
  HAND_BONES.map((b, i) => [b, i]),
) as Record<HandBone, number>;

export function restBone(name: HandBone): BoneRest {
  return itemAt(REST_BONES, BONE_INDEX[name]);
}

/** A hand-space point → the bone's local frame at rest. */
export function toBoneLocal(name: HandBone, p: Vec3): Vec3 {
  const b = restBone(name);
  const x = cross3(b.up, b.dir);
  const d = sub(p, b.head);
  return [dot(d, x), dot(d, b.up), dot(d, b.dir)];
}

/** A bone-local point at rest → hand space. */
export function fromBoneLocal(name: HandBone, p: Vec3): Vec3 {
  const b = restBone(name);
  const x = cross3(b.up, b.dir);
  return add(b.head, add(mul(x, p[0]), add(mul(b.up, p[1]), mul(b.dir, p[2]))));
}

// ---------------------------------------------------------------------------------------------
// Shape
// ---------------------------------------------------------------------------------------------

function buildPrimitives(): readonly HandPrimitive[] {
  const k = HAND_BLEND;
  const prims: HandPrimitive[] = [];
  // Palm: a flattened body, the row of metacarpal heads, the heel over the carpus, the
  // hypothenar pad on the little-finger side and the knuckles on the back.
  prims.push({
    kind: 'ellipsoid',
    bone: 'palm',
    c: [0.0, 0.0, 0.052],
    r: [0.039, PALM_HALF_THICKNESS_M, 0.045],
    k: 0,
  });
  prims.push({
    kind: 'cone',
    bone: 'palm',
    a: [0.025, 0.0005, 0.089],
    b: [-0.027, -0.0015, 0.079],
    ra: 0.0112,
    rb: 0.0095,
    squash: 0.95,
    k: k.palmParts,
  });
  prims.push({
    kind: 'cone',
    bone: 'palm',
    a: [0.014, -0.002, 0.016],
    b: [-0.016, -0.002, 0.016],
    ra: 0.0145,
    rb: 0.0135,
    squash: 1,
    k: k.palmParts,
  });
  prims.push({
    kind: 'ellipsoid',
    bone: 'palm',
    c: [-0.027, -0.005, 0.045],
    r: [0.0125, 0.011, 0.032],
    k: k.palmParts,
  });
  for (const finger of FINGERS) {
    const m = FINGER_SPECS[finger].mcp;
    const r = FINGER_SPECS[finger].radii[0];
    prims.push({
      kind: 'ellipsoid',
      bone: 'palm',
      c: [m[0], m[1] + 0.0055, m[2] - 0.004],
      r: [r * 0.6, r * 0.5, r * 0.66],
      k: k.knuckles,
    });
  }
  // Forearm stub, and the cuff of a sleeve over its end.
  prims.push({
    kind: 'cone',
    bone: 'forearm',
    a: [0, 0.0035, -0.008],
    b: [0, 0.005, -0.082],
    ra: 0.026,
    rb: 0.031,
    squash: 0.64,
    k: 0,
  });
  prims.push({
    kind: 'cone',
    bone: 'forearm',
    a: [0, 0.0046, SLEEVE_START_Z],
    b: [0, 0.0052, -0.09],
    ra: 0.0325,
    rb: 0.0345,
    squash: 0.68,
    k: 0.0008,
  });
  // Thumb: the thenar eminence on its metacarpal, then the phalanges.
  prims.push({
    kind: 'ellipsoid',
    bone: 'thumb1',
    c: [-0.004, -0.0015, 0.012],
    r: [0.0145, 0.011, 0.025],
    k: 0,
  });
  for (let i = 0; i < 3; i++) {
    const bone = `thumb${String(i + 1)}` as HandBone;
    const L = THUMB_SPEC.lengths[i] ?? 0;
    const ra = THUMB_SPEC.radii[i] ?? 0;
    const rb = THUMB_SPEC.radii[i + 1] ?? 0;
    prims.push({
      kind: 'cone',
      bone,
      a: [0, 0, 0],
      b: [0, 0, i === 2 ? L - rb : L],
      ra,
      rb,
      squash: 0.86,
      k: k.phalanges,
    });
  }
  prims.push(...tipExtras('thumb3', THUMB_SPEC.lengths[2], THUMB_SPEC.radii[3]));
  for (const finger of FINGERS) {
    const spec = FINGER_SPECS[finger];
    for (let i = 0; i < 3; i++) {
      const bone = `${finger}${String(i + 1)}` as HandBone;
      const L = spec.lengths[i] ?? 0;
      const ra = spec.radii[i] ?? 0;
      const rb = spec.radii[i + 1] ?? 0;
      prims.push({
        kind: 'cone',
        bone,
        a: [0, 0, 0],
        b: [0, 0, i === 2 ? L - rb : L],
        ra,
        rb,
        squash: 0.88,
        k: i === 0 ? 0 : k.phalanges,
      });
    }
    prims.push(...tipExtras(`${finger}3` as HandBone, spec.lengths[2], spec.radii[3]));
  }
  return prims;
}

/** The fingertip pulp (a fuller pad under the nail) and the nail plate, on a distal phalanx. */
function tipExtras(bone: HandBone, length: number, r: number): HandPrimitive[] {
  return [
    {
      kind: 'ellipsoid',
      bone,
      c: [0, -0.28 * r, 0.56 * length],
      r: [0.9 * r, 0.72 * r, 0.42 * length],
      k: HAND_BLEND.tip,
    },
    {
      kind: 'ellipsoid',
      bone,
      c: [0, 0.7 * r, 0.63 * length],
      r: [0.62 * r, 0.3 * r, 0.36 * length],
      k: HAND_BLEND.nail,
    },
  ];
}

/** The shapes of the hand, each attached to its bone (right hand, rest pose). */
export const HAND_PRIMITIVES: readonly HandPrimitive[] = buildPrimitives();

/** Nail region on a distal phalanx, in the bone's local frame: the build tints it. */
export function nailWeight(bone: HandBone, local: Vec3): number {
  const digit = digitOf(bone);
  if (!digit || !bone.endsWith('3')) return 0;
  const { length, r } = tipSize(digit);
  const u = local[0] / (0.66 * r);
  const v = (local[2] - 0.64 * length) / (0.4 * length);
  const inside = 1 - (u * u + v * v);
  const dorsal = (local[1] - 0.35 * r) / (0.3 * r);
  return clamp01(inside * 6) * clamp01(dorsal);
}

function tipSize(digit: Digit): { length: number; r: number } {
  if (digit === 'thumb') return { length: THUMB_SPEC.lengths[2], r: THUMB_SPEC.radii[3] };
  const s = FINGER_SPECS[digit];
  return { length: s.lengths[2], r: s.radii[3] };
}

export function digitOf(bone: HandBone): Digit | null {
  for (const d of DIGITS) if (bone.startsWith(d)) return d;
  return null;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
