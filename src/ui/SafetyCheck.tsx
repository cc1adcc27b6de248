import { useState } from 'react';
import { localized } from '../content/localized.ts';
import type { Condition, Locale, Protocol } from '../content/schema.ts';
import type { ApplicableItem, ChecklistEntry } from '../domain/safety.ts';
import type { Translate, UiKey } from '../i18n/i18n.ts';
import { useCurrentProtocol } from '../state/currentProtocol.ts';
import { useT } from '../state/localeStore.ts';
import { useApplicableSafety, useSafetyStore } from '../state/safetyStore.ts';
import { effectWords, ruleOrigin } from './safetyWords.ts';
import './safety.css';

const GROUP_TITLE: Readonly<Record<Condition['group'], UiKey>> = {
  pregnancy: 'ui.learn.safety.group.pregnancy',
  illness: 'ui.learn.safety.group.illness',
  vessels: 'ui.learn.safety.group.vessels',
  skin: 'ui.learn.safety.group.skin',
  sensation: 'ui.learn.safety.group.sensation',
  age: 'ui.learn.safety.group.age',
};

/**
 * One rule under its condition: what it does here, in plain words, and who says it. `same` are
 * further rules that say exactly the same (two lists of one source): shown once.
 */
function Rule({
  rule,
  same,
  protocol,
  t,
  locale,
}: {
  readonly rule: ApplicableItem;
  readonly same: readonly ApplicableItem[];
  readonly protocol: Pick<Protocol, 'steps'> | undefined;
  readonly t: Translate;
  readonly locale: Locale;
}) {
  const also = rule.with.map((c) => localized(c.label, locale)).join(', ');
  const keys = [rule, ...same].map((r) => r.key).join(' ');
  return (
    <li className={rule.own ? 'safety-rule own' : 'safety-rule'} data-rule={keys}>
      <span className={`safety-effect effect-${rule.item.effect}`}>
        {effectWords(rule.item, t, locale, protocol)}
      </span>
      {also ? <> {t('ui.learn.safety.together', { conditions: also })}</> : null}:{' '}
      {localized(rule.item.plain, locale)} <span className="source">({ruleOrigin(rule, t)})</span>
    </li>
  );
}

/** Rules grouped by what they show (effect, words, who says it, what else they need). */
function distinctRules(
  rules: readonly ApplicableItem[],
  t: Translate,
  locale: Locale,
  protocol: Pick<Protocol, 'steps'> | undefined,
): { rule: ApplicableItem; same: ApplicableItem[] }[] {
  const groups = new Map<string, { rule: ApplicableItem; same: ApplicableItem[] }>();
  for (const r of rules) {
    const shown = [
      effectWords(r.item, t, locale, protocol),
      localized(r.item.plain, locale),
      ruleOrigin(r, t),
      r.with.map((c) => c.id).join(),
    ].join('|');
    const group = groups.get(shown);
    if (group) group.same.push(r);
    else groups.set(shown, { rule: r, same: [] });
  }
  return [...groups.values()];
}

