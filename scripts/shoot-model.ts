/**
 * npm run shoot:model — renders each body from medial, lateral, dorsal, plantar (left foot
 * close-ups), posterior and anterior (whole body), zones tinted and untinted, plus morph views,
 * into docs/model/*.png. Uses Debian Chromium (SwiftShader) through playwright-core.
 */
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MeshoptSimplifier } from 'meshoptimizer';
import { chromium } from 'playwright-core';
import { SKIN_BASE_COLOR, type Vec3 } from '../src/domain/body.ts';
import { lowDetailIndices, LOW_DETAIL_ERROR } from '../src/scene/lowDetail.ts';
import { readBodyFile } from './lib/readBodyFile.ts';
import { armChain } from './model/arm.ts';
import { readZones } from './model/catalogue.ts';
import { ADULT, CHILD } from './model/proportions.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, 'docs/model');
const allowed = ['node_modules/three/', 'models/'];
const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.glb': 'model/gltf-binary',
  '.wasm': 'application/wasm',
};

/** The viewer page: three.js from node_modules, GLTFLoader with the meshopt decoder. */
const PAGE_HTML = `<!doctype html>
<html>
  <head>
    <meta charset="utf-8" />
    <title>Footwork model views</title>
    <style>
      html, body { margin: 0; background: #20232b; overflow: hidden; }
      #label { position: fixed; left: 10px; top: 8px; color: #e8e8e8; font: 15px/1.3 sans-serif; text-shadow: 0 1px 2px #000; }
      #legend { position: fixed; right: 10px; top: 8px; color: #e8e8e8; font: 12px/1.35 sans-serif; text-align: right; }
      #legend span { display: inline-block; width: 10px; height: 10px; margin-left: 6px; vertical-align: middle; }
    </style>
    <script type="importmap">
      { "imports": { "three": "/node_modules/three/build/three.module.js", "three/addons/": "/node_modules/three/examples/jsm/" } }
    </script>
  </head>
  <body>
    <div id="label"></div>
    <div id="legend"></div>
    <div id="panels" style="color:#e8e8e8;font:14px/1.3 sans-serif;text-shadow:0 1px 2px #000"></div>
    <script type="module" src="/page.js"></script>
  </body>
</html>
`;

