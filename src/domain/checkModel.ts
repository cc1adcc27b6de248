/**
 * Checks loaded content against the body model: every path landmark exists on the model for each
 * side the step is done on, no projected path sample lands on an avoid zone (bunion, knee,
 * patella, vertebrae — the zones with `avoid` in `content/zones.json`) or within a margin of one,
 * and a path mostly lands on the zones its step names.
 *
 * Paths are checked on the body as the protocol shows it (`bodyMorphs`) and again with the
 * deformity at its worst (`SEVERE_MORPHS`), because the player lets the user change the severity.
 *
 * On the body as shown, each path is also measured against its direction words, the protocol's
 * direction rules and the midline of the back (see `checkDirection.ts`).
 */
import { pathLandmarkRefs, type ContentData } from '../content/load.ts';
import { message } from '../content/messages.ts';
import { formatJsonPath, type Problem } from '../content/problems.ts';
import type { PathSpec, Protocol } from '../content/schema.ts';
import type { BodyData, MorphTarget, Side, Vec3 } from './body.ts';
import {
  measuredSense,
  netMove,
  onSpineMidline,
  ruleAgainstMove,
  SPINE_MARGIN_M,
  wordsAgainstMove,
} from './checkDirection.ts';
import { skinPolyline } from './motion/index.ts';
import { bodyPathFrame, landmarkKeyFor, samplePath, sidesOf, type PathFrame } from './paths.ts';
import { applyMorphs, createSkinProjector, type SkinProjector } from './projectToSkin.ts';

export type BodyKind = Protocol['body'];
export type MorphWeights = Partial<Record<MorphTarget, number>>;

/** The deformities at full strength: the hardest case for keeping paths off the bunion. */
export const SEVERE_MORPHS: MorphWeights = { hallux_valgus: 1, flat_foot: 1 };

export interface ModelInput {
  /** Model file, for messages. */
  readonly file: string;
  readonly body: BodyData;
}

export interface CheckModelOptions {
  /** Minimum distance from any avoid zone, metres (default 8 mm). */
  readonly marginM?: number;
  /** Sample spacing along paths, metres (default 4 mm). */
  readonly spacingM?: number;
  /**
   * Least share of a path's samples that must land on the step's own zones (default 0.5): a lower
   * share means a wrong landmark or a path that wanders off its area.
   */
  readonly minOnZones?: number;
  /** Extra morph states checked after the protocol's own (default `[SEVERE_MORPHS]`). */
  readonly extraMorphs?: readonly MorphWeights[];
}

export interface ModelCheckResult {
  readonly problems: readonly Problem[];
  readonly paths: number;
  readonly samples: number;
}

function morphKey(weights: MorphWeights): string {
  return JSON.stringify(
    Object.entries(weights)
      .filter(([, w]) => w !== 0)
      .sort(),
  );
}

function morphLabel(weights: MorphWeights): string {
  return Object.entries(weights)
    .filter(([, w]) => w !== 0)
    .map(([target, w]) => `${target} ${w}`)
    .join(', ');
}

interface SampleVerdict {
  readonly count: number;
  readonly on: { index: number; zone: string } | null;
  readonly near: { index: number; zone: string; distance: number } | null;
  readonly landed: ReadonlyMap<string, number>;
}

/** Projects every sample; finds the first on an avoid zone, else the closest approach within the margin. */
function judgeSamples(
  points: readonly Vec3[],
  projector: SkinProjector,
  avoid: ReadonlySet<string>,
  margin: number,
): SampleVerdict {
  let on: SampleVerdict['on'] = null;
  let near: SampleVerdict['near'] = null;
  const landed = new Map<string, number>();
  for (const [k, sample] of points.entries()) {
    const hit = projector.project(sample);
    if (!hit) continue;
    landed.set(hit.zone, (landed.get(hit.zone) ?? 0) + 1);
    if (avoid.has(hit.zone)) {
      on ??= { index: k, zone: hit.zone };
      continue;
    }
    if (on) continue;
    const close = projector.nearestOfZones(hit.point, avoid, margin);
    if (close && (!near || close.distance < near.distance))
      near = { index: k, zone: close.zone, distance: close.distance };
  }
  return { count: points.length, on, near, landed };
}

