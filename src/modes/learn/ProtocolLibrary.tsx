import { useId, useMemo, useRef, useState } from 'react';
import { localized } from '../../content/localized.ts';
import {
  filterLibrary,
  libraryFacets,
  NO_FILTERS,
  type LibraryFilters,
} from '../../domain/library.ts';
import type { Translate, UiKey } from '../../i18n/i18n.ts';
import { zoneName } from '../../i18n/zones.ts';
import { useContentStore } from '../../state/contentStore.ts';
import { openProtocol } from '../../state/currentStep.ts';
import { useT } from '../../state/localeStore.ts';
import { usePlayerStore } from '../../state/playerStore.ts';
import { audienceWord, conditionWord, poseWord, sourceWord } from './learnWords.ts';

type FacetKey = 'condition' | 'audience' | 'position' | 'source';

/** One filter: a select of the values the protocols have, "Any" first. */
function FacetSelect(props: {
  readonly label: UiKey;
  readonly value: string | null;
  readonly values: readonly string[];
  readonly word: (value: string, t: Translate) => string;
  readonly onChange: (value: string | null) => void;
}) {
  const { t } = useT();
  return (
    <label>
      <span>{t(props.label)}</span>
      <select
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">{t('ui.learn.library.any')}</option>
        {props.values.map((v) => (
          <option key={v} value={v}>
            {props.word(v, t)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The protocol library: search by words (title, summary, steps, zones) and filters by condition,
 * audience, position and source; choosing a result opens it in the player.
 */
export function ProtocolLibrary() {
  const protocols = useContentStore((s) => s.data?.protocols);
  const current = usePlayerStore((s) => s.player.protocolId);
  const { t, locale } = useT();
  const [open, setOpen] = useState(false);
  const [filters, setFilters] = useState<LibraryFilters>(NO_FILTERS);
  const summary = useRef<HTMLElement>(null);
  const hintId = useId();
  const list = useMemo(() => protocols?.map((p) => p.protocol) ?? [], [protocols]);
  const facets = useMemo(() => libraryFacets(list), [list]);
  const results = useMemo(
    () => filterLibrary(list, filters, locale, zoneName),
    [list, filters, locale],
  );
  if (!protocols) {
    // Listed from the first view; the search and filters need every protocol's steps: they load
    // when the library is opened.
    return (
      <details
        className="protocol-library"
        open={open}
        onToggle={(e) => {
          setOpen(e.currentTarget.open);
          if (e.currentTarget.open) void useContentStore.getState().load();
        }}
      >
        <summary ref={summary}>{t('ui.learn.library.title')}</summary>
        <p className="muted">{t('ui.protocols.loading')}</p>
      </details>
    );
  }

  const setFacet = (key: FacetKey) => (value: string | null) =>
    setFilters((f) => ({ ...f, [key]: value }));
  const filtered =
    filters.text.trim() !== '' ||
    filters.condition !== null ||
    filters.audience !== null ||
    filters.position !== null ||
    filters.source !== null;

  return (
    <details
      className="protocol-library"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary ref={summary}>{t('ui.learn.library.title')}</summary>
      <div className="library-body">
        <label className="library-search">
          <span>{t('ui.learn.library.search')}</span>
          <input
            type="search"
            value={filters.text}
            aria-describedby={hintId}
            maxLength={200}
            onChange={(e) => {
              const text = e.target.value;
              setFilters((f) => ({ ...f, text }));
            }}
          />
        </label>
        <p id={hintId} className="library-hint muted">
          {t('ui.learn.library.searchHint')}
        </p>
        <fieldset className="library-filters">
          <legend>{t('ui.learn.library.filters')}</legend>
          <FacetSelect
            label="ui.learn.library.condition"
            value={filters.condition}
            values={facets.conditions}
            word={conditionWord}
            onChange={setFacet('condition')}
          />
          <FacetSelect
            label="ui.learn.library.audience"
            value={filters.audience}
            values={facets.audiences}
            word={audienceWord}
            onChange={setFacet('audience')}
          />
          <FacetSelect
            label="ui.learn.library.position"
            value={filters.position}
            values={facets.positions}
            word={poseWord}
            onChange={setFacet('position')}
          />
          <FacetSelect
            label="ui.learn.library.source"
            value={filters.source}
            values={facets.sources}
            word={sourceWord}
            onChange={setFacet('source')}
          />
        </fieldset>
        <p className="library-count" role="status" aria-live="polite" aria-atomic="true">
          {t('ui.learn.library.count', { count: results.length, total: list.length })}
        </p>
        {results.length === 0 ? (
          <p className="muted">{t('ui.learn.library.none')}</p>
        ) : (
          <ul className="library-results" aria-label={t('ui.learn.library.results')}>
            {results.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  data-protocol={p.id}
                  aria-current={p.id === current ? 'true' : undefined}
                  onClick={() => {
                    const loaded = protocols.find((l) => l.protocol.id === p.id);
                    if (!loaded) return;
                    openProtocol(loaded);
                    setOpen(false);
                    summary.current?.focus();
                  }}
                >
                  <span className="library-title">
                    {p.catalogueId}. {localized(p.title, locale)}
                  </span>
                  <span className="library-meta">
                    {audienceWord(p.audience, t)} · {poseWord(p.position.pose, t)} ·{' '}
                    {t('ui.learn.library.steps', { count: p.steps.length })}
                    {p.id === current ? ` · ${t('ui.learn.library.open')}` : ''}
                  </span>
                  <span className="library-conditions">
                    {p.conditions.map((c) => conditionWord(c, t)).join(', ')}
                  </span>
                  <span className="library-source">
                    {t('ui.learn.library.sourceLine', {
                      sources: p.sources.map((s) => sourceWord(s, t)).join('; '),
                    })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {filtered ? (
          <button type="button" className="library-clear" onClick={() => setFilters(NO_FILTERS)}>
            {t('ui.learn.library.clear')}
          </button>
        ) : null}
      </div>
    </details>
  );
}
