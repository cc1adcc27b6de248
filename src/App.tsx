import { useEffect, useMemo, useState } from 'react';
import { describeViewerError } from './bodyModel/modelError.ts';
import { endBoot } from './boot/handoff.ts';
import { FOOT_ZONES, LIMB_ZONES } from './content/zoneCatalogue.ts';
import { BODY_SCALE } from './domain/body.ts';
import { useModeUi } from './modes/useModeUi.ts';
import { clearBodyModel } from './scene/useBodyModel.ts';
import { Viewer, type ViewerStep } from './scene/Viewer.tsx';
import { useContentStore } from './state/contentStore.ts';
import { useCurrentStep } from './state/currentStep.ts';
import { useT } from './state/localeStore.ts';
import { useModeStore } from './state/modeStore.ts';
import { usePlayerStore } from './state/playerStore.ts';
import { useAvoidZones } from './state/safetyStore.ts';
import { useStepMotionDriver } from './state/stepMotion.ts';
import { useDeepLink } from './state/useDeepLink.ts';
import { useViewerStore } from './state/viewerStore.ts';
import { hasWebGL, prefersReducedMotion } from './ui/capabilities.ts';
import { ContextLostNotice } from './ui/ContextLostNotice.tsx';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { HoverLabel } from './ui/HoverLabel.tsx';
import { LanguageSwitch } from './ui/LanguageSwitch.tsx';
import { LoadingBar } from './ui/LoadingBar.tsx';
import { ModeSwitch } from './ui/ModeSwitch.tsx';
import { NoWebGL } from './ui/NoWebGL.tsx';
import { usePlayerKeys } from './ui/usePlayerKeys.ts';
import { ViewToolbar } from './ui/ViewToolbar.tsx';
import { ZoneChip } from './ui/ZoneChip.tsx';
import './ui/layout.css';

export function App() {
  const { t } = useT();
  const webgl = useMemo(() => hasWebGL(), []);
  const systemReducedMotion = useMemo(() => prefersReducedMotion(), []);
  const userReducedMotion = usePlayerStore((s) => s.reducedMotion);
  const reducedMotion = systemReducedMotion || userReducedMotion;
  const [attempt, setAttempt] = useState(0);
  const [viewerError, setViewerError] = useState(false);
  const loadContent = useContentStore((s) => s.load);
  const modelReady = useViewerStore((s) => s.modelReady);
  // Content is not needed for the first frame: fetch it once the body is drawn (or soon anyway,
  // so the text stays usable when the 3D view cannot start).
  useEffect(() => {
    if (modelReady || !webgl || viewerError) {
      void loadContent();
      return;
    }
    const timer = setTimeout(() => void loadContent(), 4000);
    return () => clearTimeout(timer);
  }, [loadContent, modelReady, webgl, viewerError]);
  // The first-frame overlay goes once the app has drawn the body (or cannot draw it).
  const viewerFailed = !webgl || viewerError;
  useEffect(() => {
    if (modelReady || viewerFailed) endBoot();
  }, [modelReady, viewerFailed]);
  useDeepLink();
  usePlayerKeys();

  const mode = useModeStore((s) => s.mode);
  const modeUi = useModeUi(mode);
  const Panels = modeUi?.Panels;
  const Overlay = modeUi?.Overlay;
  const Scene = modeUi?.Scene;

  useStepMotionDriver();
  const current = useCurrentStep();
  // Zones ruled out by a contraindication ticked in the safety check are avoid zones too.
  const avoidZones = useAvoidZones();
  const kind = current?.protocol.protocol.body ?? 'adult';
  const viewerStep = useMemo((): ViewerStep | null => {
    if (!current) return null;
    const { protocol } = current.protocol;
    return {
      step: current.step,
      side: current.side,
      position: current.step.position ?? protocol.position,
      bodyMorphs: protocol.bodyMorphs ?? {},
      bodyScale: BODY_SCALE[protocol.body],
    };
  }, [current]);

  return (
    <div className={`app mode-${mode}`} data-mode={mode}>
      <header className="app-header">
        <h1>Footwork</h1>
        <p className="tagline">{t('ui.app.tagline')}</p>
        <ModeSwitch />
        <LanguageSwitch />
      </header>
      <main className="stage">
        {webgl ? (
          <div className="canvas-wrap">
            <ErrorBoundary
              what={t('ui.error.viewer')}
              describe={(e) => describeViewerError(kind, e)}
              onError={() => setViewerError(true)}
              onRetry={() => {
                // Forget the failed load so that the model is fetched again.
                clearBodyModel(kind);
                setViewerError(false);
                setAttempt((n) => n + 1);
              }}
            >
              <Viewer
                key={attempt}
                kind={kind}
                avoidZones={avoidZones}
                footZones={FOOT_ZONES}
                limbZones={LIMB_ZONES}
                reducedMotion={reducedMotion}
                current={viewerStep}
              >
                {Scene ? <Scene /> : null}
              </Viewer>
            </ErrorBoundary>
            <LoadingBar />
            <HoverLabel />
            <ZoneChip />
            <ViewToolbar />
            <ContextLostNotice />
            {Overlay ? <Overlay /> : null}
          </div>
        ) : (
          <NoWebGL />
        )}
        <div className="side-panels">
          {Panels ? (
            <Panels />
          ) : (
            <p className="muted" role="status">
              {t('ui.mode.loading')}
            </p>
          )}
        </div>
      </main>
    </div>
  );
}
