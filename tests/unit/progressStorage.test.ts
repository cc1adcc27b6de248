/**
 * Progress in the browser's storage (src/state/progressStorage.ts): loading never throws and never
 * loses data silently (backups, migration, notices), saving reports a full or refused storage.
 */
import { describe, expect, it } from 'vitest';
import {
  emptyProgress,
  getTrainee,
  readProgressText,
  recordAttempt,
  type ProgressDoc,
} from '../../src/domain/progress.ts';
import {
  BACKUP_PREFIX,
  MAX_BACKUPS,
  PROGRESS_KEY,
  createProgressRepository,
  isQuotaError,
  loadProgress,
  saveProgress,
} from '../../src/state/progressStorage.ts';
import { ATTEMPT, MemoryStorage, NOW, docWith } from '../fixtures/progress.ts';

describe('loading saved progress', () => {
  it('starts empty without a notice when nothing is saved', () => {
    expect(loadProgress(new MemoryStorage(), NOW)).toEqual({ doc: emptyProgress(), notice: null });
  });

  it('backs up corrupt JSON, resets with a notice, and loads cleanly the next time', () => {
    const storage = new MemoryStorage();
    storage.map.set(PROGRESS_KEY, '{"version":2,"trainees":{');
    const first = loadProgress(storage, NOW);
    const backupKey = `${BACKUP_PREFIX}2026-03-20T09:00:00.000Z`;
    expect(first.doc).toEqual(emptyProgress());
    expect(first.notice).toMatchObject({ kind: 'reset', reason: 'corrupt_json', backupKey });
    expect(storage.map.get(backupKey)).toBe('{"version":2,"trainees":{');
    expect(storage.map.has(PROGRESS_KEY)).toBe(false);
    expect(loadProgress(storage, NOW)).toEqual({ doc: emptyProgress(), notice: null });
  });

  it('resets data from a newer version, keeping it under a backup key', () => {
    const storage = new MemoryStorage();
    const future = JSON.stringify({ version: 3, people: [] });
    storage.map.set(PROGRESS_KEY, future);
    const r = loadProgress(storage, NOW);
    expect(r.notice).toMatchObject({ kind: 'reset', reason: 'future_version' });
    expect(
      r.notice?.kind === 'reset' && r.notice.backupKey ? storage.map.get(r.notice.backupKey) : null,
    ).toBe(future);
  });

  it('names the field that is wrong', () => {
    const bad = {
      version: 2,
      trainees: {
        Ann: {
          attempts: [{ ...ATTEMPT, score: 150, at: NOW.toISOString() }],
          updatedAt: NOW.toISOString(),
        },
      },
    };
    const r = readProgressText(JSON.stringify(bad), NOW);
    expect(r.notice).toMatchObject({ kind: 'reset', reason: 'invalid_shape' });
    expect(r.notice?.detail).toContain('trainees.Ann.attempts.0.score');
  });

  it('refuses a trainee called __proto__ instead of dropping it silently', () => {
    const text = `{"version":2,"trainees":{"__proto__":{"attempts":[],"updatedAt":"${NOW.toISOString()}"}}}`;
    expect(readProgressText(text, NOW).notice).toMatchObject({
      kind: 'reset',
      reason: 'invalid_shape',
    });
    expect(recordAttempt(emptyProgress(), '__proto__', ATTEMPT, NOW)).toMatchObject({
      ok: false,
      reason: 'reserved',
    });
    expect(getTrainee(emptyProgress(), 'constructor')).toBeNull();
  });

  it('migrates a v1 document, backs it up and writes it back as v2', () => {
    const storage = new MemoryStorage();
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
        {
          protocol: 'p1-hallux-valgus-adult-self',
          step: null,
          type: 'order',
          score: 0.5,
          ok: false,
          date: Date.UTC(2026, 0, 16),
        },
      ],
    };
    storage.map.set(PROGRESS_KEY, JSON.stringify(v1));
    const r = loadProgress(storage, NOW);
    const expected: ProgressDoc = {
      version: 2,
      trainees: {
        'Anna Petrova': {
          attempts: [
            {
              protocolId: 'p1-hallux-valgus-adult-self',
              stepId: 'circles-around-joint',
              kind: 'trace',
              score: 87.5,
              passed: true,
              at: '2026-01-15T10:30:00.000Z',
            },
            {
              protocolId: 'p1-hallux-valgus-adult-self',
              stepId: null,
              kind: 'order',
              score: 50,
              passed: false,
              at: '2026-01-16T00:00:00.000Z',
            },
          ],
          updatedAt: '2026-01-16T00:00:00.000Z',
        },
      },
    };
    expect(r.doc).toEqual(expected);
    expect(r.notice).toMatchObject({ kind: 'migrated', from: 1 });
    expect(JSON.parse(storage.map.get(PROGRESS_KEY) ?? 'null')).toEqual(expected);
    expect(
      r.notice && 'backupKey' in r.notice && r.notice.backupKey
        ? storage.map.get(r.notice.backupKey)
        : null,
    ).toBe(JSON.stringify(v1));
  });

  it('keeps the text in the notice and the main key untouched when no backup can be written', () => {
    const storage = new MemoryStorage();
    const junk = 'x'.repeat(500);
    storage.map.set(PROGRESS_KEY, junk);
    storage.quota = 600;
    const r = loadProgress(storage, NOW);
    expect(r.notice).toMatchObject({
      kind: 'reset',
      reason: 'corrupt_json',
      backupKey: null,
      unsavedText: junk,
    });
    expect(storage.map.get(PROGRESS_KEY)).toBe(junk);
  });

  it('keeps only the newest backups', () => {
    const storage = new MemoryStorage();
    for (let i = 0; i < MAX_BACKUPS + 2; i++) {
      storage.map.set(PROGRESS_KEY, `broken ${i}`);
      loadProgress(storage, new Date(Date.UTC(2026, 0, 1 + i)));
    }
    const backups = [...storage.map.keys()].filter((k) => k.startsWith(BACKUP_PREFIX)).sort();
    expect(backups).toHaveLength(MAX_BACKUPS);
    expect(backups.map((k) => storage.map.get(k))).toEqual(['broken 2', 'broken 3', 'broken 4']);
  });

  it('reports storage that cannot be read, and no storage at all', () => {
    const storage = new MemoryStorage();
    storage.failGet = new DOMException('denied', 'SecurityError');
    expect(loadProgress(storage, NOW)).toEqual({
      doc: emptyProgress(),
      notice: { kind: 'unavailable', detail: 'SecurityError: denied' },
    });
    expect(loadProgress(null, NOW).notice?.kind).toBe('unavailable');
    expect(saveProgress(null, emptyProgress())).toMatchObject({ ok: false, reason: 'unavailable' });
  });

  it('refuses a document that is too large to be real', () => {
    expect(readProgressText(' '.repeat(4_000_001), NOW).notice).toMatchObject({
      kind: 'reset',
      reason: 'too_large',
    });
  });
});

