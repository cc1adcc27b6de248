/**
 * The start-up check of whether the device holds training progress (src/state/progressPresence.ts):
 * no for a device where nobody has trained, so the first view loads no validator; yes for a stored
 * record, an older version's document or backup, and a database that cannot be opened.
 */
import { describe, expect, it } from 'vitest';
import {
  LEGACY_BACKUP_PREFIX,
  LEGACY_KEY,
  mayHoldProgress,
} from '../../src/state/progressPresence.ts';
import { createProgressStore } from '../../src/state/progressStorage.ts';
import { MemoryStorage, NOW, freshDevice } from '../fixtures/progress.ts';

describe('mayHoldProgress', () => {
  it('says no for an empty device and yes once a trainee is stored', async () => {
    const { open } = freshDevice();
    expect(await mayHoldProgress({ db: open, legacy: new MemoryStorage() })).toBe(false);
    const store = createProgressStore({ db: open, legacy: null, now: () => NOW, channel: null });
    await store.load();
    expect((await store.addTrainee('Anna').saved)?.ok).toBe(true);
    store.close();
    expect(await mayHoldProgress({ db: open, legacy: null })).toBe(true);
  });

  it.each([LEGACY_KEY, `${LEGACY_BACKUP_PREFIX}2026-01-01`])(
    "says yes when an older version's %s is in localStorage",
    async (key) => {
      const { open } = freshDevice();
      const legacy = new MemoryStorage();
      legacy.setItem(key, '{}');
      expect(await mayHoldProgress({ db: open, legacy })).toBe(true);
    },
  );

  it('says yes when the database cannot be opened, so the full read can say why', async () => {
    const open = () => Promise.reject(new Error('IndexedDB is not available in this browser'));
    expect(await mayHoldProgress({ db: open, legacy: null })).toBe(true);
  });
});
