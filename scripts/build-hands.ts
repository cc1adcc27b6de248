/**
 * npm run build:hands — generates models/hands.glb (a left and a right adult hand with forearm
 * stubs, skinned, one bone per segment) from the signed-distance hand in scripts/hand/.
 * Deterministic: the same sources give the same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHand } from './hand/pipeline.ts';
import { encodeHands } from './hand/writer.ts';
import { writeAtomic } from './model/writer.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const t0 = performance.now();
  const hand = await buildHand();
  const bytes = await encodeHands(hand);
  mkdirSync(resolve(root, 'models'), { recursive: true });
  writeAtomic(resolve(root, 'models/hands.glb'), bytes);

  const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  console.log(
    `hands: ${hand.stats.triangles} triangles and ${hand.stats.vertices} vertices per hand ` +
      `(from ${hand.stats.denseTriangles} dense), ${(bytes.length / 1024).toFixed(1)} KiB for both, ` +
      `sha256 ${sha}…, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

main().catch((err: unknown) => {
  console.error(`build:hands failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
