import { MODES, type Mode } from '../domain/modes.ts';
import type { UiKey } from '../i18n/i18n.ts';
import { useT } from '../state/localeStore.ts';
import { useModeStore } from '../state/modeStore.ts';

const MODE_LABELS: Record<Mode, UiKey> = {
  learn: 'ui.mode.learn',
  present: 'ui.mode.present',
  train: 'ui.mode.train',
};

/** Learn / Present / Train buttons in the header. */
export function ModeSwitch() {
  const { t } = useT();
  const mode = useModeStore((s) => s.mode);
  const setMode = useModeStore((s) => s.setMode);
  return (
    <div className="mode-switch" role="group" aria-label={t('ui.mode.label')}>
      {MODES.map((m) => (
        <button
          key={m}
          type="button"
          data-mode={m}
          aria-pressed={mode === m}
          onClick={() => setMode(m)}
        >
          {t(MODE_LABELS[m])}
        </button>
      ))}
    </div>
  );
}
