/**
 * The safety check before a protocol: the conditions a person may tick ("pregnant", "varicose
 * veins", "fever"…), and what the ticked ones rule out, each rule credited to the source that says
 * it (or labelled as the app's own suggestion).
 *
 * A list of `content/contraindications.json` applies to a protocol when either names the other
 * (the list's `protocols`, the protocol's `contraindications`) or when the protocol matches the
 * list's `appliesTo` (what it does and for whom: a child, the feet and legs, a bunion…); an item
 * may narrow that with its own `appliesTo`. The applicable items become:
 * - **always**: areas no one massages (items without `when` avoiding catalogue avoid zones);
 * - **notes**: risks of massage itself (severity `risk`, effect `warn`, no `when`);
 * - **rules**: items with `when` — they hold once all their conditions are ticked. The conditions
 *   they name form the checklist, each once, however many sources speak of it; a rule is shown
 *   under the last condition of its `when` (`["pregnant", "varicose_veins"]`: under varicose veins,
 *   "in pregnancy"). Ticking a narrower condition (a stage of pregnancy) ticks its parent.
 *
 * A rule that holds:
 * - `no_massage` / `specialist_only`: blocks the whole protocol (every step is skipped);
 * - `avoid_zones`: blocks the steps working on one of its zones, which become avoid zones;
 * - `avoid_techniques`: blocks the steps using one of its techniques;
 * - `avoid_steps`: blocks the steps matching one of its `steps` (technique, equipment, intensity,
 *   tempo);
 * - `warn`: blocks nothing; shown as a warning.
 *
 * Pure: protocols, lists, conditions and the zone catalogue's groups and avoid zones are passed in.
 */
import type {
  Condition,
  ContraindicationItem,
  ContraindicationList,
  Intensity,
  SafetyScope,
  StepMatch,
  Technique,
} from '../content/schema.ts';

/** The parts of a protocol the safety check reads. */
export interface SafetyProtocol {
  readonly id: string;
  readonly contraindications: readonly string[];
  readonly audience: 'adult' | 'child' | 'self';
  readonly conditions: readonly string[];
  readonly position: { readonly pose: string };
  readonly steps: readonly {
    readonly zones: readonly string[];
    readonly technique: Technique;
    readonly intensity: Intensity;
    readonly intensityTo?: Intensity;
    readonly tempo: { readonly word: string };
    readonly equipment?: readonly string[];
    readonly path?: unknown;
    readonly position?: { readonly pose: string };
  }[];
}

/** What the safety check reads of the content. */
export interface SafetyContent {
  readonly lists: readonly ContraindicationList[];
  readonly conditions: readonly Condition[];
  /** The group of a zone in the zone catalogue (`foot`, `leg`, `trunk`…). */
  readonly zoneGroup: (zone: string) => string | undefined;
}

/** An item of a list that applies to a protocol. */
export interface ApplicableItem {
  /** `<list id>/<item id>`: unique across lists. */
  readonly key: string;
  readonly list: ContraindicationList;
  readonly item: ContraindicationItem;
  /** The condition the rule is shown under (the last of its `when`); null for always/notes. */
  readonly condition: Condition | null;
  /** The other conditions it needs besides `condition` (e.g. pregnancy), in file order. */
  readonly with: readonly Condition[];
  /** The app's own suggestion, said by no source. */
  readonly own: boolean;
  /** The sources that say it (the item's, else its list's); empty when `own`. */
  readonly sources: readonly string[];
}

/** A condition of the checklist with the rules that hang on it for this protocol. */
export interface ChecklistEntry {
  readonly condition: Condition;
  readonly rules: readonly ApplicableItem[];
  /** Narrower cases shown under it (stages of pregnancy); empty for those themselves. */
  readonly children: readonly ChecklistEntry[];
}

export interface ApplicableSafety {
  /** Conditions to tick, in the order of `conditions`, narrower cases under their parent. */
  readonly checklist: readonly ChecklistEntry[];
  /** Items in force for everyone (areas never massaged). */
  readonly always: readonly ApplicableItem[];
  /** Risks of massage itself, to keep in mind. */
  readonly notes: readonly ApplicableItem[];
  /** The lists that apply, in file order (with their `scopeNote`, if any). */
  readonly lists: readonly ContraindicationList[];
}

/** Why a step is skipped: the rules that rule it out. */
export type StepBlocks = ReadonlyMap<number, readonly ApplicableItem[]>;

export interface SafetyVerdict {
  /** Rules that hold and rule out the whole protocol; empty when it may go ahead. */
  readonly blockedBy: readonly ApplicableItem[];
  /** For each step ruled out by a zone or step limit, the rules that rule it out. */
  readonly stepBlocks: StepBlocks;
  /** Step indices the player must pass over: every step when blocked, else those of `stepBlocks`. */
  readonly skip: readonly number[];
  /** Zones the rules add to the avoid zones (not already in the catalogue's), sorted. */
  readonly avoidZones: readonly string[];
  /** For each added avoid zone, the rules that add it. */
  readonly avoidReasons: ReadonlyMap<string, readonly ApplicableItem[]>;
  /** Rules that hold and only ask for care. */
  readonly warnings: readonly ApplicableItem[];
}

