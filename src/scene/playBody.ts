import {
  BufferAttribute,
  BufferGeometry,
  Matrix3,
  Matrix4,
  Mesh,
  MeshBasicMaterial,
  Vector3,
  type Camera,
  type Material,
  type Object3D,
} from 'three';

/** One zone mesh as merged: its vertices in its own frame and where that frame sits. */
export interface MergePart {
  /** xyz per vertex, morphs applied, in the mesh's own (possibly quantised) units. */
  readonly position: Float32Array;
  readonly normal: Float32Array | null;
  /** rgb per vertex, or null (white). */
  readonly color: Float32Array | null;
  /** Triangles drawn now (the low-detail index while playing). */
  readonly index: ArrayLike<number>;
  /** The mesh's frame in the merged mesh's frame (column-major 4×4, as `Matrix4.elements`). */
  readonly matrix: ArrayLike<number>;
}

export interface Merged {
  readonly position: Float32Array;
  readonly normal: Float32Array;
  readonly color: Float32Array;
  readonly index: Uint32Array;
  /** For each merged triangle, the part it came from (which zone it belongs to). */
  readonly triangleParts: Uint16Array;
}

/**
 * The parts as one triangle list in one frame: only the vertices their triangles use are kept
 * (a low-detail index leaves many unused), positions and normals are carried into the common
 * frame, and every triangle keeps its vertices and the part it came from, so a zone's triangles
 * are all there and stay that zone's.
 */
export function mergeParts(parts: readonly MergePart[]): Merged {
  let vertices = 0;
  let indices = 0;
  const remaps = parts.map((p) => {
    const remap = new Int32Array(p.position.length / 3).fill(-1);
    let used = 0;
    for (let i = 0; i < p.index.length; i++) {
      const v = p.index[i] ?? 0;
      if (remap[v] === -1) remap[v] = used++;
    }
    vertices += used;
    indices += p.index.length;
    return { remap, used };
  });
  const position = new Float32Array(vertices * 3);
  const normal = new Float32Array(vertices * 3);
  const color = new Float32Array(vertices * 3).fill(1);
  const index = new Uint32Array(indices);
  const triangleParts = new Uint16Array(indices / 3);
  const m = new Matrix4();
  const n = new Matrix3();
  const v = new Vector3();
  let vBase = 0;
  let iBase = 0;
  parts.forEach((p, pi) => {
    const { remap, used } = remaps[pi] ?? { remap: new Int32Array(0), used: 0 };
    m.fromArray(Array.from(p.matrix));
    n.getNormalMatrix(m);
    for (let src = 0; src < remap.length; src++) {
      const dst = remap[src] ?? -1;
      if (dst < 0) continue;
      const o = (vBase + dst) * 3;
      v.fromArray(p.position, src * 3).applyMatrix4(m);
      v.toArray(position, o);
      if (p.normal) {
        v.fromArray(p.normal, src * 3)
          .applyMatrix3(n)
          .normalize();
        v.toArray(normal, o);
      }
      if (p.color) color.set(p.color.subarray(src * 3, src * 3 + 3), o);
    }
    for (let i = 0; i < p.index.length; i++)
      index[iBase + i] = vBase + (remap[p.index[i] ?? 0] ?? 0);
    triangleParts.fill(pi, iBase / 3, (iBase + p.index.length) / 3);
    vBase += used;
    iBase += p.index.length;
  });
  return { position, normal, color, index, triangleParts };
}

/**
 * The triangles of `index` the camera can draw: those not wholly beyond one side of the view
 * (`margin` widens it, in normalised device units) and not facing away (three.js draws front
 * faces, counter-clockwise on screen). `clip` takes `position`'s frame to clip space.
 * Triangles crossing the camera plane are kept. The rest the renderer would only throw away.
 */
