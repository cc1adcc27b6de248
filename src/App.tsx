import { lazy, Suspense, use, useEffect, useMemo, useState, type ComponentProps } from 'react';
import { BootCanvas } from './boot/BootCanvas.tsx';
import { bootHasWebGL, endBoot, firstFrame } from './boot/handoff.ts';
import { FOOT_ZONES, LIMB_ZONES } from './content/zoneCatalogue.ts';
import { BODY_SCALE } from './domain/body.ts';
import { decodePlayerLink, firstViewBody } from './domain/playerLink.ts';
import { ModeFailureNotice } from './modes/ModeFailureNotice.tsx';
import { useModeUi } from './modes/useModeUi.ts';
import { clearBodyModel } from './scene/useBodyModel.ts';
import type { ViewerStep } from './scene/Viewer.tsx';
import { bundledCatalogue } from './state/bundledContent.ts';
import { useContentStore } from './state/contentStore.ts';
import { useCurrentStep } from './state/currentStep.ts';
import { useT } from './state/localeStore.ts';
import { useModelLoad } from './state/modelLoad.ts';
import { useModeStore } from './state/modeStore.ts';
import { usePlayerStore } from './state/playerStore.ts';
import { useAvoidZones } from './state/safetyStore.ts';
import { useSceneDemand, wantScene } from './state/sceneDemand.ts';
import { useStepMotionDriver } from './state/stepMotion.ts';
import { useDeepLink } from './state/useDeepLink.ts';
import { useViewerStore } from './state/viewerStore.ts';
import { hasWebGL, prefersReducedMotion } from './ui/capabilities.ts';
import { ContextLostNotice } from './ui/ContextLostNotice.tsx';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { HoverLabel } from './ui/HoverLabel.tsx';
import { LanguageSwitch } from './ui/LanguageSwitch.tsx';
import { LinkNotice } from './ui/LinkNotice.tsx';
import { describeModelError, ModelStatus } from './ui/ModelStatus.tsx';
import { ModeSwitch } from './ui/ModeSwitch.tsx';
import { OrientationCue } from './ui/OrientationCue.tsx';
import { useEarlyTap } from './ui/useEarlyTap.ts';
import { usePlayerKeys } from './ui/usePlayerKeys.ts';
import { ViewToolbar } from './ui/ViewToolbar.tsx';
import { ZoneChip } from './ui/ZoneChip.tsx';
import './ui/layout.css';

/**
 * The interactive 3D view (React Three Fiber, camera controls, the step scene) is its own chunk,
 * loaded when first wanted (`useSceneDemand`). One import per attempt: a retry after a failed
 * load asks for the chunk again (React.lazy would keep the failure).
 */
const viewerChunks = new Map<number, Promise<typeof import('./scene/Viewer.tsx')>>();
function viewerChunk(attempt: number): Promise<typeof import('./scene/Viewer.tsx')> {
  let chunk = viewerChunks.get(attempt);
  if (!chunk) {
    chunk = import('./scene/Viewer.tsx');
    viewerChunks.set(attempt, chunk);
  }
  return chunk;
}

/** The 3D view once its chunk is here (suspends until then; a failed load throws). */
function LazyViewer(
  props: ComponentProps<typeof import('./scene/Viewer.tsx').Viewer> & {
    readonly attempt: number;
  },
) {
  const { attempt, ...viewerProps } = props;
  const { Viewer } = use(viewerChunk(attempt));
  return <Viewer {...viewerProps} />;
}

/** The page without WebGL: its own chunk, as nearly every device has WebGL. */
const NoWebGL = lazy(() => import('./ui/NoWebGL.tsx').then((m) => ({ default: m.NoWebGL })));

/** Whether the page was opened on a link to a protocol (its content is needed at once). */
const linkNamesProtocol = decodePlayerLink(window.location.search).protocol !== null;
/**
 * The body shown while no step is: the one the first view loaded for the link (its protocol's
 * body), so that reaching for the body before the protocol's content has arrived does not
 * download the other model.
 */
const linkBody = firstViewBody(decodePlayerLink(window.location.search), bundledCatalogue);

/** Whatever the user does that reaches for the body asks for the interactive 3D view. */
const REACH_FOR_SCENE = {
  onPointerDown: wantScene,
  onPointerMove: wantScene,
  onWheel: wantScene,
  onTouchStart: wantScene,
  onFocus: wantScene,
} as const;

