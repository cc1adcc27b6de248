import { describe, expect, it } from 'vitest';
import { EMPTY_LOG, markStep } from '../../src/domain/homeLog.ts';
import { toWire, type Program } from '../../src/domain/program.ts';
import {
  HOME_LOG_KEY,
  PROGRAMS_KEY,
  TEACH_BACK_KEY,
  latestTeachBack,
  loadHomeLog,
  loadPrograms,
  loadTeachBacks,
  saveHomeLog,
  saveProgram,
  saveTeachBack,
  teachBackOwner,
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

  it("keeps each program's latest teach-back and sets a tampered entry aside", () => {
    const store = memory();
    const owner = teachBackOwner(program.id, program.protocolId);
    expect(owner).toBe('abcd1234');
    expect(teachBackOwner(null, 'p7-anti-stress-toes')).toBe('protocol:p7-anti-stress-toes');
    const first = {
      owner,
      stepId: 'back-rub-knead',
      stepNumber: 2,
      score: 64,
      passed: false,
      at: '2026-12-01T10:00:00.000Z',
    };
    expect(saveTeachBack(first, store)).toEqual({ ok: true });
    expect(saveTeachBack({ ...first, owner: 'other' }, store)).toEqual({ ok: true });
    expect(saveTeachBack({ ...first, score: 81, passed: true }, store)).toEqual({ ok: true });
    expect(latestTeachBack(owner, store)).toEqual({ ...first, score: 81, passed: true });
    expect(loadTeachBacks(store).value.map((t) => t.owner)).toEqual([owner, 'other']);
    expect(latestTeachBack('nobody', store)).toBeNull();
    // A score out of range (edited by hand) is left out and its text kept aside.
    const doc = JSON.parse(store.data.get(TEACH_BACK_KEY) ?? '{}') as { items: unknown[] };
    doc.items.push({ ...first, owner: 'bad', score: 140 });
    store.data.set(TEACH_BACK_KEY, JSON.stringify(doc));
    const read = loadTeachBacks(store);
    expect(read.dropped).toBe(1);
    expect(read.value).toHaveLength(2);
    expect(store.data.get(`${TEACH_BACK_KEY}.broken`)).toContain('"score":140');
  });
});
