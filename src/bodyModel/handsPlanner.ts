import type { Step } from '../content/schema.ts';
import type { BodyData, Side } from '../domain/body.ts';
import type { GripId } from '../domain/hands/grips.ts';
import type { HandsTables } from '../domain/hands/handMotion.ts';
import type { HandMeshData } from '../domain/hands/rig.ts';
import type { HandSide } from '../domain/hands/skeleton.ts';
import type { Pose } from '../domain/pose.ts';
import type { PlannerReply, PlannerRequest } from './handsPlanner.worker.ts';
import { lazyWorker } from './lazyWorker.ts';

export interface WorkerPlanRequest {
  readonly bodyKey: string;
  readonly body: BodyData;
  readonly hands: Readonly<Record<HandSide, HandMeshData>>;
  readonly step: Step;
  readonly side: Side;
  readonly bilateral: readonly string[];
  readonly avoidZones: ReadonlySet<string>;
  readonly bodyScale: number;
  readonly grip: GripId;
  readonly working: HandSide;
  readonly pose: Pose;
}

const bodyIds = new WeakMap<BodyData, number>();
let nextBodyId = 1;

/**
 * The planner's key of a body as shown: one per body object (`skinFor` keeps one per kind and
 * morphs), so that the worker receives each body once.
 */
export function bodyKeyOf(kind: string, body: BodyData): string {
  let id = bodyIds.get(body);
  if (id === undefined) {
    id = nextBodyId++;
    bodyIds.set(body, id);
  }
  return `${kind}|${String(id)}`;
}

let nextId = 1;
const pending = new Map<
  number,
  { resolve: (t: HandsTables) => void; reject: (e: Error) => void }
>();
const sentBodies = new WeakMap<BodyData, string>();
let sentHands: unknown = null;

const getWorker = lazyWorker<PlannerReply>(
  () => new Worker(new URL('./handsPlanner.worker.ts', import.meta.url), { type: 'module' }),
  (reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.tables);
    else p.reject(new Error(reply.reason));
  },
  () => {
    for (const p of pending.values()) p.reject(new Error('the hands planner stopped'));
    pending.clear();
  },
);

/** Whether planning can run off the main thread here. */
export function canPlanInWorker(): boolean {
  return getWorker() !== null;
}

/** Plans the hands for a step in the worker. */
export function planInWorker(req: WorkerPlanRequest): Promise<HandsTables> {
  const w = getWorker();
  if (!w) return Promise.reject(new Error('no worker'));
  const post = (m: PlannerRequest) => w.postMessage(m);
  if (sentBodies.get(req.body) !== req.bodyKey) {
    post({ type: 'body', key: req.bodyKey, body: req.body });
    sentBodies.set(req.body, req.bodyKey);
  }
  if (sentHands !== req.hands) {
    post({ type: 'hands', hands: req.hands });
    sentHands = req.hands;
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    post({
      type: 'plan',
      id,
      bodyKey: req.bodyKey,
      step: req.step,
      side: req.side,
      bilateral: req.bilateral,
      avoidZones: [...req.avoidZones],
      bodyScale: req.bodyScale,
      grip: req.grip,
      working: req.working,
      pose: req.pose,
    });
  });
}