export function trianglesInView(
  position: Float32Array,
  index: Uint32Array,
  clip: Matrix4,
  margin = 0.1,
): Uint32Array {
  const n = position.length / 3;
  const ndc = new Float32Array(n * 2);
  const ahead = new Uint8Array(n);
  const e = clip.elements;
  for (let i = 0; i < n; i++) {
    const x = position[i * 3] ?? 0;
    const y = position[i * 3 + 1] ?? 0;
    const z = position[i * 3 + 2] ?? 0;
    const w = e[3] * x + e[7] * y + e[11] * z + e[15];
    if (w <= 1e-6) continue;
    ahead[i] = 1;
    ndc[i * 2] = (e[0] * x + e[4] * y + e[8] * z + e[12]) / w;
    ndc[i * 2 + 1] = (e[1] * x + e[5] * y + e[9] * z + e[13]) / w;
  }
  const lim = 1 + margin;
  const out = new Uint32Array(index.length);
  let k = 0;
  for (let t = 0; t < index.length; t += 3) {
    const a = index[t] ?? 0;
    const b = index[t + 1] ?? 0;
    const c = index[t + 2] ?? 0;
    if (ahead[a] && ahead[b] && ahead[c]) {
      const ax = ndc[a * 2] ?? 0;
      const ay = ndc[a * 2 + 1] ?? 0;
      const bx = ndc[b * 2] ?? 0;
      const by = ndc[b * 2 + 1] ?? 0;
      const cx = ndc[c * 2] ?? 0;
      const cy = ndc[c * 2 + 1] ?? 0;
      if (ax > lim && bx > lim && cx > lim) continue;
      if (ax < -lim && bx < -lim && cx < -lim) continue;
      if (ay > lim && by > lim && cy > lim) continue;
      if (ay < -lim && by < -lim && cy < -lim) continue;
      if ((bx - ax) * (cy - ay) - (cx - ax) * (by - ay) < 0) continue;
    } else if (!ahead[a] && !ahead[b] && !ahead[c]) continue;
    out[k++] = a;
    out[k++] = b;
    out[k++] = c;
  }
  return out.slice(0, k);
}

/** xyz per vertex of a mesh as drawn now: its morph targets applied with their influences. */
export function morphedPositions(mesh: Mesh): Float32Array {
  return morphed(mesh, 'position');
}

function morphed(mesh: Mesh, name: 'position' | 'normal'): Float32Array {
  const g = mesh.geometry;
  const base = g.getAttribute(name);
  const out = new Float32Array(base.count * 3);
  for (let i = 0; i < base.count; i++) {
    out[i * 3] = base.getX(i);
    out[i * 3 + 1] = base.getY(i);
    out[i * 3 + 2] = base.getZ(i);
  }
  const targets = g.morphAttributes[name] ?? [];
  const influences = mesh.morphTargetInfluences ?? [];
  const relative = g.morphTargetsRelative;
  let sum = 0;
  targets.forEach((_, t) => (sum += influences[t] ?? 0));
  if (!relative && sum !== 0)
    for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) * (1 - sum);
  targets.forEach((target, t) => {
    const w = influences[t] ?? 0;
    if (w === 0) return;
    for (let i = 0; i < target.count; i++) {
      out[i * 3] = (out[i * 3] ?? 0) + w * target.getX(i);
      out[i * 3 + 1] = (out[i * 3 + 1] ?? 0) + w * target.getY(i);
      out[i * 3 + 2] = (out[i * 3 + 2] ?? 0) + w * target.getZ(i);
    }
  });
  return out;
}

function rgbOf(mesh: Mesh): Float32Array | null {
  const c = mesh.geometry.getAttribute('color') as BufferAttribute | undefined;
  if (!c) return null;
  const out = new Float32Array(c.count * 3);
  for (let i = 0; i < c.count; i++) {
    out[i * 3] = c.getX(i);
    out[i * 3 + 1] = c.getY(i);
    out[i * 3 + 2] = c.getZ(i);
  }
  return out;
}

