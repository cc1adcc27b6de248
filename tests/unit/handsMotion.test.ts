/**
 * The hands on the real bodies with the real hand model, over one whole pass of a step of each
 * technique: the touching part follows the path sample, no vertex of either hand goes into the
 * body (beyond the few millimetres a pressing hand sinks into skin), and none comes within 8 mm
 * of an avoid zone.
 */
import { resolve } from 'node:path';
import { BufferAttribute, BufferGeometry, DoubleSide, Ray, Vector3 } from 'three';
import { MeshBVH } from 'three-mesh-bvh';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { readHandsGlb, type HandFile } from '../../scripts/lib/readHands.ts';
import { loadContent, type ContentData } from '../../src/content/index.ts';
import { AVOID_ZONES } from '../../src/content/zoneCatalogue.ts';
import type { BodyData, MorphTarget } from '../../src/domain/body.ts';
import { GRIPS, gripFor } from '../../src/domain/hands/grips.ts';
import {
  AVOID_CLEARANCE_M,
  CONTACT_SINK_M,
  ON_TARGET_M,
  createHandsFrame,
  handWorldMatrices,
  planHands,
  sampleHandsAtPass,
  type HandsPlan,
} from '../../src/domain/hands/handMotion.ts';
import { skinVertices } from '../../src/domain/hands/rig.ts';
import { BONE_INDEX, type HandSide } from '../../src/domain/hands/skeleton.ts';
import { createSkinField, type SkinField } from '../../src/domain/hands/skinField.ts';
import type { Pose } from '../../src/domain/pose.ts';
import {
  applyMorphs,
  createSkinProjector,
  type SkinProjector,
} from '../../src/domain/projectToSkin.ts';
import { buildStepMotion } from '../../src/domain/stepMotion.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** The avoid zones of the zone catalogue, as the app marks them. */
const AVOID = AVOID_ZONES;
const FRAMES = 48;

interface Body {
  readonly body: BodyData;
  readonly skin: SkinProjector;
  readonly field: SkinField;
  readonly zones: ReadonlySet<string>;
  /** Ray parity over three directions: robust inside test for a closed mesh. */
  readonly inside: (p: readonly [number, number, number]) => boolean;
}

let content: ContentData;
let hands: Record<HandSide, HandFile>;
const bodies = new Map<string, Body>();

function insideTester(body: BodyData): Body['inside'] {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(body.positions, 3));
  g.setIndex(new BufferAttribute(body.indices.slice(), 1));
  const bvh = new MeshBVH(g);
  const ray = new Ray();
  const dirs = [
    new Vector3(1, 0.013, 0.007).normalize(),
    new Vector3(-0.011, 1, 0.017).normalize(),
    new Vector3(0.009, -0.014, 1).normalize(),
  ];
  return (p) => {
    let votes = 0;
    for (const d of dirs) {
      ray.origin.set(p[0], p[1], p[2]);
      ray.direction.copy(d);
      if (bvh.raycast(ray, DoubleSide).length % 2 === 1) votes++;
    }
    return votes >= 2;
  };
}

const bases = new Map<string, BodyData>();

beforeAll(async () => {
  content = loadContent(await readContentFiles(ROOT)).data;
  hands = await readHandsGlb(resolve(ROOT, 'models/hands.glb'));
  for (const kind of ['adult', 'child'] as const)
    bases.set(kind, await readBodyFile(resolve(ROOT, `models/body-${kind}.glb`)));
}, 120_000);

/** The body as the app shows a protocol: its kind with the protocol's morphs (severity). */
function bodyFor(kind: string, morphs: Partial<Record<MorphTarget, number>>): Body {
  const weights = { hallux_valgus: morphs.hallux_valgus ?? 0, flat_foot: morphs.flat_foot ?? 0 };
  const key = `${kind}|${String(weights.hallux_valgus)}|${String(weights.flat_foot)}`;
  let b = bodies.get(key);
  const base = bases.get(kind);
  if (!b && base) {
    const body = applyMorphs(base, weights);
    b = {
      body,
      skin: createSkinProjector(body),
      field: createSkinField(body),
      zones: new Set(body.parts.map((p) => p.zone)),
      inside: insideTester(body),
    };
    bodies.set(key, b);
  }
  if (!b) throw new Error(`no ${kind} body`);
  return b;
}

