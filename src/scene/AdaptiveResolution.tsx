import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import type { Mesh } from 'three';
import {
  DEFAULT_RESOLUTION_OPTIONS,
  createResolution,
  currentRatio,
  isSoftwareRenderer,
  recordFrame,
} from '../domain/adaptiveResolution.ts';
import { usePlayerStore } from '../state/playerStore.ts';
import { useRenderQuality } from '../state/renderQuality.ts';
import { createLowDetail, type LowDetail } from './lowDetail.ts';
import { createPlayBody } from './playBody.ts';
import { MAX_DPR } from './sceneStyle.ts';

/** The renderer's name (unmasked where the browser allows), or null. */
function rendererName(gl: WebGLRenderingContext | WebGL2RenderingContext): string | null {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof name === 'string' ? name : null;
}

/**
 * Lowers the pixel ratio while an animation runs slower than ~30 fps (software rendering, weak
 * GPUs) and raises it again with headroom. When playback stops, the still picture is redrawn
 * at full resolution. On a known software rasteriser playback starts at the lowest ratio with
 * low-detail feet (prepared once the body is shown), since that is where it would end up.
 */
export function AdaptiveResolution({ meshes }: { readonly meshes: readonly Mesh[] }) {
  const setDpr = useThree((s) => s.setDpr);
  const invalidate = useThree((s) => s.invalidate);
  const gl = useThree((s) => s.gl);
  const full = Math.min(window.devicePixelRatio || 1, MAX_DPR);
  const software = useMemo(() => isSoftwareRenderer(rendererName(gl.getContext())), [gl]);
  const state = useRef(createResolution(full, software ? 0 : full));
  /** Low-detail feet, made the first time the lowest pixel ratio is still too slow. */
  const lowDetail = useRef<{ detail: LowDetail | null; active: boolean; pending: boolean }>({
    detail: null,
    active: false,
    pending: false,
  });
  /** The still zone meshes merged into one draw per paint while the low-detail body plays. */
  const get = useThree((s) => s.get);
  const playBody = useMemo(() => createPlayBody(meshes, () => get().camera), [meshes, get]);
  useEffect(() => () => playBody.restore(), [playBody]);
  /** Low detail, plain light and merged meshes on; the still picture's meshes back off. */
  const lighten = (detail: LowDetail) => {
    detail.use();
    lowDetail.current.active = true;
    useRenderQuality.getState().setLightShading(true);
    playBody.use();
  };
  const unlighten = () => {
    playBody.restore();
    lowDetail.current.detail?.restore();
    lowDetail.current.active = false;
    useRenderQuality.getState().setLightShading(false);
  };
  useEffect(() => {
    const ref = lowDetail.current;
    // Software rendering: make the low-detail feet when the page is idle after the body is shown.
    let idle: number | null = null;
    let cancelled = false;
    if (software && meshes.length > 0 && !ref.detail && !ref.pending) {
      const prepare = () => {
        idle = null;
        ref.pending = true;
        void createLowDetail(meshes).then((detail) => {
          ref.pending = false;
          if (cancelled) return;
          ref.detail = detail;
          if (usePlayerStore.getState().player.status === 'playing' && !ref.active) {
            lighten(detail);
            invalidate();
          }
        });
      };
      idle = window.setTimeout(prepare, 500);
    }
    return () => {
      cancelled = true;
      if (idle !== null) window.clearTimeout(idle);
      unlighten();
      ref.detail = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- lighten and unlighten read refs and playBody (made from meshes)
  }, [meshes, software, invalidate]);

  useEffect(
    () =>
      usePlayerStore.subscribe((s, prev) => {
        if (s.player.status !== 'playing' && prev.player.status === 'playing') {
          const fresh = createResolution(full, full);
          // Keep the learned level for the next playback, but show the still at full resolution.
          state.current = { ...state.current, samples: fresh.samples };
          if (lowDetail.current.active) unlighten();
          setDpr(full);
          invalidate();
        } else if (s.player.status === 'playing' && prev.player.status !== 'playing') {
          setDpr(currentRatio(state.current));
          if (lowDetail.current.detail && state.current.index === 0)
            lighten(lowDetail.current.detail);
        }
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- lighten and unlighten read refs and playBody (made from meshes)
    [full, setDpr, invalidate, playBody],
  );

  useFrame((_, delta) => {
    if (usePlayerStore.getState().player.status !== 'playing') return;
    if (lowDetail.current.active) playBody.update();
    const before = state.current;
    state.current = recordFrame(state.current, delta * 1000);
    if (state.current.index !== before.index) setDpr(currentRatio(state.current));
    // At the lowest pixel ratio and still slow: draw fewer triangles (software rendering).
    const stillSlow =
      before.index === 0 &&
      state.current.index === 0 &&
      before.samples.length > 0 &&
      state.current.samples.length === 0;
    const ld = lowDetail.current;
    if (stillSlow && !ld.active && !ld.pending) {
      const median =
        [...before.samples].sort((a, b) => a - b)[Math.floor(before.samples.length / 2)] ?? 0;
      if (median <= DEFAULT_RESOLUTION_OPTIONS.targetMs) return;
      if (ld.detail) {
        lighten(ld.detail);
        return;
      }
      ld.pending = true;
      void createLowDetail(meshes).then((detail) => {
        ld.pending = false;
        ld.detail = detail;
        if (usePlayerStore.getState().player.status === 'playing') lighten(detail);
      });
    }
  });
  return null;
}
