/** Writes a built body as a quantised, meshopt-compressed glTF binary (atomically). */
import { renameSync, writeFileSync } from 'node:fs';
import {
  Document,
  Extension,
  Logger,
  NodeIO,
  PropertyType,
  type WriterContext,
} from '@gltf-transform/core';
import { EXTMeshoptCompression, KHRMeshQuantization } from '@gltf-transform/extensions';
import { quantize, reorder } from '@gltf-transform/functions';
import { MeshoptDecoder, MeshoptEncoder } from 'meshoptimizer';
import type { BuiltBody } from './pipeline.ts';

/**
 * Write-time only: lets vertex attributes of all primitives share buffer views (one compressed
 * stream per attribute kind) instead of one buffer view per accessor. Saves about 80 KB of JSON
 * per body and compresses a little better. It runs before EXT_meshopt_compression (extensions run
 * in name order) and leaves no trace in the file.
 */
class SharedVertexViews extends Extension {
  static override readonly EXTENSION_NAME = 'CUSTOM_shared_vertex_views';
  override readonly extensionName = SharedVertexViews.EXTENSION_NAME;
  override readonly prewriteTypes = [PropertyType.ACCESSOR];
  override prewrite(context: WriterContext): this {
    context.accessorUsageGroupedByParent.delete('ARRAY_BUFFER');
    return this;
  }
  read(): this {
    return this;
  }
  write(context: WriterContext): this {
    const json = context.jsonDoc.json;
    json.extensionsUsed = (json.extensionsUsed ?? []).filter((n) => n !== this.extensionName);
    return this;
  }
}

export async function encodeBody(body: BuiltBody): Promise<Uint8Array> {
  await MeshoptEncoder.ready;
  await MeshoptDecoder.ready;
  const doc = new Document().setLogger(new Logger(Logger.Verbosity.WARN));
  doc.getRoot().getAsset().generator = 'Footwork scripts/build-model.ts';
  const buffer = doc.createBuffer();
  const scene = doc.createScene(`body-${body.id}`);
  doc.getRoot().setDefaultScene(scene);
  const skin = doc
    .createMaterial('skin')
    .setBaseColorFactor([0.8, 0.6, 0.5, 1])
    .setRoughnessFactor(0.7)
    .setMetallicFactor(0);

  for (const part of body.parts) {
    const n = part.positions.length / 3;
    const position = doc
      .createAccessor()
      .setType('VEC3')
      .setArray(part.positions)
      .setBuffer(buffer);
    const normal = doc.createAccessor().setType('VEC3').setArray(part.normals).setBuffer(buffer);
    const color = doc.createAccessor().setType('VEC3').setArray(part.colors).setBuffer(buffer);
    const indices = doc
      .createAccessor()
      .setType('SCALAR')
      .setArray(n < 65536 ? Uint16Array.from(part.indices) : part.indices)
      .setBuffer(buffer);
    const prim = doc
      .createPrimitive()
      .setAttribute('POSITION', position)
      .setAttribute('NORMAL', normal)
      .setAttribute('COLOR_0', color)
      .setIndices(indices)
      .setMaterial(skin);
    const mesh = doc.createMesh(part.key).addPrimitive(prim);
    if (part.morphs) {
      part.morphs.forEach((m) => {
        const name = m.name;
        // position deltas only: normal deltas would cost ~120 KB of the 700 KB budget, and
        // three.js keeps the rest normals for morphed vertices when none are given
        const target = doc
          .createPrimitiveTarget(name)
          .setAttribute(
            'POSITION',
            doc.createAccessor().setType('VEC3').setArray(m.position).setBuffer(buffer),
          );
        prim.addTarget(target);
      });
      mesh.setWeights(part.morphs.map(() => 0));
      mesh.setExtras({ targetNames: part.morphs.map((m) => m.name) });
    }
    const node = doc
      .createNode(part.key)
      .setMesh(mesh)
      .setExtras({ zone: part.zone, side: part.side });
    scene.addChild(node);
  }
  for (const lm of body.landmarks) {
    const node = doc
      .createNode(`lm:${lm.key}`)
      .setTranslation([lm.position[0], lm.position[1], lm.position[2]])
      .setExtras({ zone: lm.zone, side: lm.side, morphs: lm.morphs });
    scene.addChild(node);
  }

  // joint centres for posing (empties): `joint:knee.L` …
  for (const j of body.joints) {
    const node = doc
      .createNode(`joint:${j.key}`)
      .setTranslation([j.position[0], j.position[1], j.position[2]])
      .setExtras({ joint: j.name, side: j.side });
    scene.addChild(node);
  }

  await doc.transform(
    reorder({ encoder: MeshoptEncoder, target: 'size' }),
    quantize({
      quantizationVolume: 'scene',
      quantizePosition: 16,
      quantizeNormal: 8,
      quantizeColor: 8,
      pattern: /^(POSITION|NORMAL|COLOR_0)$/,
    }),
  );
  doc.createExtension(SharedVertexViews);
  doc
    .createExtension(EXTMeshoptCompression)
    .setRequired(true)
    .setEncoderOptions({ method: EXTMeshoptCompression.EncoderMethod.FILTER });
  const io = new NodeIO()
    .registerExtensions([SharedVertexViews, EXTMeshoptCompression, KHRMeshQuantization])
    .registerDependencies({ 'meshopt.encoder': MeshoptEncoder, 'meshopt.decoder': MeshoptDecoder });
  return io.writeBinary(doc);
}

export function writeAtomic(path: string, bytes: Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}