/** Browser side: loads a body and renders one labelled view per call. */
const PAGE_JS = `// Browser side of scripts/shoot-model.ts: loads a body .glb and renders labelled views.
import * as THREE from 'three';
import { GLTFLoader } from 'three/addons/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/addons/libs/meshopt_decoder.module.js';

const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
renderer.setPixelRatio(1);
renderer.autoClear = false;
renderer.setSize(window.innerWidth, window.innerHeight);
renderer.setClearColor(0x20232b);
document.body.appendChild(renderer.domElement);
const scene = new THREE.Scene();
scene.add(new THREE.HemisphereLight(0xf4f1ee, 0x3a3530, 1.6));
const key = new THREE.DirectionalLight(0xffffff, 1.9);
scene.add(key);
const fill = new THREE.DirectionalLight(0xffffff, 0.6);
scene.add(fill);
const camera = new THREE.PerspectiveCamera(30, window.innerWidth / window.innerHeight, 0.01, 20);

let root = null;
const meshes = [];

let zoneOrder = [];
window.setZoneOrder = (ids) => {
  zoneOrder = ids;
};
// Stable colour per zone id: golden-angle hues over the catalogue order, alternating lightness.
function hashColor(id) {
  const i = Math.max(0, zoneOrder.indexOf(id));
  const hue = ((i * 137.508) % 360) / 360;
  return new THREE.Color().setHSL(hue, 0.62, i % 2 ? 0.5 : 0.66);
}

window.loadBody = async (url) => {
  const loader = new GLTFLoader().setMeshoptDecoder(MeshoptDecoder);
  const gltf = await loader.loadAsync(url);
  root = gltf.scene;
  scene.add(root);
  root.traverse((o) => {
    if (o.isMesh) meshes.push(o);
  });
  return meshes.length;
};

// the app's skin (#e4b79b) over the baked vertex colours (ambient occlusion and tints, relative
// to SKIN_BASE_COLOR in src/domain/body.ts)
let skinBase = [1, 1, 1];
window.setSkinBase = (b) => {
  skinBase = b;
  skin.color.set(0xe4b79b);
  skin.color.r /= b[0];
  skin.color.g /= b[1];
  skin.color.b /= b[2];
};
const skin = new THREE.MeshStandardMaterial({ color: 0xe4b79b, roughness: 0.62, metalness: 0, vertexColors: true });

// low-detail index buffers per zone part (computed in Node with src/scene/lowDetail.ts)
const lowIndex = new Map();
window.setLowDetail = (parts) => {
  for (const [key, idx] of Object.entries(parts)) lowIndex.set(key, new THREE.BufferAttribute(Uint32Array.from(idx), 1));
};
const fullIndex = new Map();
const partKey = (m) => (m.userData.side ? m.userData.zone + '.' + m.userData.side : m.userData.zone);

function setScene(view, panel) {
  const zones = new Map();
  for (const m of meshes) {
    const zone = m.userData.zone ?? m.parent?.userData.zone ?? 'body';
    if (view.tinted) {
      const c = zone === 'body' || zone === 'arm' ? new THREE.Color(0xb9a79c) : hashColor(zone);
      const cc = c.clone();
      cc.r /= skinBase[0];
      cc.g /= skinBase[1];
      cc.b /= skinBase[2];
      m.material = new THREE.MeshStandardMaterial({ color: cc, roughness: 0.6, metalness: 0, vertexColors: true });
      if (zone !== 'body' && zone !== 'arm') zones.set(zone, c);
    } else {
      m.material = panel.wire ? wire : skin;
    }
    m.visible = !(view.hideSide && m.userData.side === view.hideSide);
    if (m.morphTargetDictionary) {
      for (const [name, i] of Object.entries(m.morphTargetDictionary)) m.morphTargetInfluences[i] = panel.morphs?.[name] ?? 0;
    }
    if (!fullIndex.has(m)) fullIndex.set(m, m.geometry.getIndex());
    const low = lowIndex.get(partKey(m));
    m.geometry.setIndex(panel.lowDetail && low ? low : fullIndex.get(m));
  }
  return zones;
}
const wire = new THREE.MeshBasicMaterial({ color: 0xd0c4bc, wireframe: true });

window.renderView = (view) => {
  const panels = view.panels ?? [{ morphs: view.morphs, label: '' }];
  const W = window.innerWidth,
    H = window.innerHeight;
  renderer.setScissorTest(false);
  renderer.setViewport(0, 0, W, H);
  renderer.setClearColor(0x20232b);
  renderer.clear();
  renderer.setScissorTest(true);
  let zones = new Map();
  const labels = document.getElementById('panels');
  labels.innerHTML = '';
  panels.forEach((panel, i) => {
    const w = Math.floor(W / panels.length);
    renderer.setViewport(i * w, 0, w, H);
    renderer.setScissor(i * w, 0, w, H);
    zones = setScene(view, panel);
    renderer.clippingPlanes = view.clipY ? [new THREE.Plane(new THREE.Vector3(0, -1, 0), view.clipY)] : [];
    camera.aspect = w / H;
    camera.position.set(...view.eye);
    camera.up.set(...(view.up ?? [0, 1, 0]));
    camera.fov = view.fov;
    camera.updateProjectionMatrix();
    camera.lookAt(new THREE.Vector3(...view.target));
    // lights follow the camera: key from above-right of the eye, fill from the left
    const dir = new THREE.Vector3(...view.target).sub(camera.position).normalize();
    const right = new THREE.Vector3().crossVectors(dir, camera.up).normalize();
    const dist = camera.position.distanceTo(new THREE.Vector3(...view.target));
    key.position.copy(camera.position).addScaledVector(right, dist * 0.6).addScaledVector(camera.up, dist * 0.8);
    key.target.position.set(...view.target);
    fill.position.copy(camera.position).addScaledVector(right, -dist * 0.8).addScaledVector(camera.up, -dist * 0.2);
    fill.target.position.set(...view.target);
    key.target.updateMatrixWorld();
    fill.target.updateMatrixWorld();
    renderer.render(scene, camera);
    if (panel.label) {
      const d = document.createElement('div');
      d.textContent = panel.label;
      d.style.cssText = 'position:fixed;bottom:10px;left:' + (i * w + 10) + 'px;width:' + (w - 20) + 'px;text-align:center';
      labels.appendChild(d);
    }
  });
  renderer.setScissorTest(false);
  document.getElementById('label').textContent = view.label;
  const legend = document.getElementById('legend');
  legend.innerHTML = '';
  if (view.tinted && view.legend) {
    for (const [zone, c] of [...zones].sort((a, b) => a[0].localeCompare(b[0]))) {
      const row = document.createElement('div');
      row.textContent = zone;
      const sw = document.createElement('span');
      sw.style.background = \`#\${c.getHexString()}\`;
      row.appendChild(sw);
      legend.appendChild(row);
    }
  }
  return true;
};
`;

