/**
 * The layers of src/ (layers.json) as concrete places: each layer entry becomes the paths it
 * covers ("modes/*" is one entry per mode folder, "modes" the files at the root of src/modes/).
 * Shared by eslint.config.js and scripts/import-graph.ts, so both enforce the same order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** @returns {{ name: string, rank: number, paths: string[] }[]} paths relative to src/ */
export function layerPlaces() {
  /** @type {{ layers: string[][] }} */
  const file = JSON.parse(readFileSync(`${ROOT}layers.json`, 'utf8'));
  const places = [];
  file.layers.forEach((layer, rank) => {
    for (const entry of layer) {
      if (entry.endsWith('/*')) {
        const dir = entry.slice(0, -2);
        for (const e of readdirSync(`${ROOT}src/${dir}`, { withFileTypes: true }))
          if (e.isDirectory())
            places.push({ name: `${dir}/${e.name}`, rank, paths: [`${dir}/${e.name}`] });
      } else if (entry.includes('.')) {
        places.push({ name: entry, rank, paths: [entry] });
      } else {
        // A folder; where "<folder>/*" is a layer of its own, only the folder's own files.
        const split = file.layers.flat().includes(`${entry}/*`);
        const paths = split
          ? readdirSync(`${ROOT}src/${entry}`, { withFileTypes: true })
              .filter((e) => e.isFile())
              .map((e) => `${entry}/${e.name}`)
          : [entry];
        places.push({ name: entry, rank, paths });
      }
    }
  });
  return places;
}

/** import-x/no-restricted-paths zones: each place may not import any place of its rank or above. */
export function layerZones() {
  const places = layerPlaces();
  return places.flatMap((place) => {
    const banned = places.filter((other) => other !== place && other.rank >= place.rank);
    if (banned.length === 0) return [];
    return place.paths.map((target) => ({
      target: `./src/${target}`,
      from: banned.flatMap((b) => b.paths.map((p) => `./src/${p}`)),
      message: `${place.name} may import only from the layers below it (layers.json); not from ${banned
        .map((b) => b.name)
        .join(', ')}.`,
    }));
  });
}