/**
 * One step of each technique done by hand, on adult and child bodies, with the share of the
 * pass the hands may be hidden for (the glyph stands in there), 0.7 unless said.
 */
const STEPS: readonly (readonly [string, number, number?])[] = [
  ['p4-classic-lower-limb', 3],
  // The thumb's spiral runs 10.6 mm from the bunion at its closest: a thumb pad about 16 mm
  // wide cannot keep 8 mm from it along most of the turns, so the hand shows only where it can.
  ['p1-hallux-valgus-adult-self', 4, 0.95],
  ['p3-valgus-feet-child-orthopedic', 13],
  ['p4-classic-lower-limb', 6],
  ['p3-valgus-feet-child-orthopedic', 9],
  ['p3-valgus-feet-child-orthopedic', 4],
  ['p3-valgus-feet-child-orthopedic', 11],
  ['p5-flat-feet', 10],
  ['p4-classic-lower-limb', 7],
  ['p4-classic-lower-limb', 10],
  ['p2-hallux-valgus-child', 12],
  ['p2-hallux-valgus-child', 13],
  // The remaining grips: fingertip circles and wringing. Wringing a child's foot finds a clear
  // placement for only a few keys of the pass (the glyph stands in elsewhere): what is drawn is
  // still checked.
  ['p5-flat-feet', 1],
  ['p3-valgus-feet-child-orthopedic', 7, 0.95],
  // On the toddler: palm-edge rubbing of the toes and knuckle circles on the buttock.
  ['p2-hallux-valgus-child', 2],
  ['p6-hallux-valgus-child-course', 4],
];

function planFor(
  protocolId: string,
  stepNo: number,
  poseOverride?: Pose,
): { plan: HandsPlan; b: Body; label: string } {
  const loaded = content.protocols.find((p) => p.protocol.id === protocolId);
  if (!loaded) throw new Error(`no protocol ${protocolId}`);
  const kind = loaded.protocol.body;
  const b = bodyFor(kind, loaded.protocol.bodyMorphs ?? {});
  const step = loaded.protocol.steps.at(stepNo - 1);
  if (!step) throw new Error(`no step ${protocolId} ${String(stepNo)}`);
  const bodyScale = kind === 'child' ? 0.56 : 1;
  const r = buildStepMotion({
    step,
    side: 'L',
    body: b.body,
    skin: b.skin,
    isBilateral: (n) => content.landmarks.get(n)?.bilateral ?? false,
    avoidZones: AVOID,
    bodyScale,
  });
  if (!r.ok || !r.motion) throw new Error(`${protocolId} ${String(stepNo)} has no motion`);
  const grip = gripFor(step.technique, step.handPart, step.path?.kind);
  if (!grip) throw new Error(`${protocolId} ${String(stepNo)} has no grip`);
  const plan = planHands({
    plan: r.motion.plan,
    grip,
    skin: b.skin,
    field: b.field,
    hands: { L: hands.L.mesh, R: hands.R.mesh },
    avoidZones: AVOID,
    bodyScale,
    pose: poseOverride ?? (step.position ?? loaded.protocol.position).pose,
    side: 'L',
    pathKind: step.path?.kind,
  });
  return {
    plan,
    b,
    label: `${protocolId} #${String(stepNo)} ${step.technique} × ${step.handPart} (${grip}, ${kind})`,
  };
}

describe('where no hand can reach', () => {
  it('draws none where the skin faces the table: the front of the ankle of a child lying prone (p6 #15 done prone)', () => {
    const { plan } = planFor('p6-hallux-valgus-child-course', 15, 'prone');
    const frame = createHandsFrame();
    let drawn = 0;
    for (let i = 0; i < FRAMES; i++) {
      sampleHandsAtPass(plan, (i + 0.5) / FRAMES, 0.5, frame);
      if (frame.L.visible && frame.R.visible) drawn++;
    }
    expect(plan.avoidUnresolved).toBeGreaterThan(0);
    expect(drawn).toBe(0);
  }, 120_000);
});

