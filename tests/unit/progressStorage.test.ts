/**
 * Progress kept on the device (src/state/progressStorage.ts) over IndexedDB (fake-indexeddb in
 * Node): nothing is lost between two writers (property-based, interleaved writes), the limit is
 * checked on write, a damaged record is left out alone, the document older versions kept in
 * localStorage is moved without loss, and a full storage is reported with the change kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_TRAINEES,
  WARN_SHARE,
  usageShare,
  exportProgressJson,
  getTrainee,
  importProgressJson,
  type NewAttempt,
} from '../../src/domain/progress.ts';
import { isQuotaError, type FootworkDatabase } from '../../src/state/deviceDb.ts';
import {
  LEGACY_BACKUP_PREFIX,
  LEGACY_KEY,
  createProgressStore,
  type ProgressStore,
  type StoreOptions,
} from '../../src/state/progressStorage.ts';
import { ATTEMPT, MemoryStorage, NOW, fillable, freshDevice } from '../fixtures/progress.ts';

/** How many attempts of `name` an exported file holds (read back as the app reads a file). */
function exportedAttempts(text: string, name: string): number {
  const read = importProgressJson(text, NOW);
  return read.ok ? (getTrainee(read.doc, name)?.attempts.length ?? 0) : -1;
}

/** A store on `open`, as a tab: its own connection and channel, loaded. */
async function tab(
  open: () => Promise<FootworkDatabase>,
  extra: StoreOptions = {},
): Promise<ProgressStore> {
  const store = createProgressStore({ db: open, legacy: null, now: () => NOW, ...extra });
  await store.load();
  return store;
}

/** Resolves once `store` has been told of a change by another tab and has read it. */
function changed(store: ProgressStore): Promise<void> {
  return new Promise((resolve) => {
    const off = store.subscribe(() => {
      off();
      resolve();
    });
  });
}

const ids = (store: ProgressStore, name: string) =>
  (getTrainee(store.doc(), name)?.attempts ?? []).map((a) => a.id).sort();

describe('two tabs on one device', () => {
  it('keeps the trainees and attempts of both, and each tab shows the other’s', async () => {
    const { open } = freshDevice();
    const channel = `test-${String(Math.random())}`;
    const one = await tab(open, { channel });
    const two = await tab(open, { channel });
    const seen = changed(one);
    // Both write before either has read the other's change (the case that lost data before).
    const a = one.addTrainee('Anna');
    const b = two.addTrainee('Boris');
    expect(await a.saved).toEqual({ ok: true });
    expect(await b.saved).toEqual({ ok: true });
    await seen;
    expect(Object.keys(one.doc().trainees).sort()).toEqual(['Anna', 'Boris']);
    const reloaded = await tab(open, { channel: null });
    expect(Object.keys(reloaded.doc().trainees).sort()).toEqual(['Anna', 'Boris']);
    for (const s of [one, two, reloaded]) s.close();
  });

  it('holds every attempt of both writers, however their writes interleave (property)', async () => {
    const op = fc.record({
      writer: fc.constantFrom(0, 1),
      trainee: fc.constantFrom('Anna', 'Boris', 'Вера'),
      score: fc.integer({ min: 0, max: 100 }),
      // Whether the writer waits for this write before its next one.
      wait: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 24 }), async (ops) => {
        const { open } = freshDevice();
        const writers = [await tab(open, { channel: null }), await tab(open, { channel: null })];
        const written: string[][] = [[], []];
        const saves: Promise<unknown>[] = [];
        for (const o of ops) {
          const w = writers[o.writer];
          const { change, saved } = w.record(o.trainee, { ...ATTEMPT, score: o.score });
          expect(change.ok).toBe(true);
          if (!change.ok) return;
          const mine = getTrainee(change.doc, o.trainee)?.attempts ?? [];
          const added = mine.find((x) => !written.flat().includes(x.id) && x.score === o.score);
          if (added) written[o.writer].push(added.id);
          if (saved) saves.push(saved);
          if (o.wait) await saved;
        }
        expect(await Promise.all(saves)).toEqual(saves.map(() => ({ ok: true })));
        const merged = await tab(open, { channel: null });
        const all = Object.values(merged.doc().trainees).flatMap((t) =>
          t.attempts.map((a) => a.id),
        );
        expect(all.sort()).toEqual([...written[0], ...written[1]].sort());
        expect(all).toHaveLength(ops.length);
        for (const s of [...writers, merged]) s.close();
      }),
      { numRuns: 40 },
    );
  });

  it('shows in one tab what the other recorded, without a reload', async () => {
    const { open } = freshDevice();
    const channel = `test-${String(Math.random())}`;
    const one = await tab(open, { channel });
    const two = await tab(open, { channel });
    const seen = changed(two);
    await one.record('Anna', ATTEMPT).saved;
    await seen;
    expect(ids(two, 'Anna')).toEqual(ids(one, 'Anna'));
    expect(ids(two, 'Anna')).toHaveLength(1);
    // A removal in one tab reaches the other too.
    const gone = changed(two);
    expect(await one.remove('Anna')).toEqual({ ok: true });
    await gone;
    expect(getTrainee(two.doc(), 'Anna')).toBeNull();
    one.close();
    two.close();
  });
});