interface View {
  name: string;
  label: string;
  eye: Vec3;
  target: Vec3;
  up?: Vec3;
  fov: number;
  hideSide?: 'L' | 'R';
  /** Cut away everything above this height (foot close-ups). */
  clipY?: number;
  morphs?: Record<string, number>;
  /** Side-by-side panels of the same view (morph influences, low detail, wireframe). */
  panels?: {
    label: string;
    morphs?: Record<string, number>;
    lowDetail?: boolean;
    wire?: boolean;
  }[];
  tintedToo: boolean;
}

function serve(): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/+/, '');
    if (path === 'page.html' || path === 'page.js') {
      res.writeHead(200, {
        'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html',
      });
      res.end(path.endsWith('.js') ? PAGE_JS : PAGE_HTML);
      return;
    }
    const file = resolve(root, path);
    const rel = file
      .slice(root.length + 1)
      .split(sep)
      .join('/');
    if (
      !file.startsWith(root + sep) ||
      !allowed.some((a) => rel.startsWith(a)) ||
      !existsSync(file) ||
      !statSync(file).isFile()
    ) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      done({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    });
  });
}

function add(a: Vec3, b: Vec3): Vec3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

async function viewsFor(id: string): Promise<View[]> {
  const body = await readBodyFile(resolve(root, `models/body-${id}.glb`));
  const lm = (k: string): Vec3 => {
    const l = body.landmarks.get(k);
    if (!l) throw new Error(`models/body-${id}.glb has no landmark ${k}`);
    return l.position;
  };
  let top = 0;
  for (let i = 1; i < body.positions.length; i += 3) top = Math.max(top, body.positions[i]);
  const heel = lm('heel_back.L'),
    toe = lm('toe2_tip.L');
  const footLen = Math.hypot(toe[0] - heel[0], toe[2] - heel[2]);
  const fc: Vec3 = [(heel[0] + toe[0]) / 2, footLen * 0.22, (heel[2] + toe[2]) / 2];
  const d = footLen * 2.1;
  const whole: Vec3 = [0, top / 2, 0];
  const D = top * 2.05;
  const hv = lm('first_mtp_dorsal.L');
  const series = (name: string): NonNullable<View['panels']> =>
    [0, 0.5, 1].map((w) => ({ label: `${name} = ${w}`, morphs: { [name]: w } }));
  const P = id === 'adult' ? ADULT : CHILD;
  const headC: Vec3 = [0, P.chinY + (P.headTopY - P.chinY) * 0.45, 0.02 * (top / 1.7)];
  const wrist: Vec3 = armChain(P).wrist;
  return [
    {
      name: 'medial',
      clipY: footLen * 1.3,
      label: `${id} · left foot, medial view (right leg hidden)`,
      eye: add(fc, [-d, d * 0.12, 0.02]),
      target: fc,
      fov: 30,
      hideSide: 'R',
      tintedToo: true,
    },
    {
      name: 'lateral',
      clipY: footLen * 1.3,
      label: `${id} · left foot, lateral view`,
      eye: add(fc, [d, d * 0.12, -0.02]),
      target: fc,
      fov: 30,
      tintedToo: true,
    },
    {
      name: 'dorsal',
      clipY: footLen * 1.3,
      label: `${id} · left foot, dorsal view (from above, right leg hidden)`,
      eye: add(fc, [0.02 * d, d, 0.28 * d]),
      target: fc,
      fov: 30,
      up: [0, 0, -1],
      hideSide: 'R',
      tintedToo: true,
    },
    {
      name: 'plantar',
      clipY: footLen * 1.3,
      label: `${id} · left foot, plantar view (from below, right leg hidden)`,
      eye: add(fc, [0, -d, 0.1 * d]),
      target: fc,
      fov: 30,
      up: [0, 0, -1],
      hideSide: 'R',
      tintedToo: true,
    },
    {
      name: 'heel',
      clipY: footLen * 1.3,
      label: `${id} · left heel and ankle from behind (Achilles tendon, malleoli)`,
      eye: add(lm('achilles_low.L'), [0.25 * footLen, 0.35 * footLen, -1.6 * footLen]),
      target: add(lm('achilles_low.L'), [0, 0.05 * footLen, 0.2 * footLen]),
      fov: 30,
      hideSide: 'R',
      tintedToo: true,
    },
    {
      name: 'toes',
      clipY: footLen * 1.3,
      label: `${id} · left toes, anteromedial close-up (right leg hidden)`,
      eye: add(lm('toe2_tip.L'), [-0.35 * footLen, 0.45 * footLen, 0.75 * footLen]),
      target: add(lm('toe3_base.L'), [0, -0.01 * footLen, 0]),
      fov: 30,
      hideSide: 'R',
      tintedToo: true,
    },
    {
      name: 'posterior',
      label: `${id} · posterior view`,
      eye: [0, top * 0.52, -D],
      target: whole,
      fov: 30,
      tintedToo: true,
    },
    {
      name: 'anterior',
      label: `${id} · anterior view`,
      eye: [0, top * 0.52, D],
      target: whole,
      fov: 30,
      tintedToo: true,
    },
    {
      name: 'side',
      label: `${id} · left side view`,
      eye: [D, top * 0.52, 0],
      target: whole,
      fov: 30,
      tintedToo: true,
    },
    {
      name: 'right',
      label: `${id} · right side view`,
      eye: [-D, top * 0.52, 0],
      target: whole,
      fov: 30,
      tintedToo: true,
    },
    {
      name: 'top',
      label: `${id} · from above`,
      eye: [0.001, top + D * 0.95, 0],
      target: [0, top * 0.45, 0],
      up: [0, 0, -1],
      fov: 30,
      tintedToo: true,
    },
    {
      name: 'bottom',
      label: `${id} · from below (soles)`,
      eye: [0.001, -D * 0.95, 0.05],
      target: [0, top * 0.45, 0],
      up: [0, 0, 1],
      fov: 30,
      tintedToo: true,
    },
    {
      name: 'head',
      label: `${id} · head and shoulders`,
      eye: add(headC, [top * 0.2, top * 0.02, top * 0.42]),
      target: add(headC, [0, -top * 0.04, 0]),
      fov: 30,
      tintedToo: false,
    },
    {
      name: 'hand',
      label: `${id} · left hand and forearm`,
      eye: add(wrist, [top * 0.28, -top * 0.04, top * 0.2]),
      target: add(wrist, [0, -top * 0.05, 0]),
      fov: 30,
      tintedToo: false,
    },
    {
      name: 'back',
      label: `${id} · back close-up (spine, sacrum)`,
      eye: [0.35 * top * 0.5, top * 0.62, -top * 0.8],
      target: [0, top * 0.62, 0],
      fov: 30,
      tintedToo: true,
    },
    {
      name: 'knee-front',
      label: `${id} · left knee, anterolateral (patella)`,
      eye: add(lm('patella_center.L'), [top * 0.22, top * 0.03, top * 0.32]),
      target: add(lm('patella_center.L'), [0, 0, (-0.03 * top) / 1.7]),
      fov: 30,
      tintedToo: true,
    },
    {
      name: 'knee-back',
      label: `${id} · left knee, posteromedial (popliteal fossa)`,
      eye: add(lm('popliteal_center.L'), [-top * 0.12, top * 0.03, -top * 0.36]),
      target: add(lm('popliteal_center.L'), [0, 0, (0.03 * top) / 1.7]),
      fov: 30,
      hideSide: 'R',
      tintedToo: true,
    },
    {
      name: 'hallux-valgus',
      clipY: footLen * 1.3,
      label: `${id} · hallux_valgus 0 / 0.5 / 1 (morph), dorsal`,
      eye: add(hv, [0.01, d * 0.75, 0.1 * d]),
      target: add(hv, [0, 0, 0.01]),
      up: [0, 0, -1],
      fov: 36,
      panels: series('hallux_valgus'),
      hideSide: 'R',
      tintedToo: false,
    },
    {
      name: 'flat-foot',
      clipY: footLen * 1.3,
      label: `${id} · flat_foot 0 / 0.5 / 1 (morph), medial`,
      eye: add(fc, [-d * 1.1, d * 0.05, 0.02]),
      target: fc,
      fov: 40,
      hideSide: 'R',
      panels: series('flat_foot'),
      tintedToo: false,
    },
    {
      name: 'flat-foot-behind',
      clipY: footLen * 1.3,
      label: `${id} · flat_foot 0 / 0.5 / 1 (morph), heel from behind`,
      eye: add(lm('achilles_low.L'), [0, 0.1 * footLen, -1.9 * footLen]),
      target: add(lm('achilles_low.L'), [0, 0.05 * footLen, 0.2 * footLen]),
      fov: 40,
      hideSide: 'R',
      panels: series('flat_foot'),
      tintedToo: false,
    },
    {
      name: 'flat-foot-plantar',
      clipY: footLen * 1.3,
      label: `${id} · flat_foot 0 / 0.5 / 1 (morph), sole from below`,
      eye: add(fc, [0, -d * 1.05, 0.1 * d]),
      target: fc,
      fov: 40,
      up: [0, 0, -1],
      hideSide: 'R',
      panels: series('flat_foot'),
      tintedToo: false,
    },
    {
      name: 'toes-flex',
      clipY: footLen * 1.3,
      label: `${id} · toes_flex 0 / 0.5 / 1 (morph), lateral`,
      eye: add(fc, [d, d * 0.1, 0.2 * d]),
      target: fc,
      fov: 40,
      panels: series('toes_flex'),
      hideSide: 'R',
      tintedToo: false,
    },
    {
      name: 'toes-extend',
      clipY: footLen * 1.3,
      label: `${id} · toes_extend 0 / 0.5 / 1 (morph), lateral`,
      eye: add(fc, [d, d * 0.1, 0.2 * d]),
      target: fc,
      fov: 40,
      panels: series('toes_extend'),
      hideSide: 'R',
      tintedToo: false,
    },
    {
      name: 'toes-spread',
      clipY: footLen * 1.3,
      label: `${id} · toes_spread 0 / 0.5 / 1 (morph), dorsal`,
      eye: add(fc, [0.02 * d, d, 0.28 * d]),
      target: fc,
      fov: 40,
      up: [0, 0, -1],
      panels: series('toes_spread'),
      hideSide: 'R',
      tintedToo: false,
    },
    {
      name: 'arms-pose',
      label: `${id} · arms as modelled / lying face up (arms_supine) / face down (arms_prone), left side`,
      eye: [D * 0.9, top * 0.5, 0],
      target: [0, top * 0.5, 0],
      fov: 36,
      panels: [
        { label: 'standing, sitting' },
        { label: 'supine: arms on the table', morphs: { arms_supine: 1 } },
        { label: 'prone: arms on the table', morphs: { arms_prone: 1 } },
      ],
      tintedToo: false,
    },
    {
      name: 'low-detail',
      label: `${id} · full / low detail (software rendering while a step plays)`,
      eye: [0, top * 0.52, D * 0.8],
      target: whole,
      fov: 36,
      panels: [
        { label: 'full' },
        { label: 'low detail', lowDetail: true },
        { label: 'low detail, wireframe', lowDetail: true, wire: true },
      ],
      tintedToo: false,
    },
    {
      name: 'low-detail-legs',
      label: `${id} · lower legs and feet, full / low detail`,
      eye: add(lm('shin_low.L'), [-top * 0.05, top * 0.02, top * 0.55]),
      target: add(lm('shin_low.L'), [-0.09 * (top / 1.7), -top * 0.06, 0]),
      fov: 36,
      panels: [
        { label: 'full' },
        { label: 'low detail', lowDetail: true },
        { label: 'low detail, wireframe', lowDetail: true, wire: true },
      ],
      tintedToo: false,
    },
  ];
}