/** The key of an item of a list. */
export function itemKey(listId: string, itemId: string): string {
  return `${listId}/${itemId}`;
}

const STEP_PATH_GROUPS = (protocol: SafetyProtocol, zoneGroup: SafetyContent['zoneGroup']) =>
  new Set(
    protocol.steps
      .filter((s) => s.path !== undefined)
      .flatMap((s) => s.zones.map((z) => zoneGroup(z) ?? '')),
  );

/** Whether a protocol matches a scope: every field given holds. */
export function scopeMatches(
  scope: SafetyScope,
  protocol: SafetyProtocol,
  zoneGroup: SafetyContent['zoneGroup'],
): boolean {
  if (scope.audience && !scope.audience.includes(protocol.audience)) return false;
  if (scope.conditions && !scope.conditions.some((c) => protocol.conditions.includes(c)))
    return false;
  if (scope.notConditions?.some((c) => protocol.conditions.includes(c))) return false;
  if (scope.touches) {
    const groups = STEP_PATH_GROUPS(protocol, zoneGroup);
    if (!scope.touches.some((g) => groups.has(g))) return false;
  }
  if (scope.equipment) {
    const used = new Set(protocol.steps.flatMap((s) => s.equipment ?? []));
    if (!scope.equipment.some((e) => used.has(e))) return false;
  }
  if (scope.poses) {
    const poses = new Set([
      protocol.position.pose,
      ...protocol.steps.flatMap((s) => (s.position ? [s.position.pose] : [])),
    ]);
    if (!scope.poses.some((p) => poses.has(p))) return false;
  }
  return true;
}

/** Whether a list applies to a protocol: named either way, or matched by its scope. */
export function listApplies(
  list: ContraindicationList,
  protocol: SafetyProtocol,
  zoneGroup: SafetyContent['zoneGroup'],
): boolean {
  return (
    list.protocols.includes(protocol.id) ||
    protocol.contraindications.includes(list.id) ||
    (list.appliesTo !== undefined && scopeMatches(list.appliesTo, protocol, zoneGroup))
  );
}

/** The items that apply to a protocol, as a checklist of conditions, always-avoided areas and notes. */
export function applicableSafety(
  protocol: SafetyProtocol,
  content: SafetyContent,
  catalogueAvoid: ReadonlySet<string>,
): ApplicableSafety {
  const conditions = new Map(content.conditions.map((c) => [c.id, c]));
  const always: ApplicableItem[] = [];
  const notes: ApplicableItem[] = [];
  const rulesOf = new Map<string, ApplicableItem[]>();
  const lists: ContraindicationList[] = [];
  for (const list of content.lists) {
    if (!listApplies(list, protocol, content.zoneGroup)) continue;
    let used = false;
    for (const item of list.items) {
      if (item.appliesTo && !scopeMatches(item.appliesTo, protocol, content.zoneGroup)) continue;
      used = true;
      const when = (item.when ?? []).flatMap((id) => {
        const c = conditions.get(id);
        return c ? [c] : [];
      });
      const main = when.at(-1) ?? null;
      const entry: ApplicableItem = {
        key: itemKey(list.id, item.id),
        list,
        item,
        condition: main,
        with: when.slice(0, -1),
        own: list.own === true,
        sources: list.own ? [] : (item.sources ?? list.sources),
      };
      if (main) {
        const rules = rulesOf.get(main.id) ?? [];
        rules.push(entry);
        rulesOf.set(main.id, rules);
      } else if (
        item.effect === 'avoid_zones' &&
        item.zones.length > 0 &&
        item.zones.every((z) => catalogueAvoid.has(z))
      )
        always.push(entry);
      else if (item.effect === 'warn') notes.push(entry);
    }
    if (used) lists.push(list);
  }
  // A condition is offered when a rule hangs on it or on a narrower case of it.
  const offered = new Set<string>();
  for (const id of rulesOf.keys()) {
    offered.add(id);
    const parent = conditions.get(id)?.parent;
    if (parent !== undefined && conditions.has(parent)) offered.add(parent);
  }
  const entry = (c: Condition, children: ChecklistEntry[]): ChecklistEntry => ({
    condition: c,
    rules: rulesOf.get(c.id) ?? [],
    children,
  });
  const checklist = content.conditions
    .filter((c) => c.parent === undefined && offered.has(c.id))
    .map((c) =>
      entry(
        c,
        content.conditions
          .filter((k) => k.parent === c.id && offered.has(k.id))
          .map((k) => entry(k, [])),
      ),
    );
  return { checklist, always, notes, lists };
}

