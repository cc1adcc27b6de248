import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Mesh, PropertyBinding, Vector3, type Material } from 'three';
import { sidedKey } from '../domain/body.ts';
import { playerEngine } from '../state/playerStore.ts';
import { useRenderQuality } from '../state/renderQuality.ts';
import { useStepMotionStore } from '../state/stepMotion.ts';
import { handsStatus } from './handsStatus.ts';
import { zoneOfObject } from './zoneMeshes.ts';

const isHatched = (m: Material): boolean => m.customProgramCacheKey().startsWith('footwork-hatch');

/**
 * Read-only inspection hooks on `window.footwork` for end-to-end tests and benchmarks:
 * where a landmark of the model appears on screen, how many frames were drawn and what the last
 * one cost.
 */
export interface FootworkProbe {
  /** Client (CSS pixel) coordinates of landmark `lm:<key>`, or null if the model lacks it. */
  screenPointOf: (landmarkKey: string) => { x: number; y: number } | null;
  /** Frames drawn since the canvas was created. */
  frameCount: () => number;
  /** What the last frame cost: triangles drawn and the pixel ratio it was drawn at. */
  lastFrame: () => { triangles: number; pixelRatio: number; lightShading: boolean };
  /** How many hands the step shows now (0 while they load or plan, or with the glyph). */
  handsShown: () => number;
  /** Which of them: 'L', 'R', 'LR' or ''. */
  handsSides: () => string;
  /**
   * When the current step's hands were first drawn: the player's seconds into the step then,
   * and whether its plan was made ahead (while the step before played); null before.
   */
  handsFirstShown: () => { key: string; elapsed: number; ahead: boolean } | null;
  /** Plans of coming steps made ahead and ready. */
  handsPlannedAhead: () => number;
  /** The player's status: 'idle', 'playing', 'paused' or 'finished'. */
  playerStatus: () => string;
  /** Seconds played of the current step. */
  playerElapsed: () => number;
  /** The key (`protocol/step/side`) of the step whose motion and warnings are ready, or null. */
  derivedStep: () => string | null;
  /**
   * The current step's path on the skin in client coordinates, one list per stroke (the motion
   * plan's points, in the body's pose now), or null while it is not derived.
   */
  stepPathOnScreen: () => { x: number; y: number }[][] | null;
  /**
   * How the current step is framed now: its key, where its framed centre appears (client
   * pixels), the camera's world position, and the sided keys of the avoid zones it warns of
   * and of the zone meshes drawn hatched; null while it is not derived.
   */
  stepView: () => {
    key: string;
    center: { x: number; y: number } | null;
    camera: [number, number, number];
    nearAvoid: string[];
    hatched: string[];
  } | null;
}

declare global {
  interface Window {
    footwork?: FootworkProbe;
  }
}

export function Probe() {
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  useEffect(() => {
    const stepView: FootworkProbe['stepView'] = () => {
      const derived = useStepMotionStore.getState().derived;
      if (!derived) return null;
      const rect = gl.domElement.getBoundingClientRect();
      const c = derived.frame?.center;
      let center: { x: number; y: number } | null = null;
      if (c) {
        const v = new Vector3(...c).project(camera);
        center = {
          x: rect.left + ((v.x + 1) / 2) * rect.width,
          y: rect.top + ((1 - v.y) / 2) * rect.height,
        };
      }
      const hatched = new Set<string>();
      scene.traverse((o) => {
        const zone = zoneOfObject(o);
        if (!zone || !(o instanceof Mesh) || !o.visible) return;
        const m = o.material as Material | Material[];
        // The hatched material is told by its shader (src/scene/materials.ts).
        if (!Array.isArray(m) && isHatched(m)) hatched.add(sidedKey(zone.zone, zone.side));
      });
      const eye = camera.getWorldPosition(new Vector3());
      return {
        key: derived.key,
        center,
        camera: [eye.x, eye.y, eye.z],
        nearAvoid: derived.nearAvoid.map((z) => sidedKey(z.zone, z.side)),
        hatched: [...hatched],
      };
    };
    const probe: FootworkProbe = {
      stepView,
      screenPointOf: (key) => {
        // GLTFLoader strips '.' and ':' from node names: `lm:heel_back.L` becomes `lmheel_backL`.
        const lm = scene.getObjectByName(PropertyBinding.sanitizeNodeName(`lm:${key}`));
        if (!lm) return null;
        const p = lm.getWorldPosition(new Vector3()).project(camera);
        const rect = gl.domElement.getBoundingClientRect();
        return {
          x: rect.left + ((p.x + 1) / 2) * rect.width,
          y: rect.top + ((1 - p.y) / 2) * rect.height,
        };
      },
      frameCount: () => gl.info.render.frame,
      lastFrame: () => ({
        triangles: gl.info.render.triangles,
        pixelRatio: gl.getPixelRatio(),
        lightShading: useRenderQuality.getState().lightShading,
      }),
      handsShown: () => handsStatus.shown,
      handsSides: () => handsStatus.sides,
      handsFirstShown: () => handsStatus.firstShown,
      handsPlannedAhead: () => handsStatus.plannedAhead,
      playerStatus: () => playerEngine.state.status,
      playerElapsed: () => playerEngine.state.elapsed,
      derivedStep: () => useStepMotionStore.getState().derived?.key ?? null,
      stepPathOnScreen: () => {
        const plan = useStepMotionStore.getState().derived?.motion?.plan;
        // The path is in the body model's frame: that of its landmarks' parent (the glTF scene).
        const root = scene.getObjectByName(
          PropertyBinding.sanitizeNodeName(plan ? 'lm:heel_back.L' : ''),
        )?.parent;
        if (!plan || !root) return null;
        root.updateWorldMatrix(true, false);
        const rect = gl.domElement.getBoundingClientRect();
        const v = new Vector3();
        return plan.path.strokes.map((s) =>
          Array.from({ length: s.count }, (_, i) => {
            v.set(s.points[i * 3] ?? 0, s.points[i * 3 + 1] ?? 0, s.points[i * 3 + 2] ?? 0)
              .applyMatrix4(root.matrixWorld)
              .project(camera);
            return {
              x: rect.left + ((v.x + 1) / 2) * rect.width,
              y: rect.top + ((1 - v.y) / 2) * rect.height,
            };
          }),
        );
      },
    };
    window.footwork = probe;
    return () => {
      if (window.footwork === probe) delete window.footwork;
    };
  }, [scene, camera, gl]);
  return null;
}