export interface PlayBody {
  /** Draws the still meshes merged, one draw per paint, from now on. */
  use: () => void;
  /** Per frame while in use: follows repaints, hiding, bending and morphs of the meshes. */
  update: () => void;
  /** Back to the meshes as they are, each drawn on its own. */
  restore: () => void;
  /** Draw calls the body's meshes take now (for inspection). */
  drawCalls: () => number;
}

/** Frames the camera stands still before the merged meshes are cut for it again. */
const STILL_FRAMES = 6;

interface Tracked {
  readonly mesh: Mesh;
  /** The paint the app gave the mesh (drawn by the merged mesh while the mesh is hidden). */
  paint: Material | Material[];
  visible: boolean;
  index: BufferAttribute | null;
  version: number;
  influences: number[];
  /** Changes every frame (an exercise bends it, a toe exercise morphs it): drawn on its own. */
  live: boolean;
}

/**
 * Zone meshes drawn as few meshes as there are paints while a step plays on a software renderer,
 * holding only the triangles the camera can draw (in view and facing it): a seated close-up sees
 * about a seventh of the body's triangles, and a renderer on the CPU pays for every triangle it is
 * given, seen or not. While the camera moves the zone meshes are drawn as they are, and once it has
 * stood still for a few frames the merged meshes are cut for it again. The meshes
 * stay in the scene for picking (their material is swapped for an invisible one, so they are not
 * drawn); what the app does to them (a new paint, hiding the other leg, a new pose) is seen on the
 * next frame and the merged meshes are made again. A mesh that changes every frame (an exercise,
 * a toe movement) is drawn on its own from then on.
 */
