import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Color, MeshLambertMaterial, MeshStandardMaterial, type Group } from 'three';
import type { GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import {
  bodyKeyOf,
  canPlanInWorker,
  planAhead,
  planInWorker,
  takePlannedAhead,
  plannedAheadCount,
  takePlanningAhead,
  type WorkerPlanRequest,
} from '../bodyModel/handsPlanner.ts';
import { handsGltf, handsOf } from '../bodyModel/loadHands.ts';
import type { BodyKind } from '../bodyModel/modelUrls.ts';
import { skinFor, type Skin } from '../bodyModel/skin.ts';
import type { Step } from '../content/schema.ts';
import type { BodyData, Side } from '../domain/body.ts';
import { gripFor, type GripId } from '../domain/hands/grips.ts';
import {
  createHandsFrame,
  createHandsPlanner,
  handsPlanFromTables,
  sampleHands,
  type HandsPlan,
  type HandsTables,
} from '../domain/hands/handMotion.ts';
import type { HandSide } from '../domain/hands/skeleton.ts';
import { createSkinField, type SkinField } from '../domain/hands/skinField.ts';
import type { MotionPlan } from '../domain/motion/index.ts';
import { stepProgress } from '../domain/player.ts';
import type { Pose } from '../domain/pose.ts';
import { stepKey as stepKeyOf } from '../domain/stepKey.ts';
import { useContentStore } from '../state/contentStore.ts';
import { sideForStep, useCurrentStep } from '../state/currentStep.ts';
import { playerEngine, usePlayerStore } from '../state/playerStore.ts';
import { useRenderQuality } from '../state/renderQuality.ts';
import { useViewerStore } from '../state/viewerStore.ts';
import { handsStatus } from './handsStatus.ts';
import { createLowDetail, LOW_DETAIL_ERROR, type LowDetail } from './lowDetail.ts';

interface HandsProps {
  /** The step's motion on the skin, from the shared derived step data (`useStepMotion`). */
  readonly plan: MotionPlan;
  readonly grip: GripId;
  /** The body shown; its skin (morphs applied) is the shared one of `bodyModel/skin.ts`. */
  readonly kind: BodyKind;
  /** Identifies the step (`stepKey`), for the plan cache. */
  readonly stepKey: string;
  readonly step: Step;
  readonly pathKind: string | undefined;
  readonly avoidZones: ReadonlySet<string>;
  readonly pose: Pose;
  readonly side: Side;
  readonly bodyScale: number;
  readonly working: HandSide;
  /** Drawn until the hands are ready (the contact glyph). */
  readonly fallback: ReactNode;
}

/** The hands' glTF once loaded (null while it loads, or for good if it cannot be). */
function useHandsGltf(): GLTF | null {
  const [gltf, setGltf] = useState<GLTF | null>(null);
  useEffect(() => {
    let live = true;
    handsGltf().then(
      (g) => {
        if (live) setGltf(g);
      },
      (e: unknown) => {
        // The contact glyph stays: the step is still shown.
        console.warn('Footwork: the hands could not be loaded', e);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return gltf;
}

/** The shared skin of the body as shown (the one the step's motion was placed on). */
function useSharedSkin(kind: BodyKind): Skin | null {
  const severity = usePlayerStore((s) => s.severity);
  const [skin, setSkin] = useState<Skin | null>(null);
  useEffect(() => {
    let live = true;
    skinFor(kind, severity).then(
      (s) => {
        if (live) setSkin(s);
      },
      (e: unknown) => {
        console.warn('Footwork: no skin for the hands', e);
      },
    );
    return () => {
      live = false;
    };
  }, [kind, severity]);
  return skin;
}

/** Slice of planning work per timer tick, ms: short enough not to stall a frame. */
const PLAN_SLICE_MS = 8;

const fields = new WeakMap<BodyData, SkinField>();
function fieldFor(body: BodyData): SkinField {
  let f = fields.get(body);
  if (!f) {
    f = createSkinField(body);
    fields.set(body, f);
  }
  return f;
}

/** Plans of recently shown steps, so going back to a step shows its hands at once. */
const plans = new Map<string, HandsPlan>();
const MAX_PLANS = 12;
function remember(key: string, plan: HandsPlan): void {
  plans.set(key, plan);
  while (plans.size > MAX_PLANS) {
    const oldest = plans.keys().next().value;
    if (oldest === undefined) break;
    plans.delete(oldest);
  }
}

/** Keys of the plans that were made ahead. */
const plannedAhead = new Set<string>();

/** A plan from tables planned ahead for `key`, if they are ready (remembered for the step). */
function adoptPlannedAhead(
  key: string,
  input: Parameters<typeof handsPlanFromTables>[0],
): HandsPlan | null {
  const tables: HandsTables | null = takePlannedAhead(key);
  if (!tables) return null;
  handsStatus.plannedAhead = plannedAheadCount();
  try {
    const plan = handsPlanFromTables(input, tables);
    remember(key, plan);
    plannedAhead.add(key);
    return plan;
  } catch (error) {
    // Planned for another motion (the body changed meanwhile): the step plans again.
    console.warn('Footwork: the hands planned ahead do not fit this step', error);
    return null;
  }
}

/** The names of the body's landmarks that come in pairs (left and right), for the worker. */
function bilateralOf(
  body: BodyData,
  landmarks: ReadonlyMap<string, { readonly bilateral?: boolean }> | undefined,
): string[] {
  const names = new Set([...body.landmarks.values()].map((l) => l.name));
  return [...names].filter((n) => landmarks?.get(n)?.bilateral ?? false);
}

/** Skin tint of the hands by pressure: cool and pale when light, flushed when vigorous. */
const TINT_LIGHT = new Color(0.9, 0.96, 1.04);
const TINT_FIRM = new Color(1.06, 0.86, 0.8);

/**
 * The massaging person's hands doing the step: posed per hand part and technique, following
 * the step's path at its tempo (`src/domain/hands/`). The plan is worked out in short slices
 * after the step opens; until then (and while the model loads) `fallback` is drawn.
 */
export function Hands(props: HandsProps) {
  const gltf = useHandsGltf();
  const shared = useSharedSkin(props.kind);
  if (!gltf || !shared) return <>{props.fallback}</>;
  return <PlacedHands {...props} gltf={gltf} shared={shared} />;
}

function PlacedHands(props: HandsProps & { readonly gltf: GLTF; readonly shared: Skin }) {
  const {
    plan,
    grip,
    kind,
    stepKey,
    step,
    pathKind,
    avoidZones,
    pose,
    side,
    bodyScale,
    working,
    gltf,
  } = props;
  const { body, skin } = props.shared;
  const landmarks = useContentStore((s) => s.data?.landmarks);
  const hands = useMemo(() => handsOf(gltf), [gltf]);
  const invalidate = useThree((s) => s.invalidate);
  // The body as shown is one object per kind and morphs (`skinFor`): its identity keys the plan.
  const bodyKey = bodyKeyOf(kind, body);
  const key = `${bodyKey}|${stepKey}|${grip}|${working}`;
  /** The last plan finished here (re-render once when it is). */
  const [finished, setFinished] = useState<string | null>(null);
  const handData = useMemo(() => ({ L: hands.L.data, R: hands.R.data }), [hands]);
  const input = useMemo(
    () => ({
      plan,
      grip,
      skin,
      hands: handData,
      avoidZones,
      working,
      bodyScale,
      pose,
      side,
      pathKind,
    }),
    [plan, grip, skin, handData, avoidZones, working, bodyScale, pose, side, pathKind],
  );
  // A step planned ahead (while the one before it played) shows its hands from its first frame.
  const current = plans.get(key) ?? adoptPlannedAhead(key, input);

  useEffect(() => {
    if (plans.has(key)) return;
    let timer: number | null = null;
    let cancelled = false;
    const finish = (done: HandsPlan) => {
      if (cancelled) return;
      remember(key, done);
      setFinished(key);
    };
    // Without a worker: plan here, a slice at a time between frames.
    const sliced = () => {
      let planner: ReturnType<typeof createHandsPlanner> | null = null;
      const work = () => {
        timer = null;
        if (cancelled) return;
        planner ??= createHandsPlanner({ ...input, field: fieldFor(body) });
        const done = planner.advance(PLAN_SLICE_MS);
        if (done) finish(done);
        else timer = window.setTimeout(work, 0);
      };
      timer = window.setTimeout(work, 0);
    };
    if (canPlanInWorker()) {
      // Planned ahead and still under way: wait for that instead of planning again.
      const planning =
        takePlanningAhead(key) ??
        planInWorker({
          bodyKey,
          body,
          hands: handData,
          step,
          side,
          bilateral: bilateralOf(body, landmarks),
          avoidZones,
          bodyScale,
          grip,
          working,
          pose,
        });
      planning
        .then((tables) => finish(handsPlanFromTables(input, tables)))
        .catch((error: unknown) => {
          if (cancelled) return;
          console.warn(
            `Footwork: planning the hands in a worker failed (${String(error)}); planning here.`,
          );
          sliced();
        });
    } else sliced();
    return () => {
      cancelled = true;
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [
    key,
    input,
    grip,
    body,
    bodyKey,
    step,
    landmarks,
    handData,
    avoidZones,
    working,
    bodyScale,
    pose,
    side,
  ]);

  // While this step plays, the next one is planned in the worker, so that its hands are there
  // when it starts (a short step can end before a slow machine has planned the next).
  const shown = useCurrentStep();
  const chosenSide = useViewerStore((s) => s.side);
  useEffect(() => {
    if (!current || shown?.step !== step) return;
    const next = shown.protocol.protocol.steps[shown.index + 1];
    if (!next) return;
    const nextGrip = gripFor(next.technique, next.handPart, next.path?.kind);
    if (!nextGrip) return;
    const nextSide = sideForStep(next, chosenSide);
    const nextKey = `${bodyKey}|${stepKeyOf(shown.protocol.protocol.id, next.id, nextSide)}|${nextGrip}|${working}`;
    if (plans.has(nextKey)) return;
    const request: WorkerPlanRequest = {
      bodyKey,
      body,
      hands: handData,
      step: next,
      side: nextSide,
      bilateral: bilateralOf(body, landmarks),
      avoidZones,
      bodyScale,
      grip: nextGrip,
      working,
      pose: (next.position ?? shown.protocol.protocol.position).pose,
    };
    planAhead(nextKey, request, () => {
      handsStatus.plannedAhead = plannedAheadCount();
    });
  }, [
    current,
    shown,
    step,
    chosenSide,
    bodyKey,
    body,
    handData,
    landmarks,
    avoidZones,
    bodyScale,
    working,
  ]);

  // Our materials: vertex colours tinted by pressure; plain diffuse for software playback.
  const materials = useMemo(() => {
    const make = () => ({
      standard: new MeshStandardMaterial({ vertexColors: true, roughness: 0.6, metalness: 0 }),
      light: new MeshLambertMaterial({ vertexColors: true }),
    });
    return { L: make(), R: make() };
  }, []);
  useEffect(
    () => () => {
      for (const s of ['L', 'R'] as const) {
        materials[s].standard.dispose();
        materials[s].light.dispose();
      }
    },
    [materials],
  );

  // Fewer triangles with the body's low detail (software rendering while playing).
  const lowDetail = useRef<LowDetail | null>(null);
  useEffect(() => {
    let cancelled = false;
    const apply = (light: boolean) => {
      for (const s of ['L', 'R'] as const) {
        hands[s].mesh.material = light ? materials[s].light : materials[s].standard;
      }
      if (light && !lowDetail.current) {
        void createLowDetail([hands.L.mesh, hands.R.mesh], LOW_DETAIL_ERROR).then((d) => {
          if (cancelled) return;
          lowDetail.current = d;
          if (useRenderQuality.getState().lightShading) d.use();
          invalidate();
        });
      } else if (light) lowDetail.current?.use();
      else lowDetail.current?.restore();
      invalidate();
    };
    apply(useRenderQuality.getState().lightShading);
    const unsubscribe = useRenderQuality.subscribe((q, prev) => {
      if (q.lightShading !== prev.lightShading) apply(q.lightShading);
    });
    return () => {
      cancelled = true;
      unsubscribe();
      lowDetail.current?.restore();
      lowDetail.current = null;
    };
  }, [hands, materials, invalidate]);

  /** The glyph stands in wherever no hand can be placed clear of the body. */
  const glyphRef = useRef<Group>(null);
  const update = useMemo(() => {
    const frame = createHandsFrame();
    const tint = new Color();
    return (hp: HandsPlan, seconds: number, progress: number, planKey: string) => {
      sampleHands(hp, seconds, progress, frame);
      handsStatus.shown = (frame.L.visible ? 1 : 0) + (frame.R.visible ? 1 : 0);
      if (handsStatus.shown > 0 && handsStatus.firstShown?.key !== planKey) {
        handsStatus.firstShown = {
          key: planKey,
          elapsed: seconds,
          ahead: plannedAhead.has(planKey),
        };
      }
      handsStatus.sides = `${frame.L.visible ? 'L' : ''}${frame.R.visible ? 'R' : ''}`;
      if (glyphRef.current) glyphRef.current.visible = handsStatus.shown === 0;
      for (const s of ['L', 'R'] as const) {
        const state = frame[s];
        const hand = hands[s];
        hand.root.visible = state.visible;
        if (!state.visible) continue;
        hand.root.position.fromArray(state.rootPosition);
        hand.root.quaternion.fromArray(state.rootQuaternion);
        hand.bones.forEach((bone, i) => {
          bone.quaternion.set(
            state.rotations[i * 4] ?? 0,
            state.rotations[i * 4 + 1] ?? 0,
            state.rotations[i * 4 + 2] ?? 0,
            state.rotations[i * 4 + 3] ?? 1,
          );
        });
        tint.copy(TINT_LIGHT).lerp(TINT_FIRM, state.pressure);
        materials[s].standard.color.copy(tint);
        materials[s].light.color.copy(tint);
      }
    };
  }, [hands, materials]);

  useEffect(() => {
    if (!current) return;
    for (const s of ['L', 'R'] as const) hands[s].mesh.frustumCulled = false;
    update(current, playerEngine.state.elapsed, stepProgress(playerEngine.state), key);
    invalidate();
  }, [current, update, hands, invalidate, finished, key]);

  useFrame(() => {
    if (!current || playerEngine.state.status !== 'playing') return;
    update(current, playerEngine.state.elapsed, stepProgress(playerEngine.state), key);
  });

  useEffect(
    () => () => {
      handsStatus.shown = 0;
      handsStatus.sides = '';
    },
    [],
  );

  if (!current) return <>{props.fallback}</>;
  return (
    <>
      <primitive object={gltf.scene} />
      <group ref={glyphRef} visible={false}>
        {props.fallback}
      </group>
    </>
  );
}