describe.each(STEPS.map(([p, n, h]) => [`${p} #${String(n)}`, p, n, h ?? 0.7] as const))(
  'hands over a whole pass of %s',
  (_name, protocolId, stepNo, maxHidden) => {
    it('follow the path, stay out of the body and away from avoid zones', () => {
      const { plan, b, label } = planFor(protocolId, stepNo);
      const spec = GRIPS[plan.grip];
      const frame = createHandsFrame();
      const posed = {
        L: new Float32Array(hands.L.mesh.positions.length),
        R: new Float32Array(hands.R.mesh.positions.length),
      };
      let contactFrames = 0;
      let onPath = 0;
      let worstLateral = 0;
      let worstSink = { contact: 0, other: 0 };
      let nearestAvoid = Infinity;
      const touching = new Set(
        [...spec.contact.map((c) => c.bone), ...(spec.touching ?? [])].map((x) => BONE_INDEX[x]),
      );
      let hidden = 0;
      const used: readonly HandSide[] = spec.hands === 'one' ? [plan.working] : ['L', 'R'];
      for (let i = 0; i < FRAMES; i++) {
        sampleHandsAtPass(plan, (i + 0.5) / FRAMES, 0.5, frame);
        // Where the plan found no clear placement the hand is not drawn (the path still is).
        if (used.some((side) => !frame[side].visible)) hidden++;
        for (const side of ['L', 'R'] as const) {
          const st = frame[side];
          if (!st.visible) continue;
          // The touching part on its target: along the skin normal through it (pressed in, or
          // lifted where the plan had to), and on the path for one hand.
          if (st.phase === 'contact') {
            contactFrames++;
            const d = [0, 1, 2].map((k) => (st.contactPoint[k] ?? 0) - (st.target[k] ?? 0));
            const along =
              d[0] * st.targetNormal[0] + d[1] * st.targetNormal[1] + d[2] * st.targetNormal[2];
            const lateral = Math.hypot(
              d[0] - along * st.targetNormal[0],
              d[1] - along * st.targetNormal[1],
              d[2] - along * st.targetNormal[2],
            );
            worstLateral = Math.max(worstLateral, lateral);
            if (spec.hands === 'one') {
              const s = frame.sample.position;
              const off = Math.hypot(
                st.contactPoint[0] - s[0],
                st.contactPoint[1] - s[1],
                st.contactPoint[2] - s[2],
              );
              if (off <= ON_TARGET_M) onPath++;
            } else if (Math.abs(along) <= ON_TARGET_M) onPath++;
          }
          const m = hands[side].mesh;
          skinVertices(m, handWorldMatrices(st, side), posed[side]);
          for (let v = 0; v < m.positions.length / 3; v += 2) {
            const p: [number, number, number] = [
              posed[side][v * 3] ?? 0,
              posed[side][v * 3 + 1] ?? 0,
              posed[side][v * 3 + 2] ?? 0,
            ];
            const near = b.skin.nearestOfZones(p, b.zones, 0.02);
            if (near && b.inside(p)) {
              const key = touching.has(m.joints[v * 4] ?? -1) ? 'contact' : 'other';
              worstSink = { ...worstSink, [key]: Math.max(worstSink[key], near.distance) };
            }
            const a = b.skin.nearestOfZones(p, AVOID, AVOID_CLEARANCE_M + 0.01);
            if (a) nearestAvoid = Math.min(nearestAvoid, a.distance);
          }
        }
      }
      console.log(
        `${label}: on the path in ${String(onPath)}/${String(contactFrames)} contact frames, ` +
          `deepest ${(worstSink.contact * 1000).toFixed(1)} mm (touching part) / ${(worstSink.other * 1000).toFixed(1)} mm (rest), ` +
          `avoid zones ≥ ${(nearestAvoid * 1000).toFixed(1)} mm, lifted keys ${String(plan.lifted)}, ` +
          `hidden in ${String(hidden)}/${String(FRAMES)} frames`,
      );
      // Drawn for a good part of the pass (elsewhere the glyph stands in).
      expect(hidden / FRAMES).toBeLessThan(maxHidden);
      // The touching part right over its target: on the skin normal through the path sample,
      // and in every contact frame within 2 mm of it (the other frames are marked lifts).
      expect(worstLateral).toBeLessThan(0.002);
      expect(onPath).toBe(contactFrames);
      expect(worstSink.contact).toBeLessThanOrEqual(CONTACT_SINK_M + 0.002);
      expect(worstSink.other).toBeLessThanOrEqual(0.003);
      expect(nearestAvoid).toBeGreaterThanOrEqual(AVOID_CLEARANCE_M);
    }, 120_000);
  },
);
