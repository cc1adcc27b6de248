/**
 * Plans the hands for a step off the main thread (a few hundred collision checks against the
 * skin take a second or more on a slow device): the same pure domain code the tests run, on the
 * same body data, so the tables it returns fit the motion plan the main thread built.
 */
import type { Step } from '../content/schema.ts';
import type { BodyData, Side } from '../domain/body.ts';
import type { GripId } from '../domain/hands/grips.ts';
import { planHands, tablesOf, type HandsTables } from '../domain/hands/handMotion.ts';
import type { HandMeshData } from '../domain/hands/rig.ts';
import type { HandSide } from '../domain/hands/skeleton.ts';
import { createSkinField, type SkinField } from '../domain/hands/skinField.ts';
import type { Pose } from '../domain/pose.ts';
import { createSkinProjector, type SkinProjector } from '../domain/projectToSkin.ts';
import { buildStepMotion } from '../domain/stepMotion.ts';

export type PlannerRequest =
  | { readonly type: 'body'; readonly key: string; readonly body: BodyData }
  | { readonly type: 'hands'; readonly hands: Readonly<Record<HandSide, HandMeshData>> }
  | {
      readonly type: 'plan';
      readonly id: number;
      readonly bodyKey: string;
      readonly step: Step;
      readonly side: Side;
      readonly bilateral: readonly string[];
      readonly avoidZones: readonly string[];
      readonly bodyScale: number;
      readonly grip: GripId;
      readonly working: HandSide;
      readonly pose: Pose;
    };

export type PlannerReply =
  | { readonly id: number; readonly ok: true; readonly tables: HandsTables }
  | { readonly id: number; readonly ok: false; readonly reason: string };

const bodies = new Map<string, { body: BodyData; skin: SkinProjector; field: SkinField }>();
let hands: Readonly<Record<HandSide, HandMeshData>> | null = null;

function reply(message: PlannerReply): void {
  (self as unknown as { postMessage: (m: PlannerReply) => void }).postMessage(message);
}

self.onmessage = (event: MessageEvent<PlannerRequest>) => {
  const msg = event.data;
  if (msg.type === 'body') {
    if (!bodies.has(msg.key)) {
      bodies.set(msg.key, {
        body: msg.body,
        skin: createSkinProjector(msg.body),
        field: createSkinField(msg.body),
      });
      // A few bodies at most (adult, child, a severity or two).
      while (bodies.size > 3) {
        const oldest = bodies.keys().next().value;
        if (oldest === undefined) break;
        bodies.delete(oldest);
      }
    }
    return;
  }
  if (msg.type === 'hands') {
    hands = msg.hands;
    return;
  }
  try {
    const entry = bodies.get(msg.bodyKey);
    if (!entry || !hands) throw new Error('the body or the hands were not sent');
    const bilateral = new Set(msg.bilateral);
    const avoidZones = new Set(msg.avoidZones);
    const result = buildStepMotion({
      step: msg.step,
      side: msg.side,
      body: entry.body,
      skin: entry.skin,
      isBilateral: (name) => bilateral.has(name),
      avoidZones,
      bodyScale: msg.bodyScale,
    });
    if (!result.ok || !result.motion) throw new Error('the step has no motion on this body');
    const plan = planHands({
      plan: result.motion.plan,
      grip: msg.grip,
      skin: entry.skin,
      field: entry.field,
      hands,
      avoidZones,
      working: msg.working,
      bodyScale: msg.bodyScale,
      pose: msg.pose,
      side: msg.side,
      pathKind: msg.step.path?.kind,
    });
    reply({ id: msg.id, ok: true, tables: tablesOf(plan) });
  } catch (error) {
    reply({
      id: msg.id,
      ok: false,
      reason: error instanceof Error ? error.message : String(error),
    });
  }
};
