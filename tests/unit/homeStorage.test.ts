import { describe, expect, it } from 'vitest';
import { EMPTY_LOG, markStep } from '../../src/domain/homeLog.ts';
import { toWire, type Program } from '../../src/domain/program.ts';
import {
  HOME_LOG_KEY,
  PROGRAMS_KEY,
  loadHomeLog,
  loadPrograms,
  saveHomeLog,
  saveProgram,
} from '../../src/state/homeStorage.ts';
import type { StorageLike } from '../../src/state/progressStorage.ts';

function memory(): StorageLike & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const program: Program = {
  version: 1,
  id: 'abcd1234',
  name: 'Masha',
  protocolId: 'p6-hallux-valgus-child-course',
  steps: ['back-rub-knead'],
  doses: {},
  severity: { halluxValgus: 0.4, flatFoot: 0 },
  side: 'both',
  start: '2026-12-01',
  sessions: 15,
  note: '',
};

describe('home storage', () => {
  it('keeps programs newest first, replacing one with the same id', () => {
    const store = memory();
    expect(saveProgram(program, store)).toEqual({ ok: true });
    expect(saveProgram({ ...program, id: 'other123', name: 'Petya' }, store).ok).toBe(true);
    expect(saveProgram({ ...program, name: 'Masha 2' }, store).ok).toBe(true);
    expect(loadPrograms(store).value.map((p) => p.name)).toEqual(['Masha 2', 'Petya']);
  });

  it('sets aside an entry that fails the schema and keeps the rest', () => {
    const store = memory();
    store.setItem(
      PROGRAMS_KEY,
      JSON.stringify({ version: 1, items: [toWire(program), { ...toWire(program), h: [9, 9] }] }),
    );
    const r = loadPrograms(store);
    expect(r.value).toEqual([program]);
    expect(r.dropped).toBe(1);
    expect(store.data.get(`${PROGRAMS_KEY}.broken`)).toContain('"h":[9,9]');
  });

  it('reads a broken log as empty and keeps its text', () => {
    const store = memory();
    store.setItem(HOME_LOG_KEY, '{"version":1,"sessions":[{"program":1}]}');
    expect(loadHomeLog(store)).toEqual({ value: EMPTY_LOG, dropped: 1 });
    expect(store.data.get(`${HOME_LOG_KEY}.broken`)).toContain('"program":1');
    store.setItem(HOME_LOG_KEY, 'not json');
    expect(loadHomeLog(store).value).toEqual(EMPTY_LOG);
    expect(store.data.get(`${HOME_LOG_KEY}.broken`)).toBe('not json');
  });

  it('round-trips the log and reports a full storage without throwing', () => {
    const store = memory();
    const log = markStep(EMPTY_LOG, program.id, '2026-12-01', 'back-rub-knead', { done: true });
    expect(saveHomeLog(log, store)).toEqual({ ok: true });
    expect(loadHomeLog(store).value).toEqual(log);
    const full: StorageLike = {
      ...store,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(saveHomeLog(log, full)).toEqual({ ok: false, reason: 'storage_full' });
  });
});
