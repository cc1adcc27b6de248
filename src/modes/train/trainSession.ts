/**
 * Train mode's session: the trainee, their progress kept on the device, and the results of the
 * drills. Loaded with Train mode only (it pulls in the progress validator).
 */
import { create } from 'zustand';
import { AVOID_ZONES } from '../../content/zoneCatalogue.ts';
import {
  avoidAnswerScore,
  checkAvoidAnswer,
  type AvoidAnswer,
  type ZonePart,
  zonesNearPath,
} from '../../domain/avoidQuiz.ts';
import { BODY_SCALE, type Vec3 } from '../../domain/body.ts';
import { normalizeTraineeName } from '../../domain/progress.ts';
import type {
  AttemptMeasures,
  ImportResult,
  NameProblem,
  NewAttempt,
  ProgressDoc,
} from '../../domain/progress.ts';
import { stepKey } from '../../domain/stepKey.ts';
import { stepsWithAvoidNearby } from '../../domain/stepMotion.ts';
import { traceFigureFor } from '../../domain/traceFigure.ts';
import { scoreTrace, type TracePoint, type TraceScore } from '../../domain/traceScore.ts';
import type { CurrentStep } from '../../state/currentStep.ts';
import {
  browserStorage,
  createProgressRepository,
  type ProgressRepository,
  type SaveResult,
  type StorageLike,
  type StorageNotice,
} from '../../state/progressStorage.ts';
import { currentStepKey, useStepMotionStore } from '../../state/stepMotion.ts';
import { useViewFlags } from '../../state/viewFlags.ts';

/** Which trainee was chosen last on this device (a name only; the progress is elsewhere). */
export const CURRENT_TRAINEE_KEY = 'footwork.train.trainee';

export type TrainTask = 'trace' | 'avoid' | 'order';

/** A save that did not reach storage: the change is kept in memory. */
export type SaveProblem = Extract<SaveResult, { ok: false }>;

export interface TrainSession {
  readonly doc: ProgressDoc;
  readonly trainee: string | null;
  /** What loading the saved progress had to say (migrated, reset, unavailable), until dismissed. */
  readonly loadNotice: StorageNotice | null;
  /** The last save's failure, until a later save succeeds or it is dismissed. */
  readonly saveProblem: SaveProblem | null;
  readonly task: TrainTask;
  /** The graded trace of the step `key` (`protocolId/stepId/side`). */
  readonly traceResult: { readonly key: string; readonly score: TraceScore } | null;
  readonly avoidResult: { readonly key: string; readonly answer: AvoidAnswer } | null;
  /** Bumped to clear the trace drawn on the body. */
  readonly traceEpoch: number;
  /** Steps of a protocol (on a side) with an area to avoid within reach, for the avoid quiz. */
  readonly avoidSteps: { readonly key: string; readonly indices: readonly number[] } | null;
  setAvoidSteps(key: string, indices: readonly number[]): void;
  /** Zone parts near the step `key`'s path, nearest first: the quiz's believable wrong answers. */
  readonly quizNearby: { readonly key: string; readonly zones: readonly ZonePart[] } | null;
  setQuizNearby(key: string, zones: readonly ZonePart[]): void;
  /** Bumped at each new question of the avoid quiz (its choices are drawn again). */
  readonly quizRound: number;
  chooseTrainee(raw: string):
    | { ok: true; name: string }
    | {
        ok: false;
        reason: NameProblem | 'too_many_trainees' | 'invalid_clock' | 'invalid_attempt';
      };
  setTask(task: TrainTask): void;
  /** Records an attempt for the current trainee; false when no trainee is chosen. */
  record(attempt: NewAttempt): boolean;
  finishTrace(key: string, score: TraceScore, attempt: NewAttempt): void;
  answerAvoid(key: string, answer: AvoidAnswer, attempt: NewAttempt): void;
  clearTrace(): void;
  clearAvoid(): void;
  importJson(text: string): ImportResult;
  exportJson(): string;
  dismissLoadNotice(): void;
  dismissSaveProblem(): void;
}

function readCurrentTrainee(storage: StorageLike | null, doc: ProgressDoc): string | null {
  try {
    const name = storage?.getItem(CURRENT_TRAINEE_KEY) ?? null;
    return name !== null && Object.hasOwn(doc.trainees, name) ? name : null;
  } catch {
    return null;
  }
}

