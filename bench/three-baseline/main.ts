/**
 * Benchmark baseline: the plainest three.js page that shows the same model — GLTFLoader with the
 * meshopt decoder, a perspective camera framing the body, three lights, a continuous render loop
 * at full device pixel ratio with antialiasing (three.js defaults as most pages use them).
 */
import {
  Box3,
  Color,
  DirectionalLight,
  HemisphereLight,
  PerspectiveCamera,
  Scene,
  Vector3,
  WebGLRenderer,
} from 'three';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import modelUrl from '../../models/body-adult.glb?url';

const renderer = new WebGLRenderer({ antialias: true });
renderer.setPixelRatio(window.devicePixelRatio);
renderer.setSize(window.innerWidth, window.innerHeight);
document.body.appendChild(renderer.domElement);

const scene = new Scene();
scene.background = new Color('#1d2027');
scene.add(new HemisphereLight('#fff6ee', '#7d8494', 1.2));
const key = new DirectionalLight('#ffffff', 1.5);
key.position.set(2, 4, 3);
scene.add(key);
const camera = new PerspectiveCamera(35, window.innerWidth / window.innerHeight, 0.01, 30);

const loader = new GLTFLoader().setMeshoptDecoder(MeshoptDecoder);
loader.load(modelUrl, (gltf) => {
  scene.add(gltf.scene);
  const box = new Box3().setFromObject(gltf.scene);
  const center = box.getCenter(new Vector3());
  const radius = box.getSize(new Vector3()).length() / 2;
  camera.position
    .copy(center)
    .add(
      new Vector3(0.45, 0.2, 1)
        .normalize()
        .multiplyScalar(radius / Math.sin((17.5 * Math.PI) / 180)),
    );
  camera.lookAt(center);
  let first = true;
  let angle = 0;
  renderer.setAnimationLoop(() => {
    // Slow turntable so every frame is real work, as in an animated page.
    angle += 0.002;
    gltf.scene.rotation.y = Math.sin(angle) * 0.3;
    renderer.render(scene, camera);
    if (first) {
      first = false;
      performance.mark('footwork:first-frame');
    }
  });
});
