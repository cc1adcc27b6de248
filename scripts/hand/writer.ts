/**
 * Writes the hands as one glTF binary: a right hand and its mirror image, the left hand, each a
 * skinned mesh with one bone per segment (`HAND_BONES`), vertex colours, positions quantised
 * (the inverse bind matrices absorb the quantisation) and meshopt-compressed.
 */
import { Document, Logger, NodeIO, type Node as GltfNode } from '@gltf-transform/core';
import { EXTMeshoptCompression, KHRMeshQuantization } from '@gltf-transform/extensions';
import { quantize, reorder } from '@gltf-transform/functions';
import { MeshoptDecoder, MeshoptEncoder } from 'meshoptimizer';
import { restLocalTransforms, restWorldMatrices } from '../../src/domain/hands/rig.ts';
import {
  BONE_COUNT,
  HAND_BONES,
  REST_BONES,
  type HandSide,
} from '../../src/domain/hands/skeleton.ts';
import type { BuiltHand } from './pipeline.ts';

/** Node names: `hand.R` (the armature), `hand.R.mesh`, bones `R.palm`, `R.index1`… */
export const handNodeName = (side: HandSide) => `hand.${side}`;
export const boneNodeName = (side: HandSide, bone: string) => `${side}.${bone}`;

function mirrored(hand: BuiltHand): BuiltHand {
  const positions = hand.positions.slice();
  const normals = hand.normals.slice();
  for (let i = 0; i < positions.length; i += 3) {
    positions[i] = -(positions[i] ?? 0);
    normals[i] = -(normals[i] ?? 0);
  }
  const indices = hand.indices.slice();
  for (let f = 0; f < indices.length; f += 3) {
    const b = indices[f + 1] ?? 0;
    indices[f + 1] = indices[f + 2] ?? 0;
    indices[f + 2] = b;
  }
  return { ...hand, positions, normals, indices };
}

export async function encodeHands(right: BuiltHand): Promise<Uint8Array> {
  await MeshoptEncoder.ready;
  await MeshoptDecoder.ready;
  const doc = new Document().setLogger(new Logger(Logger.Verbosity.WARN));
  doc.getRoot().getAsset().generator = 'Footwork scripts/build-hands.ts';
  const buffer = doc.createBuffer();
  const scene = doc.createScene('hands');
  doc.getRoot().setDefaultScene(scene);
  const material = doc
    .createMaterial('hand-skin')
    .setBaseColorFactor([1, 1, 1, 1])
    .setRoughnessFactor(0.6)
    .setMetallicFactor(0);

  for (const side of ['R', 'L'] as const) {
    const hand = side === 'R' ? right : mirrored(right);
    const armature = doc.createNode(handNodeName(side)).setExtras({ side, bones: [...HAND_BONES] });
    scene.addChild(armature);
    const locals = restLocalTransforms(side);
    const bones: GltfNode[] = HAND_BONES.map((bone, i) => {
      const t = locals[i];
      return doc
        .createNode(boneNodeName(side, bone))
        .setTranslation([t.position[0], t.position[1], t.position[2]])
        .setRotation([t.quaternion[0], t.quaternion[1], t.quaternion[2], t.quaternion[3]]);
    });
    REST_BONES.forEach((b, i) => {
      const node = bones[i];
      const parent = b.parent ? bones[HAND_BONES.indexOf(b.parent)] : armature;
      parent.addChild(node);
    });
    const world = restWorldMatrices(side);
    const ibm = new Float32Array(BONE_COUNT * 16);
    for (let i = 0; i < BONE_COUNT; i++)
      ibm.set(invertRigid(world.subarray(i * 16, i * 16 + 16)), i * 16);
    const skin = doc
      .createSkin(`hand.${side}.skin`)
      .setSkeleton(bones[0] ?? armature)
      .setInverseBindMatrices(doc.createAccessor().setType('MAT4').setArray(ibm).setBuffer(buffer));
    for (const b of bones) skin.addJoint(b);

    const prim = doc
      .createPrimitive()
      .setAttribute(
        'POSITION',
        doc.createAccessor().setType('VEC3').setArray(hand.positions).setBuffer(buffer),
      )
      .setAttribute(
        'NORMAL',
        doc.createAccessor().setType('VEC3').setArray(hand.normals).setBuffer(buffer),
      )
      .setAttribute(
        'COLOR_0',
        doc
          .createAccessor()
          .setType('VEC3')
          .setArray(
            Uint8Array.from(hand.colors, (c) => Math.round(Math.min(1, Math.max(0, c)) * 255)),
          )
          .setNormalized(true)
          .setBuffer(buffer),
      )
      .setAttribute(
        'JOINTS_0',
        doc.createAccessor().setType('VEC4').setArray(hand.joints).setBuffer(buffer),
      )
      .setAttribute(
        'WEIGHTS_0',
        doc
          .createAccessor()
          .setType('VEC4')
          .setArray(hand.weights)
          .setNormalized(true)
          .setBuffer(buffer),
      )
      .setIndices(
        doc
          .createAccessor()
          .setType('SCALAR')
          .setArray(Uint16Array.from(hand.indices))
          .setBuffer(buffer),
      )
      .setMaterial(material);
    const mesh = doc.createMesh(`hand.${side}`).addPrimitive(prim);
    armature.addChild(doc.createNode(`hand.${side}.mesh`).setMesh(mesh).setSkin(skin));
  }

  await doc.transform(
    reorder({ encoder: MeshoptEncoder, target: 'size' }),
    quantize({
      quantizationVolume: 'mesh',
      quantizePosition: 14,
      quantizeNormal: 8,
      quantizeColor: 8,
      quantizeWeight: 8,
      pattern: /^(POSITION|NORMAL|COLOR_0|WEIGHTS_0)$/,
    }),
  );
  doc
    .createExtension(EXTMeshoptCompression)
    .setRequired(true)
    .setEncoderOptions({ method: EXTMeshoptCompression.EncoderMethod.FILTER });
  const io = new NodeIO()
    .registerExtensions([EXTMeshoptCompression, KHRMeshQuantization])
    .registerDependencies({ 'meshopt.encoder': MeshoptEncoder, 'meshopt.decoder': MeshoptDecoder });
  return io.writeBinary(doc);
}

/** Inverse of a rigid column-major 4×4 matrix (rotation + translation). */
function invertRigid(m: Float64Array | Float32Array): Float32Array {
  const out = new Float32Array(16);
  // Transpose the rotation.
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[c * 4 + r] = m[r * 4 + c] ?? 0;
  const tx = m[12];
  const ty = m[13];
  const tz = m[14];
  out[12] = -(out[0] * tx + out[4] * ty + out[8] * tz);
  out[13] = -(out[1] * tx + out[5] * ty + out[9] * tz);
  out[14] = -(out[2] * tx + out[6] * ty + out[10] * tz);
  out[15] = 1;
  return out;
}
