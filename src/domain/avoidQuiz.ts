/**
 * "Which area must be avoided here?": the trainee points at a zone near the step's path and is
 * told whether it is one that must not be touched there, and why not if it is wrong.
 */
import type { Side } from './body.ts';

export interface ZonePart {
  readonly zone: string;
  readonly side: Side | null;
}

export type AvoidAnswer =
  | { readonly correct: true; readonly answer: ZonePart }
  | {
      readonly correct: false;
      readonly answer: ZonePart;
      /**
       * `safe`: the zone may be massaged; `out_of_reach`: an avoid zone, but not near this step;
       * `other_side`: the right zone on the other leg.
       */
      readonly reason: 'safe' | 'out_of_reach' | 'other_side';
    };

function samePart(a: ZonePart, b: ZonePart): boolean {
  return a.zone === b.zone && (a.side ?? null) === (b.side ?? null);
}

/** Checks the zone part the trainee chose against the avoid zones within reach of the step. */
export function checkAvoidAnswer(
  nearAvoid: readonly ZonePart[],
  answer: ZonePart,
  avoidZones: ReadonlySet<string>,
): AvoidAnswer {
  if (nearAvoid.some((z) => samePart(z, answer))) return { correct: true, answer };
  if (nearAvoid.some((z) => z.zone === answer.zone))
    return { correct: false, answer, reason: 'other_side' };
  if (avoidZones.has(answer.zone)) return { correct: false, answer, reason: 'out_of_reach' };
  return { correct: false, answer, reason: 'safe' };
}

/** Score of an answer for the progress record (0 or 100). */
export function avoidAnswerScore(answer: AvoidAnswer): number {
  return answer.correct ? 100 : 0;
}

/**
 * The choices offered to keyboard users: the avoid zones within reach, every other avoid zone
 * of the catalogue (on the step's side when it has sides), and the step's own zones, each once,
 * sorted by zone id so the list's order gives nothing away.
 */
export function avoidQuizChoices(input: {
  readonly nearAvoid: readonly ZonePart[];
  readonly stepZones: readonly string[];
  readonly avoidZones: ReadonlySet<string>;
  readonly side: Side;
  /** Whether a zone exists on both sides (so a choice names the side). */
  readonly bilateral: (zone: string) => boolean;
}): ZonePart[] {
  const out: ZonePart[] = [];
  const add = (p: ZonePart) => {
    if (!out.some((q) => samePart(p, q))) out.push(p);
  };
  for (const z of input.nearAvoid) add(z);
  const sided = (zone: string): ZonePart => ({
    zone,
    side: input.bilateral(zone) ? input.side : null,
  });
  for (const zone of input.avoidZones) add(sided(zone));
  for (const zone of input.stepZones) add(sided(zone));
  return out.sort((a, b) =>
    a.zone === b.zone ? (a.side ?? '').localeCompare(b.side ?? '') : a.zone < b.zone ? -1 : 1,
  );
}
