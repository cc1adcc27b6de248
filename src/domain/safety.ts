/**
 * The safety check before a protocol: which contraindications apply to it, and what the ones the
 * user ticks change.
 *
 * A list of `content/contraindications.json` applies to a protocol when either names the other
 * (the list's `protocols`, the protocol's `contraindications`). Its items become:
 * - **always**: an item that avoids zones which the zone catalogue marks as avoid zones anyway
 *   (the bunion, the knee…): in force for everyone, shown but not ticked;
 * - **notes**: a risk of massage itself (severity `risk`, effect `warn`), shown but not ticked;
 * - **checklist**: everything else, a condition the receiver may have.
 *
 * A ticked checklist item:
 * - `no_massage` / `specialist_only`: blocks the whole protocol (every step is skipped);
 * - `avoid_zones`: blocks the steps working on one of its zones, which become avoid zones;
 * - `avoid_techniques`: blocks the steps using one of its techniques;
 * - `warn`: blocks nothing; shown as a warning.
 *
 * Pure: protocols, lists and the catalogue's avoid zones are passed in.
 */
import type { ContraindicationItem, ContraindicationList, Technique } from '../content/schema.ts';

/** The parts of a protocol the safety check reads. */
export interface SafetyProtocol {
  readonly id: string;
  readonly contraindications: readonly string[];
  readonly steps: readonly {
    readonly zones: readonly string[];
    readonly technique: Technique;
  }[];
}

/** An item of a list that applies to a protocol. */
export interface ApplicableItem {
  /** `<list id>/<item id>`: unique across lists; what the user ticks. */
  readonly key: string;
  readonly list: ContraindicationList;
  readonly item: ContraindicationItem;
}

export interface ApplicableSafety {
  /** Conditions to tick, list by list, in file order. */
  readonly checklist: readonly ApplicableItem[];
  /** Items in force for everyone (zones always avoided). */
  readonly always: readonly ApplicableItem[];
  /** Risks of massage itself, to keep in mind. */
  readonly notes: readonly ApplicableItem[];
}

/** Why a step is skipped: the ticked items that rule it out. */
export type StepBlocks = ReadonlyMap<number, readonly ApplicableItem[]>;

export interface SafetyVerdict {
  /** Ticked items that rule out the whole protocol; empty when it may go ahead. */
  readonly blockedBy: readonly ApplicableItem[];
  /** For each step ruled out by a zone or technique limit, the items that rule it out. */
  readonly stepBlocks: StepBlocks;
  /** Step indices the player must pass over: every step when blocked, else those of `stepBlocks`. */
  readonly skip: readonly number[];
  /** Zones the ticked items add to the avoid zones (not already in the catalogue's), sorted. */
  readonly avoidZones: readonly string[];
  /** For each added avoid zone, the ticked items that add it. */
  readonly avoidReasons: ReadonlyMap<string, readonly ApplicableItem[]>;
  /** Ticked items that only ask for care. */
  readonly warnings: readonly ApplicableItem[];
}

/** The key the user ticks for an item of a list. */
export function itemKey(listId: string, itemId: string): string {
  return `${listId}/${itemId}`;
}

/** Whether a list applies to a protocol (either names the other). */
export function listApplies(
  list: ContraindicationList,
  protocol: Pick<SafetyProtocol, 'id' | 'contraindications'>,
): boolean {
  return list.protocols.includes(protocol.id) || protocol.contraindications.includes(list.id);
}

/** The items that apply to a protocol, sorted into checklist, always-avoided and notes. */
export function applicableSafety(
  protocol: Pick<SafetyProtocol, 'id' | 'contraindications'>,
  lists: readonly ContraindicationList[],
  catalogueAvoid: ReadonlySet<string>,
): ApplicableSafety {
  const checklist: ApplicableItem[] = [];
  const always: ApplicableItem[] = [];
  const notes: ApplicableItem[] = [];
  for (const list of lists) {
    if (!listApplies(list, protocol)) continue;
    for (const item of list.items) {
      const entry: ApplicableItem = { key: itemKey(list.id, item.id), list, item };
      if (
        item.effect === 'avoid_zones' &&
        item.zones.length > 0 &&
        item.zones.every((z) => catalogueAvoid.has(z))
      )
        always.push(entry);
      else if (item.effect === 'warn' && item.severity === 'risk') notes.push(entry);
      else checklist.push(entry);
    }
  }
  return { checklist, always, notes };
}

/** Whether a ticked item rules out the whole protocol. */
export function blocksProtocol(item: ContraindicationItem): boolean {
  return item.effect === 'no_massage' || item.effect === 'specialist_only';
}

/** Whether a ticked item rules out one step (zone or technique limits). */
export function blocksStep(
  item: ContraindicationItem,
  step: SafetyProtocol['steps'][number],
): boolean {
  if (item.effect === 'avoid_zones') return step.zones.some((z) => item.zones.includes(z));
  if (item.effect === 'avoid_techniques') return (item.techniques ?? []).includes(step.technique);
  return false;
}

/**
 * What the ticked items (keys from `itemKey`) change for a protocol. Ticks of items that do not
 * apply to it are ignored.
 */
export function evaluateSafety(
  protocol: SafetyProtocol,
  lists: readonly ContraindicationList[],
  catalogueAvoid: ReadonlySet<string>,
  ticked: ReadonlySet<string>,
): SafetyVerdict {
  const { checklist } = applicableSafety(protocol, lists, catalogueAvoid);
  const on = checklist.filter((e) => ticked.has(e.key));
  const blockedBy = on.filter((e) => blocksProtocol(e.item));
  const warnings = on.filter((e) => e.item.effect === 'warn');
  const stepBlocks = new Map<number, ApplicableItem[]>();
  protocol.steps.forEach((step, i) => {
    const by = on.filter((e) => blocksStep(e.item, step));
    if (by.length > 0) stepBlocks.set(i, by);
  });
  const avoidReasons = new Map<string, ApplicableItem[]>();
  for (const e of on) {
    if (e.item.effect !== 'avoid_zones') continue;
    for (const z of e.item.zones) {
      if (catalogueAvoid.has(z)) continue;
      const list = avoidReasons.get(z) ?? [];
      if (!list.includes(e)) list.push(e);
      avoidReasons.set(z, list);
    }
  }
  const skip = blockedBy.length > 0 ? protocol.steps.map((_, i) => i) : [...stepBlocks.keys()];
  return {
    blockedBy,
    stepBlocks,
    skip,
    avoidZones: [...avoidReasons.keys()].sort(),
    avoidReasons,
    warnings,
  };
}
