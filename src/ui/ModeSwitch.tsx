import { MODES } from '../domain/modes.ts';
import { useT } from '../state/localeStore.ts';
import { useModeStore } from '../state/modeStore.ts';

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
          {t(`ui.mode.${m}`)}
        </button>
      ))}
    </div>
  );
}
