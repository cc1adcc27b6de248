import { formatProblem } from '../content/problems.ts';
import { useContentStore } from '../state/contentStore.ts';

/** Lists content files that failed validation (they are left out; the others are usable). */
export function ContentNotice() {
  const problems = useContentStore((s) => s.problems);
  const status = useContentStore((s) => s.status);
  const error = useContentStore((s) => s.error);
  const retry = useContentStore((s) => s.load);
  if (status === 'failed') {
    return (
      <div className="notice content-notice" role="alert">
        <p>The protocols could not be loaded: {error}</p>
        <button type="button" onClick={() => void retry()}>
          Try again
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
          Problems in {files.size === 1 ? 'one content file' : `${String(files.size)} content files`}: what
          they concern was left out; everything else works.
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
