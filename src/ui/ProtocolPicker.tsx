import { useState } from 'react';
import { localized } from '../content/localized.ts';
import { contentData, useContentStore } from '../state/contentStore.ts';
import { findProtocol } from '../state/currentProtocol.ts';
import { openProtocol } from '../state/currentStep.ts';
import { useT } from '../state/localeStore.ts';
import { usePlayerStore } from '../state/playerStore.ts';

/**
 * Chooses the protocol to play. Lists the catalogue (there from the first view); a protocol
 * chosen opens once the content has loaded (at once when it already has).
 */
export function ProtocolPicker() {
  const catalogue = useContentStore((s) => s.catalogue);
  const status = useContentStore((s) => s.status);
  const current = usePlayerStore((s) => s.player.protocolId);
  const { t, locale } = useT();
  // The choice shows while its content loads.
  const [pending, setPending] = useState<string | null>(null);
  if (catalogue.length === 0) {
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
        value={pending ?? current ?? ''}
        aria-busy={pending !== null}
        onChange={(e) => {
          const id = e.target.value;
          setPending(id);
          void contentData().then((data) => {
            const loaded = findProtocol(data?.protocols, id);
            if (loaded) openProtocol(loaded);
            setPending(null);
          });
        }}
      >
        <option value="" disabled>
          {t('ui.protocols.choose')}
        </option>
        {catalogue.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.catalogueId}. {localized(entry.title, locale)}
          </option>
        ))}
      </select>
    </label>
  );
}
