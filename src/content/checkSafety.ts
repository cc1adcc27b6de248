/**
 * Reference checks of the safety content that a schema cannot express: who says a caution (a
 * source, or the app itself, never both or neither), the conditions a person ticks and the rules
 * that hang on them, and the steps a source disagreement touches.
 *
 * Pure; called by `loadContent`. Each check appends problems through a `report` callback given a
 * JSON path below the object checked.
 */
import { message } from './messages.ts';
import type { JsonPathSegment } from './problems.ts';
import type {
  Condition,
  ContraindicationItem,
  ContraindicationList,
  Note,
  SourceNote,
} from './schema.ts';

export type Report = (at: JsonPathSegment[], reason: string) => void;

/**
 * A note is said by a source (`source`) or is the app's own suggestion (`own: true`): exactly one.
 * `checkSource` checks the source name where there is one.
 */
export function checkNoteOrigin(
  n: Note,
  at: JsonPathSegment[],
  report: Report,
  checkSource: (name: string, at: JsonPathSegment[]) => void,
): void {
  if (n.own && n.source !== undefined)
    report([...at, 'source'], message('problem.note.ownWithSource'));
  else if (!n.own && n.source === undefined)
    report([...at, 'source'], message('problem.note.needsSource'));
  if (n.source !== undefined) checkSource(n.source, [...at, 'source']);
}

/**
 * The steps a source note names (its variants and `touches`) exist. `stepsOf` maps protocol ids
 * to their step ids; a protocol in `invalid` (a file that fails the schema, reported there) is
 * not reported again here, so one broken file does not take the notes' other protocols with it.
 */
export function checkSourceNoteRefs(
  n: SourceNote,
  at: JsonPathSegment[],
  stepsOf: ReadonlyMap<string, ReadonlySet<string>>,
  report: Report,
  invalid: ReadonlySet<string> = new Set(),
): void {
  const refs: { protocol?: string; step?: string; at: JsonPathSegment[] }[] = [
    ...n.variants.map((v, k) => ({ protocol: v.protocol, step: v.step, at: ['variants', k] })),
    ...(n.touches ?? []).map((t, k) => ({
      protocol: t.protocol,
      step: t.step,
      at: ['touches', k],
    })),
  ];
  for (const ref of refs) {
    if (ref.protocol === undefined) {
      if (ref.step !== undefined)
        report([...at, ...ref.at, 'step'], message('problem.note.stepWithoutProtocol'));
      continue;
    }
    const steps = stepsOf.get(ref.protocol);
    if (!steps && invalid.has(ref.protocol)) continue;
    if (!steps)
      report(
        [...at, ...ref.at, 'protocol'],
        message('problem.ref.unknownProtocol', { id: ref.protocol }),
      );
    else if (ref.step !== undefined && !steps.has(ref.step))
      report(
        [...at, ...ref.at, 'step'],
        message('problem.ref.unknownStep', { id: ref.step, protocol: ref.protocol }),
      );
  }
}

/** Whether an item is a rule hanging on conditions (else: avoided for everyone, or a risk note). */
export function isConditionRule(item: ContraindicationItem): boolean {
  return item.when !== undefined;
}

/**
 * The conditions of `contraindications.json` (unique ids, known parents, no parent chains) and
 * how the lists use them (every rule names known conditions; an own list cites no source and a
 * sourced one at least one; a rule that leaves out steps says which).
 */
export function checkConditions(
  conditions: readonly Condition[],
  lists: readonly ContraindicationList[],
  /** Zones the zone catalogue never lets anyone massage; null when it is unusable. */
  avoidZones: ReadonlySet<string> | null,
  report: Report,
): void {
  const ids = new Map<string, Condition>();
  conditions.forEach((c, i) => {
    if (ids.has(c.id))
      report(['conditions', i, 'id'], message('problem.id.duplicate', { id: c.id }));
    ids.set(c.id, c);
  });
  conditions.forEach((c, i) => {
    if (c.parent === undefined) return;
    const parent = ids.get(c.parent);
    if (!parent || parent.id === c.id)
      report(['conditions', i, 'parent'], message('problem.ci.unknownCondition', { id: c.parent }));
    else if (parent.parent !== undefined)
      report(['conditions', i, 'parent'], message('problem.ci.nestedParent', { id: c.parent }));
  });
  const used = new Set<string>();
  lists.forEach((list, i) => {
    if (list.own && list.sources.length > 0)
      report(['lists', i, 'sources'], message('problem.ci.ownWithSources'));
    if (!list.own && list.sources.length === 0)
      report(['lists', i, 'sources'], message('problem.ci.needsSources'));
    list.items.forEach((item, k) => {
      const at: JsonPathSegment[] = ['lists', i, 'items', k];
      item.when?.forEach((id, m) => {
        used.add(id);
        if (!ids.has(id))
          report([...at, 'when', m], message('problem.ci.unknownCondition', { id }));
      });
      if (item.effect === 'avoid_steps' && !item.steps?.length)
        report([...at, 'steps'], message('problem.ci.needsSteps'));
      if (item.steps?.some((s) => Object.keys(s).length === 0))
        report([...at, 'steps'], message('problem.ci.emptyMatch'));
      // Only an area no one massages, or a risk of massage itself, holds without a condition.
      const standsAlone =
        (item.effect === 'avoid_zones' &&
          item.zones.length > 0 &&
          (avoidZones === null || item.zones.every((z) => avoidZones.has(z)))) ||
        (item.effect === 'warn' && item.severity === 'risk');
      if (!item.when && !standsAlone) report([...at, 'when'], message('problem.ci.needsWhen'));
    });
  });
  conditions.forEach((c, i) => {
    const hasChild = conditions.some((o) => o.parent === c.id && used.has(o.id));
    if (!used.has(c.id) && !hasChild)
      report(['conditions', i, 'id'], message('problem.ci.unusedCondition', { id: c.id }));
  });
}
