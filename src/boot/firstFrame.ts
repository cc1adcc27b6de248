/**
 * The first frame, drawn with plain three.js before React and React Three Fiber have loaded:
 * the body, lit and framed exactly as the viewer's whole-body view, in a canvas laid over the
 * place the app's canvas will take. The interactive app loads right after and removes this
 * canvas once it has drawn its own first frame. This keeps the time to first frame and the
 * JavaScript the first view needs close to a bare three.js page.
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
import type { Material } from 'three';
import { loadBodyGltf } from '../bodyModel/loadBody.ts';
import type { BodyKind } from '../bodyModel/modelUrls.ts';
import { frameBounds } from '../domain/views.ts';
import { markFirstFrame } from '../scene/firstFrameMark.ts';
import { BACKGROUND, CAMERA_FOV, LIGHTS, MAX_DPR, SKIN } from '../scene/sceneStyle.ts';

export interface FirstFrame {
  /** Removes the canvas and releases its WebGL context. */
  dispose: () => void;
}

/**
 * Loads the model and draws one frame into `host`. Resolves after the frame was drawn, or with
 * null when it could not be (no WebGL, load error): the app then shows its own states. The
 * model is the app's own (`loadBodyGltf`): the app takes it over as drawn, nothing is parsed
 * twice, so this frame leaves the model's meshes and materials as it found them.
 */
export async function drawFirstFrame(
  host: HTMLElement,
  kind: BodyKind,
): Promise<FirstFrame | null> {
  let renderer: WebGLRenderer;
  try {
    renderer = new WebGLRenderer({ antialias: false, powerPreference: 'high-performance' });
  } catch {
    return null;
  }
  const own = new Map<Mesh, Material | Material[]>();
  const dispose = () => {
    for (const [mesh, material] of own) mesh.material = material;
    renderer.domElement.remove();
    renderer.dispose();
    renderer.forceContextLoss();
  };
  try {
    const width = host.clientWidth;
    const height = host.clientHeight;
    renderer.setPixelRatio(Math.min(window.devicePixelRatio, MAX_DPR));
    renderer.setSize(width, height);
    renderer.toneMapping = ACESFilmicToneMapping;
    renderer.domElement.setAttribute('aria-hidden', 'true');
    host.appendChild(renderer.domElement);

    const gltf = await loadBodyGltf(kind);
    const skin = new MeshStandardMaterial({ color: SKIN, roughness: 0.62, metalness: 0 });
    gltf.scene.traverse((o) => {
      if (!(o instanceof Mesh)) return;
      // `instanceof` narrows to Mesh<any…>: name the plain Mesh it is.
      const mesh = o as Mesh;
      own.set(mesh, mesh.material);
      mesh.material = skin;
    });
    const scene = new Scene();
    scene.background = new Color(BACKGROUND);
    const hemi = new HemisphereLight(
      LIGHTS.hemisphere.sky,
      LIGHTS.hemisphere.ground,
      LIGHTS.hemisphere.intensity,
    );
    scene.add(hemi);
    for (const d of LIGHTS.directional) {
      const light = new DirectionalLight('#ffffff', d.intensity);
      light.position.fromArray(d.position);
      scene.add(light);
    }
    scene.add(gltf.scene);
    const box = new Box3().setFromObject(gltf.scene);
    const camera = new PerspectiveCamera(CAMERA_FOV, width / height, 0.01, 30);
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
    renderer.render(scene, camera);
    markFirstFrame();
    // The picture stays on this canvas; the model goes back as it came, for the app.
    for (const [mesh, material] of own) mesh.material = material;
    own.clear();
    scene.remove(gltf.scene);
    return {
      dispose: () => {
        skin.dispose();
        dispose();
      },
    };
  } catch {
    dispose();
    return null;
  }
}