/** Checks every path of every loaded protocol whose body is in `models`. */
export function checkModel(
  data: ContentData,
  models: ReadonlyMap<BodyKind, ModelInput>,
  options: CheckModelOptions = {},
): ModelCheckResult {
  const margin = options.marginM ?? 0.008;
  const spacing = options.spacingM ?? 0.004;
  const minOnZones = options.minOnZones ?? 0.5;
  const extraMorphs = options.extraMorphs ?? [SEVERE_MORPHS];
  const avoid = new Set([...data.zones.values()].filter((z) => z.avoid).map((z) => z.id));
  const bilateral = (name: string) => data.landmarks.get(name)?.bilateral ?? true;
  const bodies = new Map<string, { body: BodyData; projector: SkinProjector }>();
  const problems: Problem[] = [];
  let paths = 0;
  let samples = 0;

  const bodyFor = (kind: BodyKind, model: ModelInput, weights: MorphWeights) => {
    const key = `${kind}:${morphKey(weights)}`;
    let entry = bodies.get(key);
    if (!entry) {
      const body = applyMorphs(model.body, weights);
      entry = { body, projector: createSkinProjector(body) };
      bodies.set(key, entry);
    }
    return entry;
  };
  const frameFor = (
    entry: { body: BodyData; projector: SkinProjector },
    side: Side | null,
  ): PathFrame =>
    bodyPathFrame(
      entry.body.landmarks,
      side ?? 'L',
      bilateral,
      (p) => entry.projector.normalAt(p),
      (points) => skinPolyline(points, entry.projector),
    );

  for (const { file, protocol } of data.protocols) {
    const model = models.get(protocol.body);
    if (!model) continue;
    const own = protocol.bodyMorphs ?? {};
    const variants = [own, ...extraMorphs.filter((m) => morphKey(m) !== morphKey(own))];

    protocol.steps.forEach((step, i) => {
      const path: PathSpec | undefined = step.path;
      if (!path) return;
      paths++;
      const at = formatJsonPath(['steps', i, 'path']);
      const refs = pathLandmarkRefs(path);
      // A path moved off a midline landmark (circles beside the spine) differs per side.
      const sided =
        refs.some((r) => bilateral(r.name)) ||
        (path.kind === 'circles' && path.lateralMm !== undefined);
      const sides: (Side | null)[] = sided ? sidesOf(step.side) : [null];
      const declared = new Set(step.zones);
      const landed = new Map<string, number>();
      const missingReported = new Set<string>();

      for (const side of sides) {
        for (const [v, weights] of variants.entries()) {
          const result = samplePath(path, frameFor(bodyFor(protocol.body, model, weights), side), {
            spacingM: spacing,
          });
          if (!result.ok) {
            for (const name of result.missing) {
              const key = landmarkKeyFor(name, side ?? 'L', bilateral);
              if (missingReported.has(key)) continue;
              missingReported.add(key);
              const where = refs.find((r) => r.name === name)?.at ?? [];
              problems.push({
                file,
                path: formatJsonPath(['steps', i, 'path', ...where]),
                reason: message('problem.model.landmarkMissing', { key }),
              });
            }
            break;
          }
          const points = result.strokes.flatMap((s) => s.points);
          const verdict = judgeSamples(
            points,
            bodyFor(protocol.body, model, weights).projector,
            avoid,
            margin,
          );
          const label = side ? message(side === 'L' ? 'side.L' : 'side.R') : message('side.none');
          if (v === 0) {
            samples += points.length;
            for (const [zone, count] of verdict.landed)
              landed.set(zone, (landed.get(zone) ?? 0) + count);
            const projector = bodyFor(protocol.body, model, weights).projector;
            const midline = onSpineMidline(points, projector);
            if (midline)
              problems.push({
                file,
                path: at,
                reason: message('problem.direction.midline', {
                  index: midline.index + 1,
                  count: points.length,
                  side: label,
                  distance: (Math.floor(midline.distance * 10000) / 10).toFixed(1),
                  margin: +(SPINE_MARGIN_M * 1000).toFixed(1),
                }),
              });
            // The way it runs: measured once (the sides are mirror images).
            if (side === sides[0]) {
              const move = netMove(path.kind, result.strokes, projector);
              const sequence =
                path.kind === 'each_toe'
                  ? netMove(path.kind, result.strokes, projector, true)
                  : null;
              const words = step.direction?.text.en;
              const against = move && words ? wordsAgainstMove(words, move, sequence) : null;
              const rule =
                move && path.kind !== 'points' && path.kind !== 'each_toe'
                  ? ruleAgainstMove(protocol.directionRules ?? [], step, move)
                  : null;
              const measured = (sense: Parameters<typeof measuredSense>[1]) => {
                const on =
                  sequence && (sense === 'outward' || sense === 'inward') ? sequence : move;
                const m = on ? measuredSense(on, sense) : null;
                if (!m) return '';
                const params = { sense: message(`direction.sense.${m.sense}`), mm: m.mm };
                return message(m.enough ? 'direction.measured' : 'direction.tooLittle', params);
              };
              if (against)
                problems.push({
                  file,
                  path: formatJsonPath(['steps', i, 'direction']),
                  reason: message('problem.direction.words', {
                    expected: message(`direction.sense.${against}`),
                    measured: measured(against),
                  }),
                });
              else if (rule)
                problems.push({
                  file,
                  path: formatJsonPath(['steps', i, 'direction']),
                  reason: message('problem.direction.rule', {
                    source: rule.source.slice(0, 3),
                    zones: rule.zones.filter((z) => step.zones.includes(z)).join(', '),
                    expected: message(`direction.sense.${rule.sense}`),
                    measured: measured(rule.sense),
                  }),
                });
            }
          }
          const where =
            v === 0
              ? label
              : message('check.withMorphs', { side: label, morphs: morphLabel(weights) });
          const params = { count: verdict.count, side: where };
          if (verdict.on) {
            problems.push({
              file,
              path: at,
              reason: message('problem.model.onAvoid', {
                ...params,
                index: verdict.on.index + 1,
                zone: verdict.on.zone,
              }),
            });
            break;
          }
          if (verdict.near) {
            problems.push({
              file,
              path: at,
              reason: message('problem.model.nearAvoid', {
                ...params,
                index: verdict.near.index + 1,
                zone: verdict.near.zone,
                // Rounded down, so a distance under the margin never prints as the margin itself.
                distance: (Math.floor(verdict.near.distance * 10000) / 10).toFixed(1),
                margin: +(margin * 1000).toFixed(1),
              }),
            });
            break;
          }
        }
      }

      const total = [...landed.values()].reduce((a, b) => a + b, 0);
      const onZones = [...landed].reduce(
        (n, [zone, count]) => n + (declared.has(zone) ? count : 0),
        0,
      );
      if (total > 0 && onZones / total < minOnZones) {
        const [mostZone, mostCount] = [...landed].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
        problems.push({
          file,
          path: formatJsonPath(['steps', i, 'zones']),
          reason: message('problem.model.offZones', {
            share: Math.round((100 * onZones) / total),
            zones: step.zones.join(', ') || '-',
            zone: mostZone,
            most: Math.round((100 * mostCount) / total),
          }),
        });
      }
    });
  }
  return { problems, paths, samples };
}
