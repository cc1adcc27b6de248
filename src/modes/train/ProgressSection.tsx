import { useId, useState, type ChangeEvent } from 'react';
import { localized } from '../../content/localized.ts';
import { summarizeTrainee, type AttemptKind } from '../../domain/progress.ts';
import type { UiKey } from '../../i18n/i18n.ts';
import { useContentStore } from '../../state/contentStore.ts';
import { useT } from '../../state/localeStore.ts';
import { printBlock, printDate, usePrintClass } from './printTarget.ts';
import { trainSession, useTrainSession } from './trainSession.ts';

const KIND_KEYS: Readonly<Record<AttemptKind, UiKey>> = {
  trace: 'ui.train.kind.trace',
  avoid: 'ui.train.kind.avoid',
  order: 'ui.train.kind.order',
};

/** Largest progress file read (a valid export is far smaller). */
const MAX_IMPORT_BYTES = 5_000_000;

/** Starts a download of a text file. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The trainee's summary (printable on its own), export and import of the progress file. */
export function ProgressSection() {
  const { t, locale } = useT();
  const id = useId();
  const trainee = useTrainSession((s) => s.trainee);
  const doc = useTrainSession((s) => s.doc);
  const protocols = useContentStore((s) => s.data?.protocols);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const summary = trainee ? summarizeTrainee(doc, trainee) : null;
  const printClass = usePrintClass('summary');
  const protocolTitle = (pid: string) => {
    const p = protocols?.find((x) => x.protocol.id === pid);
    return p ? localized(p.protocol.title, locale) : pid;
  };

  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setMessage({ ok: false, text: t('ui.train.import.tooLarge') });
      return;
    }
    const result = trainSession()
      .getState()
      .importJson(await file.text());
    setMessage(
      result.ok
        ? {
            ok: true,
            text: t('ui.train.import.done', { count: Object.keys(result.doc.trainees).length }),
          }
        : { ok: false, text: t('ui.train.import.refused', { detail: result.detail }) },
    );
  };

  return (
    <section className="train-card train-progress" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ui.train.progress.title')}</h2>
      <div className={`train-summary${printClass}`}>
        {summary ? (
          <>
            <p className="train-print-date small">
              {t('ui.train.print.date', { date: printDate(locale) })}
            </p>
            <h3 className="train-summary-name">
              {t('ui.train.progress.of', { name: summary.name })}
            </h3>
            <p className="small" data-testid="summary-totals">
              {t('ui.train.progress.totals', {
                attempts: summary.attempts,
                passed: summary.passed,
              })}
            </p>
            {summary.rows.length > 0 ? (
              <table className="train-table">
                <thead>
                  <tr>
                    <th scope="col">{t('ui.train.progress.protocol')}</th>
                    <th scope="col">{t('ui.train.progress.kind')}</th>
                    <th scope="col">{t('ui.train.progress.attempts')}</th>
                    <th scope="col">{t('ui.train.progress.best')}</th>
                    <th scope="col">{t('ui.train.progress.last')}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.rows.map((r) => (
                    <tr key={`${r.protocolId}:${r.kind}`} data-kind={r.kind}>
                      <td>{protocolTitle(r.protocolId)}</td>
                      <td>{t(KIND_KEYS[r.kind])}</td>
                      <td>
                        {r.passed}/{r.attempts}
                      </td>
                      <td>{r.bestScore}</td>
                      <td>{r.lastScore}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </>
        ) : (
          <p className="muted small">{t('ui.train.progress.none')}</p>
        )}
      </div>
      <div className="train-row train-actions">
        <button
          type="button"
          onClick={() =>
            download(
              `footwork-progress-${new Date().toISOString().slice(0, 10)}.json`,
              trainSession().getState().exportJson(),
            )
          }
        >
          {t('ui.train.progress.export')}
        </button>
        <button type="button" disabled={!summary} onClick={() => printBlock('summary')}>
          {t('ui.train.progress.print')}
        </button>
        <label className="train-file">
          <span>{t('ui.train.progress.import')}</span>
          <input type="file" accept="application/json,.json" onChange={(e) => void onImport(e)} />
        </label>
      </div>
      {message ? (
        <p
          className={message.ok ? 'small' : 'small train-problem'}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
