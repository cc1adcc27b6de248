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
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { frameBounds } from '../domain/views.ts';
import { BACKGROUND, CAMERA_FOV, LIGHTS, MAX_DPR, SKIN } from '../scene/sceneStyle.ts';
import { markFirstFrame } from './handoff.ts';

export interface FirstFrame {
  /** Removes the canvas and releases its WebGL context. */
  dispose: () => void;
}

/**
 * Loads the model and draws one frame into `host`. Resolves after the frame was drawn, or with
 * null when it could not be (no WebGL, load error): the app then shows its own states.
 */
export async function drawFirstFrame(
  host: HTMLElement,
  modelUrl: string,
): Promise<FirstFrame | null> {
  let renderer: WebGLRenderer;
  try {
    renderer = new WebGLRenderer({ antialias: false, powerPreference: 'high-performance' });
  } catch {
    return null;
  }
  const dispose = () => {
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

    const loader = new GLTFLoader().setMeshoptDecoder(MeshoptDecoder);
    const gltf = await loader.loadAsync(modelUrl);
    const skin = new MeshStandardMaterial({ color: SKIN, roughness: 0.62, metalness: 0 });
    gltf.scene.traverse((o) => {
      if (o instanceof Mesh) o.material = skin;
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
    return {
      dispose: () => {
        skin.dispose();
        gltf.scene.traverse((o) => {
          if (o instanceof Mesh) (o as Mesh).geometry.dispose();
        });
        dispose();
      },
    };
  } catch {
    dispose();
    return null;
  }
}