/** The app's low-detail index buffers of every zone part, in the part's own vertex numbering. */
async function lowDetailParts(id: string): Promise<Record<string, number[]>> {
  await MeshoptSimplifier.ready;
  const body = await readBodyFile(resolve(root, `models/body-${id}.glb`));
  let top = 0;
  for (let i = 1; i < body.positions.length; i += 3) top = Math.max(top, body.positions[i]);
  const out: Record<string, number[]> = {};
  body.parts.forEach((part, pi) => {
    const tris: number[] = [];
    for (let t = 0; t < body.triangleParts.length; t++)
      if (body.triangleParts[t] === pi)
        tris.push(body.indices[t * 3], body.indices[t * 3 + 1], body.indices[t * 3 + 2]);
    if (tris.length / 3 < 300) return;
    // readBodyFile appends each part's vertices in file order, so the part's base is its lowest index
    const base = Math.min(...tris);
    const local = Uint32Array.from(tris.map((v) => v - base));
    const low = lowDetailIndices(
      MeshoptSimplifier,
      body.positions.subarray(base * 3),
      local,
      LOW_DETAIL_ERROR * (top / 1.7),
    );
    if (low.length <= local.length * 0.85) out[part.node] = Array.from(low);
  });
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined =>
    args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const only = args.filter((a) => !a.startsWith('--'));
  const viewFilter = opt('views')?.split(',');
  const dir = opt('out') ? resolve(opt('out') ?? '') : outDir;
  mkdirSync(dir, { recursive: true });
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless=new',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    for (const id of ['adult', 'child']) {
      if (only.length && !only.includes(id)) continue;
      const views = (await viewsFor(id)).filter((v) => !viewFilter || viewFilter.includes(v.name));
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      await page.goto(`${server.url}/page.html`);
      await page.waitForFunction(() => 'loadBody' in window);
      await page.evaluate(
        (ids) => {
          (window as unknown as { setZoneOrder: (ids: string[]) => void }).setZoneOrder(ids);
        },
        readZones(root).map((z) => z.id),
      );
      await page.evaluate((b) => {
        (window as unknown as { setSkinBase: (b: readonly number[]) => void }).setSkinBase(b);
      }, SKIN_BASE_COLOR);
      await page.evaluate(async (u) => {
        // page.js defines window.loadBody
        await (window as unknown as { loadBody: (u: string) => Promise<number> }).loadBody(u);
      }, `/models/body-${id}.glb`);
      await page.evaluate(
        (parts) => {
          (
            window as unknown as { setLowDetail: (p: Record<string, number[]>) => void }
          ).setLowDetail(parts);
        },
        await lowDetailParts(id),
      );
      for (const v of views) {
        for (const tinted of v.tintedToo ? [true, false] : [false]) {
          const label = `${v.label}${tinted ? ', zones tinted' : ''}`;
          await page.evaluate(
            (args) => {
              (window as unknown as { renderView: (a: unknown) => boolean }).renderView(args);
            },
            { ...v, label, tinted, legend: tinted },
          );
          const file = resolve(
            dir,
            `${id}-${v.name}${v.tintedToo ? (tinted ? '-zones' : '-skin') : ''}.png`,
          );
          await page.screenshot({ path: file });
          console.log(file.startsWith(root) ? file.slice(root.length + 1) : file);
        }
      }
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err: unknown) => {
  console.error(`shoot:model failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
