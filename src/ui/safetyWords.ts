/**
 * The safety check in words: who says a rule (a source, or the app itself; see `originWords`),
 * what a rule does, and why a step or the protocol is ruled out.
 */
import { localized } from '../content/localized.ts';
import type { ContraindicationItem, Locale, Protocol } from '../content/schema.ts';
import { blocksStep, type ApplicableItem } from '../domain/safety.ts';
import { originWords } from '../domain/sourceNotes.ts';
import { techniqueWord } from '../domain/stepWords.ts';
import type { Translate } from '../i18n/i18n.ts';
import { zoneName } from '../i18n/zones.ts';

/** Who says a rule of the safety check. */
export function ruleOrigin(e: ApplicableItem, t: Translate): string {
  return originWords({ own: e.own, sources: e.sources }, t);
}

/** What a rule does to this protocol, in plain words ("no massage", "leaves out steps 9, 10"). */
export function effectWords(
  item: ContraindicationItem,
  t: Translate,
  locale: Locale,
  protocol?: Pick<Protocol, 'steps'>,
): string {
  switch (item.effect) {
    case 'no_massage':
      return t('ui.learn.safety.effect.no_massage');
    case 'specialist_only':
      return t('ui.learn.safety.effect.specialist_only');
    case 'warn':
      return t('ui.learn.safety.effect.warn');
    case 'avoid_zones':
      return t('ui.learn.safety.effect.avoid_zones', {
        zones: item.zones.map((z) => zoneName(z, locale)).join(', '),
      });
    case 'avoid_techniques':
      return t('ui.learn.safety.effect.avoid_techniques', {
        techniques: (item.techniques ?? []).map((x) => techniqueWord(x, t)).join(', '),
      });
    case 'avoid_steps': {
      const steps = protocol
        ? protocol.steps.flatMap((s, i) => (blocksStep(item, s) ? [i + 1] : []))
        : [];
      if (steps.length === 0) return t('ui.learn.safety.effect.avoid_steps_none');
      return t(
        steps.length === 1
          ? 'ui.learn.safety.effect.avoid_step'
          : 'ui.learn.safety.effect.avoid_steps',
        { steps: steps.join(', ') },
      );
    }
  }
}

/** Why something is ruled out: "Pregnant: No tapping, patting… (source 002)". */
export function ruleReason(e: ApplicableItem, t: Translate, locale: Locale): string {
  const plain = localized(e.item.plain, locale);
  const label = e.condition ? localized(e.condition.label, locale) : null;
  return `${label ? `${label}: ` : ''}${plain} (${ruleOrigin(e, t)})`;
}

/** Several reasons in one line, each said once (two sources may give the same rule). */
export function reasonsText(
  items: readonly ApplicableItem[],
  t: Translate,
  locale: Locale,
): string {
  return [...new Set(items.map((e) => ruleReason(e, t, locale)))].join(' ');
}