describe('the one limit', () => {
  it('refuses a write past the limit before anything changes; all it wrote is read back and its export imports', async () => {
    const { open } = freshDevice();
    const limits = { bytes: 20_000, trainees: 5 };
    const store = await tab(open, { channel: null, limits });
    let refused: ReturnType<ProgressStore['record']> | null = null;
    let written = 0;
    for (let i = 0; i < 200 && !refused; i++) {
      const r = store.record(`T${i % 3}`, { ...ATTEMPT, score: i % 101 });
      if (!r.change.ok) refused = r;
      else {
        expect(await r.saved).toEqual({ ok: true });
        written++;
      }
    }
    expect(refused?.change).toMatchObject({ ok: false, reason: 'limit_reached' });
    expect(refused?.saved).toBeNull();
    expect(written).toBeGreaterThan(50);
    expect(store.usage().bytes).toBeLessThanOrEqual(limits.bytes);
    expect(usageShare(store.usage(), limits)).toBeGreaterThan(WARN_SHARE);
    const count = (s: ProgressStore) =>
      Object.values(s.doc().trainees).reduce((n, t) => n + t.attempts.length, 0);
    expect(count(store)).toBe(written);
    // What was written is read back in full, and its export imports on another device with
    // the same limit.
    const again = await tab(open, { channel: null, limits });
    expect(count(again)).toBe(written);
    expect(again.usage()).toEqual(store.usage());
    const other = await tab(freshDevice().open, { channel: null, limits });
    const restored = await other.importJson(again.exportJson());
    expect(restored.result).toMatchObject({ ok: true, dropped: 0 });
    expect(count(other)).toBe(written);
    // A new trainee past the limit of trainees is refused too.
    for (let i = 3; i < 5; i++) await other.addTrainee(`T${i}`).saved;
    expect(other.addTrainee('One more').change).toMatchObject({ ok: false });
    for (const s of [store, again, other]) s.close();
  });

  it('refuses an import that would go past the limit, changing nothing', async () => {
    const { open } = freshDevice();
    const store = await tab(open, { channel: null });
    await store.record('Anna', ATTEMPT).saved;
    const trainees: Record<string, unknown> = {};
    for (let i = 0; i < MAX_TRAINEES; i++)
      trainees[`T${i}`] = { attempts: [], updatedAt: NOW.toISOString() };
    const { result, save } = await store.importJson(JSON.stringify({ version: 2, trainees }));
    expect(result).toMatchObject({ ok: false, reason: 'too_many_trainees' });
    expect(save).toBeNull();
    expect(Object.keys(store.doc().trainees)).toEqual(['Anna']);
    store.close();
  });
});

