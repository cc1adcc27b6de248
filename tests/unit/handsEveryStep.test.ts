/**
 * Every step of the content that is done by hand, planned on the body it plays on (adult or
 * toddler, with its protocol's morphs), as the app plans it: the plan is not empty (the hands
 * are drawn for part of the pass), and every frame is honest about contact. Either the touching
 * part is on its target (within 2 mm of the path sample; for two hands, of each hand's point
 * beside the path), or the frame is marked as a lift (the touching part off the skin) or as moved
 * aside from an avoid zone. Lifts the plan adds to keep the hand out of the body stay a minority
 * of the frames where the motion touches.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { readHandsGlb, type HandFile } from '../../scripts/lib/readHands.ts';
import { loadContent, type ContentData } from '../../src/content/index.ts';
import { AVOID_ZONES } from '../../src/content/zoneCatalogue.ts';
import type { BodyData } from '../../src/domain/body.ts';
import { GRIPS, gripFor, type GripId } from '../../src/domain/hands/grips.ts';
import {
  ON_TARGET_M,
  createHandsFrame,
  planHands,
  sampleHandsAtPass,
} from '../../src/domain/hands/handMotion.ts';
import type { HandSide } from '../../src/domain/hands/skeleton.ts';
import { createSkinField, type SkinField } from '../../src/domain/hands/skinField.ts';
import {
  applyMorphs,
  createSkinProjector,
  type SkinProjector,
} from '../../src/domain/projectToSkin.ts';
import { buildStepMotion } from '../../src/domain/stepMotion.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FRAMES = 48;

let content: ContentData;
let hands: Record<HandSide, HandFile>;
const bases = new Map<string, BodyData>();
const bodies = new Map<string, { body: BodyData; skin: SkinProjector; field: SkinField }>();

beforeAll(async () => {
  content = loadContent(await readContentFiles(ROOT)).data;
  hands = await readHandsGlb(resolve(ROOT, 'models/hands.glb'));
  for (const kind of ['adult', 'child'] as const)
    bases.set(kind, await readBodyFile(resolve(ROOT, `models/body-${kind}.glb`)));
}, 120_000);

function bodyFor(kind: string, hallux: number, flat: number) {
  const key = `${kind}|${String(hallux)}|${String(flat)}`;
  let b = bodies.get(key);
  const base = bases.get(kind);
  if (!b && base) {
    const body = applyMorphs(base, { hallux_valgus: hallux, flat_foot: flat });
    b = { body, skin: createSkinProjector(body), field: createSkinField(body) };
    bodies.set(key, b);
  }
  if (!b) throw new Error(`no ${kind} body`);
  return b;
}

/**
 * One step of every grip (hand part × technique) the content uses, on each body it is used on:
 * the first such step in protocol order. A test below fails when the content uses a grip on a
 * body this list lacks.
 */
const CASES: readonly (readonly [grip: GripId, kind: string, protocol: string, step: number])[] = [
  ['fingertips', 'adult', 'p1-hallux-valgus-adult-self', 3],
  ['thumb_pad', 'adult', 'p1-hallux-valgus-adult-self', 4],
  ['palm', 'adult', 'p1-hallux-valgus-adult-self', 6],
  ['tapping', 'adult', 'p1-hallux-valgus-adult-self', 7],
  ['palm', 'child', 'p2-hallux-valgus-child', 1],
  ['palm_edge', 'child', 'p2-hallux-valgus-child', 2],
  ['fingertips', 'child', 'p2-hallux-valgus-child', 6],
  ['both_wring', 'child', 'p2-hallux-valgus-child', 10],
  ['shaking', 'child', 'p2-hallux-valgus-child', 12],
  ['toe_stretch', 'child', 'p2-hallux-valgus-child', 13],
  ['tapping', 'child', 'p3-valgus-feet-child-orthopedic', 4],
  ['pincer', 'child', 'p3-valgus-feet-child-orthopedic', 9],
  ['hacking', 'child', 'p3-valgus-feet-child-orthopedic', 11],
  ['thumb_pad', 'child', 'p3-valgus-feet-child-orthopedic', 12],
  ['patting', 'child', 'p3-valgus-feet-child-orthopedic', 14],
  ['both_knead', 'adult', 'p4-classic-lower-limb', 6],
  ['heel_of_palm', 'adult', 'p4-classic-lower-limb', 7],
  ['hacking', 'adult', 'p4-classic-lower-limb', 9],
  ['vibration', 'adult', 'p4-classic-lower-limb', 10],
  ['patting', 'adult', 'p5-flat-feet', 10],
  ['finger_phalanges', 'child', 'p6-hallux-valgus-child-course', 4],
  ['both_knead', 'child', 'p6-hallux-valgus-child-course', 7],
  ['both_grasp', 'child', 'p6-hallux-valgus-child-course', 15],
  ['toe_stretch', 'adult', 'p7-anti-stress-toes', 1],
];