/** Every condition of a checklist, parents before their narrower cases. */
export function checklistConditions(checklist: readonly ChecklistEntry[]): ChecklistEntry[] {
  return checklist.flatMap((e) => [e, ...e.children]);
}

/** The ticked conditions with the parents they imply. */
export function withParents(
  ticked: ReadonlySet<string>,
  conditions: readonly Condition[],
): Set<string> {
  const out = new Set(ticked);
  for (const c of conditions) if (ticked.has(c.id) && c.parent !== undefined) out.add(c.parent);
  return out;
}

/** Whether a rule that holds rules out the whole protocol. */
export function blocksProtocol(item: ContraindicationItem): boolean {
  return item.effect === 'no_massage' || item.effect === 'specialist_only';
}

const INTENSITY_RANK: Readonly<Record<Intensity, number>> = { light: 0, moderate: 1, vigorous: 2 };

/** Whether a step matches every field given of a step match. */
export function stepMatches(match: StepMatch, step: SafetyProtocol['steps'][number]): boolean {
  if (match.techniques && !match.techniques.includes(step.technique)) return false;
  const equipment: readonly string[] | undefined = match.equipment;
  if (equipment && !(step.equipment ?? []).some((e) => equipment.includes(e))) return false;
  if (match.minIntensity) {
    const reached = Math.max(
      INTENSITY_RANK[step.intensity],
      step.intensityTo ? INTENSITY_RANK[step.intensityTo] : 0,
    );
    if (reached < INTENSITY_RANK[match.minIntensity]) return false;
  }
  const tempo: readonly string[] | undefined = match.tempo;
  if (tempo && !tempo.includes(step.tempo.word)) return false;
  return true;
}

/** Whether a rule that holds rules out one step (zone, technique or step limits). */
export function blocksStep(
  item: ContraindicationItem,
  step: SafetyProtocol['steps'][number],
): boolean {
  if (item.effect === 'avoid_zones') return step.zones.some((z) => item.zones.includes(z));
  if (item.effect === 'avoid_techniques') return (item.techniques ?? []).includes(step.technique);
  if (item.effect === 'avoid_steps') return (item.steps ?? []).some((m) => stepMatches(m, step));
  return false;
}

/** The rules of a checklist that hold for the ticked conditions (parents implied). */
export function rulesInForce(
  safety: ApplicableSafety,
  ticked: ReadonlySet<string>,
  conditions: readonly Condition[],
): ApplicableItem[] {
  const on = withParents(ticked, conditions);
  return checklistConditions(safety.checklist)
    .flatMap((e) => e.rules)
    .filter((r) => (r.item.when ?? []).every((id) => on.has(id)));
}

/**
 * What the ticked conditions (ids of `conditions`) change for a protocol. Ticks of conditions not
 * offered for it are ignored.
 */
export function evaluateSafety(
  protocol: SafetyProtocol,
  content: SafetyContent,
  catalogueAvoid: ReadonlySet<string>,
  ticked: ReadonlySet<string>,
): SafetyVerdict {
  const on = rulesInForce(
    applicableSafety(protocol, content, catalogueAvoid),
    ticked,
    content.conditions,
  );
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

/** How strongly a rule limits: 3 no massage, 2 a specialist only, 1 leaves steps out, 0 care. */
export function ruleStrength(item: ContraindicationItem): number {
  if (item.effect === 'no_massage') return 3;
  if (item.effect === 'specialist_only') return 2;
  if (item.effect === 'warn') return 0;
  return 1;
}

/**
 * The conditions of a protocol's checklist sorted by what they do when ticked alone (with the
 * conditions their rules also need): no massage, a specialist only, some steps left out, care.
 */
export function checklistByStrength(safety: ApplicableSafety): {
  readonly noMassage: readonly ChecklistEntry[];
  readonly specialist: readonly ChecklistEntry[];
  readonly someSteps: readonly ChecklistEntry[];
  readonly care: readonly ChecklistEntry[];
} {
  const out = {
    noMassage: [] as ChecklistEntry[],
    specialist: [] as ChecklistEntry[],
    someSteps: [] as ChecklistEntry[],
    care: [] as ChecklistEntry[],
  };
  for (const e of checklistConditions(safety.checklist)) {
    if (e.rules.length === 0) continue;
    // What ticking it alone does; a condition that only matters with another (varicose veins in
    // pregnancy, for a protocol source 000 does not cover) goes by those rules.
    const alone = e.rules.filter((r) => r.with.length === 0);
    const strongest = Math.max(
      ...(alone.length > 0 ? alone : e.rules).map((r) => ruleStrength(r.item)),
    );
    const bucket =
      strongest === 3
        ? out.noMassage
        : strongest === 2
          ? out.specialist
          : strongest === 1
            ? out.someSteps
            : out.care;
    bucket.push(e);
  }
  return out;
}
