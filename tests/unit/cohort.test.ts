/** The group view (src/domain/cohort.ts): several exported files merged, each trainee's weakest steps. */
import { describe, expect, it } from 'vitest';
import { cohortStanding, loadCohort, traineeStanding } from '../../src/domain/cohort.ts';
import {
  emptyProgress,
  exportProgressJson,
  recordAttempt,
  type NewAttempt,
  type ProgressDoc,
} from '../../src/domain/progress.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 9, minute));

function exported(name: string, attempts: readonly NewAttempt[]): string {
  let doc: ProgressDoc = emptyProgress();
  for (const [i, a] of attempts.entries()) {
    const r = recordAttempt(doc, name, a, at(i));
    if (!r.ok) throw new Error(r.detail);
    doc = r.doc;
  }
  return exportProgressJson(doc);
}

const trace = (stepId: string, score: number, turn?: number): NewAttempt => ({
  protocolId: 'p4-classic-lower-limb',
  stepId,
  kind: 'trace',
  score,
  passed: score >= 70,
  ...(turn === undefined ? {} : { measures: { shape: 90, turn, tempo: 80 } }),
});

describe('cohort', () => {
  it('merges files, leaves a bad one out with its reason, and ranks each trainee’s weakest steps', () => {
    const anna = exported('Anna', [
      trace('kneading-fold', 30, 10),
      trace('kneading-fold', 50, 20),
      trace('stroke-lower-leg', 100),
      trace('foot-spiral', 80, 90),
    ]);
    const boris = exported('Boris', [trace('stroke-lower-leg', 20)]);
    const load = loadCohort(
      [
        { name: 'anna.json', text: anna },
        { name: 'bad.json', text: '{"version": 2, "trainees": 3}' },
        { name: 'boris.json', text: boris },
      ],
      at(30),
    );
    expect(load.merged.map((m) => m.name)).toEqual(['anna.json', 'boris.json']);
    expect(load.refused.map((r) => r.name)).toEqual(['bad.json']);
    expect(load.refused[0]?.detail).not.toBe('');
    const all = cohortStanding(load.doc);
    expect(all.map((s) => s.name)).toEqual(['Anna', 'Boris']);
    const a = all.at(0);
    // The kneading circles first (recent mean 40), then the foot spiral; full marks not listed.
    expect(a?.weakest.map((w) => [w.stepId, w.recentScore])).toEqual([
      ['kneading-fold', 40],
      ['foot-spiral', 80],
    ]);
    // What pulls the circles down: the turning (mean 15 of the marks kept).
    expect(a?.weakest.at(0)?.weakestMeasure).toBe('turn');
    expect(a?.weakest.at(0)?.weakestMark).toBe(15);
    // Attempts without marks (saved before they were kept) have no weakest criterion.
    expect(all.at(1)?.weakest.at(0)?.weakestMeasure).toBeNull();
    expect(a?.attempts).toBe(4);
    expect(a?.passed).toBe(2);
  });

  it('counts the same trainee in two files once, identical attempts once', () => {
    const one = exported('Anna', [trace('kneading-fold', 30, 10)]);
    const load = loadCohort(
      [
        { name: 'a.json', text: one },
        { name: 'a-copy.json', text: one },
      ],
      at(30),
    );
    expect(Object.keys(load.doc.trainees)).toEqual(['Anna']);
    expect(traineeStanding(load.doc, 'Anna')?.attempts).toBe(1);
    expect(traineeStanding(load.doc, 'Nobody')).toBeNull();
  });
});
