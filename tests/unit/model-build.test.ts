/**
 * The model build's own checks: it must refuse a catalogue zone without geometry and a landmark
 * whose skin point lies in another zone. Runs the real pipeline on a coarse child body (fast).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLandmarks, readZones } from '../../scripts/model/catalogue.ts';
import { buildBody } from '../../scripts/model/pipeline.ts';
import { CHILD, type Proportions } from '../../scripts/model/proportions.ts';
import { encodeBody } from '../../scripts/model/writer.ts';

const root = resolve(import.meta.dirname, '../..');
const coarse: Proportions = { ...CHILD, edgeFoot: 0.0035, edgeBody: 0.012 };
const quiet = (): void => undefined;

describe('scripts/model build checks', () => {
  it('builds a coarse body from the real catalogues', async () => {
    const body = await buildBody(coarse, readZones(root), readLandmarks(root), quiet);
    expect(body.parts.length).toBe(readZones(root).reduce((n, z) => n + (z.bilateral ? 2 : 1), 0));
    expect(body.landmarks.length).toBeGreaterThan(100);
  });

  it('is reproducible: two builds from the same sources give the same bytes', async () => {
    const a = await encodeBody(
      await buildBody(coarse, readZones(root), readLandmarks(root), quiet),
    );
    const b = await encodeBody(
      await buildBody(coarse, readZones(root), readLandmarks(root), quiet),
    );
    expect(a.length).toBeGreaterThan(10_000);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  }, 120_000);

  it('fails with a clear message when a catalogue zone has no geometry', async () => {
    const zones = [
      ...readZones(root),
      { id: 'elbow', name: 'Elbow', group: 'arm', bilateral: true },
    ];
    await expect(buildBody(coarse, zones, readLandmarks(root), quiet)).rejects.toThrow(
      /no geometry: elbow\.L, elbow\.R/,
    );
  });

  it('fails with a clear message when a landmark lies in another zone than the catalogue says', async () => {
    const landmarks = readLandmarks(root).map((l) =>
      l.name === 'toe1_tip' ? { ...l, zone: 'heel' } : l,
    );
    await expect(buildBody(coarse, readZones(root), landmarks, quiet)).rejects.toThrow(
      /landmark toe1_tip\.L: content\/landmarks\.json says zone "heel\.L" but the skin point there is zone "hallux\.L"/,
    );
  });

  it('fails with a clear message when a landmark has no placement rule', async () => {
    const landmarks = [
      ...readLandmarks(root),
      { name: 'elbow_tip', zone: 'body', bilateral: false },
    ];
    await expect(buildBody(coarse, readZones(root), landmarks, quiet)).rejects.toThrow(
      /"elbow_tip".*no placement rule/,
    );
  });
});
