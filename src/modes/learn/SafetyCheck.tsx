import { useState } from 'react';
import { localized } from '../../content/localized.ts';
import type { ContraindicationItem, Locale } from '../../content/schema.ts';
import type { ApplicableItem } from '../../domain/safety.ts';
import { techniqueWord } from '../../domain/stepWords.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { zoneName } from '../../i18n/zones.ts';
import { useT } from '../../state/localeStore.ts';
import { usePlayerStore } from '../../state/playerStore.ts';
import { useApplicableSafety, useSafetyStore } from '../../state/safetyStore.ts';

/** What ticking an item does, in plain words. */
export function effectWords(item: ContraindicationItem, t: Translate, locale: Locale): string {
  switch (item.effect) {
    case 'no_massage':
      return t('ui.learn.safety.effect.no_massage');
    case 'specialist_only':
      return t('ui.learn.safety.effect.specialist_only');
    case 'warn':
      return t('ui.learn.safety.effect.warn');
    case 'avoid_zones':
      return t('ui.learn.safety.effect.avoid_zones', {
        zones: item.zones.map((z) => zoneName(z, locale)).join(', '),
      });
    case 'avoid_techniques':
      return t('ui.learn.safety.effect.avoid_techniques', {
        techniques: (item.techniques ?? []).map((x) => techniqueWord(x, t)).join(', '),
      });
  }
}

/** The checklist items grouped by their list, in order. */
function byList(
  items: readonly ApplicableItem[],
): { list: ApplicableItem['list']; items: ApplicableItem[] }[] {
  const groups = new Map<string, { list: ApplicableItem['list']; items: ApplicableItem[] }>();
  for (const e of items) {
    const g = groups.get(e.list.id) ?? { list: e.list, items: [] };
    g.items.push(e);
    groups.set(e.list.id, g);
  }
  return [...groups.values()];
}

function Checklist() {
  const { checklist, always, notes } = useApplicableSafety();
  const ticked = useSafetyStore((s) => s.ticked);
  const setTicked = useSafetyStore((s) => s.setTicked);
  const clear = useSafetyStore((s) => s.clear);
  const { t, locale } = useT();
  const [open, setOpen] = useState(true);
  const count = checklist.filter((e) => ticked.has(e.key)).length;
  return (
    <details className="safety-check" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {t('ui.learn.safety.title')}:{' '}
        <span className={count > 0 ? 'safety-count ticked' : 'safety-count'}>
          {count > 0 ? t('ui.learn.safety.ticked', { count }) : t('ui.learn.safety.nothingTicked')}
        </span>
      </summary>
      <p className="safety-intro">{t('ui.learn.safety.intro')}</p>
      {byList(checklist).map(({ list, items: group }) => {
        return (
          <fieldset key={list.id} className="safety-list" data-list={list.id}>
            <legend>{localized(list.title, locale)}</legend>
            <ul>
              {group.map((e) => (
                <li key={e.key}>
                  <label data-item={e.key}>
                    <input
                      type="checkbox"
                      checked={ticked.has(e.key)}
                      onChange={(ev) => setTicked(e.key, ev.target.checked)}
                    />{' '}
                    <span className="safety-item">{localized(e.item.plain, locale)}</span>{' '}
                    <span className={`safety-effect effect-${e.item.effect}`}>
                      ({effectWords(e.item, t, locale)})
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        );
      })}
      {count > 0 ? (
        <button type="button" className="safety-clear" onClick={clear}>
          {t('ui.learn.safety.clear')}
        </button>
      ) : null}
      {always.length > 0 ? (
        <div className="safety-always">
          <p>{t('ui.learn.safety.always')}</p>
          <ul>
            {always.map((e) => (
              <li key={e.key}>{localized(e.item.plain, locale)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {notes.length > 0 ? (
        <div className="safety-notes">
          <p>{t('ui.learn.safety.notes')}</p>
          <ul>
            {notes.map((e) => (
              <li key={e.key}>{localized(e.item.plain, locale)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </details>
  );
}

/**
 * The safety check of the protocol in the player: the contraindications that apply, as a
 * checklist in plain words. Opens afresh for every protocol.
 */
export function SafetyCheck() {
  const id = usePlayerStore((s) => s.player.protocolId);
  return id ? <Checklist key={id} /> : null;
}
