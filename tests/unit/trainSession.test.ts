/**
 * Train mode's session over a storage double: the trainee is kept on the device, attempts are
 * recorded and survive a new session (a reload), a full storage is reported while the attempt is
 * kept in memory, and a bad import file is refused without changing anything.
 */
import { describe, expect, it } from 'vitest';
import { addTrainee, emptyProgress } from '../../src/domain/progress.ts';
import type { TraceScore } from '../../src/domain/traceScore.ts';
import {
  createTrainSession,
  CURRENT_TRAINEE_KEY,
  stepKey,
} from '../../src/modes/train/trainSession.ts';
import { MemoryStorage } from '../fixtures/progress.ts';

const NOW = () => new Date('2026-11-21T09:00:00.000Z');
const ORDER = {
  protocolId: 'p4-classic-lower-limb',
  stepId: null,
  kind: 'order',
  score: 83,
  passed: true,
} as const;

describe('train session', () => {
  it('keeps the trainee and the attempts on the device across sessions', () => {
    const storage = new MemoryStorage();
    const first = createTrainSession(storage, NOW);
    expect(first.getState().trainee).toBeNull();
    expect(first.getState().record(ORDER)).toBe(false); // nobody to record it for
    expect(first.getState().chooseTrainee('  Анна   Петрова ')).toEqual({
      ok: true,
      name: 'Анна Петрова',
    });
    expect(first.getState().record(ORDER)).toBe(true);
    expect(storage.getItem(CURRENT_TRAINEE_KEY)).toBe('Анна Петрова');

    const second = createTrainSession(storage, NOW);
    expect(second.getState().trainee).toBe('Анна Петрова');
    expect(second.getState().doc.trainees['Анна Петрова'].attempts).toEqual([
      { ...ORDER, at: NOW().toISOString() },
    ]);
    expect(second.getState().loadNotice).toBeNull();
  });

  it('refuses an unusable name and does not change the trainee', () => {
    const session = createTrainSession(new MemoryStorage(), NOW);
    expect(session.getState().chooseTrainee('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(session.getState().chooseTrainee('x'.repeat(61))).toEqual({
      ok: false,
      reason: 'too_long',
    });
    expect(session.getState().trainee).toBeNull();
  });

  it('reports a full storage, keeps the attempt in memory, and clears the report once a save works', () => {
    const storage = new MemoryStorage();
    const session = createTrainSession(storage, NOW);
    session.getState().chooseTrainee('Dana');
    storage.fullKeys.add('footwork.progress');
    session.getState().record(ORDER);
    expect(session.getState().saveProblem).toMatchObject({ ok: false, reason: 'storage_full' });
    expect(session.getState().doc.trainees.Dana.attempts).toHaveLength(1);
    expect(JSON.parse(storage.getItem('footwork.progress') ?? '{}')).toMatchObject({
      trainees: { Dana: { attempts: [] } },
    });
    // The export still holds it.
    expect(session.getState().exportJson()).toContain('"score": 83');
    storage.fullKeys.delete('footwork.progress');
    session.getState().record({ ...ORDER, score: 90 });
    expect(session.getState().saveProblem).toBeNull();
    const saved = JSON.parse(storage.getItem('footwork.progress') ?? '{}') as {
      trainees: Record<string, { attempts: unknown[] }>;
    };
    expect(saved.trainees.Dana.attempts).toHaveLength(2);
  });

  it('records a graded trace and an avoid answer with the step they belong to', () => {
    const session = createTrainSession(new MemoryStorage(), NOW);
    session.getState().chooseTrainee('Eva');
    const key = stepKey('p4-classic-lower-limb', 'stroke-lower-leg', 'L');
    const score: TraceScore = {
      figure: 'line',
      direction: 0.95,
      coverage: 1,
      accuracy: 1,
      shape: null,
      tempo: null,
      tempoRatio: null,
      criteria: [],
      detail: null,
      avoidTouches: 0,
      avoidZones: [],
      traceLength: 0.2,
      referenceLength: 0.2,
      total: 97,
      passed: true,
      feedback: ['good'],
    };
    session.getState().finishTrace(key, score, {
      protocolId: 'p4-classic-lower-limb',
      stepId: 'stroke-lower-leg',
      kind: 'trace',
      score: 97,
      passed: true,
    });
    expect(session.getState().traceResult).toEqual({ key, score });
    const epoch = session.getState().traceEpoch;
    session.getState().clearTrace();
    expect(session.getState().traceResult).toBeNull();
    expect(session.getState().traceEpoch).toBe(epoch + 1);
    expect(
      session.getState().doc.trainees.Eva.attempts.map((a) => [a.kind, a.stepId, a.score]),
    ).toEqual([['trace', 'stroke-lower-leg', 97]]);
  });

  it('merges an imported file and refuses a broken one without changing anything', () => {
    const source = createTrainSession(new MemoryStorage(), NOW);
    source.getState().chooseTrainee('Boris');
    source.getState().record(ORDER);
    const file = source.getState().exportJson();

    const target = createTrainSession(new MemoryStorage(), NOW);
    target.getState().chooseTrainee('Vera');
    const before = target.getState().doc;
    const refused = target
      .getState()
      .importJson('{"version": 2, "trainees": {"x": {"attempts": "no"}}}');
    expect(refused.ok).toBe(false);
    expect(target.getState().doc).toBe(before);
    expect(target.getState().importJson(file).ok).toBe(true);
    expect(Object.keys(target.getState().doc.trainees).sort()).toEqual(['Boris', 'Vera']);
  });

  it('tells of saved progress that could not be read', () => {
    const storage = new MemoryStorage();
    storage.setItem('footwork.progress', '{not json');
    const session = createTrainSession(storage, NOW);
    expect(session.getState().loadNotice).toMatchObject({ kind: 'reset', reason: 'corrupt_json' });
    session.getState().dismissLoadNotice();
    expect(session.getState().loadNotice).toBeNull();
  });
});

describe('addTrainee', () => {
  it('adds a trainee with no attempts once, and refuses bad names', () => {
    const added = addTrainee(emptyProgress(), ' Zoë ', NOW());
    expect(added.ok && added.doc.trainees['Zoë']).toEqual({
      attempts: [],
      updatedAt: NOW().toISOString(),
    });
    if (!added.ok) return;
    expect(addTrainee(added.doc, 'Zoë', NOW())).toEqual({ ok: true, doc: added.doc });
    expect(addTrainee(added.doc, '__proto__', NOW())).toMatchObject({
      ok: false,
      reason: 'reserved',
    });
    expect(addTrainee(added.doc, 'New', new Date(Number.NaN))).toMatchObject({
      ok: false,
      reason: 'invalid_clock',
    });
  });
});
