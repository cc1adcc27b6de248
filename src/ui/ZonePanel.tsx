import { zoneInfo } from '../state/catalogue.ts';
import { useViewerStore } from '../state/viewerStore.ts';
import { zoneLabel } from './zoneLabel.ts';

/** A protocol step that works on a zone, as listed in the zone panel. */
export interface ZoneUsage {
  readonly protocolId: string;
  readonly protocolTitle: string;
  readonly stepTitle: string;
  readonly source: string;
}

interface ZonePanelProps {
  readonly usageOf: (zone: string) => readonly ZoneUsage[];
}

/** Details of the selected zone: name, description, avoid warning, the steps that use it. */
export function ZonePanel({ usageOf }: ZonePanelProps) {
  const selected = useViewerStore((s) => s.selected);
  const select = useViewerStore((s) => s.select);
  if (!selected) return null;
  const info = zoneInfo(selected.zone);
  const usage = usageOf(selected.zone);
  return (
    <aside className="zone-panel" aria-labelledby="zone-panel-title" data-zone={selected.zone}>
      <header>
        <h2 id="zone-panel-title">{zoneLabel(selected)}</h2>
        <button type="button" className="close" aria-label="Close zone panel" onClick={() => select(null)}>
          ×
        </button>
      </header>
      {info?.avoid ? (
        <div className="avoid-warning" role="alert">
          <strong>Avoid: do not massage this area.</strong> {info.avoid.reason}
        </div>
      ) : null}
      <p>{info?.description ?? 'No description.'}</p>
      <h3>Used in</h3>
      {usage.length === 0 ? (
        <p className="muted">{info?.avoid ? 'No step works on it: steps go around it.' : 'No step of the protocols works on this zone.'}</p>
      ) : (
        <ul className="usage">
          {usage.map((u, i) => (
            <li key={`${u.protocolId}-${String(i)}`}>
              <span className="usage-protocol">{u.protocolTitle}</span> — {u.stepTitle}{' '}
              <span className="source">({u.source})</span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