describe('saving progress', () => {
  it('says the storage is full and keeps the attempt in memory', () => {
    const storage = new MemoryStorage();
    // One attempt (≈ 240 characters) fits, two (≈ 400) do not.
    storage.quota = 320;
    const repo = createProgressRepository({ storage, now: () => NOW });
    repo.load();
    const first = repo.record('Ann', ATTEMPT);
    expect(first.save).toEqual({ ok: true });
    const second = repo.record('Ann', { ...ATTEMPT, score: 91 });
    expect(second.save).toMatchObject({ ok: false, reason: 'storage_full' });
    expect(repo.lastSave()).toEqual(second.save);
    expect(getTrainee(repo.doc(), 'Ann')?.attempts.map((a) => a.score)).toEqual([82, 91]);
    // What is stored is still the last good save.
    expect(JSON.parse(storage.map.get(PROGRESS_KEY) ?? 'null')).toEqual(docWith('Ann', [ATTEMPT]));
  });

  it('recognises quota errors of every browser', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ code: 22 })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'SecurityError'))).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });

  it('does not write an invalid document', () => {
    const storage = new MemoryStorage();
    const bad = {
      version: 2,
      trainees: { ' padded ': { attempts: [], updatedAt: NOW.toISOString() } },
    } as ProgressDoc;
    expect(saveProgress(storage, bad)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(storage.map.size).toBe(0);
  });
});
