import { ZONES } from '../state/catalogue.ts';
import { useViewerStore } from '../state/viewerStore.ts';

const GROUP_LABELS: Record<string, string> = { foot: 'Foot', leg: 'Leg', trunk: 'Back and trunk' };

/** Every massage zone as a list of buttons: the keyboard and screen-reader way to pick a zone. */
export function ZoneList() {
  const side = useViewerStore((s) => s.side);
  const select = useViewerStore((s) => s.select);
  const selected = useViewerStore((s) => s.selected);
  const groups = Object.keys(GROUP_LABELS);
  return (
    <details className="zone-list">
      <summary>Zones</summary>
      {groups.map((g) => (
        <section key={g} aria-label={GROUP_LABELS[g]}>
          <h3>{GROUP_LABELS[g]}</h3>
          <ul>
            {ZONES.filter((z) => z.group === g).map((z) => (
              <li key={z.id}>
                <button
                  type="button"
                  aria-pressed={selected?.zone === z.id}
                  onClick={() => select({ zone: z.id, side: z.bilateral ? side : null })}
                >
                  {z.name}
                  {z.avoid ? <span className="avoid-tag"> avoid</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </details>
  );
}