function writeCurrentTrainee(storage: StorageLike | null, name: string): void {
  try {
    storage?.setItem(CURRENT_TRAINEE_KEY, name);
  } catch {
    // Only a convenience: the trainee is chosen again after a reload.
  }
}

/** A session store over a storage (the browser's by default; tests pass their own). */
export function createTrainSession(
  storage: StorageLike | null = browserStorage(),
  now: () => Date = () => new Date(),
) {
  const repo: ProgressRepository = createProgressRepository({ storage, now });
  const loaded = repo.load();
  return create<TrainSession>()((set, get) => {
    /** Applies a save result: a failure is shown, a success clears an earlier failure. */
    const afterSave = (save: SaveResult | null) => {
      if (!save) return;
      set({ doc: repo.doc(), saveProblem: save.ok ? null : save });
    };
    return {
      doc: repo.doc(),
      trainee: readCurrentTrainee(storage, repo.doc()),
      loadNotice: loaded.notice,
      saveProblem: null,
      task: 'trace',
      traceResult: null,
      avoidResult: null,
      traceEpoch: 0,
      avoidSteps: null,
      setAvoidSteps(key, indices) {
        set({ avoidSteps: { key, indices } });
      },
      quizNearby: null,
      setQuizNearby(key, zones) {
        set({ quizNearby: { key, zones } });
      },
      quizRound: 0,
      chooseTrainee(raw) {
        const name = normalizeTraineeName(raw);
        if (!name.ok) return name;
        const { change, save } = repo.addTrainee(name.name);
        if (!change.ok) return { ok: false, reason: change.reason };
        afterSave(save);
        writeCurrentTrainee(storage, name.name);
        set({ trainee: name.name, doc: repo.doc() });
        return { ok: true, name: name.name };
      },
      setTask(task) {
        set({ task });
      },
      record(attempt) {
        const trainee = get().trainee;
        if (!trainee) return false;
        const { change, save } = repo.record(trainee, attempt);
        if (!change.ok) {
          console.error(`Footwork: the attempt was not recorded: ${change.detail}`);
          return false;
        }
        afterSave(save);
        return true;
      },
      finishTrace(key, score, attempt) {
        set({ traceResult: { key, score } });
        get().record(attempt);
      },
      answerAvoid(key, answer, attempt) {
        set({ avoidResult: { key, answer } });
        get().record(attempt);
      },
      clearTrace() {
        set((s) => ({ traceResult: null, traceEpoch: s.traceEpoch + 1 }));
      },
      clearAvoid() {
        set((s) => ({ avoidResult: null, quizRound: s.quizRound + 1 }));
      },
      importJson(text) {
        const { result, save } = repo.importJson(text, 'merge');
        if (result.ok) {
          afterSave(save);
          set({ doc: repo.doc() });
        }
        return result;
      },
      exportJson: () => repo.exportJson(),
      dismissLoadNotice: () => set({ loadNotice: null }),
      dismissSaveProblem: () => set({ saveProblem: null }),
    };
  });
}

export type TrainSessionStore = ReturnType<typeof createTrainSession>;

let session: TrainSessionStore | null = null;

/** The page's session (created on first use, when Train mode opens). */
export function trainSession(): TrainSessionStore {
  session ??= createTrainSession();
  return session;
}

export { stepKey };

/** The current step's motion, when it has been derived for exactly that step. */
function motionOf(current: CurrentStep) {
  const derived = useStepMotionStore.getState().derived;
  return derived && derived.key === currentStepKey(current) ? derived : null;
}

/**
 * Grades a trace of the current step against its path on the skin and records the attempt.
 * Returns the score, or null when the step has no path to trace (yet).
 */
