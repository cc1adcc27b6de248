/** UI words of Learn for the protocol fields the library and the safety check show. */
import type { UiKey, Translate } from '../../i18n/i18n.ts';

const AUDIENCE: Readonly<Partial<Record<string, UiKey>>> = {
  adult: 'ui.learn.audience.adult',
  child: 'ui.learn.audience.child',
  self: 'ui.learn.audience.self',
};

const POSE: Readonly<Partial<Record<string, UiKey>>> = {
  prone: 'ui.learn.pose.prone',
  supine: 'ui.learn.pose.supine',
  seated: 'ui.learn.pose.seated',
  standing: 'ui.learn.pose.standing',
};

const CONDITION: Readonly<Partial<Record<string, UiKey>>> = {
  hallux_valgus: 'ui.learn.condition.hallux_valgus',
  flat_foot: 'ui.learn.condition.flat_foot',
  plano_valgus: 'ui.learn.condition.plano_valgus',
  valgus_foot: 'ui.learn.condition.valgus_foot',
  heel_spur: 'ui.learn.condition.heel_spur',
  metatarsalgia: 'ui.learn.condition.metatarsalgia',
  stress: 'ui.learn.condition.stress',
  fatigue: 'ui.learn.condition.fatigue',
  general: 'ui.learn.condition.general',
};

/** A word from a table, or the value itself when the table has none (new content). */
function word(
  table: Readonly<Partial<Record<string, UiKey>>>,
  value: string,
  t: Translate,
): string {
  const key = table[value];
  return key ? t(key) : value.replace(/_/g, ' ');
}

export const audienceWord = (v: string, t: Translate) => word(AUDIENCE, v, t);
export const poseWord = (v: string, t: Translate) => word(POSE, v, t);
export const conditionWord = (v: string, t: Translate) => word(CONDITION, v, t);

/** Source files are named in src/ui (the step panel shows them too). */
export { sourceWord } from '../../ui/sourceLabel.ts';