/**
 * Steps whose hands the planner cannot place clear of the body anywhere in the pass: there the
 * contact glyph stands in for the hands (the path and its arrows are drawn as ever).
 */
const GLYPH_ONLY: ReadonlyMap<string, string> = new Map([
  [
    'p2-hallux-valgus-child #1',
    'an adult palm circling on a toddler’s neck sinks into the head and shoulders at every turn',
  ],
  [
    'p6-hallux-valgus-child-course #15',
    'two hands holding a toddler’s foot for passive movement find no placement clear of the body at any key of the pass',
  ],
]);

interface Tally {
  steps: number;
  frames: number;
  contact: number;
  lift: number;
  aside: number;
  /** Frames where the motion touches but the plan lifted the hand off. */
  planLift: number;
  motionTouch: number;
}
const total: Tally = {
  steps: 0,
  frames: 0,
  contact: 0,
  lift: 0,
  aside: 0,
  planLift: 0,
  motionTouch: 0,
};

describe('the hands of every step done by hand', () => {
  it('covers every grip the content uses on every body it is used on', () => {
    const used = new Set<string>();
    for (const p of content.protocols)
      for (const s of p.protocol.steps) {
        const grip = gripFor(s.technique, s.handPart, s.path?.kind);
        if (grip) used.add(`${grip}|${p.protocol.body}`);
      }
    expect([...used].sort()).toEqual(CASES.map(([g, k]) => `${g}|${k}`).sort());
    for (const [grip, kind, id, no] of CASES) {
      const p = content.protocols.find((x) => x.protocol.id === id);
      const s = p?.protocol.steps.at(no - 1);
      expect(p?.protocol.body).toBe(kind);
      expect(s && gripFor(s.technique, s.handPart, s.path?.kind)).toBe(grip);
    }
  });

  it.each(CASES.map(([g, k, p, n]) => [`${g} on the ${k}`, p, n] as const))(
    '%s (%s #%d): hands drawn, on target in every contact frame, off the skin in every lift',
    (_name, id, stepNo) => {
      const loaded = content.protocols.find((p) => p.protocol.id === id);
      if (!loaded) throw new Error(`no protocol ${id}`);
      const kind = loaded.protocol.body;
      const morphs = loaded.protocol.bodyMorphs ?? {};
      const b = bodyFor(kind, morphs.hallux_valgus ?? 0, morphs.flat_foot ?? 0);
      const bodyScale = kind === 'child' ? 0.56 : 1;
      const frame = createHandsFrame();
      const problems: string[] = [];
      const lines: string[] = [];
      {
        const index = stepNo - 1;
        const step = loaded.protocol.steps.at(index);
        if (!step) throw new Error(`no step ${id} #${String(stepNo)}`);
        const grip = gripFor(step.technique, step.handPart, step.path?.kind);
        if (!grip) throw new Error(`${id} #${String(stepNo)} is not done by hand`);
        const label = `${id} #${String(index + 1)} ${step.technique} × ${step.handPart} (${grip}, ${kind})`;
        const r = buildStepMotion({
          step,
          side: 'L',
          body: b.body,
          skin: b.skin,
          isBilateral: (n) => content.landmarks.get(n)?.bilateral ?? false,
          avoidZones: AVOID_ZONES,
          bodyScale,
        });
        if (!r.ok || !r.motion) throw new Error(`${label}: no motion`);
        const plan = planHands({
          plan: r.motion.plan,
          grip,
          skin: b.skin,
          field: b.field,
          hands: { L: hands.L.mesh, R: hands.R.mesh },
          avoidZones: AVOID_ZONES,
          bodyScale,
          pose: (step.position ?? loaded.protocol.position).pose,
          side: 'L',
          pathKind: step.path?.kind,
        });
        const spec = GRIPS[grip];
        const used: readonly HandSide[] = spec.hands === 'one' ? [plan.working] : ['L', 'R'];
        const t: Tally = {
          steps: 1,
          frames: 0,
          contact: 0,
          lift: 0,
          aside: 0,
          planLift: 0,
          motionTouch: 0,
        };
        let drawn = 0;
        let worstOff = 0;
        for (let i = 0; i < FRAMES; i++) {
          sampleHandsAtPass(plan, (i + 0.5) / FRAMES, 0.5, frame);
          if (used.every((s) => frame[s].visible)) drawn++;
          for (const side of used) {
            const st = frame[side];
            if (!st.visible) continue;
            t.frames++;
            t[st.phase]++;
            // Where the motion has the hand on the skin (one hand, or the striking hand).
            const motionTouches = frame.sample.contact >= 0.99;
            const aimsAtPath =
              spec.hands !== 'alternate' ||
              Math.hypot(
                st.target[0] - frame.sample.position[0],
                st.target[1] - frame.sample.position[1],
                st.target[2] - frame.sample.position[2],
              ) < 1e-9;
            if (motionTouches && aimsAtPath) {
              t.motionTouch++;
              if (st.phase === 'lift') t.planLift++;
            }
            // The path sample this hand works at: the motion's sample for one hand and the
            // striking hand, each hand's own point beside the path for two.
            const aim = spec.hands === 'two' ? st.target : frame.sample.position;
            const off = Math.hypot(
              st.contactPoint[0] - aim[0],
              st.contactPoint[1] - aim[1],
              st.contactPoint[2] - aim[2],
            );
            if (st.phase === 'contact') {
              worstOff = Math.max(worstOff, off);
              if (off > ON_TARGET_M)
                problems.push(
                  `${label}: frame ${String(i)} ${side} ${(off * 1000).toFixed(1)} mm off`,
                );
            } else if (st.phase === 'lift') {
              const sd = b.field.signedDistance(...st.contactPoint, 0.03);
              if (sd < 0)
                problems.push(`${label}: frame ${String(i)} ${side} marked lifted but in the skin`);
            }
          }
        }
        const known = GLYPH_ONLY.get(`${id} #${String(stepNo)}`);
        if (known) {
          console.log(`${label}: the glyph stands in for the hands: ${known}`);
        } else if (drawn === 0) problems.push(`${label}: no hands drawn at all`);
        // Per step at most half (judged where the motion touches in a few frames at least).
        if (t.motionTouch >= 4 && t.planLift / t.motionTouch > 0.5)
          problems.push(
            `${label}: the plan lifts the hand in ${String(t.planLift)}/${String(t.motionTouch)} touching frames`,
          );
        for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
        lines.push(
          `${label}: drawn ${String(drawn)}/${String(FRAMES)}, contact ${String(t.contact)}, lift ${String(t.lift)} (plan ${String(t.planLift)}/${String(t.motionTouch)} touching), aside ${String(t.aside)}, worst ${(worstOff * 1000).toFixed(1)} mm`,
        );
      }
      console.log(lines.join('\n'));
      console.log(
        `so far ${String(total.steps)} steps, ${String(total.frames)} hand frames: contact ${String(total.contact)}, lift ${String(total.lift)}, aside ${String(total.aside)}; plan lifts ${String(total.planLift)}/${String(total.motionTouch)} touching frames`,
      );
      expect(problems).toEqual([]);
    },
    600_000,
  );

  it('lifts the hands off the skin, beyond what the motion does, in a minority of touching frames', () => {
    // Runs after the steps above (tests in a file run in order).
    expect(total.steps).toBe(CASES.length);
    expect(total.motionTouch).toBeGreaterThan(100);
    expect(total.planLift / total.motionTouch).toBeLessThan(0.3);
  });
});
