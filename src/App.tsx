import { useMemo, useState } from 'react';
import { Viewer } from './scene/Viewer.tsx';
import { AVOID_ZONES, FOOT_ZONES, LIMB_ZONES } from './state/catalogue.ts';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { HoverLabel } from './ui/HoverLabel.tsx';
import { LoadingBar } from './ui/LoadingBar.tsx';
import { NoWebGL } from './ui/NoWebGL.tsx';
import { ViewToolbar } from './ui/ViewToolbar.tsx';
import { ZoneList } from './ui/ZoneList.tsx';
import { ZonePanel, type ZoneUsage } from './ui/ZonePanel.tsx';
import { hasWebGL, prefersReducedMotion } from './ui/webgl.ts';

const noUsage = (): readonly ZoneUsage[] => [];

export function App() {
  const webgl = useMemo(() => hasWebGL(), []);
  const reducedMotion = useMemo(() => prefersReducedMotion(), []);
  const [attempt, setAttempt] = useState(0);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Footwork</h1>
        <p className="tagline">3D atlas of foot and leg massage</p>
      </header>
      <main className="stage">
        {webgl ? (
          <div className="canvas-wrap">
            <ErrorBoundary what="the 3D view" onRetry={() => setAttempt((n) => n + 1)}>
              <Viewer
                key={attempt}
                kind="adult"
                avoidZones={AVOID_ZONES}
                footZones={FOOT_ZONES}
                limbZones={LIMB_ZONES}
                reducedMotion={reducedMotion}
              />
            </ErrorBoundary>
            <LoadingBar />
            <HoverLabel />
            <ViewToolbar />
          </div>
        ) : (
          <NoWebGL />
        )}
        <div className="side-panels">
          <ZonePanel usageOf={noUsage} />
          <ZoneList />
        </div>
      </main>
    </div>
  );
}
