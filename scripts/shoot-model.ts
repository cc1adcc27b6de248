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
import { chromium } from 'playwright-core';
import type { Vec3 } from '../src/domain/body.ts';
import { readBodyFile } from './lib/readBodyFile.ts';
import { readZones } from './model/catalogue.ts';

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

const skin = new THREE.MeshStandardMaterial({ color: 0xd9a88c, roughness: 0.62, metalness: 0 });

window.renderView = (view) => {
  const zones = new Map();
  for (const m of meshes) {
    const zone = m.userData.zone ?? m.parent?.userData.zone ?? 'body';
    if (view.tinted) {
      const c = zone === 'body' ? new THREE.Color(0xb9a79c) : hashColor(zone);
      m.material = new THREE.MeshStandardMaterial({ color: c, roughness: 0.6, metalness: 0 });
      if (zone !== 'body') zones.set(zone, c);
    } else {
      m.material = skin;
    }
    m.visible = !(view.hideSide && m.userData.side === view.hideSide);
    if (m.morphTargetDictionary) {
      for (const [name, i] of Object.entries(m.morphTargetDictionary)) m.morphTargetInfluences[i] = view.morphs?.[name] ?? 0;
    }
  }
  renderer.clippingPlanes = view.clipY ? [new THREE.Plane(new THREE.Vector3(0, -1, 0), view.clipY)] : [];
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
  renderer.render(scene, camera);
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
      label: `${id} · hallux_valgus = 1 (morph), dorsal`,
      eye: add(hv, [0.01, d * 0.75, 0.1 * d]),
      target: add(hv, [0, 0, 0.01]),
      up: [0, 0, -1],
      fov: 30,
      morphs: { hallux_valgus: 1 },
      hideSide: 'R',
      tintedToo: false,
    },
    {
      name: 'flat-foot',
      clipY: footLen * 1.3,
      label: `${id} · flat_foot = 1 (morph), medial`,
      eye: add(fc, [-d, d * 0.05, 0.02]),
      target: fc,
      fov: 30,
      hideSide: 'R',
      morphs: { flat_foot: 1 },
      tintedToo: false,
    },
    {
      name: 'toes-flex',
      clipY: footLen * 1.3,
      label: `${id} · toes_flex = 1 (morph), lateral`,
      eye: add(fc, [d, d * 0.1, 0.2 * d]),
      target: fc,
      fov: 30,
      morphs: { toes_flex: 1 },
      hideSide: 'R',
      tintedToo: false,
    },
    {
      name: 'toes-spread',
      clipY: footLen * 1.3,
      label: `${id} · toes_spread = 1 (morph), dorsal`,
      eye: add(fc, [0.02 * d, d, 0.28 * d]),
      target: fc,
      fov: 30,
      up: [0, 0, -1],
      morphs: { toes_spread: 1 },
      hideSide: 'R',
      tintedToo: false,
    },
  ];
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const only = process.argv.slice(2);
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
      const views = await viewsFor(id);
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
      await page.evaluate(async (u) => {
        // page.js defines window.loadBody
        await (window as unknown as { loadBody: (u: string) => Promise<number> }).loadBody(u);
      }, `/models/body-${id}.glb`);
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
            outDir,
            `${id}-${v.name}${v.tintedToo ? (tinted ? '-zones' : '-skin') : ''}.png`,
          );
          await page.screenshot({ path: file });
          console.log(file.slice(root.length + 1));
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
