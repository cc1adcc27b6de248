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
            detail.use();
            ref.active = true;
            useRenderQuality.getState().setLightShading(true);
            invalidate();
          }
        });
      };
      idle = window.setTimeout(prepare, 500);
    }
    return () => {
      cancelled = true;
      if (idle !== null) window.clearTimeout(idle);
      ref.detail?.restore();
      ref.detail = null;
      ref.active = false;
      useRenderQuality.getState().setLightShading(false);
    };
  }, [meshes, software, invalidate]);

  useEffect(
    () =>
      usePlayerStore.subscribe((s, prev) => {
        if (s.player.status !== 'playing' && prev.player.status === 'playing') {
          const fresh = createResolution(full, full);
          // Keep the learned level for the next playback, but show the still at full resolution.
          state.current = { ...state.current, samples: fresh.samples };
          if (lowDetail.current.active) {
            lowDetail.current.detail?.restore();
            lowDetail.current.active = false;
            useRenderQuality.getState().setLightShading(false);
          }
          setDpr(full);
          invalidate();
        } else if (s.player.status === 'playing' && prev.player.status !== 'playing') {
          setDpr(currentRatio(state.current));
          if (lowDetail.current.detail && state.current.index === 0) {
            lowDetail.current.detail.use();
            lowDetail.current.active = true;
            useRenderQuality.getState().setLightShading(true);
          }
        }
      }),
    [full, setDpr, invalidate],
  );

  useFrame((_, delta) => {
    if (usePlayerStore.getState().player.status !== 'playing') return;
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
        ld.detail.use();
        ld.active = true;
        useRenderQuality.getState().setLightShading(true);
        return;
      }
      ld.pending = true;
      void createLowDetail(meshes).then((detail) => {
        ld.pending = false;
        ld.detail = detail;
        if (usePlayerStore.getState().player.status === 'playing') {
          detail.use();
          ld.active = true;
          useRenderQuality.getState().setLightShading(true);
        }
      });
    }
  });
  return null;
}
