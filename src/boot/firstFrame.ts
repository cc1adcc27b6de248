/**
 * The first frame, drawn with plain three.js before React Three Fiber has loaded: the body, lit
 * and framed exactly as the viewer's whole-body view. The canvas is made at once (which also
 * tells whether WebGL works); the picture is drawn as soon as the model has arrived, while the
 * app mounts beside it. The app adopts the canvas into its 3D area, draws it again there when
 * that area changes size, and removes it once the interactive 3D view has drawn its own frame.
 * This keeps the time to first frame and the JavaScript of the first view close to a bare
 * three.js page.
 */
import {
  ACESFilmicToneMapping,
  Box3,
  Color,
  DirectionalLight,
  HemisphereLight,
  Mesh,
  MeshStandardMaterial,
  PerspectiveCamera,
  Scene,
  WebGLRenderer,
} from 'three';
import type { Material, Object3D } from 'three';
import { loadBodyGltf } from '../bodyModel/loadBody.ts';
import type { BodyKind } from '../bodyModel/modelUrls.ts';
import { SKIN_BASE_COLOR } from '../domain/body.ts';
import { frameBounds } from '../domain/views.ts';
import { markFirstFrame } from '../scene/firstFrameMark.ts';
import { BACKGROUND, CAMERA_FOV, LIGHTS, MAX_DPR, SKIN } from '../scene/sceneStyle.ts';
import { withoutIdleMorphs } from './idleMorphs.ts';

export interface FirstFrame {
  readonly canvas: HTMLCanvasElement;
  /**
   * Loads the model of `kind` and draws it. Resolves true once drawn, false when it could not be
   * (the load failed: the app shows why and offers a retry, which calls this again).
   */
  draw: (kind: BodyKind) => Promise<boolean>;
  /** Draws the picture again at a new size (CSS pixels), while the model is still its own. */
  resize: (width: number, height: number) => void;
  /** Removes the canvas and releases its WebGL context. */
  dispose: () => void;
}

/**
 * Makes the first-frame canvas in `host` (sized to it), or returns null when this browser has no
 * WebGL: the app then shows its text mode.
 */
export function createFirstFrame(host: HTMLElement): FirstFrame | null {
  let renderer: WebGLRenderer;
  try {
    renderer = new WebGLRenderer({ antialias: false, powerPreference: 'high-performance' });
  } catch {
    return null;
  }
  let width = Math.max(1, host.clientWidth);
  let height = Math.max(1, host.clientHeight);
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, MAX_DPR));
  renderer.setSize(width, height);
  renderer.toneMapping = ACESFilmicToneMapping;
  renderer.domElement.setAttribute('aria-hidden', 'true');
  host.appendChild(renderer.domElement);

  const scene = new Scene();
  scene.background = new Color(BACKGROUND);
  scene.add(
    new HemisphereLight(
      LIGHTS.hemisphere.sky,
      LIGHTS.hemisphere.ground,
      LIGHTS.hemisphere.intensity,
    ),
  );
  for (const d of LIGHTS.directional) {
    const light = new DirectionalLight('#ffffff', d.intensity);
    light.position.fromArray(d.position);
    scene.add(light);
  }
  // the model's vertex colours (baked shadowing, nails, hair) over the skin colour
  const skin = new MeshStandardMaterial({
    color: new Color(SKIN).multiply(
      new Color(1 / SKIN_BASE_COLOR[0], 1 / SKIN_BASE_COLOR[1], 1 / SKIN_BASE_COLOR[2]),
    ),
    roughness: 0.62,
    metalness: 0,
    vertexColors: true,
  });
  const camera = new PerspectiveCamera(CAMERA_FOV, width / height, 0.01, 30);
  let model: Object3D | null = null;
  let disposed = false;

  /**
   * One frame of the model, in the skin material, framed whole. The model goes back as it came
   * (no parent, its own materials): the app's 3D view takes it over as drawn, nothing is parsed
   * twice. Once the app has put it in its own scene, this canvas no longer draws it.
   */
  const render = (): boolean => {
    if (disposed || !model || model.parent) return false;
    const own = new Map<Mesh, Material | Material[]>();
    model.traverse((o) => {
      if (!(o instanceof Mesh)) return;
      // `instanceof` narrows to Mesh<any…>: name the plain Mesh it is.
      const mesh = o as Mesh;
      own.set(mesh, mesh.material);
      mesh.material = skin;
    });
    try {
      scene.add(model);
      const box = new Box3().setFromObject(model);
      camera.aspect = width / height;
      const pose = frameBounds(
        { min: box.min.toArray(), max: box.max.toArray() },
        'whole',
        'L',
        CAMERA_FOV,
        width / height,
        1.02,
      );
      camera.position.set(...pose.position);
      camera.lookAt(...pose.target);
      camera.updateProjectionMatrix();
      // The still picture has no morph weights: one shader program instead of one per morph count.
      withoutIdleMorphs(model, () => renderer.render(scene, camera));
      return true;
    } finally {
      scene.remove(model);
      for (const [mesh, material] of own) mesh.material = material;
    }
  };

  return {
    canvas: renderer.domElement,
    async draw(kind) {
      try {
        const gltf = await loadBodyGltf(kind);
        model = gltf.scene;
        if (!render()) return false;
        markFirstFrame();
        return true;
      } catch {
        return false;
      }
    },
    resize(w, h) {
      const nextW = Math.max(1, Math.round(w));
      const nextH = Math.max(1, Math.round(h));
      if (disposed || (nextW === width && nextH === height)) return;
      width = nextW;
      height = nextH;
      renderer.setSize(width, height);
      render();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      skin.dispose();
      renderer.domElement.remove();
      renderer.dispose();
      renderer.forceContextLoss();
    },
  };
}