describe('damaged records', () => {
  it('leaves out a damaged attempt alone, keeps it stored, and keeps newer fields', async () => {
    const { open } = freshDevice();
    const store = await tab(open, { channel: null });
    await store.record('Anna', ATTEMPT).saved;
    await store.record('Boris', ATTEMPT).saved;
    const db = await open();
    await db.put('attempts', {
      id: 'bad-score',
      trainee: 'Anna',
      ...ATTEMPT,
      score: 150,
      at: NOW.toISOString(),
    });
    await db.put('attempts', {
      id: 'new-kind',
      trainee: 'Boris',
      ...ATTEMPT,
      kind: 'palpation',
      at: NOW.toISOString(),
    });
    // A field a newer version adds (sub-scores per criterion) is kept as it is.
    await db.put('attempts', {
      id: 'with-criteria',
      trainee: 'Boris',
      ...ATTEMPT,
      criteria: { direction: 90, coverage: 70 },
      at: NOW.toISOString(),
    });
    const again = createProgressStore({ db: open, legacy: null, now: () => NOW, channel: null });
    const { notice } = await again.load();
    expect(notice).toMatchObject({ kind: 'partial', dropped: 2 });
    expect(notice && 'detail' in notice ? notice.detail : '').toContain('score');
    expect(getTrainee(again.doc(), 'Anna')?.attempts).toHaveLength(1);
    const boris = getTrainee(again.doc(), 'Boris')?.attempts ?? [];
    expect(boris).toHaveLength(2);
    expect(boris.find((a) => a.id === 'with-criteria')).toMatchObject({
      criteria: { direction: 90, coverage: 70 },
    });
    // The unreadable ones stay stored, for a version that can read them.
    expect(await db.get('attempts', 'new-kind')).toMatchObject({ kind: 'palpation' });
    expect(importProgressJson(again.exportJson(), NOW)).toMatchObject({ ok: true });
    expect(exportedAttempts(again.exportJson(), 'Boris')).toBe(2);
    for (const s of [store, again]) s.close();
    db.close();
  });
});

describe('the document older versions kept in localStorage', () => {
  it('is moved into the records without loss, and removed only once they are written', async () => {
    const { open } = freshDevice();
    const legacy = new MemoryStorage();
    const doc = {
      version: 2,
      trainees: {
        Anna: {
          attempts: [
            { ...ATTEMPT, at: '2026-03-01T10:00:00.000Z' },
            // Two attempts alike (a double click) stay two.
            { ...ATTEMPT, at: '2026-03-01T10:00:00.000Z' },
            { ...ATTEMPT, score: 150, at: '2026-03-02T10:00:00.000Z' },
          ],
          updatedAt: '2026-03-02T10:00:00.000Z',
        },
        Boris: { attempts: [], updatedAt: '2026-03-03T10:00:00.000Z' },
      },
    };
    const text = JSON.stringify(doc);
    legacy.map.set(LEGACY_KEY, text);
    legacy.map.set(`${LEGACY_BACKUP_PREFIX}2026-02-01T00:00:00.000Z`, '{"broken');
    const store = createProgressStore({ db: open, legacy, now: () => NOW, channel: null });
    const { notice } = await store.load();
    expect(Object.keys(store.doc().trainees).sort()).toEqual(['Anna', 'Boris']);
    expect(getTrainee(store.doc(), 'Anna')?.attempts).toHaveLength(2);
    // The damaged attempt is left out alone, and the document as it was is a backup.
    expect(notice).toMatchObject({ kind: 'partial', dropped: 1 });
    const backups = await store.backups();
    expect(backups.map((b) => b.key).sort()).toEqual([
      'local-2026-02-01T00:00:00.000Z',
      `moved-${NOW.toISOString()}`,
    ]);
    expect(await store.backupText(`moved-${NOW.toISOString()}`)).toBe(text);
    expect(legacy.map.size).toBe(0);
    // Moved once: a second tab finds the records and nothing to move.
    const second = createProgressStore({ db: open, legacy, now: () => NOW, channel: null });
    expect((await second.load()).notice).toBeNull();
    expect(ids(second, 'Anna')).toEqual(ids(store, 'Anna'));
    for (const s of [store, second]) s.close();
  });

  it('migrates a v1 document, and leaves the old one in place when the move cannot be written', async () => {
    const v1 = {
      version: 1,
      trainee: '  Anna \t Petrova ',
      scores: [
        {
          protocol: 'p1-hallux-valgus-adult-self',
          step: 'circles-around-joint',
          type: 'trace',
          score: 0.875,
          ok: true,
          date: Date.UTC(2026, 0, 15, 10, 30),
        },
      ],
    };
    const legacy = new MemoryStorage();
    legacy.map.set(LEGACY_KEY, JSON.stringify(v1));
    const device = fillable(freshDevice().open);
    device.full.value = true;
    const refused = createProgressStore({ db: device.open, legacy, now: () => NOW, channel: null });
    expect((await refused.load()).notice).toMatchObject({ kind: 'unavailable' });
    expect(legacy.map.get(LEGACY_KEY)).toBe(JSON.stringify(v1));
    refused.close();
    device.full.value = false;
    const store = createProgressStore({ db: device.open, legacy, now: () => NOW, channel: null });
    expect((await store.load()).notice).toMatchObject({ kind: 'migrated', from: 1 });
    expect(getTrainee(store.doc(), 'Anna Petrova')?.attempts).toMatchObject([
      { score: 87.5, passed: true, at: '2026-01-15T10:30:00.000Z', kind: 'trace' },
    ]);
    expect(legacy.map.has(LEGACY_KEY)).toBe(false);
    store.close();
  });

  it('keeps unreadable text as a backup that can be downloaded, restored and deleted', async () => {
    const legacy = new MemoryStorage();
    legacy.map.set(LEGACY_KEY, '{"version":2,"trainees":{');
    const store = createProgressStore({
      db: freshDevice().open,
      legacy,
      now: () => NOW,
      channel: null,
    });
    const { notice } = await store.load();
    expect(notice).toMatchObject({
      kind: 'reset',
      reason: 'corrupt_json',
      backupKey: `moved-${NOW.toISOString()}`,
    });
    const backups = await store.backups();
    expect(backups).toHaveLength(1);
    const key = backups.at(0)?.key ?? '';
    expect(await store.backupText(key)).toBe('{"version":2,"trainees":{');
    const restored = await store.importJson((await store.backupText(key)) ?? '');
    expect(restored.result).toMatchObject({ ok: false, reason: 'corrupt_json' });
    expect(await store.removeBackup(key)).toEqual({ ok: true });
    expect(await store.backups()).toEqual([]);
    store.close();
  });
});