export function App() {
  const { t } = useT();
  // The first-frame renderer already knows whether WebGL works: no second context to find out.
  const webgl = useMemo(() => bootHasWebGL() ?? hasWebGL(), []);
  const systemReducedMotion = useMemo(() => prefersReducedMotion(), []);
  const userReducedMotion = usePlayerStore((s) => s.reducedMotion);
  const reducedMotion = systemReducedMotion || userReducedMotion;
  const [attempt, setAttempt] = useState(0);
  const [viewerError, setViewerError] = useState(false);
  const loadContent = useContentStore((s) => s.load);
  const modelReady = useViewerStore((s) => s.modelReady);
  // The text does not wait for the model. The first view lists the protocols from the catalogue;
  // their whole content loads at once when the link opens one, in the other modes and in the
  // text mode, else when first needed (a protocol chosen, the library opened, a zone chosen).
  const mode = useModeStore((s) => s.mode);
  useEffect(() => {
    if (linkNamesProtocol || mode !== 'learn' || !webgl) void loadContent();
  }, [loadContent, mode, webgl]);
  // The first frame's canvas goes once the 3D view has drawn the body (or cannot draw it).
  const viewerFailed = !webgl || viewerError;
  useEffect(() => {
    if (modelReady || viewerFailed) endBoot();
  }, [modelReady, viewerFailed]);
  useDeepLink();
  usePlayerKeys();
  const earlyTap = useEarlyTap();

  const modeUi = useModeUi(mode);
  const Panels = modeUi?.Panels;
  const Overlay = modeUi?.Overlay;
  const Scene = modeUi?.Scene;

  useStepMotionDriver();
  const current = useCurrentStep();
  // Zones ruled out by a contraindication ticked in the safety check are avoid zones too.
  const avoidZones = useAvoidZones();
  const kind = current?.protocol.protocol.body ?? linkBody;
  const sceneWanted = useSceneDemand((s) => s.wanted);
  // A step to show, a mode with its own 3D parts, or the user reaching for the body (a preset
  // view, a zone chosen in the list): the interactive view is needed now.
  useEffect(() => {
    if (current || mode !== 'learn') wantScene();
  }, [current, mode]);
  useEffect(
    () =>
      useViewerStore.subscribe((s, prev) => {
        if (
          s.view !== prev.view ||
          s.side !== prev.side ||
          s.selected !== prev.selected ||
          s.hovered !== prev.hovered
        )
          wantScene();
        // The zone panel lists the steps that work on the zone.
        if (s.selected !== prev.selected) void useContentStore.getState().load();
      }),
    [],
  );
  // While the model has failed (a stall, a broken file) its message and retry stand alone: the 3D
  // view, which needs the model, waits for the retry.
  const modelFailed = useModelLoad(kind).status === 'failed';
  const viewerShown = webgl && sceneWanted && !modelFailed;
  const retryModel = () => {
    // Forget the failed load so that the model is fetched again; the first frame (if it is still
    // shown) or the 3D view draws it when it arrives.
    clearBodyModel(kind);
    const frame = firstFrame();
    if (frame) void frame.draw(kind);
    setAttempt((n) => n + 1);
  };
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
          <div className="canvas-wrap" {...REACH_FOR_SCENE} {...earlyTap}>
            <ErrorBoundary
              what={t('ui.error.viewer')}
              describe={(e) => describeModelError(kind, e, t)}
              onError={() => setViewerError(true)}
              onRetry={() => {
                setViewerError(false);
                retryModel();
              }}
            >
              {viewerShown ? (
                <Suspense fallback={null}>
                  <LazyViewer
                    key={attempt}
                    attempt={attempt}
                    kind={kind}
                    avoidZones={avoidZones}
                    footZones={FOOT_ZONES}
                    limbZones={LIMB_ZONES}
                    reducedMotion={reducedMotion}
                    current={viewerStep}
                  >
                    {Scene ? <Scene /> : null}
                  </LazyViewer>
                </Suspense>
              ) : null}
            </ErrorBoundary>
            <BootCanvas />
            <ModelStatus kind={kind} showFailure={!viewerError} onRetry={retryModel} />
            <HoverLabel />
            <ZoneChip />
            <OrientationCue />
            <ViewToolbar />
            <ContextLostNotice />
            {Overlay ? <Overlay /> : null}
          </div>
        ) : (
          <Suspense fallback={null}>
            <NoWebGL />
          </Suspense>
        )}
        <div className="side-panels">
          <ModeFailureNotice />
          <LinkNotice />
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
