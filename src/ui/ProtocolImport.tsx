import { useRef, useState, type DragEvent } from 'react';
import { localized } from '../content/localized.ts';
import { useCurrentProtocol } from '../state/currentStep.ts';
import { useImportStore } from '../state/importStore.ts';
import { useT } from '../state/localeStore.ts';

/** Saves `text` as a file through a temporary link (no network). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Import of a clinic's own protocol file (file picker, or drag and drop onto this panel) and
 * export of the current protocol. File contents are only ever shown as text.
 */
export function ProtocolImport() {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const status = useImportStore((s) => s.status);
  const fileName = useImportStore((s) => s.fileName);
  const problems = useImportStore((s) => s.problems);
  const problemTotal = useImportStore((s) => s.problemTotal);
  const unreadable = useImportStore((s) => s.unreadable);
  const imported = useImportStore((s) => s.imported);
  const kept = useImportStore((s) => s.kept);
  const stored = useImportStore((s) => s.stored);
  const refusedEarlier = useImportStore((s) => s.refusedEarlier);
  const importFile = useImportStore((s) => s.importFile);
  const remove = useImportStore((s) => s.remove);
  const current = useCurrentProtocol();
  const { t, locale } = useT();

  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files.item(0);
    if (file) void importFile(file);
  };

  return (
    <section
      className={over ? 'protocol-import drop-over' : 'protocol-import'}
      aria-label={t('ui.import.label')}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="row">
        <label className="file-button">
          {t('ui.import.file')}
          <input
            ref={input}
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
              e.target.value = '';
            }}
          />
        </label>
        <button
          type="button"
          disabled={!current}
          onClick={() => {
            if (current)
              download(
                `${current.protocol.id}.json`,
                `${JSON.stringify(current.protocol, null, 2)}\n`,
              );
          }}
        >
          {t('ui.import.export')}
        </button>
      </div>
      <p className="muted small">{t('ui.import.drop')}</p>
      <div aria-live="polite">
        {status === 'checking' ? <p>{t('ui.import.checking', { file: fileName ?? '' })}</p> : null}
        {status === 'checkingModel' ? (
          <p>{t('ui.import.checkingModel', { file: fileName ?? '' })}</p>
        ) : null}
        {status === 'done' && imported ? (
          <p className="import-ok">
            {t('ui.import.done', {
              title: localized(imported.protocol.title, locale),
              file: fileName ?? '',
            })}{' '}
            {kept?.ok ? t('ui.import.kept') : null}
            {kept && !kept.ok ? t('ui.import.notKept', { detail: kept.detail }) : null}
          </p>
        ) : null}
      </div>
      {status === 'done' && unreadable ? (
        <div className="import-problems" role="alert">
          <p>
            {unreadable.reason === 'not_utf8'
              ? t('ui.import.notUtf8', {
                  file: fileName ?? '',
                  byte: unreadable.byte,
                  line: unreadable.line,
                  column: unreadable.column,
                })
              : t('ui.import.badUtf16', { file: fileName ?? '' })}
          </p>
        </div>
      ) : null}
      {status === 'done' && problems.length > 0 ? (
        <div className="import-problems" role="alert">
          <p>{t('ui.import.failed', { file: fileName ?? '' })}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={`${String(i)}-${p}`}>{p}</li>
            ))}
          </ul>
          {problemTotal > problems.length ? (
            <p className="small">
              {t('ui.import.more', {
                count: problemTotal - problems.length,
                shown: problems.length,
                total: problemTotal,
              })}
            </p>
          ) : null}
        </div>
      ) : null}
      {refusedEarlier.map((r) => (
        <p key={r.file} className="small import-refused-earlier" role="status">
          {t('ui.import.refusedEarlier', { file: r.file, problem: r.problem })}
        </p>
      ))}
      {stored.length > 0 ? (
        <div className="import-kept">
          <p className="small">{t('ui.import.listTitle')}</p>
          <ul>
            {stored.map((k) => (
              <li key={k.id} data-imported={k.id}>
                <span>{localized(k.title, locale)}</span>{' '}
                <button
                  type="button"
                  aria-label={t('ui.import.removeLabel', { title: localized(k.title, locale) })}
                  onClick={() => void remove(k.id)}
                >
                  {t('ui.import.remove')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
