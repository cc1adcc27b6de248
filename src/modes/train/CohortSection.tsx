import { useId, useState, type ChangeEvent } from 'react';
import { localized } from '../../content/localized.ts';
import {
  cohortStanding,
  loadCohort,
  type CohortLoad,
  type StepStanding,
} from '../../domain/cohort.ts';
import type { AttemptKind } from '../../domain/progress.ts';
import type { UiKey } from '../../i18n/i18n.ts';
import { useContentStore } from '../../state/contentStore.ts';
import { useT } from '../../state/localeStore.ts';
import { MEASURE_KEYS } from './feedback.ts';
import { printBlock, printDate, usePrintClass } from './printTarget.ts';

const KIND_KEYS: Readonly<Record<AttemptKind, UiKey>> = {
  trace: 'ui.train.kind.trace',
  avoid: 'ui.train.kind.avoid',
  order: 'ui.train.kind.order',
};

/** Largest progress file read (a valid export is far smaller). */
const MAX_FILE_BYTES = 5_000_000;

/**
 * A clinic's group: several trainees' exported progress files read together (in memory only),
 * each trainee's attempts, mean score and weakest steps with what pulls each down; printable.
 */
export function CohortSection() {
  const { t, locale } = useT();
  const id = useId();
  const protocols = useContentStore((s) => s.data?.protocols);
  const [load, setLoad] = useState<CohortLoad | null>(null);
  const [tooLarge, setTooLarge] = useState<readonly string[]>([]);
  const printClass = usePrintClass('cohort');
  const standing = load ? cohortStanding(load.doc, locale) : [];

  const stepLabel = (s: StepStanding): string => {
    const p = protocols?.find((x) => x.protocol.id === s.protocolId);
    const protocol = p ? localized(p.protocol.title, locale) : s.protocolId;
    if (s.stepId === null) return `${protocol}: ${t('ui.train.cohort.orderOf')}`;
    const index = p?.protocol.steps.findIndex((x) => x.id === s.stepId) ?? -1;
    const step = p?.protocol.steps[index];
    return step ? `${protocol}, ${index + 1}. ${localized(step.title, locale)}` : s.stepId;
  };

  const onFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const list = Array.from(e.target.files ?? []);
    e.target.value = '';
    if (list.length === 0) return;
    const big = list.filter((f) => f.size > MAX_FILE_BYTES).map((f) => f.name);
    const files = await Promise.all(
      list
        .filter((f) => f.size <= MAX_FILE_BYTES)
        .map(async (f) => ({ name: f.name, text: await f.text() })),
    );
    setTooLarge(big);
    setLoad(loadCohort(files, new Date()));
  };

  return (
    <section className="train-card train-cohort" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ui.train.cohort.title')}</h2>
      <p className="small">{t('ui.train.cohort.how')}</p>
      <label className="train-file">
        <span>{t('ui.train.cohort.files')}</span>
        <input
          type="file"
          multiple
          accept="application/json,.json"
          onChange={(e) => void onFiles(e)}
        />
      </label>
      {load ? (
        <>
          <p className="small" role="status" data-testid="cohort-read">
            {t('ui.train.cohort.read', { files: load.merged.length, trainees: standing.length })}
          </p>
          {load.refused.length > 0 || tooLarge.length > 0 ? (
            <ul className="small train-problem" role="alert">
              {load.refused.map((r) => (
                <li key={r.name}>
                  {t('ui.train.cohort.refused', { name: r.name, detail: r.detail })}
                </li>
              ))}
              {tooLarge.map((name) => (
                <li key={name}>{t('ui.train.cohort.tooLarge', { name })}</li>
              ))}
            </ul>
          ) : null}
          <div className={`train-cohort-print${printClass}`}>
            <h3 className="train-print-date">{t('ui.train.cohort.title')}</h3>
            <p className="train-print-date small">
              {t('ui.train.print.date', { date: printDate(locale) })}
            </p>
            <table className="train-table train-cohort-table">
              <thead>
                <tr>
                  <th scope="col">{t('ui.train.cohort.trainee')}</th>
                  <th scope="col">{t('ui.train.progress.attempts')}</th>
                  <th scope="col">{t('ui.train.cohort.mean')}</th>
                  <th scope="col">{t('ui.train.cohort.weakest')}</th>
                </tr>
              </thead>
              <tbody>
                {standing.map((s) => (
                  <tr key={s.name} data-trainee={s.name}>
                    <th scope="row">{s.name}</th>
                    <td>
                      {s.passed}/{s.attempts}
                    </td>
                    <td>{s.meanScore ?? '—'}</td>
                    <td>
                      {s.weakest.length === 0 ? (
                        t('ui.train.cohort.noWeak')
                      ) : (
                        <ul>
                          {s.weakest.map((w) => (
                            <li
                              key={`${w.protocolId}/${w.stepId ?? ''}/${w.kind}`}
                              data-step={w.stepId ?? ''}
                              data-kind={w.kind}
                            >
                              {stepLabel(w)} ({t(KIND_KEYS[w.kind])}): {w.recentScore}
                              {w.weakestMeasure !== null && w.weakestMark !== null
                                ? ` · ${t(MEASURE_KEYS[w.weakestMeasure])} ${w.weakestMark}`
                                : ''}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="train-row train-actions">
            <button
              type="button"
              disabled={standing.length === 0}
              onClick={() => printBlock('cohort')}
            >
              {t('ui.train.progress.print')}
            </button>
            <button
              type="button"
              onClick={() => {
                setLoad(null);
                setTooLarge([]);
              }}
            >
              {t('ui.train.cohort.close')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
