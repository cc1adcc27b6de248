/**
 * npm run build:model — generates models/body-adult.glb and models/body-child.glb from the
 * signed-distance body in scripts/model/. Deterministic: the same sources give the same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLandmarks, readZones } from './model/catalogue.ts';
import { buildBody } from './model/pipeline.ts';
import { ADULT, CHILD } from './model/proportions.ts';
import { encodeBody, writeAtomic } from './model/writer.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const t0 = performance.now();
  const zones = readZones(root);
  const landmarks = readLandmarks(root);
  mkdirSync(resolve(root, 'models'), { recursive: true });
  const only = process.argv.slice(2);
  for (const P of [ADULT, CHILD]) {
    if (only.length && !only.includes(P.id)) continue;
    const t = performance.now();
    const body = await buildBody(P, zones, landmarks, (m) => console.log(`  ${m}`));
    const bytes = await encodeBody(body);
    const out = resolve(root, `models/body-${P.id}.glb`);
    writeAtomic(out, bytes);
    const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    console.log(
      `${P.id}: ${body.stats.triangles} triangles, ${body.stats.vertices} vertices, ${body.parts.length} zone parts, ` +
        `${body.landmarks.length} landmarks, ${(bytes.length / 1024).toFixed(1)} KiB, sha256 ${sha}…, ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error(`build:model failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
