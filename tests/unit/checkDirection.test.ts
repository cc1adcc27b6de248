/**
 * The direction check of check:content: direction words against the sampled path, the sources'
 * direction rules, and the midline of the back, on the real bodies.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles, MODEL_FILES } from '../../scripts/check-content.ts';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { loadContent, type ContentFile } from '../../src/content/load.ts';
import { formatProblem } from '../../src/content/problems.ts';
import {
  directionSenses,
  goesWay,
  measuredSense,
  ruleAgainstMove,
  wordsAgainstMove,
  type NetMove,
} from '../../src/domain/checkDirection.ts';
import { checkModel, type BodyKind, type ModelInput } from '../../src/domain/checkModel.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const P2 = 'content/protocols/p2-hallux-valgus-child.json';
const P3 = 'content/protocols/p3-valgus-feet-child-orthopedic.json';

let files: ContentFile[];
let models: Map<BodyKind, ModelInput>;

beforeAll(async () => {
  files = await readContentFiles(ROOT);
  models = new Map([
    ['child', { file: MODEL_FILES.child, body: await readBodyFile(join(ROOT, MODEL_FILES.child)) }],
  ]);
});

type Json = Record<string, unknown> & { steps: Record<string, unknown>[] };

/** The problems of one protocol file, changed by `edit`, checked on the real child body. */
function problemsWith(path: string, edit: (doc: Json) => void): string[] {
  const changed = files.map((f) => {
    if (f.path !== path) return f;
    const doc = JSON.parse(f.text) as Json;
    edit(doc);
    return { path: f.path, text: JSON.stringify(doc) };
  });
  const { data, problems } = loadContent(changed);
  expect(problems.map(formatProblem)).toEqual([]);
  const only = { ...data, protocols: data.protocols.filter((p) => p.file === path) };
  return checkModel(only, models, { extraMorphs: [] }).problems.map(formatProblem);
}

describe('direction words', () => {
  it('reads the way a stroke goes from its words, or no way for shapes and both ways', () => {
    const cases: [string, string[]][] = [
      ['up the outer lower leg, with the lymph flow', ['up']],
      ['down the outer lower leg', ['down']],
      ['bottom to top', ['up']],
      ['toes toward the hips', ['up']],
      ['buttocks to head', ['up']],
      ['toes to heel', ['toward_heel']],
      ['from the ball of the foot toward the heel, over the arch', ['toward_heel']],
      ['heel to toes', ['toward_toes']],
      ['heel to the ball of the foot', ['toward_toes']],
      ['from the base of each toe to its tip', ['toward_toes']],
      ['outward from the spine, down the flanks', ['down', 'outward']],
      ['upward and outward from the spine', ['up', 'outward']],
      ['big toe to little toe', ['outward']],
      ['little toe to big toe', ['inward']],
      ['up and down beside the spine', []],
      ['heel to ball of the foot and back', []],
      ['in all directions', []],
      ['circles', []],
      ['across the lower back muscles', []],
    ];
    for (const [text, senses] of cases) expect(directionSenses(text), text).toEqual(senses);
  });

  it('counts a movement only when it goes far enough that way', () => {
    const move = (up: number, forward = 0, outward = 0): NetMove => ({
      up,
      forward,
      outward,
      chord: Math.hypot(up, forward, outward),
    });
    expect(goesWay(move(0.05), 'up')).toBe(true);
    expect(goesWay(move(-0.05), 'up')).toBe(false);
    expect(goesWay(move(0.003), 'up')).toBe(false); // under 4 mm
    expect(goesWay(move(0.01, 0.1), 'up')).toBe(false); // 10 % of the movement
    expect(goesWay(move(0.02, 0.1), 'up')).toBe(true);
    expect(wordsAgainstMove('up the calf', move(-0.076))).toBe('up');
    expect(wordsAgainstMove('up the calf', move(0.076))).toBeNull();
    expect(wordsAgainstMove('up and down the calf', move(-0.076))).toBeNull();
    expect(measuredSense(move(-0.076), 'up')).toEqual({ sense: 'down', mm: 76, enough: true });
    const rule = {
      zones: ['calf'],
      sense: 'up' as const,
      text: { en: 'bottom up' },
      source: '001_1c2aad9468444d57.txt',
    };
    const calf = (text: string) => ({ zones: ['calf'], direction: { text: { en: text } } });
    expect(ruleAgainstMove([rule], calf('down the calf'), move(-0.05))).toBe(rule);
    expect(ruleAgainstMove([rule], calf('up and down the calf'), move(-0.05))).toBeNull();
    expect(ruleAgainstMove([rule], { zones: ['heel'] }, move(-0.05))).toBeNull();
  });
});

describe('check:content measures the direction on the body', () => {
  it('passes the content as it is', () => {
    expect(problemsWith(P3, () => undefined)).toEqual([]);
    expect(problemsWith(P2, () => undefined)).toEqual([]);
  });

  it('fails a reversed copy of P3-17 (past the kneecap, up the outer lower leg)', () => {
    const problems = problemsWith(P3, (doc) => {
      const step = doc.steps[16] as { path: { from: string; to: string } };
      [step.path.from, step.path.to] = [step.path.to, step.path.from];
      delete (step as { direction?: unknown }).direction;
      (step as { direction?: unknown }).direction = {
        text: { en: 'up the outer lower leg, with the lymph flow' },
      };
    });
    expect(problems).toEqual([
      `${P3} › steps[16].direction › the direction words say the stroke runs up, but the path runs down (78 mm)`,
    ]);
  });

  it('fails P3-17 as it was before: downward, against 001’s lower leg from the bottom up', () => {
    const problems = problemsWith(P3, (doc) => {
      doc.steps[16] = {
        ...doc.steps[16],
        path: { kind: 'line', from: 'lateral_leg_high', to: 'lateral_leg_low' },
        direction: {
          from: 'lateral_leg_high',
          to: 'lateral_leg_low',
          text: { en: 'down the outer lower leg', ru: 'вниз по наружной поверхности голени' },
        },
      };
    });
    expect(problems).toEqual([
      `${P3} › steps[16].direction › source 001 has strokes on lateral_lower_leg run up, but this path runs down (78 mm)`,
    ]);
  });

  it('fails P2-1 circled on the midline of the neck, over the cervical spine', () => {
    const problems = problemsWith(P2, (doc) => {
      const path = doc.steps[0]?.path as { lateralMm?: number };
      delete path.lateralMm;
    });
    // The model's vertebrae zone stops at the base of the neck: the midline check catches it.
    expect(problems[0]).toMatch(
      new RegExp(
        `^${P2} › steps\\[0\\]\\.path › sample 1 of \\d+ \\(midline\\) is 0\\.0 mm from the midline of the back, on the spine`,
      ),
    );
  });

  it('fails a back stroke said to go outward that runs toward the spine', () => {
    const problems = problemsWith(P3, (doc) => {
      const step = doc.steps[0] as { path: unknown; direction: unknown };
      step.path = { kind: 'line', from: 'upper_back_side', to: 'upper_back_center' };
      step.direction = { text: { en: 'outward from the spine' } };
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /steps\[0\]\.direction › the direction words say the stroke runs outward, away from the midline, but the path runs inward, toward the midline \(\d+ mm\)$/,
      ),
    ]);
  });
});
