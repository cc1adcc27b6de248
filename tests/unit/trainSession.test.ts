/**
 * Train mode's session over a progress store on an in-memory IndexedDB: the trainee is kept on
 * the device, attempts are recorded and survive a new session (a reload), a full storage is
 * reported while the attempt is kept in memory, the device's limit is said before and when it is
 * reached, and a bad import file is refused without changing anything.
 */
import { describe, expect, it } from 'vitest';
import { addTrainee, emptyProgress } from '../../src/domain/progress.ts';
import {
  createTrainSession,
  CURRENT_TRAINEE_KEY,
  nearLimit,
  stepKey,
} from '../../src/modes/train/trainSession.ts';
import { createProgressStore, type StoreOptions } from '../../src/state/progressStorage.ts';
import { MemoryStorage, fillable, freshDevice } from '../fixtures/progress.ts';

const NOW = () => new Date('2026-11-21T09:00:00.000Z');

/** A session over a store on `open` (a tab), loaded. */
async function sessionOn(
  open: StoreOptions['db'],
  storage = new MemoryStorage(),
  extra: StoreOptions = {},
) {
  const store = createProgressStore({
    db: open,
    legacy: storage,
    now: NOW,
    channel: null,
    ...extra,
  });
  const session = createTrainSession(store, storage);
  await session.ready;
  return { session, store };
}

/** Resolves once every write started so far has settled. */
const settled = () => new Promise((r) => setTimeout(r, 50));
const ORDER = {
  protocolId: 'p4-classic-lower-limb',
  stepId: null,
  kind: 'order',
  score: 83,
  passed: true,
} as const;

describe('train session', () => {
  it('keeps the trainee and the attempts on the device across sessions', async () => {
    const { open } = freshDevice();
    const storage = new MemoryStorage();
    const { session: first } = await sessionOn(open, storage);
    expect(first.getState().loaded).toBe(true);
    expect(first.getState().trainee).toBeNull();
    expect(first.getState().record(ORDER)).toBe(false); // nobody to record it for
    expect(first.getState().chooseTrainee('  Анна   Петрова ')).toEqual({
      ok: true,
      name: 'Анна Петрова',
    });
    expect(first.getState().record(ORDER)).toBe(true);
    expect(storage.getItem(CURRENT_TRAINEE_KEY)).toBe('Анна Петрова');
    await settled();

    const { session: second } = await sessionOn(open, storage);
    expect(second.getState().trainee).toBe('Анна Петрова');
    expect(second.getState().doc.trainees['Анна Петрова'].attempts).toEqual([
      { ...ORDER, id: expect.any(String) as string, at: NOW().toISOString() },
    ]);
    expect(second.getState().loadNotice).toBeNull();
  });

  it('refuses an unusable name and does not change the trainee', async () => {
    const { session } = await sessionOn(freshDevice().open);
    expect(session.getState().chooseTrainee('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(session.getState().chooseTrainee('x'.repeat(61))).toEqual({
      ok: false,
      reason: 'too_long',
    });
    expect(session.getState().trainee).toBeNull();
  });

  it('reports a full storage, keeps the attempt in memory, and clears the report once a save works', async () => {
    const device = fillable(freshDevice().open);
    const { session } = await sessionOn(device.open);
    session.getState().chooseTrainee('Dana');
    await settled();
    device.full.value = true;
    session.getState().record(ORDER);
    await settled();
    expect(session.getState().saveProblem).toMatchObject({ ok: false, reason: 'storage_full' });
    expect(session.getState().doc.trainees.Dana.attempts).toHaveLength(1);
    // The export still holds it.
    expect(session.getState().exportJson()).toContain('"score":83');
    device.full.value = false;
    session.getState().record({ ...ORDER, score: 90 });
    await settled();
    expect(session.getState().saveProblem).toBeNull();
    const { session: reloaded } = await sessionOn(device.open);
    expect(reloaded.getState().doc.trainees.Dana.attempts).toHaveLength(2);
  });

  it('says when the device nears its limit, and refuses an attempt past it with the reason', async () => {
    const { session } = await sessionOn(freshDevice().open, new MemoryStorage(), {
      limits: { bytes: 3000, trainees: 10 },
    });
    session.getState().chooseTrainee('Dana');
    let recorded = 0;
    while (session.getState().record(ORDER)) recorded++;
    expect(recorded).toBeGreaterThan(5);
    expect(session.getState().usage.share).toBeGreaterThan(0.9);
    expect(nearLimit(session.getState().usage)).toBe(true);
    expect(session.getState().saveProblem).toMatchObject({ ok: false, reason: 'limit_reached' });
    expect(session.getState().doc.trainees.Dana.attempts).toHaveLength(recorded);
  });

  it('records a graded trace and an avoid answer with the step they belong to', async () => {
    const { session } = await sessionOn(freshDevice().open);
    session.getState().chooseTrainee('Eva');
    const key = stepKey('p4-classic-lower-limb', 'stroke-lower-leg', 'L');
    const score = {
      direction: 0.95,
      coverage: 1,
      accuracy: 1,
      avoidTouches: 0,
      avoidZones: [],
      traceLength: 0.2,
      referenceLength: 0.2,
      total: 97,
      passed: true,
      feedback: ['good'] as const,
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

  it('merges an imported file and refuses a broken one without changing anything', async () => {
    const { session: source } = await sessionOn(freshDevice().open);
    source.getState().chooseTrainee('Boris');
    source.getState().record(ORDER);
    const file = source.getState().exportJson();

    const { session: target } = await sessionOn(freshDevice().open);
    target.getState().chooseTrainee('Vera');
    const before = target.getState().doc;
    const refused = await target
      .getState()
      .importJson('{"version": 2, "trainees": {"x": {"attempts": "no"}}}');
    expect(refused.ok).toBe(false);
    expect(target.getState().doc).toBe(before);
    expect((await target.getState().importJson(file)).ok).toBe(true);
    expect(Object.keys(target.getState().doc.trainees).sort()).toEqual(['Boris', 'Vera']);
  });

  it('tells of saved progress that could not be read, and offers it back as a backup', async () => {
    const storage = new MemoryStorage();
    storage.setItem('footwork.progress', '{not json');
    const { session } = await sessionOn(freshDevice().open, storage);
    expect(session.getState().loadNotice).toMatchObject({ kind: 'reset', reason: 'corrupt_json' });
    expect(session.getState().backups).toHaveLength(1);
    const key = session.getState().backups[0]?.key ?? '';
    expect(await session.getState().backupText(key)).toBe('{not json');
    session.getState().dismissLoadNotice();
    expect(session.getState().loadNotice).toBeNull();
    await session.getState().removeBackup(key);
    expect(session.getState().backups).toEqual([]);
  });

  it('removes a trainee and their attempts from the device', async () => {
    const { open } = freshDevice();
    const { session } = await sessionOn(open);
    session.getState().chooseTrainee('Gleb');
    session.getState().record(ORDER);
    await settled();
    await session.getState().removeTrainee('Gleb');
    expect(session.getState().trainee).toBeNull();
    expect(session.getState().doc.trainees).toEqual({});
    const { session: reloaded } = await sessionOn(open);
    expect(reloaded.getState().doc.trainees).toEqual({});
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
