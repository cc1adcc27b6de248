import { localized } from '../content/localized.ts';
import { useContentStore } from '../state/contentStore.ts';
import { openProtocol } from '../state/currentStep.ts';
import { useT } from '../state/localeStore.ts';
import { usePlayerStore } from '../state/playerStore.ts';

/** Chooses the protocol to play. */
export function ProtocolPicker() {
  const protocols = useContentStore((s) => s.data?.protocols);
  const status = useContentStore((s) => s.status);
  const current = usePlayerStore((s) => s.player.protocolId);
  const { t, locale } = useT();
  if (!protocols) {
    return (
      <p className="muted">
        {t(status === 'failed' ? 'ui.protocols.failed' : 'ui.protocols.loading')}
      </p>
    );
  }
  return (
    <label className="protocol-picker">
      <span>{t('ui.protocols.label')}</span>
      <select
        value={current ?? ''}
        onChange={(e) => {
          const loaded = protocols.find((p) => p.protocol.id === e.target.value);
          if (loaded) openProtocol(loaded);
        }}
      >
        <option value="" disabled>
          {t('ui.protocols.choose')}
        </option>
        {protocols.map(({ protocol }) => (
          <option key={protocol.id} value={protocol.id}>
            {protocol.catalogueId}. {localized(protocol.title, locale)}
          </option>
        ))}
      </select>
    </label>
  );
}