export function submitTrace(current: CurrentStep, trace: readonly TracePoint[]): TraceScore | null {
  const plan = motionOf(current)?.motion?.plan;
  if (!plan) return null;
  const { protocol } = current.protocol;
  const score = scoreTrace({
    trace,
    reference: plan.path,
    figure: traceFigureFor(current.step, plan),
    stepZones: current.step.zones,
    avoidZones: AVOID_ZONES,
    side: current.side,
    bodyScale: BODY_SCALE[protocol.body],
  });
  trainSession()
    .getState()
    .finishTrace(currentStepKey(current) ?? '', score, {
      protocolId: protocol.id,
      stepId: current.step.id,
      kind: 'trace',
      score: score.total,
      passed: score.passed,
      measures: traceMeasures(score),
    });
  // The grade is in: tracing ends and the camera is free to look at the trace and the figure.
  useViewFlags.getState().setOrbitLocked(false);
  return score;
}

/** A graded trace's marks per criterion, as kept with the attempt. */
export function traceMeasures(score: TraceScore): AttemptMeasures {
  const out: Partial<Record<keyof AttemptMeasures, number>> = {};
  for (const c of score.criteria) out[c.criterion] = c.score;
  return out;
}

/** Starts a new trace of the same step: the last one cleared, tracing on. */
export function traceAgain(): void {
  trainSession().getState().clearTrace();
  useViewFlags.getState().setOrbitLocked(true);
}

/** How far from a step's path an area still makes a believable wrong answer (adult metres). */
const QUIZ_REACH_M = 0.06;

/**
 * Finds, once per step and side, the zone parts near the step's path on the body as shown
 * (nearest first), for the avoid quiz's wrong answers.
 */
export async function indexQuizNearby(
  current: CurrentStep,
  severity: Partial<Record<'hallux_valgus' | 'flat_foot', number>>,
): Promise<void> {
  const key = currentStepKey(current);
  const plan = motionOf(current)?.motion?.plan;
  if (!key || !plan || trainSession().getState().quizNearby?.key === key) return;
  const { protocol } = current.protocol;
  const { skinFor } = await import('../../bodyModel/skin.ts');
  const { body } = await skinFor(protocol.body, severity);
  const points = plan.path.strokes.flatMap((s) =>
    Array.from({ length: s.count }, (_, i): Vec3 => [
      s.points[i * 3] ?? 0,
      s.points[i * 3 + 1] ?? 0,
      s.points[i * 3 + 2] ?? 0,
    ]),
  );
  const zones = zonesNearPath(body, points, QUIZ_REACH_M * BODY_SCALE[protocol.body]).map(
    ({ zone, side }) => ({ zone, side }),
  );
  trainSession().getState().setQuizNearby(key, zones);
}

/**
 * Finds, once per protocol and side, the steps with an area to avoid within reach of their
 * path (the steps the avoid quiz can ask about), on the body as shown.
 */
export async function indexAvoidSteps(
  current: CurrentStep,
  severity: Partial<Record<'hallux_valgus' | 'flat_foot', number>>,
  isBilateral: (landmark: string) => boolean,
): Promise<void> {
  const { protocol } = current.protocol;
  const forKey = `${protocol.id}/${current.side}`;
  if (trainSession().getState().avoidSteps?.key === forKey) return;
  const { skinFor } = await import('../../bodyModel/skin.ts');
  const { body, skin } = await skinFor(protocol.body, severity);
  const indices = stepsWithAvoidNearby(protocol, {
    side: current.side,
    body,
    skin,
    isBilateral,
    avoidZones: AVOID_ZONES,
    bodyScale: BODY_SCALE[protocol.body],
  });
  trainSession().getState().setAvoidSteps(forKey, indices);
}

/**
 * Answers "which area must be avoided here?" for the current step with a zone part (clicked on
 * the model or chosen from the list), against the avoid zones within reach of its path.
 */
export function submitAvoidAnswer(current: CurrentStep, part: ZonePart): AvoidAnswer {
  const nearAvoid = motionOf(current)?.nearAvoid ?? [];
  const answer = checkAvoidAnswer(nearAvoid, part, AVOID_ZONES);
  trainSession()
    .getState()
    .answerAvoid(stepKey(current.protocol.protocol.id, current.step.id, current.side), answer, {
      protocolId: current.protocol.protocol.id,
      stepId: current.step.id,
      kind: 'avoid',
      score: avoidAnswerScore(answer),
      passed: answer.correct,
    });
  return answer;
}

/** Reads the page's session in a component. */
export function useTrainSession<T>(selector: (s: TrainSession) => T): T {
  return trainSession()(selector);
}
