import type { HandoutWords } from '../../domain/handout.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { poseWord } from '../learn/learnWords.ts';
import { originWords } from '../safetyWords.ts';

/** The take-home sheet's headings and labels in the UI's locale. */
export function handoutWords(t: Translate): HandoutWords {
  return {
    noMassage: t('ui.present.handout.noMassage'),
    specialist: t('ui.present.handout.specialist'),
    someSteps: t('ui.present.handout.someSteps'),
    care: t('ui.present.handout.care'),
    always: t('ui.learn.safety.always'),
    notes: t('ui.learn.safety.notes'),
    cautions: t('ui.brief.cautions'),
    position: t('ui.brief.position'),
    positionOwn: t('ui.brief.positionOwn'),
    differ: t('ui.present.handout.differ', { topic: '{topic}' }),
    origin: (o) => originWords(o, t),
    pose: (pose) => poseWord(pose, t),
  };
}