describe('saving', () => {
  it('says the storage is full, keeps the attempt in memory, and stores it with the next write', async () => {
    const device = fillable(freshDevice().open);
    const store = createProgressStore({
      db: device.open,
      legacy: null,
      now: () => NOW,
      channel: null,
    });
    await store.load();
    device.full.value = true;
    const first = store.record('Anna', ATTEMPT);
    expect(await first.saved).toMatchObject({ ok: false, reason: 'storage_full' });
    expect(getTrainee(store.doc(), 'Anna')?.attempts).toHaveLength(1);
    expect(exportedAttempts(store.exportJson(), 'Anna')).toBe(1);
    device.full.value = false;
    expect(await store.record('Anna', { ...ATTEMPT, score: 10 }).saved).toEqual({ ok: true });
    const again = await tab(device.open, { channel: null });
    expect(getTrainee(again.doc(), 'Anna')?.attempts).toHaveLength(2);
    for (const s of [store, again]) s.close();
  });

  it('works in memory where IndexedDB cannot be opened, and says so', async () => {
    const store = createProgressStore({
      db: () => Promise.reject(new DOMException('denied', 'SecurityError')),
      legacy: null,
      now: () => NOW,
      channel: null,
    });
    expect((await store.load()).notice).toMatchObject({ kind: 'unavailable' });
    const r = store.record('Anna', ATTEMPT);
    expect(r.change.ok).toBe(true);
    expect(await r.saved).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(getTrainee(store.doc(), 'Anna')?.attempts).toHaveLength(1);
  });

  it('recognises quota errors of every browser', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ code: 22 })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'SecurityError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });

  it('refuses a bad attempt and a bad name without writing anything', async () => {
    const store = await tab(freshDevice().open, { channel: null });
    const bad: NewAttempt = { ...ATTEMPT, score: 101 };
    expect(store.record('Anna', bad)).toMatchObject({
      change: { ok: false, reason: 'invalid_attempt' },
      saved: null,
    });
    expect(store.record('   ', ATTEMPT)).toMatchObject({
      change: { ok: false, reason: 'empty' },
      saved: null,
    });
    expect(store.doc().trainees).toEqual({});
    expect(exportProgressJson(store.doc())).toBe('{\n  "version": 2,\n  "trainees": {}\n}\n');
    store.close();
  });
});
