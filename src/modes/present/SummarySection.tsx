import { useId, useState } from 'react';
import { localized } from '../../content/localized.ts';
import {
  SUMMARY_HASH,
  decodeSummary,
  parseSummaryJson,
  summaryTotals,
  type HomeSummary,
} from '../../domain/homeLog.ts';
import { hashParam } from '../../domain/program.ts';
import { useContentStore } from '../../state/contentStore.ts';
import { findProtocol } from '../../state/currentStep.ts';
import { loadSummaries, saveSummary } from '../../state/homeStorage.ts';
import { useT } from '../../state/localeStore.ts';
import { CODE_REASON } from '../../ui/codeReason.ts';
import { readSmallFile } from '../../ui/share.ts';

const MAX_FILE_BYTES = 200_000;

/** Reads and keeps the summary a link carries; returns what to tell the user. */
function readFromLink(t: ReturnType<typeof useT>['t']): string {
  const code = hashParam(window.location.hash, SUMMARY_HASH);
  if (code === null) return '';
  const r = decodeSummary(code);
  if (!r.ok)
    return t('ui.summary.refused', { reason: t(CODE_REASON[r.reason]), detail: r.detail ?? '' });
  saveSummary(r.value);
  return t('ui.summary.read', { name: r.value.n });
}

/**
 * "Back from home": the summary a parent brings to the next visit, read from its QR code's link
 * (opened on this device) or from its file, kept on this device and shown step by step.
 */
export function SummarySection() {
  const { t } = useT();
  const ids = useId();
  // A summary QR code opens this page with the summary in the fragment: read it once.
  const [first] = useState(() => readFromLink(t));
  const [summaries, setSummaries] = useState<readonly HomeSummary[]>(() => loadSummaries().value);
  const [message, setMessage] = useState(first);

  const accept = (summary: HomeSummary) => {
    saveSummary(summary);
    setSummaries(loadSummaries().value);
    setMessage(t('ui.summary.read', { name: summary.n }));
  };

  const openFile = async (file: File) => {
    const text = await readSmallFile(file, MAX_FILE_BYTES);
    if (text === null)
      return setMessage(
        t('ui.summary.fileRefused', { file: file.name, reason: t('ui.code.tooLong'), detail: '' }),
      );
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return setMessage(
        t('ui.summary.fileRefused', { file: file.name, reason: t('ui.code.corrupt'), detail: '' }),
      );
    }
    const r = parseSummaryJson(json);
    if (r.ok) accept(r.value);
    else
      setMessage(
        t('ui.summary.fileRefused', {
          file: file.name,
          reason: t(CODE_REASON[r.reason]),
          detail: r.detail ?? '',
        }),
      );
  };

  return (
    <section className="present-section program-section" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>{t('ui.summary.title')}</h2>
      <p className="muted small">{t('ui.summary.intro')}</p>
      <label className="program-file">
        <span>{t('ui.summary.openFile')}</span>
        <input
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openFile(file);
          }}
        />
      </label>
      <p className="muted small" role="status">
        {message}
      </p>
      {summaries.map((s) => (
        <SummaryView key={`${s.i}-${s.m}`} summary={s} />
      ))}
    </section>
  );
}

function SummaryView({ summary }: { readonly summary: HomeSummary }) {
  const { t, locale } = useT();
  const protocols = useContentStore((s) => s.data?.protocols);
  const protocol = findProtocol(protocols, summary.p)?.protocol;
  const stepTitle = (id: string) => {
    const step = protocol?.steps.find((s) => s.id === id);
    return step ? localized(step.title, locale) : id;
  };
  const totals = summaryTotals(summary);
  return (
    <article className="summary-view" data-summary={summary.i}>
      <h3>
        {summary.n}
        {protocol ? ` · ${localized(protocol.title, locale)}` : ''}
      </h3>
      <p>
        {t('ui.summary.totals', {
          sessions: summary.s.length,
          course: summary.c,
          complete: totals.complete,
          done: totals.stepsDone,
          planned: totals.stepsPlanned,
          streak: summary.k,
          made: summary.m,
        })}
      </p>
      {totals.stopped > 0 ? (
        <p className="program-error">{t('ui.summary.painDays', { count: totals.stopped })}</p>
      ) : null}
      <table className="summary-table">
        <thead>
          <tr>
            <th scope="col">{t('ui.summary.date')}</th>
            <th scope="col">{t('ui.summary.steps')}</th>
            <th scope="col">{t('ui.home.reaction.calm')}</th>
            <th scope="col">{t('ui.home.reaction.fussy')}</th>
            <th scope="col">{t('ui.home.reaction.pain')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.s.map((row) => (
            <tr key={row.d} className={row.stop ? 'summary-stopped' : undefined}>
              <td>{row.d}</td>
              <td>
                {row.n}/{row.of}
              </td>
              <td>{row.calm}</td>
              <td>{row.fussy}</td>
              <td>
                {row.pain}
                {row.ps && row.ps.length > 0 ? ` (${row.ps.map(stepTitle).join(', ')})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
