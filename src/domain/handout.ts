/**
 * The printable take-home sheet of a protocol, as data: the title, every step with its picture,
 * plain words and warnings, the position, the schedule in plain words, the safety list (the
 * conditions that rule the protocol or some steps out, each with who says so, and the protocol's
 * cautions) and where the sources differ. Pure: the pictures come in as URLs made by the caller,
 * the words of the sheet from the UI tables through the translate function passed in; the UI
 * renders this model as text (never as HTML).
 */
import { localized } from '../content/localized.ts';
import type { Translate } from '../content/messages.ts';
import type { Locale, Note, Protocol } from '../content/schema.ts';
import { checklistByStrength, type ApplicableItem, type ApplicableSafety } from './safety.ts';
import { describeSchedule, formatRange } from './schedule.ts';
import { originWords, stepSourceNotes } from './sourceNotes.ts';
import { poseWord } from './stepWords.ts';

/** What was captured of one step on the model. */
export interface CapturedStep {
  /** URL of the step's picture (blob: or data:), or null when none could be made. */
  readonly image: string | null;
  /** Names (already in the locale) of the areas to avoid shown near the step. */
  readonly avoidZones: readonly string[];
}

export interface HandoutStep {
  /** 1-based, as the protocol numbers it. */
  readonly number: number;
  /** 0-based index of the step in the protocol (the player's index). */
  readonly index: number;
  readonly id: string;
  readonly title: string;
  /** The plain words for a parent; also the picture's alt text. */
  readonly plain: string;
  readonly image: string | null;
  /** How long or how many times, in words (the program's dose where it sets one); null: not given. */
  readonly dose: string | null;
  readonly warnings: readonly string[];
}

export interface HandoutSafetyList {
  readonly title: string;
  readonly items: readonly string[];
}

/** One disagreement between sources: the topic, every version with its source, the app's choice. */
export interface HandoutDisagreement {
  readonly topic: string;
  readonly versions: readonly string[];
  readonly appChoice: string | null;
}

export interface Handout {
  readonly protocolId: string;
  readonly title: string;
  readonly summary: string;
  /** "Position: Seated. …", labelled when it is the app's choice. */
  readonly position: string;
  readonly steps: readonly HandoutStep[];
  /** Steps left out because the safety check rules them out for this person (number, title). */
  readonly leftOut: readonly { readonly number: number; readonly title: string }[];
  /** The schedule in plain words, one line each; empty when the protocol has none. */
  readonly schedule: readonly string[];
  readonly safety: readonly HandoutSafetyList[];
  /** Where the sources differ, for this protocol. */
  readonly disagreements: readonly HandoutDisagreement[];
}

const noteText = (n: Note, locale: Locale) => localized(n.plain ?? n.text, locale);

// The schedule's words are in a module of their own: the protocol's brief shows them in the first view.
export { describeSchedule, formatRange };

/** "Do not massage: the knee, the kneecap." in the locale; null for none. */
export function avoidLine(zoneNames: readonly string[], t: Translate): string | null {
  if (zoneNames.length === 0) return null;
  return t('ui.handout.avoid', { zones: zoneNames.join(', ') });
}

/** Unique origins of some rules, joined ("source 000; the app's suggestion"). */
function originsOf(rules: readonly ApplicableItem[], t: Translate): string {
  return [...new Set(rules.map((r) => originWords({ own: r.own, sources: r.sources }, t)))].join(
    '; ',
  );
}

/**
 * The safety part of the sheet: the conditions that rule the protocol or some of its steps out
 * (grouped by what they do, each with who says so), the areas no one massages, the risks, and the
 * protocol's own cautions.
 */
