/**
 * A clinic's group at a glance: several trainees' exported progress files merged (in memory,
 * for a report; nothing is stored), and for each trainee how each drilled step stands and which
 * steps are weakest, with the criterion that pulls a traced step down.
 *
 * Files are read with the same validation as an import (`importProgressJson`): a bad file is
 * left out with its reason and the others still count. The same trainee in two files is one
 * trainee (`mergeProgress` joins the attempts, identical ones once).
 */
import {
  ATTEMPT_KINDS,
  ATTEMPT_MEASURES,
  emptyProgress,
  getTrainee,
  importProgressJson,
  mergeProgress,
  type Attempt,
  type AttemptKind,
  type AttemptMeasure,
  type ProgressDoc,
} from './progress.ts';

export interface CohortFile {
  readonly name: string;
  readonly text: string;
}

export interface CohortLoad {
  readonly doc: ProgressDoc;
  /** Files merged, with the trainees each brought. */
  readonly merged: readonly { readonly name: string; readonly trainees: number }[];
  /** Files left out, with why. */
  readonly refused: readonly { readonly name: string; readonly detail: string }[];
}

/** Reads and merges the files of a group, in the order given. */
export function loadCohort(files: readonly CohortFile[], now: Date): CohortLoad {
  let doc = emptyProgress();
  const merged: { name: string; trainees: number }[] = [];
  const refused: { name: string; detail: string }[] = [];
  for (const file of files) {
    const result = importProgressJson(file.text, now);
    if (!result.ok) {
      refused.push({ name: file.name, detail: result.detail });
      continue;
    }
    doc = mergeProgress(doc, result.doc);
    merged.push({ name: file.name, trainees: Object.keys(result.doc.trainees).length });
  }
  return { doc, merged, refused };
}

/** How one drill of one step (or a whole protocol's order) stands for a trainee. */
export interface StepStanding {
  readonly protocolId: string;
  /** Null for the step-order drill of a whole protocol. */
  readonly stepId: string | null;
  readonly kind: AttemptKind;
  readonly attempts: number;
  readonly passed: number;
  readonly bestScore: number;
  readonly lastScore: number;
  readonly lastAt: string;
  /** Mean of the last `RECENT` attempts: where the trainee stands now. */
  readonly recentScore: number;
  /** The criterion with the lowest mean mark over the attempts that have marks, and that mark. */
  readonly weakestMeasure: AttemptMeasure | null;
  readonly weakestMark: number | null;
}

export interface TraineeStanding {
  readonly name: string;
  readonly attempts: number;
  readonly passed: number;
  /** Mean of the steps' recent scores (each drilled step counts once), rounded; null: none. */
  readonly meanScore: number | null;
  readonly lastAt: string | null;
  /** Every drilled step, by protocol, step and drill. */
  readonly steps: readonly StepStanding[];
  /** The lowest recent scores first, at most `WEAKEST`, only those below full marks. */
  readonly weakest: readonly StepStanding[];
}

/** Attempts that make a step's recent score. */
export const RECENT = 3;
/** Weakest steps listed per trainee. */
export const WEAKEST = 3;

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

function standingOf(attempts: readonly Attempt[]): StepStanding | null {
  const first = attempts[0];
  if (!first) return null;
  const ordered = [...attempts].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const last = ordered[ordered.length - 1] ?? first;
  const recent = ordered.slice(-RECENT);
  let weakestMeasure: AttemptMeasure | null = null;
  let weakestMark: number | null = null;
  for (const m of ATTEMPT_MEASURES) {
    const marks = ordered.flatMap((a) => {
      const v = a.measures?.[m];
      return v === undefined ? [] : [v];
    });
    if (marks.length === 0) continue;
    const avg = mean(marks);
    if (weakestMark === null || avg < weakestMark) {
      weakestMark = Math.round(avg);
      weakestMeasure = m;
    }
  }
  return {
    protocolId: first.protocolId,
    stepId: first.stepId,
    kind: first.kind,
    attempts: ordered.length,
    passed: ordered.filter((a) => a.passed).length,
    bestScore: Math.max(...ordered.map((a) => a.score)),
    lastScore: last.score,
    lastAt: last.at,
    recentScore: Math.round(mean(recent.map((a) => a.score))),
    weakestMeasure,
    weakestMark,
  };
}

/** How each drilled step stands for one trainee, or null when the document has no such trainee. */
export function traineeStanding(doc: ProgressDoc, name: string): TraineeStanding | null {
  const trainee = getTrainee(doc, name);
  if (!trainee) return null;
  const groups = new Map<string, Attempt[]>();
  for (const a of trainee.attempts) {
    const key = JSON.stringify([a.protocolId, a.stepId, a.kind]);
    const list = groups.get(key);
    if (list) list.push(a);
    else groups.set(key, [a]);
  }
  const steps = [...groups.values()]
    .map(standingOf)
    .filter((s): s is StepStanding => s !== null)
    .sort(
      (a, b) =>
        a.protocolId.localeCompare(b.protocolId) ||
        (a.stepId ?? '').localeCompare(b.stepId ?? '') ||
        ATTEMPT_KINDS.indexOf(a.kind) - ATTEMPT_KINDS.indexOf(b.kind),
    );
  const weakest = steps
    .filter((s) => s.recentScore < 100)
    .sort((a, b) => a.recentScore - b.recentScore || a.passed - b.passed)
    .slice(0, WEAKEST);
  const lastAt = trainee.attempts.reduce<string | null>(
    (m, a) => (m === null || a.at > m ? a.at : m),
    null,
  );
  return {
    name,
    attempts: trainee.attempts.length,
    passed: trainee.attempts.filter((a) => a.passed).length,
    meanScore: steps.length > 0 ? Math.round(mean(steps.map((s) => s.recentScore))) : null,
    lastAt,
    steps,
    weakest,
  };
}

/** Every trainee of a (merged) document, by name in the given locale's order. */
export function cohortStanding(doc: ProgressDoc, locale = 'en'): TraineeStanding[] {
  return Object.keys(doc.trainees)
    .sort((a, b) => a.localeCompare(b, locale))
    .map((name) => traineeStanding(doc, name))
    .filter((t): t is TraineeStanding => t !== null);
}
