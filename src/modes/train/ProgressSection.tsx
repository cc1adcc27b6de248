import { useId, useState, type ChangeEvent } from 'react';
import { localized } from '../../content/localized.ts';
import { decodeTextFile } from '../../content/textFile.ts';
import {
  MAX_PROGRESS_FILE_BYTES,
  summarizeTrainee,
  type AttemptKind,
  type ImportResult,
  type LimitProblem,
} from '../../domain/progress.ts';
import type { Translate, UiKey } from '../../i18n/i18n.ts';
import { useContentStore } from '../../state/contentStore.ts';
import { useT } from '../../state/localeStore.ts';
import { trainSession, useTrainSession } from './trainSession.ts';

const KIND_KEYS: Readonly<Record<AttemptKind, UiKey>> = {
  trace: 'ui.train.kind.trace',
  avoid: 'ui.train.kind.avoid',
  order: 'ui.train.kind.order',
};

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

/** The message after merging a file or a backup. */
function importMessage(
  result: ImportResult | LimitProblem,
  t: Translate,
): { ok: boolean; text: string } {
  if (!result.ok)
    return {
      ok: false,
      text:
        result.reason === 'limit_reached' || result.reason === 'too_many_trainees'
          ? t('ui.train.import.limit', { detail: result.detail })
          : t('ui.train.import.refused', { detail: result.detail }),
    };
  const done = t('ui.train.import.done', { count: Object.keys(result.doc.trainees).length });
  return {
    ok: true,
    text:
      result.dropped > 0
        ? `${done} ${t('ui.train.import.partial', { count: result.dropped })}`
        : done,
  };
}

/** Backups kept on the device (data that could not be read as it was): download or restore. */
function BackupList({ onMessage }: { onMessage: (m: { ok: boolean; text: string }) => void }) {
  const { t, locale } = useT();
  const id = useId();
  const backups = useTrainSession((s) => s.backups);
  if (backups.length === 0) return null;
  const session = trainSession().getState();
  const when = (at: string) => {
    const d = new Date(at);
    return Number.isFinite(d.getTime())
      ? d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })
      : at;
  };
  return (
    <section className="train-backups" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('ui.train.backups.title')}</h3>
      <p className="small muted">{t('ui.train.backups.intro')}</p>
      <ul>
        {backups.map((b) => (
          <li key={b.key} data-backup={b.key}>
            <p className="small">
              {t('ui.train.backups.item', {
                date: when(b.at),
                size: Math.max(1, Math.round(b.size / 1024)),
              })}
            </p>
            <p className="small muted">{b.reason}</p>
            <div className="train-row">
              <button
                type="button"
                onClick={() =>
                  void session.backupText(b.key).then((text) => {
                    if (text !== null)
                      download(`footwork-progress-backup-${b.at.slice(0, 10)}.json`, text);
                  })
                }
              >
                {t('ui.train.backups.download')}
              </button>
              <button
                type="button"
                onClick={() =>
                  void session.restoreBackup(b.key).then((r) => onMessage(importMessage(r, t)))
                }
              >
                {t('ui.train.backups.restore')}
              </button>
              <button type="button" onClick={() => void session.removeBackup(b.key)}>
                {t('ui.train.backups.remove')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
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
  const protocolTitle = (pid: string) => {
    const p = protocols?.find((x) => x.protocol.id === pid);
    return p ? localized(p.protocol.title, locale) : pid;
  };

  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_PROGRESS_FILE_BYTES) {
      setMessage({ ok: false, text: t('ui.train.import.tooLarge') });
      return;
    }
    const decoded = decodeTextFile(new Uint8Array(await file.arrayBuffer()));
    if (!decoded.ok) {
      setMessage({ ok: false, text: t('ui.train.import.refused', { detail: decoded.detail }) });
      return;
    }
    const result = await trainSession().getState().importJson(decoded.text);
    setMessage(importMessage(result, t));
  };

  return (
    <section className="train-card train-progress" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ui.train.progress.title')}</h2>
      <div className="train-summary">
        {summary ? (
          <>
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
        <button type="button" disabled={!summary} onClick={() => window.print()}>
          {t('ui.train.progress.print')}
        </button>
        <label className="train-file">
          <span>{t('ui.train.progress.import')}</span>
          <input type="file" accept="application/json,.json" onChange={(e) => void onImport(e)} />
        </label>
      </div>
      <BackupList onMessage={setMessage} />
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
