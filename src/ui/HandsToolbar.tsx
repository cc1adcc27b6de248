import { useHandsStore } from '../state/handsStore.ts';
import { useT } from '../state/localeStore.ts';

/** Hands on or off, the caregiver's-eye view, and which hand leads. */
export function HandsToolbar() {
  const { t } = useT();
  const showHands = useHandsStore((s) => s.showHands);
  const caregiverView = useHandsStore((s) => s.caregiverView);
  const leftHanded = useHandsStore((s) => s.leftHanded);
  const store = useHandsStore.getState();
  return (
    <div className="toolbar-group" role="group" aria-label={t('ui.toolbar.hands')}>
      <button
        type="button"
        aria-pressed={showHands}
        title={t('ui.hands.showHint')}
        onClick={() => store.setShowHands(!showHands)}
        data-hands="show"
      >
        {t('ui.hands.show')}
      </button>
      <button
        type="button"
        aria-pressed={caregiverView}
        title={t('ui.hands.caregiverHint')}
        onClick={() => store.setCaregiverView(!caregiverView)}
        data-hands="caregiver"
      >
        {t('ui.hands.caregiver')}
      </button>
      <button
        type="button"
        aria-pressed={leftHanded}
        title={t('ui.hands.leftHandedHint')}
        onClick={() => store.setLeftHanded(!leftHanded)}
        data-hands="left-handed"
      >
        {t('ui.hands.leftHanded')}
      </button>
    </div>
  );
}
