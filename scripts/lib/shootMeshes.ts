/**
 * Renders plain triangle meshes (positions, optional vertex colours) to PNG files with three.js
 * in Debian Chromium (SwiftShader): a small tool for looking at generated geometry.
 */
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Vec3 } from '../../src/domain/body.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ShotMesh {
  readonly positions: Float32Array;
  readonly indices: Uint32Array;
  /** Per-vertex RGB 0..1, or one colour for the whole mesh. */
  readonly colors?: Float32Array;
  readonly color?: readonly [number, number, number];
  readonly opacity?: number;
}

export interface ShotView {
  readonly eye: Vec3;
  readonly target: Vec3;
  readonly up?: Vec3;
}

export interface Shot {
  readonly file: string;
  readonly label: string;
  readonly meshes: readonly ShotMesh[];
  readonly eye: Vec3;
  readonly target: Vec3;
  readonly up?: Vec3;
  readonly fov?: number;
  /** More views side by side (the first is eye / target / up). */
  readonly more?: readonly ShotView[];
}

const PAGE_HTML = `<!doctype html><html><head><meta charset="utf-8" />
<style>html,body{margin:0;background:#20232b;overflow:hidden}#label{position:fixed;left:10px;top:8px;color:#e8e8e8;font:15px/1.3 sans-serif;text-shadow:0 1px 2px #000}</style>
<script type="importmap">{ "imports": { "three": "/node_modules/three/build/three.module.js" } }</script>
</head><body><div id="label"></div><script type="module">
import * as THREE from 'three';
const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
renderer.setPixelRatio(1);
renderer.setSize(innerWidth, innerHeight);
document.body.appendChild(renderer.domElement);
const scene = new THREE.Scene();
scene.background = new THREE.Color(0x20232b);
scene.add(new THREE.HemisphereLight(0xfff6ee, 0x7d8494, 1.2));
const key = new THREE.DirectionalLight(0xffffff, 1.6); scene.add(key);
const rim = new THREE.DirectionalLight(0xffffff, 0.6); scene.add(rim);
const camera = new THREE.PerspectiveCamera(30, innerWidth / innerHeight, 0.005, 20);
let group = null;
window.renderShot = (shot) => {
  if (group) { scene.remove(group); group.traverse((o) => { o.geometry?.dispose(); o.material?.dispose(); }); }
  group = new THREE.Group();
  for (const m of shot.meshes) {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(m.positions), 3));
    if (m.colors) g.setAttribute('color', new THREE.BufferAttribute(new Float32Array(m.colors), 3));
    g.setIndex(new THREE.BufferAttribute(new Uint32Array(m.indices), 1));
    g.computeVertexNormals();
    const mat = new THREE.MeshStandardMaterial({ roughness: 0.62, metalness: 0, vertexColors: !!m.colors,
      color: m.color ? new THREE.Color(...m.color) : 0xffffff, transparent: (m.opacity ?? 1) < 1, opacity: m.opacity ?? 1 });
    group.add(new THREE.Mesh(g, mat));
  }
  scene.add(group);
  const views = [{ eye: shot.eye, target: shot.target, up: shot.up }, ...(shot.more ?? [])];
  const w = Math.floor(innerWidth / views.length);
  renderer.setScissorTest(true);
  views.forEach((v, i) => {
    renderer.setViewport(i * w, 0, w, innerHeight);
    renderer.setScissor(i * w, 0, w, innerHeight);
    camera.aspect = w / innerHeight;
    camera.fov = shot.fov ?? 30;
    camera.position.set(...v.eye);
    camera.up.set(...(v.up ?? [0, 1, 0]));
    camera.lookAt(...v.target);
    camera.updateProjectionMatrix();
    key.position.set(v.eye[0] + 0.3, v.eye[1] + 1, v.eye[2] + 0.5);
    rim.position.set(-v.eye[0], v.eye[1] - 0.5, -v.eye[2]);
    renderer.render(scene, camera);
  });
  renderer.setScissorTest(false);
  document.getElementById('label').textContent = shot.label;
  return true;
};
window.ready = true;
</script></body></html>`;

export async function shootMeshes(
  shots: readonly Shot[],
  outDir: string,
  size = { width: 900, height: 700 },
): Promise<string[]> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '').replace(/^\/+/, '');
    if (path === 'page.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE_HTML);
      return;
    }
    const file = resolve(root, path);
    if (
      !file.startsWith(resolve(root, 'node_modules/three') + sep) ||
      !existsSync(file) ||
      !statSync(file).isFile()
    ) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/javascript' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  const written: string[] = [];
  try {
    const page = await browser.newPage({ viewport: size });
    await page.goto(`http://127.0.0.1:${String(port)}/page.html`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    mkdirSync(outDir, { recursive: true });
    for (const shot of shots) {
      await page.evaluate(
        (s) => (window as unknown as { renderShot: (x: unknown) => boolean }).renderShot(s),
        {
          ...shot,
          meshes: shot.meshes.map((m) => ({
            positions: Array.from(m.positions),
            indices: Array.from(m.indices),
            colors: m.colors ? Array.from(m.colors) : undefined,
            color: m.color,
            opacity: m.opacity,
          })),
        },
      );
      const file = resolve(outDir, shot.file);
      writeFileSync(file, await page.screenshot());
      written.push(file);
    }
  } finally {
    await browser.close();
    server.close();
  }
  return written;
}
