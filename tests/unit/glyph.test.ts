import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { loadContent, type ContentData } from '../../src/content/index.ts';
import { AVOID_ZONES } from '../../src/content/zoneCatalogue.ts';
import type { BodyData, Vec3 } from '../../src/domain/body.ts';
import { GLYPH_SHAPES, createBlobPlaces, placeGlyphBlobs } from '../../src/domain/glyphShape.ts';
import { createMotionSample, sampleMotionAt } from '../../src/domain/motion/index.ts';
import { createSkinProjector, type SkinProjector } from '../../src/domain/projectToSkin.ts';
import { buildStepMotion } from '../../src/domain/stepMotion.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let content: ContentData;
const bodies = new Map<string, { body: BodyData; skin: SkinProjector }>();

beforeAll(async () => {
  content = loadContent(await readContentFiles(ROOT)).data;
  for (const kind of ['adult', 'child'] as const) {
    const body = await readBodyFile(resolve(ROOT, `models/body-${kind}.glb`));
    bodies.set(kind, { body, skin: createSkinProjector(body) });
  }
});

/** Every step of the content with its motion on the left side. */
function motions() {
  const isBilateral = (name: string) => content.landmarks.get(name)?.bilateral ?? false;
  return content.protocols.flatMap(({ protocol }) => {
    const model = bodies.get(protocol.body);
    if (!model) throw new Error('no body');
    const scale = protocol.body === 'child' ? 0.56 : 1;
    return protocol.steps.flatMap((step, i) => {
      const result = buildStepMotion({
        step,
        side: 'L',
        body: model.body,
        skin: model.skin,
        isBilateral,
        avoidZones: AVOID_ZONES,
        bodyScale: scale,
      });
      return result.ok && result.motion
        ? [
            {
              at: `${protocol.id} step ${String(i + 1)}`,
              step,
              motion: result.motion,
              scale,
              skin: model.skin,
            },
          ]
        : [];
    });
  });
}

const gap = (p: Vec3, skin: SkinProjector) => skin.project(p)?.distance ?? Infinity;

describe('the contact glyph and small circles', () => {
  it("both hands' ovals lie on the skin along the whole stroke, on curved calves and thighs", () => {
    const both = motions().filter((m) => m.step.handPart === 'both_hands');
    expect(both.length).toBeGreaterThanOrEqual(4);
    const sample = createMotionSample();
    const places = createBlobPlaces(2);
    let flatWorst = 0;
    for (const m of both) {
      const duration = m.motion.plan.passDurationS;
      for (let k = 0; k < 12; k++) {
        sampleMotionAt(m.motion.plan, (k / 12) * duration, sample, k / 12);
        placeGlyphBlobs(
          GLYPH_SHAPES.both_hands,
          sample.position,
          sample.normal,
          sample.tangent,
          m.scale,
          0,
          m.skin,
          places,
        );
        for (const [i, place] of places.entries()) {
          const ry = (GLYPH_SHAPES.both_hands[i]?.[3] ?? 0) * m.scale;
          // The oval's centre is its half-thickness above the skin: it touches, within 1.5 mm.
          expect(
            Math.abs(gap(place.position, m.skin) - ry),
            `${m.at} hand ${String(i)}`,
          ).toBeLessThan(0.0015);
          // and faces the skin it lies on (not tilted off it).
          const n = m.skin.normalAt(place.position);
          expect(n[0] * place.y[0] + n[1] * place.y[1] + n[2] * place.y[2]).toBeGreaterThan(0.8);
        }
        // The flat placement (the path's tangent plane, 34 mm out) is what floated off the skin.
        const across: Vec3 = [
          sample.normal[1] * sample.tangent[2] - sample.normal[2] * sample.tangent[1],
          sample.normal[2] * sample.tangent[0] - sample.normal[0] * sample.tangent[2],
          sample.normal[0] * sample.tangent[1] - sample.normal[1] * sample.tangent[0],
        ];
        for (const s of [-1, 1]) {
          const [px, py, pz] = sample.position;
          const flat: Vec3 = [
            px + s * 0.034 * m.scale * across[0],
            py + s * 0.034 * m.scale * across[1],
            pz + s * 0.034 * m.scale * across[2],
          ];
          flatWorst = Math.max(flatWorst, gap(flat, m.skin));
        }
      }
    }
    expect(flatWorst).toBeGreaterThan(0.004);
  });
});
