import { useContentStore } from '../state/contentStore.ts';
import { openProtocol } from '../state/currentStep.ts';
import { usePlayerStore } from '../state/playerStore.ts';

/** Chooses the protocol to play. */
export function ProtocolPicker() {
  const protocols = useContentStore((s) => s.data?.protocols);
  const status = useContentStore((s) => s.status);
  const current = usePlayerStore((s) => s.player.protocolId);
  if (!protocols) {
    return <p className="muted">{status === 'failed' ? 'The protocols could not be loaded.' : 'Loading protocols…'}</p>;
  }
  return (
    <label className="protocol-picker">
      <span>Protocol</span>
      <select
        value={current ?? ''}
        onChange={(e) => {
          const loaded = protocols.find((p) => p.protocol.id === e.target.value);
          if (loaded) openProtocol(loaded);
        }}
      >
        <option value="" disabled>
          Choose a protocol…
        </option>
        {protocols.map(({ protocol }) => (
          <option key={protocol.id} value={protocol.id}>
            {protocol.catalogueId}. {protocol.title.en}
          </option>
        ))}
      </select>
    </label>
  );
}
