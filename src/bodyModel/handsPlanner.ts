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

/**
 * Plans made ahead (the next step's, while the current one plays), by the key the hands view
 * keeps its plans under: the promise while the worker plans, the tables once it has.
 */
const ahead = new Map<string, Promise<HandsTables> | HandsTables>();
const MAX_AHEAD = 4;

/** Starts planning a step in the worker ahead of time (nothing if it is planned or planning). */
export function planAhead(key: string, req: WorkerPlanRequest, onReady?: () => void): void {
  if (ahead.has(key) || !canPlanInWorker()) return;
  const planning = planInWorker(req).then(
    (tables) => {
      if (ahead.get(key) === planning) ahead.set(key, tables);
      onReady?.();
      return tables;
    },
    (error: unknown) => {
      if (ahead.get(key) === planning) ahead.delete(key);
      throw error;
    },
  );
  // Failures are handled when the step opens (it plans again).
  planning.catch(() => undefined);
  ahead.set(key, planning);
  while (ahead.size > MAX_AHEAD) {
    const oldest = ahead.keys().next().value;
    if (oldest === undefined) break;
    ahead.delete(oldest);
  }
}

/** The tables planned ahead for `key` if they are ready (taken: each is used once). */
export function takePlannedAhead(key: string): HandsTables | null {
  const got = ahead.get(key);
  if (!got || got instanceof Promise) return null;
  ahead.delete(key);
  return got;
}

/** The planning ahead for `key` still under way, if any (taken). */
export function takePlanningAhead(key: string): Promise<HandsTables> | null {
  const got = ahead.get(key);
  if (!(got instanceof Promise)) return null;
  ahead.delete(key);
  return got;
}

/** How many plans made ahead are ready (for the test probe). */
export function plannedAheadCount(): number {
  let n = 0;
  for (const v of ahead.values()) if (!(v instanceof Promise)) n++;
  return n;
}
