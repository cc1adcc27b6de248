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
import {
  normalizeTraineeName,
  usageShare,
  WARN_SHARE,
  type AttemptMeasures,
  type ImportResult,
  type NameProblem,
  type NewAttempt,
  type ProgressDoc,
  type Usage,
} from '../../domain/progress.ts';
import { stepKey } from '../../domain/stepKey.ts';
import { stepsWithAvoidNearby } from '../../domain/stepMotion.ts';
import { scoreStepTrace } from '../../domain/stepTrace.ts';
import type { TracePoint, TraceScore } from '../../domain/traceScore.ts';
import type { CurrentStep } from '../../state/currentStep.ts';
import {
  browserStorage,
  pageProgressStore,
  type BackupInfo,
  type LimitRefusal,
  type ProgressStore,
  type SaveResult,
  type StorageLike,
  type StorageNotice,
} from '../../state/progressStorage.ts';
import { currentStepKey, useStepMotionStore } from '../../state/stepMotion.ts';
import { useViewFlags } from '../../state/viewFlags.ts';

/** Which trainee was chosen last on this device (a name only; the progress is elsewhere). */
export const CURRENT_TRAINEE_KEY = 'footwork.train.trainee';

export type TrainTask = 'trace' | 'avoid' | 'order';

/**
 * A change that did not reach storage (kept in memory), or one refused because the device is at
 * its limit (not kept).
 */
export type SaveProblem = Extract<SaveResult, { ok: false }> | LimitRefusal;

export interface TrainSession {
  readonly doc: ProgressDoc;
  /** Whether the saved progress has been read (until then `doc` holds only this page's changes). */
  readonly loaded: boolean;
  readonly trainee: string | null;
  /** What the device keeps against its limit, and the share of it used (0–1). */
  readonly usage: Usage & { readonly share: number };
  /** Backups kept on the device (read when the session loads and after a change to them). */
  readonly backups: readonly BackupInfo[];
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
        reason:
          NameProblem | 'too_many_trainees' | 'invalid_clock' | 'invalid_attempt' | 'limit_reached';
      };
  setTask(task: TrainTask): void;
  /** Records an attempt for the current trainee; false when none is chosen or it was refused. */
  record(attempt: NewAttempt): boolean;
  finishTrace(key: string, score: TraceScore, attempt: NewAttempt): void;
  answerAvoid(key: string, answer: AvoidAnswer, attempt: NewAttempt): void;
  clearTrace(): void;
  clearAvoid(): void;
  /** Merges a progress file (an export or a backup's text); a refused file changes nothing. */
  importJson(text: string): Promise<ImportResult | LimitRefusal>;
  exportJson(): string;
  /** The text of a backup kept on the device, to download. */
  backupText(key: string): Promise<string | null>;
  /** Merges a backup kept on the device into the progress. */
  restoreBackup(key: string): Promise<ImportResult | LimitRefusal>;
  removeBackup(key: string): Promise<void>;
  /** Removes a trainee and their attempts from the device. */
  removeTrainee(name: string): Promise<void>;
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

const usageOf = (store: ProgressStore) => {
  const usage = store.usage();
  return { ...usage, share: usageShare(usage, store.limits) };
};

/** Whether the device is close enough to its limit to say so. */
export function nearLimit(usage: { readonly share: number }): boolean {
  return usage.share >= WARN_SHARE;
}

/**
 * A session store over a progress store (the page's by default; tests pass their own) and the
 * Web Storage that remembers the chosen trainee. Resolves `ready` once the saved progress is read.
 */
export function createTrainSession(
  store: ProgressStore = pageProgressStore(),
  storage: StorageLike | null = browserStorage(),
) {
  const session = create<TrainSession>()((set, get) => {
    /** Applies a save result: a failure is shown, a success clears an earlier failure. */
    const afterSave = (saved: Promise<SaveResult> | null) => {
      set({ doc: store.doc(), usage: usageOf(store) });
      void saved?.then((save) => {
        set({ saveProblem: save.ok ? null : save });
      });
    };
    const afterImport = async (
      result: Promise<{ result: ImportResult | LimitRefusal; save: SaveResult | null }>,
    ) => {
      const done = await result;
      if (done.result.ok) {
        set({
          doc: store.doc(),
          usage: usageOf(store),
          saveProblem: done.save && !done.save.ok ? done.save : null,
        });
      }
      return done.result;
    };
    return {
      doc: store.doc(),
      loaded: false,
      trainee: null,
      usage: usageOf(store),
      backups: [],
      loadNotice: null,
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
        const { change, saved } = store.addTrainee(name.name);
        if (!change.ok) return { ok: false, reason: change.reason };
        afterSave(saved);
        writeCurrentTrainee(storage, name.name);
        set({ trainee: name.name });
        return { ok: true, name: name.name };
      },
      setTask(task) {
        set({ task });
      },
      record(attempt) {
        const trainee = get().trainee;
        if (!trainee) return false;
        const { change, saved } = store.record(trainee, attempt);
        if (!change.ok) {
          if (change.reason === 'limit_reached' || change.reason === 'too_many_trainees')
            set({ saveProblem: { ok: false, reason: change.reason, detail: change.detail } });
          else console.error(`Footwork: the attempt was not recorded: ${change.detail}`);
          return false;
        }
        afterSave(saved);
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
      importJson: (text) => afterImport(store.importJson(text)),
      exportJson: () => store.exportJson(),
      backupText: (key) => store.backupText(key),
      async restoreBackup(key) {
        const text = await store.backupText(key);
        if (text === null)
          return { ok: false, reason: 'invalid_shape', detail: 'the backup is no longer there' };
        return afterImport(store.importJson(text));
      },
      async removeBackup(key) {
        await store.removeBackup(key);
        set({ backups: await store.backups() });
      },
      async removeTrainee(name) {
        const save = await store.remove(name);
        set((s) => ({
          doc: store.doc(),
          usage: usageOf(store),
          trainee: s.trainee === name ? null : s.trainee,
          saveProblem: save.ok ? s.saveProblem : save,
        }));
      },
      dismissLoadNotice: () => set({ loadNotice: null }),
      dismissSaveProblem: () => set({ saveProblem: null }),
    };
  });
  const ready = store.load().then(async (loaded) => {
    const doc = store.doc();
    session.setState((s) => ({
      doc,
      loaded: true,
      usage: usageOf(store),
      loadNotice: loaded.notice,
      trainee: s.trainee ?? readCurrentTrainee(storage, doc),
    }));
    session.setState({ backups: await store.backups() });
  });
  // Another tab changed the records: show them (a trainee removed there is no longer chosen).
  store.subscribe(() => {
    const doc = store.doc();
    session.setState((s) => ({
      doc,
      usage: usageOf(store),
      trainee: s.trainee !== null && Object.hasOwn(doc.trainees, s.trainee) ? s.trainee : null,
    }));
  });
  return Object.assign(session, { ready });
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
  const score = scoreStepTrace({
    step: current.step,
    side: current.side,
    body: protocol.body,
    plan,
    trace,
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