export function handoutSafety(
  protocol: Protocol,
  safety: ApplicableSafety,
  locale: Locale,
  t: Translate,
): HandoutSafetyList[] {
  const buckets = checklistByStrength(safety);
  const line = (e: (typeof buckets.noMassage)[number]) =>
    `${localized(e.condition.label, locale)} (${originsOf(e.rules, t)})`;
  const rule = (e: ApplicableItem) => `${localized(e.item.plain, locale)} (${originsOf([e], t)})`;
  const lists: HandoutSafetyList[] = [
    { title: t('ui.present.handout.noMassage'), items: buckets.noMassage.map(line) },
    { title: t('ui.present.handout.specialist'), items: buckets.specialist.map(line) },
    { title: t('ui.present.handout.someSteps'), items: buckets.someSteps.map(line) },
    { title: t('ui.present.handout.care'), items: buckets.care.map(line) },
    { title: t('ui.learn.safety.always'), items: safety.always.map(rule) },
    { title: t('ui.learn.safety.notes'), items: safety.notes.map(rule) },
    {
      title: t('ui.brief.cautions'),
      items: protocol.cautions.map((c) => `${noteText(c, locale)} (${originWords(c, t)})`),
    },
  ];
  return lists.filter((l) => l.items.length > 0);
}

/** The handout of a protocol. `captured[i]` belongs to step i; missing entries have no picture. */
export function buildHandout(input: {
  readonly protocol: Protocol;
  /** What the safety check offers for the protocol (`applicableSafety`). */
  readonly safety: ApplicableSafety;
  readonly locale: Locale;
  /** The UI words of the same locale. */
  readonly t: Translate;
  readonly captured: readonly (CapturedStep | undefined)[];
  /** 0-based indices of steps the safety check rules out: listed as left out, not as steps. */
  readonly skipped?: readonly number[];
  /**
   * Only these steps (0-based, in this order), e.g. a child's program; the rest of the protocol is
   * neither shown nor listed as left out. Absent: every step.
   */
  readonly only?: readonly number[];
  /** The dose in words of a step (by index); absent or null: no dose line. */
  readonly doseOf?: (index: number) => string | null;
}): Handout {
  const { protocol, locale, t, captured } = input;
  const skipped = new Set(input.skipped ?? []);
  const order = input.only ?? protocol.steps.map((_, i) => i);
  const leftOut = order.flatMap((i) => {
    const step = protocol.steps[i];
    return step && skipped.has(i) ? [{ number: i + 1, title: localized(step.title, locale) }] : [];
  });
  const steps = order.flatMap((i): HandoutStep[] => {
    const step = protocol.steps[i];
    if (!step || skipped.has(i)) return [];
    const shot = captured[i];
    const avoid = avoidLine(shot?.avoidZones ?? [], t);
    return [
      {
        number: i + 1,
        index: i,
        id: step.id,
        title: localized(step.title, locale),
        plain: localized(step.plain, locale),
        image: shot?.image ?? null,
        dose: input.doseOf?.(i) ?? null,
        warnings: [
          ...(avoid ? [avoid] : []),
          ...step.cautions.map((c) =>
            c.own ? `${noteText(c, locale)} (${originWords(c, t)})` : noteText(c, locale),
          ),
          ...stepSourceNotes(protocol, step.id).map((n) =>
            t('ui.present.handout.differ', { topic: localized(n.topic, locale) }),
          ),
        ],
      },
    ];
  });
  const pos = protocol.position;
  const position = [
    `${t('ui.brief.position')} ${poseWord(pos.pose, t)}.`,
    ...(pos.note ? [localized(pos.note, locale)] : []),
    ...(pos.own ? [`(${t('ui.brief.positionOwn')})`] : []),
  ].join(' ');
  return {
    protocolId: protocol.id,
    title: localized(protocol.title, locale),
    summary: localized(protocol.summary, locale),
    position,
    steps,
    leftOut,
    schedule: describeSchedule(protocol.schedule, locale, t),
    safety: handoutSafety(protocol, input.safety, locale, t),
    disagreements: protocol.sourceNotes.map((n) => ({
      topic: localized(n.topic, locale),
      versions: n.variants.map((v) => localized(v.text, locale)),
      appChoice: n.appChoice ? localized(n.appChoice, locale) : null,
    })),
  };
}