function ConditionItem({
  entry,
  protocol,
}: {
  readonly entry: ChecklistEntry;
  readonly protocol: Pick<Protocol, 'steps'> | undefined;
}) {
  const ticked = useSafetyStore((s) => s.ticked);
  const setTicked = useSafetyStore((s) => s.setTicked);
  const { t, locale } = useT();
  const id = entry.condition.id;
  // Narrower cases (stages of pregnancy) are asked once the condition itself is ticked.
  const open = ticked.has(id) || entry.children.some((c) => ticked.has(c.condition.id));
  return (
    <li data-condition={id}>
      <label data-item={id}>
        <input
          type="checkbox"
          checked={ticked.has(id)}
          onChange={(ev) => setTicked(id, ev.target.checked)}
        />{' '}
        <span className="safety-item">{localized(entry.condition.label, locale)}</span>
      </label>
      {entry.rules.length > 0 ? (
        <ul className="safety-rules">
          {distinctRules(entry.rules, t, locale, protocol).map(({ rule, same }) => (
            <Rule
              key={rule.key}
              rule={rule}
              same={same}
              protocol={protocol}
              t={t}
              locale={locale}
            />
          ))}
        </ul>
      ) : null}
      {entry.children.length > 0 && !open ? (
        <p className="safety-more">{t('ui.learn.safety.more', { count: entry.children.length })}</p>
      ) : null}
      {entry.children.length > 0 && open ? (
        <ul className="safety-sub">
          {entry.children.map((c) => (
            <ConditionItem key={c.condition.id} entry={c} protocol={protocol} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Conditions grouped (pregnancy, illness, vessels…) in the order of their first appearance. */
function byGroup(checklist: readonly ChecklistEntry[]): [Condition['group'], ChecklistEntry[]][] {
  const groups = new Map<Condition['group'], ChecklistEntry[]>();
  for (const e of checklist) {
    const list = groups.get(e.condition.group) ?? [];
    list.push(e);
    groups.set(e.condition.group, list);
  }
  return [...groups];
}

/** A titled list of rules that apply whatever is ticked (or are notes), each with who says it. */
function RuleGroup({
  className,
  title,
  rules,
}: {
  readonly className: string;
  readonly title: string;
  readonly rules: readonly ApplicableItem[];
}) {
  const { t, locale } = useT();
  if (rules.length === 0) return null;
  return (
    <div className={className}>
      <p>{title}</p>
      <ul>
        {rules.map((e) => (
          <li key={e.key}>
            {localized(e.item.plain, locale)} <span className="source">({ruleOrigin(e, t)})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Checklist({ startOpen }: { readonly startOpen: boolean }) {
  const { checklist, always, notes, lists } = useApplicableSafety();
  const ticked = useSafetyStore((s) => s.ticked);
  const clear = useSafetyStore((s) => s.clear);
  const protocol = useCurrentProtocol()?.protocol;
  const { t, locale } = useT();
  const [open, setOpen] = useState(startOpen);
  const offered = checklist.flatMap((e) => [e, ...e.children]);
  const count = offered.filter((e) => ticked.has(e.condition.id)).length;
  const readings = lists.filter((l) => l.scopeNote !== undefined);
  return (
    <details className="safety-check" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {t('ui.learn.safety.title')}:{' '}
        <span className={count > 0 ? 'safety-count ticked' : 'safety-count'}>
          {count > 0 ? t('ui.learn.safety.ticked', { count }) : t('ui.learn.safety.nothingTicked')}
        </span>
      </summary>
      <p className="safety-intro">{t('ui.learn.safety.intro')}</p>
      {byGroup(checklist).map(([group, entries]) => (
        <fieldset key={group} className="safety-list" data-group={group}>
          <legend>{t(GROUP_TITLE[group])}</legend>
          <ul>
            {entries.map((e) => (
              <ConditionItem key={e.condition.id} entry={e} protocol={protocol} />
            ))}
          </ul>
        </fieldset>
      ))}
      {count > 0 ? (
        <button type="button" className="safety-clear" onClick={clear}>
          {t('ui.learn.safety.clear')}
        </button>
      ) : null}
      <RuleGroup className="safety-always" title={t('ui.learn.safety.always')} rules={always} />
      <RuleGroup className="safety-notes" title={t('ui.learn.safety.notes')} rules={notes} />
      {readings.length > 0 ? (
        <div className="safety-readings">
          <p>{t('ui.learn.safety.readings')}</p>
          <ul>
            {readings.map((l) => (
              <li key={l.id}>
                {l.scopeNote ? localized(l.scopeNote, locale) : ''}{' '}
                <span className="source">({t('ui.safety.ownReading')})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </details>
  );
}

/**
 * The safety check of the protocol in the player: the conditions a person may have, each with
 * what it rules out here and which source says so. Opens afresh for every protocol (`startOpen`:
 * unfolded, as in Learn, or folded to its summary line, as in Present before the presentation);
 * the ticks stay (they are about the person).
 */
export function SafetyCheck({ startOpen = true }: { readonly startOpen?: boolean }) {
  const protocol = useCurrentProtocol();
  return protocol ? <Checklist key={protocol.protocol.id} startOpen={startOpen} /> : null;
}