export function createPlayBody(meshes: readonly Mesh[], camera: () => Camera | null): PlayBody {
  const hidden = new MeshBasicMaterial({ visible: false });
  let tracked: Tracked[] = [];
  let merged: Mesh[] = [];
  let dirty = false;
  /** Whether the zone meshes are hidden behind the merged ones (else drawn as they are). */
  let closed = false;
  /** The camera the merged meshes were cut for, and frames it has stood still since it moved. */
  const seen = new Matrix4();
  const seenProjection = new Matrix4();
  const seenHost = new Matrix4();
  let still = 0;
  const onDispose = () => {
    dirty = true;
  };
  const host = (): Object3D | null => meshes[0]?.parent ?? null;

  const clear = () => {
    for (const m of merged) {
      m.removeFromParent();
      m.geometry.dispose();
    }
    merged = [];
  };

  const build = () => {
    clear();
    dirty = false;
    const parent = host();
    if (!parent) return;
    parent.updateWorldMatrix(true, false);
    const toHost = parent.matrixWorld.clone().invert();
    const groups = new Map<Material, Tracked[]>();
    for (const t of tracked) {
      if (t.live || !t.visible || Array.isArray(t.paint) || !t.mesh.geometry.getIndex()) continue;
      const list = groups.get(t.paint) ?? [];
      list.push(t);
      groups.set(t.paint, list);
    }
    for (const [material, list] of groups) {
      const parts = list.map((t): MergePart => {
        t.mesh.updateWorldMatrix(true, false);
        const g = t.mesh.geometry;
        const normal = g.getAttribute('normal') as BufferAttribute | undefined;
        return {
          position: morphedPositions(t.mesh),
          normal: normal ? morphed(t.mesh, 'normal') : null,
          color: rgbOf(t.mesh),
          index: (g.getIndex() as BufferAttribute).array,
          matrix: toHost.clone().multiply(t.mesh.matrixWorld).elements,
        };
      });
      const m = mergeParts(parts);
      const cam = camera();
      let index = m.index;
      if (cam) {
        cam.updateMatrixWorld();
        const clip = cam.projectionMatrix
          .clone()
          .multiply(cam.matrixWorldInverse)
          .multiply(parent.matrixWorld);
        index = trianglesInView(m.position, m.index, clip);
      }
      if (index.length === 0) continue;
      const g = new BufferGeometry();
      g.setAttribute('position', new BufferAttribute(m.position, 3));
      g.setAttribute('normal', new BufferAttribute(m.normal, 3));
      g.setAttribute('color', new BufferAttribute(m.color, 3));
      g.setIndex(new BufferAttribute(index, 1));
      g.computeBoundingSphere();
      const mesh = new Mesh(g, material);
      mesh.name = 'play-body';
      // Not a zone: picking goes to the zone meshes underneath.
      mesh.raycast = () => undefined;
      mesh.matrixAutoUpdate = false;
      parent.add(mesh);
      merged.push(mesh);
    }
  };

  /** The zone meshes drawn again, each as the app painted it (the camera moves). */
  const open = () => {
    clear();
    for (const t of tracked) if (t.mesh.material === hidden) t.mesh.material = t.paint;
    closed = false;
  };
  /** The still zone meshes hidden and drawn merged, cut for the camera as it is now. */
  const close = () => {
    for (const t of tracked) {
      if (t.live) continue;
      t.paint = t.mesh.material;
      t.visible = t.mesh.visible;
      t.index = t.mesh.geometry.getIndex();
      t.mesh.material = hidden;
    }
    closed = true;
    build();
  };
  /** Whether the camera (view or lens) or the body as a whole moved since the last call. */
  const cameraMoved = (): boolean => {
    const cam = camera();
    const parent = host();
    if (!cam || !parent) return false;
    cam.updateMatrixWorld();
    parent.updateWorldMatrix(true, false);
    const moved =
      !cam.matrixWorld.equals(seen) ||
      !cam.projectionMatrix.equals(seenProjection) ||
      !parent.matrixWorld.equals(seenHost);
    seen.copy(cam.matrixWorld);
    seenProjection.copy(cam.projectionMatrix);
    seenHost.copy(parent.matrixWorld);
    return moved;
  };

  const snapshot = (mesh: Mesh): Tracked => ({
    mesh,
    paint: mesh.material,
    visible: mesh.visible,
    index: mesh.geometry.getIndex(),
    version: (mesh.geometry.getAttribute('position') as BufferAttribute).version,
    influences: [...(mesh.morphTargetInfluences ?? [])],
    live: false,
  });

  return {
    use: () => {
      if (tracked.length > 0) return;
      tracked = meshes.map(snapshot);
      for (const t of tracked) t.mesh.geometry.addEventListener('dispose', onDispose);
      cameraMoved();
      still = STILL_FRAMES;
      close();
    },
    update: () => {
      if (tracked.length === 0) return;
      for (const t of tracked) {
        const mesh = t.mesh;
        if (t.live) continue;
        const version = (mesh.geometry.getAttribute('position') as BufferAttribute).version;
        const influences = mesh.morphTargetInfluences ?? [];
        if (version !== t.version || influences.some((w, i) => w !== t.influences[i])) {
          t.live = true;
          if (mesh.material === hidden) mesh.material = t.paint;
          dirty = true;
          continue;
        }
        if (!closed) continue;
        if (mesh.material !== hidden) {
          t.paint = mesh.material;
          mesh.material = hidden;
          dirty = true;
        }
        if (mesh.visible !== t.visible || mesh.geometry.getIndex() !== t.index) {
          t.visible = mesh.visible;
          t.index = mesh.geometry.getIndex();
          dirty = true;
        }
      }
      // The merged meshes hold only what this camera sees: while it moves, the zone meshes draw.
      if (cameraMoved()) {
        still = 0;
        if (closed) open();
        return;
      }
      if (!closed) {
        if (++still >= STILL_FRAMES) close();
        return;
      }
      if (dirty) build();
    },
    restore: () => {
      open();
      for (const t of tracked) t.mesh.geometry.removeEventListener('dispose', onDispose);
      tracked = [];
      dirty = false;
    },
    drawCalls: () =>
      closed
        ? merged.length + tracked.filter((t) => t.live && t.visible).length
        : tracked.filter((t) => t.visible).length,
  };
}
