import { formatProblem } from '../content/problems.ts';
import { useContentStore } from '../state/contentStore.ts';
import { useT } from '../state/localeStore.ts';

/** Lists content files that failed validation (they are left out; the others are usable). */
export function ContentNotice() {
  const problems = useContentStore((s) => s.problems);
  const status = useContentStore((s) => s.status);
  const error = useContentStore((s) => s.error);
  const retry = useContentStore((s) => s.load);
  const { t } = useT();
  if (status === 'failed') {
    return (
      <div className="notice content-notice" role="alert">
        <p>{t('ui.content.failed', { error: error ?? '' })}</p>
        <button type="button" onClick={() => void retry()}>
          {t('ui.retry')}
        </button>
      </div>
    );
  }
  if (problems.length === 0) return null;
  const files = new Set(problems.map((p) => p.file));
  return (
    <div className="notice content-notice" role="status">
      <details open>
        <summary>
          {files.size === 1
            ? t('ui.content.problemsOne')
            : t('ui.content.problemsMany', { count: files.size })}
        </summary>
        <ul>
          {problems.map((p, i) => (
            <li key={`${String(i)}-${p.file}-${p.path}`}>{formatProblem(p)}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
