/**
 * Reads a body .glb (quantised, meshopt-compressed) in Node as `BodyData`, with the app's own
 * reader (`src/bodyModel/bodyDataFromGltf.ts` over three's GLTFLoader): the content checker,
 * the scripts and the tests see exactly the data the player projects paths on.
 */
import { readFile } from 'node:fs/promises';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { bodyDataFromGltf } from '../../src/bodyModel/bodyDataFromGltf.ts';
import type { BodyData } from '../../src/domain/body.ts';

/** The parsed glTF of a .glb file. */
export async function readGltfFile(path: string): Promise<GLTF> {
  const bytes = await readFile(path);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  await MeshoptDecoder.ready;
  return new GLTFLoader().setMeshoptDecoder(MeshoptDecoder).parseAsync(buffer, '');
}

export async function readBodyFile(path: string): Promise<BodyData> {
  return bodyDataFromGltf(await readGltfFile(path));
}
