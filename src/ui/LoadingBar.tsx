import { useProgress } from '@react-three/drei';

/** Thin progress bar over the canvas while the model downloads; gone once everything loaded. */
export function LoadingBar() {
  const { active, progress } = useProgress();
  if (!active) return null;
  const pct = Math.round(progress);
  return (
    <div className="loading" role="progressbar" aria-label="Loading the body model" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
      <div className="loading-track">
        <div className="loading-fill" style={{ width: `${pct}%` }} />
      </div>
      <span>Loading the body model… {pct}%</span>
    </div>
  );
}
