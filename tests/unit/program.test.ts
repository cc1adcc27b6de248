import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { protocol as protocolSchema } from '../../src/content/schema.ts';
import {
  MAX_CODE_LENGTH,
  checksum,
  decodeProgram,
  doseFor,
  encodeProgram,
  hashParam,
  newProgramId,
  packJson,
  parseProgramJson,
  programLink,
  programStepLink,
  resolveProgram,
  toWire,
  type Program,
} from '../../src/domain/program.ts';

const p6 = protocolSchema.parse(
  JSON.parse(readFileSync(resolve('content/protocols/p6-hallux-valgus-child-course.json'), 'utf8')),
);

const program: Program = {
  version: 1,
  id: 'k3m9x2q7ab',
  name: 'Masha, left foot',
  protocolId: p6.id,
  steps: p6.steps.slice(0, 12).map((s) => s.id),
  doses: { 'foot-each-toe': { repetitions: 6 }, 'back-rub-knead': { durationS: 90 } },
  severity: { halluxValgus: 0.35, flatFoot: 0.2 },
  side: 'L',
  start: '2026-12-02',
  sessions: 18,
  note: 'Gentle on the big toe; stop if she cries. Мягко, без боли.',
};

describe('program link code', () => {
  it('round-trips every field, Cyrillic and punctuation included', () => {
    const code = encodeProgram(program);
    const back = decodeProgram(code);
    expect(back).toEqual({ ok: true, value: program });
  });

  it('stays small enough for a QR code and a link (P6, 12 steps)', () => {
    const code = encodeProgram(program);
    expect(code.length).toBeLessThan(600);
    expect(code).toMatch(/^[a-z0-9]+\.[A-Za-z0-9+$-]+$/);
  });

  it('rejects a code with one character changed', () => {
    const code = encodeProgram(program);
    let rejected = 0;
    // Change characters all along the code: never read as another program.
    for (let i = 0; i < code.length; i += 7) {
      const c = code[i] === 'A' ? 'B' : 'A';
      const tampered = code.slice(0, i) + c + code.slice(i + 1);
      if (tampered === code) continue;
      const r = decodeProgram(tampered);
      // The last character's spare bits may carry nothing: then the same program comes back.
      if (r.ok) expect(r.value).toEqual(program);
      else rejected += 1;
    }
    expect(rejected).toBeGreaterThan(Math.floor(code.length / 7) - 2);
  });

  it('rejects a code cut short', () => {
    const code = encodeProgram(program);
    const r = decodeProgram(code.slice(0, code.length - 10));
    expect(r.ok).toBe(false);
  });

  it('rejects a well-formed code whose checksum does not match', () => {
    const json = JSON.stringify({ ...toWire(program), n: 'Someone else' });
    const code = `${checksum('x')}.${compressToEncodedURIComponent(json)}`;
    expect(decodeProgram(code)).toMatchObject({ ok: false, reason: 'checksum' });
  });

  it('rejects an oversized code before decompressing it', () => {
    expect(decodeProgram('a.' + 'A'.repeat(MAX_CODE_LENGTH))).toMatchObject({
      ok: false,
      reason: 'too_long',
    });
  });

  it('rejects an empty code and garbage', () => {
    expect(decodeProgram('  ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(decodeProgram('<script>alert(1)</script>')).toMatchObject({ ok: false });
    expect(decodeProgram('abc.%%%')).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it('names the field when a correctly sealed program breaks the schema', () => {
    const r = decodeProgram(packJson({ ...toWire(program), h: [2, 0] }));
    expect(r).toMatchObject({ ok: false, reason: 'invalid' });
    if (!r.ok) expect(r.detail).toMatch(/^h\.0: /);
    const extra = decodeProgram(packJson({ ...toWire(program), evil: '<img>' }));
    expect(extra).toMatchObject({ ok: false, reason: 'invalid' });
    const badDate = decodeProgram(packJson({ ...toWire(program), d: '2026-02-30' }));
    expect(!badDate.ok && badDate.detail).toMatch(/^d: not a date/);
  });

  it('refuses a program from a newer version of the app', () => {
    expect(parseProgramJson({ ...toWire(program), v: 2 })).toMatchObject({
      ok: false,
      reason: 'newer_version',
    });
  });
});

describe('program link', () => {
  it('carries the program in the fragment of a home-mode link', () => {
    const link = programLink('https://example.org/footwork/?protocol=p1&step=3', program, 'ru');
    const url = new URL(link);
    expect(url.pathname).toBe('/footwork/');
    expect(url.searchParams.get('mode')).toBe('home');
    expect(url.searchParams.get('lang')).toBe('ru');
    expect(url.searchParams.get('protocol')).toBeNull();
    const code = hashParam(url.hash, 'program');
    expect(code).not.toBeNull();
    expect(decodeProgram(code ?? '')).toEqual({ ok: true, value: program });
  });

  it('a step link names the program by id and the step, short enough for a small QR code', () => {
    const stepId = program.steps[1] ?? '';
    const link = programStepLink('https://example.org/footwork/', program, stepId, 'en');
    const url = new URL(link);
    expect(url.searchParams.get('mode')).toBe('home');
    expect(url.searchParams.get('lang')).toBe('en');
    expect(hashParam(url.hash, 'pid')).toBe(program.id);
    expect(hashParam(url.hash, 'step')).toBe(stepId);
    expect(hashParam(url.hash, 'program')).toBeNull();
    expect(link.length).toBeLessThan(120);
    // A step the program does not have is not linked to.
    const other = programStepLink('https://example.org/footwork/', program, 'not-in-it', 'en');
    expect(hashParam(new URL(other).hash, 'step')).toBeNull();
    expect(hashParam(new URL(other).hash, 'pid')).toBe(program.id);
  });

  it('hashParam finds a key among others and returns null without it', () => {
    expect(hashParam('#a=1&program=x.y&b=2', 'program')).toBe('x.y');
    expect(hashParam('#a=1', 'program')).toBeNull();
    expect(hashParam('', 'program')).toBeNull();
  });
});

describe('program against the content', () => {
  it('resolves step ids to the protocol step indices in program order', () => {
    const ids = p6.steps.map((s) => s.id);
    const reordered = { ...program, steps: [ids[3] ?? '', ids[0] ?? ''] };
    expect(resolveProgram(reordered, [p6])).toEqual({ ok: true, stepIndices: [3, 0] });
  });

  it('names an unknown protocol or step', () => {
    expect(resolveProgram({ ...program, protocolId: 'p99-none' }, [p6])).toEqual({
      ok: false,
      reason: 'unknown_protocol',
      detail: 'p99-none',
    });
    expect(resolveProgram({ ...program, steps: ['no-such-step'] }, [p6])).toEqual({
      ok: false,
      reason: 'unknown_step',
      detail: 'no-such-step',
    });
  });

  it('uses the override dose where there is one, the protocol one otherwise', () => {
    const toe = p6.steps.find((s) => s.id === 'foot-each-toe');
    if (!toe) throw new Error('P6 has no each-toe step');
    expect(doseFor(program, toe).repetitions).toBe(6);
    const other = p6.steps.find((s) => s.id === 'front-shin');
    if (!other) throw new Error('P6 has no front-shin step');
    expect(doseFor(program, other)).toEqual({
      ...(other.durationS !== undefined ? { durationS: other.durationS } : {}),
      ...(other.repetitions !== undefined ? { repetitions: other.repetitions } : {}),
    });
  });

  it('makes ids the schema accepts', () => {
    let seed = 0.1;
    const id = newProgramId(() => (seed = (seed * 9301 + 0.49297) % 1));
    expect(parseProgramJson({ ...toWire(program), i: id }).ok).toBe(true);
  });
});
