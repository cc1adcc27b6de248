/**
 * The content loader: JSON texts of `content/**` in, typed domain objects and problems out.
 * It never throws for bad input; a file with problems is reported and left out, the rest load.
 *
 * Pure (no file system): the caller passes the files, so the same code runs in Node (the checker,
 * tests) and in the browser (files fetched by the app).
 */
import type { z } from 'zod';
import { checkConditions, checkNoteOrigin, checkSourceNoteRefs } from './checkSafety.ts';
import { issuesToProblems } from './issues.ts';
import { parseJson } from './jsonError.ts';
import { EN_MESSAGES, message, pluralForm, type Messages } from './messages.ts';
import { formatJsonPath, type JsonPathSegment, type Problem } from './problems.ts';
import {
  contraindicationsFile,
  type Condition,
  landmarksFile,
  localeFile,
  NON_TOUCH_TECHNIQUES,
  protocol as protocolSchema,
  step as stepSchema,
  zonesFile,
  type ContraindicationList,
  type LandmarkInfo,
  type PathSpec,
  type Protocol,
  type Range,
  type Step,
  type ZoneInfo,
} from './schema.ts';
import { SOURCE_FILES } from './sources.ts';

export interface ContentFile {
  /** Path relative to the repository root, e.g. `content/protocols/p1-hallux-valgus-adult-self.json`. */
  readonly path: string;
  readonly text: string;
}

export interface LoadedProtocol {
  readonly file: string;
  readonly protocol: Protocol;
}

export interface ContentData {
  readonly zones: ReadonlyMap<string, ZoneInfo>;
  readonly landmarks: ReadonlyMap<string, LandmarkInfo>;
  /** Valid protocols, ordered by catalogue number then id. */
  readonly protocols: readonly LoadedProtocol[];
  readonly contraindications: readonly ContraindicationList[];
  /** What a person ticks in the safety check (`contraindications.json` → `conditions`). */
  readonly conditions: readonly Condition[];
  /** UI strings per locale (`en`, `ru`, ...). */
  readonly locales: ReadonlyMap<string, Messages>;
}

export interface LoadResult {
  readonly data: ContentData;
  readonly problems: readonly Problem[];
}

export const CONTENT_DIR = 'content';
export const ZONES_FILE = `${CONTENT_DIR}/zones.json`;
export const LANDMARKS_FILE = `${CONTENT_DIR}/landmarks.json`;
export const CONTRAINDICATIONS_FILE = `${CONTENT_DIR}/contraindications.json`;
export const SCHEMA_FILE = `${CONTENT_DIR}/schema.json`;
const PROTOCOL_FILE = /^content\/protocols\/([^/]+)\.json$/;
const LOCALE_FILE = /^content\/locales\/([a-z]{2})\.json$/;

type Kind =
  'zones' | 'landmarks' | 'contraindications' | 'protocol' | 'locale' | 'schema' | 'unknown';

function classify(path: string): Kind {
  if (path === ZONES_FILE) return 'zones';
  if (path === LANDMARKS_FILE) return 'landmarks';
  if (path === CONTRAINDICATIONS_FILE) return 'contraindications';
  if (path === SCHEMA_FILE) return 'schema';
  if (PROTOCOL_FILE.test(path)) return 'protocol';
  if (LOCALE_FILE.test(path)) return 'locale';
  return 'unknown';
}

/** Parses JSON and validates it with `schema`; problems are appended to `out`. */
function parseFile<T extends z.ZodType>(
  file: ContentFile,
  schema: T,
  out: Problem[],
): z.infer<T> | undefined {
  return parseFileRaw(file, schema, out).value;
}

/** Like `parseFile`, also returning the raw JSON value (for partial checks of invalid files). */
function parseFileRaw<T extends z.ZodType>(
  file: ContentFile,
  schema: T,
  out: Problem[],
): { value?: z.infer<T>; raw?: unknown } {
  const json = parseJson(file.text);
  if (!json.ok) {
    const { line, column, reason } = json.error;
    out.push({
      file: file.path,
      path: '$',
      reason: message('problem.json.invalid', { line, column, message: reason }),
    });
    return {};
  }
  const result = schema.safeParse(json.value, { reportInput: true });
  if (!result.success) {
    out.push(...issuesToProblems(file.path, result.error.issues));
    return { raw: json.value };
  }
  return { value: result.data, raw: json.value };
}

/** The landmark names a path uses, each with its JSON path below the path object. */
export function pathLandmarkRefs(path: PathSpec): { name: string; at: JsonPathSegment[] }[] {
  switch (path.kind) {
    case 'line':
      return [
        { name: path.from, at: ['from'] },
        ...(path.via ?? []).map((name, i) => ({ name, at: ['via', i] })),
        { name: path.to, at: ['to'] },
      ];
    case 'circles':
      return [{ name: path.center, at: ['center'] }];
    case 'spiral':
      return [
        { name: path.along[0], at: ['along', 0] },
        ...(path.via ?? []).map((name, i) => ({ name, at: ['via', i] })),
        { name: path.along[1], at: ['along', 1] },
      ];
    case 'zigzag':
      return path.along.map((name, i) => ({ name, at: ['along', i] }));
    case 'figure_eight':
      return [
        { name: path.a, at: ['a'] },
        { name: path.b, at: ['b'] },
      ];
    case 'points':
      return path.at.map((name, i) => ({ name, at: ['at', i] }));
    case 'each_toe': {
      const ends =
        path.segment === 'base' ? ['base'] : path.segment === 'tip' ? ['tip'] : ['base', 'tip'];
      return [1, 2, 3, 4, 5].flatMap((n) =>
        ends.map((end) => ({ name: `toe${n}_${end}`, at: [] })),
      );
    }
    case 'fan':
      return [
        { name: path.from, at: ['from'] },
        ...path.to.map((name, i) => ({ name, at: ['to', i] })),
      ];
  }
}

/**
 * Where a path starts and where it may end, as landmark names, for comparing with a step's
 * direction; null for kinds without a single start (circles, points, toe-by-toe glides).
 */
export function pathEnds(path: PathSpec): { from: string; to: readonly string[] } | null {
  switch (path.kind) {
    case 'line':
      return { from: path.from, to: [path.to] };
    case 'spiral':
    case 'zigzag':
      return { from: path.along[0], to: [path.along[1]] };
    case 'figure_eight':
      return { from: path.a, to: [path.b] };
    case 'fan':
      return { from: path.from, to: path.to };
    case 'each_toe': {
      if (path.segment === 'base_to_tip') return null;
      const [first, last] = path.order === 'big_to_little' ? [1, 5] : [5, 1];
      return { from: `toe${first}_${path.segment}`, to: [`toe${last}_${path.segment}`] };
    }
    case 'circles':
    case 'points':
      return null;
  }
}

function checkRange(range: Range | undefined, at: JsonPathSegment[], report: Report) {
  if (range?.max !== undefined && range.min > range.max)
    report(at, message('problem.range.order', { min: range.min, max: range.max }));
}

type Report = (at: JsonPathSegment[], reason: string) => void;

function sourceChecker(report: Report, protocolSources: ReadonlySet<string> | null) {
  return (name: string, at: JsonPathSegment[], mustBeListed: boolean) => {
    if (!SOURCE_FILES.has(name)) report(at, message('problem.ref.unknownSource', { name }));
    else if (mustBeListed && protocolSources && !protocolSources.has(name))
      report(at, message('problem.ref.sourceNotListed', { name }));
  };
}

/**
 * Reference checks of steps (given with their index in the file): ids, sources, zones, landmarks,
 * and the rules a schema cannot express (touching steps need a path and zones; a dose).
 * `protocolSources` is null when the protocol's own source list is unusable.
 */
function checkSteps(
  file: string,
  steps: readonly (readonly [number, Step])[],
  protocolSources: ReadonlySet<string> | null,
  cat: Catalogues,
  out: Problem[],
): void {
  const report: Report = (at, reason) => out.push({ file, path: formatJsonPath(at), reason });
  const checkSource = sourceChecker(report, protocolSources);
  const checkZone = (id: string, at: JsonPathSegment[]) => {
    if (!cat.zones) return;
    const zone = cat.zones.get(id);
    if (!zone) report(at, message('problem.ref.unknownZone', { id }));
    else if (zone.avoid)
      report(at, message('problem.step.zoneIsAvoid', { id, reason: zone.avoid.reason }));
  };
  const checkLandmark = (name: string, at: JsonPathSegment[]) => {
    if (cat.landmarks && !cat.landmarks.has(name))
      report(at, message('problem.ref.unknownLandmark', { name }));
  };
  const stepIds = new Set<string>();
  for (const [i, s] of steps) {
    const at = (...rest: JsonPathSegment[]) => ['steps', i, ...rest];
    if (stepIds.has(s.id)) report(at('id'), message('problem.id.duplicate', { id: s.id }));
    stepIds.add(s.id);
    checkSource(s.source, at('source'), true);
    s.cautions.forEach((n, k) =>
      checkNoteOrigin(n, at('cautions', k), report, (name, where) =>
        checkSource(name, where, true),
      ),
    );
    s.zones.forEach((z, k) => checkZone(z, at('zones', k)));
    const touches = !NON_TOUCH_TECHNIQUES.has(s.technique);
    if (touches && !s.path)
      report(at('path'), message('problem.step.needsPath', { technique: s.technique }));
    if (touches && s.zones.length === 0)
      report(at('zones'), message('problem.step.needsZones', { technique: s.technique }));
    if (s.technique !== 'care' && s.durationS === undefined && s.repetitions === undefined)
      report(at('durationS'), message('problem.step.needsDose'));
    if (s.path) {
      const seen = new Set<string>();
      for (const ref of pathLandmarkRefs(s.path)) {
        if (seen.has(ref.name)) continue;
        seen.add(ref.name);
        checkLandmark(ref.name, at('path', ...ref.at));
      }
    }
    if (s.direction?.from !== undefined) checkLandmark(s.direction.from, at('direction', 'from'));
    if (s.direction?.to !== undefined) checkLandmark(s.direction.to, at('direction', 'to'));
    // A direction stated in landmarks must agree with the way the path runs.
    const ends = s.path ? pathEnds(s.path) : null;
    const dir = s.direction;
    if (
      ends &&
      dir?.from !== undefined &&
      dir.to !== undefined &&
      (dir.from !== ends.from || !ends.to.includes(dir.to))
    )
      report(
        at('direction'),
        message('problem.step.directionMismatch', {
          from: dir.from,
          to: dir.to,
          pathFrom: ends.from,
          pathTo: ends.to.join('" or "'),
        }),
      );
  }
}

/** Reference checks of one valid protocol against the catalogues and the source registry. */
function checkProtocol(file: string, p: Protocol, cat: Catalogues, out: Problem[]): void {
  const report: Report = (at, reason) => out.push({ file, path: formatJsonPath(at), reason });
  const expectedFile = PROTOCOL_FILE.exec(file)?.[1];
  if (expectedFile !== undefined && expectedFile !== p.id)
    report(['id'], message('problem.id.fileName', { id: p.id, file: `${expectedFile}.json` }));

  const protocolSources = new Set(p.sources);
  const checkSource = sourceChecker(report, protocolSources);
  p.sources.forEach((s, i) => checkSource(s, ['sources', i], false));
  const listed = (name: string, at: JsonPathSegment[]) => checkSource(name, at, true);
  p.cautions.forEach((n, i) => checkNoteOrigin(n, ['cautions', i], report, listed));
  if (p.schedule) {
    checkSource(p.schedule.source, ['schedule', 'source'], true);
    p.schedule.notes.forEach((n, i) =>
      checkNoteOrigin(n, ['schedule', 'notes', i], report, listed),
    );
    checkRange(p.schedule.courseSessions, ['schedule', 'courseSessions'], report);
    checkRange(p.schedule.courseWeeks, ['schedule', 'courseWeeks'], report);
    checkRange(p.schedule.breakWeeks, ['schedule', 'breakWeeks'], report);
    checkRange(p.schedule.sessionMinutes, ['schedule', 'sessionMinutes'], report);
  }
  checkSteps(
    file,
    p.steps.map((s, i) => [i, s] as const),
    protocolSources,
    cat,
    out,
  );
  p.directionRules?.forEach((r, i) => listed(r.source, ['directionRules', i, 'source']));
  p.sourceNotes.forEach((n, i) =>
    n.variants.forEach((v, k) =>
      checkSource(v.source, ['sourceNotes', i, 'variants', k, 'source'], false),
    ),
  );
}

/** Reference checks of the steps that are valid in a protocol file that is not. */
function checkInvalidProtocol(file: string, raw: unknown, cat: Catalogues, out: Problem[]): void {
  if (typeof raw !== 'object' || raw === null) return;
  const { sources, steps } = raw as { sources?: unknown; steps?: unknown };
  const sourceList =
    Array.isArray(sources) && sources.every((s) => typeof s === 'string') ? new Set(sources) : null;
  if (!Array.isArray(steps)) return;
  const valid: (readonly [number, Step])[] = [];
  steps.forEach((s: unknown, i) => {
    const parsed = stepSchema.safeParse(s);
    if (parsed.success) valid.push([i, parsed.data]);
  });
  checkSteps(file, valid, sourceList, cat, out);
}

/** The plural categories a language's words take (`one`, `few`, `many`, `other` for Russian). */
function pluralCategories(code: string): readonly string[] {
  try {
    return new Intl.PluralRules(code).resolvedOptions().pluralCategories;
  } catch {
    return ['one', 'other'];
  }
}

/** Keys of a locale table missing from, or not in, the reference (English) table. */
function localeKeyProblems(
  file: string,
  code: string,
  table: Messages,
  reference: Messages,
): Problem[] {
  const out: Problem[] = [];
  const report = (key: string, reason: 'problem.locale.missingKey' | 'problem.locale.extraKey') =>
    out.push({ file, path: formatJsonPath([key]), reason: message(reason, { key }) });
  const categories = pluralCategories(code);
  const families = new Set<string>();
  for (const key of Object.keys(reference)) {
    const plural = pluralForm(key, reference);
    if (plural) families.add(plural.base);
    else if (!(key in table)) report(key, 'problem.locale.missingKey');
  }
  for (const base of families)
    for (const category of categories)
      if (!(`${base}_${category}` in table))
        report(`${base}_${category}`, 'problem.locale.missingKey');
  for (const key of Object.keys(table)) {
    const plural = pluralForm(key, reference);
    if (plural ? !categories.includes(plural.category) : !(key in reference))
      report(key, 'problem.locale.extraKey');
  }
  return out;
}

function compareProtocols(a: LoadedProtocol, b: LoadedProtocol): number {
  const na = Number(a.protocol.catalogueId.slice(1));
  const nb = Number(b.protocol.catalogueId.slice(1));
  return na - nb || (a.protocol.id < b.protocol.id ? -1 : a.protocol.id > b.protocol.id ? 1 : 0);
}

/** The catalogues every other file refers to; null where the file is missing or unusable. */
export interface Catalogues {
  readonly zones: ReadonlyMap<string, ZoneInfo> | null;
  readonly landmarks: ReadonlyMap<string, LandmarkInfo> | null;
}

/** Reads the zone and landmark catalogues (problems go to `out`). */
export function loadCatalogues(
  zonesSource: ContentFile | undefined,
  landmarksSource: ContentFile | undefined,
  out: Problem[],
): Catalogues {
  const zonesParsed = zonesSource && parseFile(zonesSource, zonesFile, out);
  const landmarksParsed = landmarksSource && parseFile(landmarksSource, landmarksFile, out);
  const zones = zonesParsed ? new Map(zonesParsed.zones.map((z) => [z.id, z])) : null;
  const landmarks = landmarksParsed
    ? new Map(landmarksParsed.landmarks.map((l) => [l.name, l]))
    : null;
  if (landmarksParsed && zones) {
    landmarksParsed.landmarks.forEach((l, i) => {
      if (!zones.has(l.zone))
        out.push({
          file: LANDMARKS_FILE,
          path: formatJsonPath(['landmarks', i, 'zone']),
          reason: message('problem.ref.unknownZone', { id: l.zone }),
        });
    });
  }
  return { zones, landmarks };
}

/**
 * One protocol file on its own: JSON, schema, and its references to the catalogues and sources.
 * The protocol is returned when its schema is valid (even with reference problems, so that the
 * cross-file checks can still see it); `problems` holds everything found in the file. A file
 * that fails the schema but names an id gives it as `invalidId`, so that the source notes of
 * other protocols that name it are not reported again for it.
 */
export function parseProtocolFile(
  file: ContentFile,
  cat: Catalogues,
): { protocol: Protocol | null; problems: Problem[]; invalidId?: string } {
  const problems: Problem[] = [];
  const { value: p, raw } = parseFileRaw(file, protocolSchema, problems);
  if (!p) {
    checkInvalidProtocol(file.path, raw, cat, problems);
    const rawId = (raw as { id?: unknown } | undefined)?.id;
    return typeof rawId === 'string'
      ? { protocol: null, problems, invalidId: rawId }
      : { protocol: null, problems };
  }
  checkProtocol(file.path, p, cat, problems);
  return { protocol: p, problems };
}

/**
 * Reads the contraindication lists and the conditions a person ticks, and checks their
 * references and how the lists use the conditions (problems go to `out`).
 */
export function loadContraindications(
  file: ContentFile,
  protocolIds: ReadonlySet<string>,
  zones: ReadonlyMap<string, ZoneInfo> | null,
  out: Problem[],
): { lists: ContraindicationList[]; conditions: readonly Condition[] } | null {
  const parsed = parseFile(file, contraindicationsFile, out);
  if (!parsed) return null;
  const lists: ContraindicationList[] = [];
  const listIds = new Set<string>();
  parsed.lists.forEach((list, i) => {
    const report = (at: JsonPathSegment[], reason: string) =>
      out.push({ file: file.path, path: formatJsonPath(['lists', i, ...at]), reason });
    if (listIds.has(list.id)) report(['id'], message('problem.id.duplicate', { id: list.id }));
    listIds.add(list.id);
    list.sources.forEach((s, k) => {
      if (!SOURCE_FILES.has(s))
        report(['sources', k], message('problem.ref.unknownSource', { name: s }));
    });
    list.protocols.forEach((id, k) => {
      if (!protocolIds.has(id))
        report(['protocols', k], message('problem.ref.unknownProtocol', { id }));
    });
    const checkZone = (id: string, at: JsonPathSegment[]) => {
      if (zones && !zones.has(id)) report(at, message('problem.ref.unknownZone', { id }));
    };
    list.zones.forEach((z, k) => checkZone(z, ['zones', k]));
    const itemIds = new Set<string>();
    list.items.forEach((item, k) => {
      if (itemIds.has(item.id))
        report(['items', k, 'id'], message('problem.id.duplicate', { id: item.id }));
      itemIds.add(item.id);
      item.zones.forEach((z, m) => checkZone(z, ['items', k, 'zones', m]));
      if (item.effect === 'avoid_zones' && item.zones.length === 0)
        report(['items', k, 'zones'], message('problem.ci.needsZones'));
      if (item.effect === 'avoid_techniques' && !item.techniques?.length)
        report(['items', k, 'techniques'], message('problem.ci.needsTechniques'));
      item.sources?.forEach((s, m) => {
        if (!SOURCE_FILES.has(s))
          report(['items', k, 'sources', m], message('problem.ref.unknownSource', { name: s }));
      });
    });
    lists.push(list);
  });
  const conditions = parsed.conditions ?? [];
  const avoid = zones
    ? new Set([...zones.values()].filter((z) => z.avoid !== null).map((z) => z.id))
    : null;
  checkConditions(conditions, parsed.lists, avoid, (at, reason) =>
    out.push({ file: file.path, path: formatJsonPath(at), reason }),
  );
  return { lists, conditions };
}

/** What a protocol's links to other files are checked against. */
export interface ProtocolLinks {
  /** The contraindication lists, or null when their file is unusable (links are not checked). */
  readonly lists: readonly ContraindicationList[] | null;
  /** Every protocol id known, and the step ids of each (source notes name them). */
  readonly steps: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Ids of protocol files that fail the schema (reported there): a source note naming one is
   * not reported again, so one broken file does not take the protocols sharing the note with it.
   */
  readonly invalid?: ReadonlySet<string>;
  /**
   * Whether each list a protocol names must name the protocol back: true for the bundled content
   * (both directions are kept in step), false for a protocol imported on its own.
   */
  readonly listsNameProtocol: boolean;
}

/** A protocol's links to the contraindication lists and, in its source notes, to other protocols. */
export function checkProtocolLinks(lp: LoadedProtocol, links: ProtocolLinks): Problem[] {
  const own: Problem[] = [];
  const listById = new Map((links.lists ?? []).map((l) => [l.id, l]));
  lp.protocol.contraindications.forEach((id, i) => {
    const list = listById.get(id);
    const path = formatJsonPath(['contraindications', i]);
    if (!list) {
      if (links.lists)
        own.push({
          file: lp.file,
          path,
          reason: message('problem.ref.unknownContraindication', { id }),
        });
    } else if (links.listsNameProtocol && !list.protocols.includes(lp.protocol.id))
      own.push({
        file: lp.file,
        path,
        reason: message('problem.ref.listMismatch', { protocol: lp.protocol.id, list: id }),
      });
  });
  lp.protocol.sourceNotes.forEach((n, i) =>
    checkSourceNoteRefs(
      n,
      ['sourceNotes', i],
      links.steps,
      (at, reason) => own.push({ file: lp.file, path: formatJsonPath(at), reason }),
      links.invalid,
    ),
  );
  return own;
}

/**
 * A source note shared by several protocols (same id) must read the same everywhere: the
 * problems of the protocols whose copy differs from the first one seen.
 */
export function checkSharedNotes(protocols: readonly LoadedProtocol[]): Problem[] {
  const out: Problem[] = [];
  const notesById = new Map<string, { file: string; text: string }>();
  for (const lp of protocols)
    lp.protocol.sourceNotes.forEach((n, i) => {
      const text = JSON.stringify(n);
      const first = notesById.get(n.id);
      if (!first) notesById.set(n.id, { file: lp.file, text });
      else if (first.text !== text)
        out.push({
          file: lp.file,
          path: formatJsonPath(['sourceNotes', i]),
          reason: message('problem.ref.noteDiffers', { id: n.id, file: first.file }),
        });
    });
  return out;
}

/** Step ids per protocol id. */
export function stepIndex(protocols: readonly LoadedProtocol[]): Map<string, ReadonlySet<string>> {
  return new Map(
    protocols.map((lp) => [lp.protocol.id, new Set(lp.protocol.steps.map((s) => s.id))]),
  );
}

/**
 * Loads every content file. Files are identified by their path (`content/zones.json`,
 * `content/landmarks.json`, `content/contraindications.json`, `content/protocols/*.json`,
 * `content/locales/*.json`; `content/schema.json` is skipped).
 */
export function loadContent(files: readonly ContentFile[]): LoadResult {
  const problems: Problem[] = [];
  const byKind = new Map<Kind, ContentFile[]>();
  for (const f of files) {
    const kind = classify(f.path);
    if (kind === 'unknown')
      problems.push({ file: f.path, path: '$', reason: message('problem.file.unknown') });
    const list = byKind.get(kind) ?? [];
    list.push(f);
    byKind.set(kind, list);
  }
  const single = (kind: Kind, name: string): ContentFile | undefined => {
    const f = byKind.get(kind)?.[0];
    if (!f) problems.push({ file: name, path: '$', reason: message('problem.file.required') });
    return f;
  };

  // Catalogues first: every other check refers to them.
  const zonesSource = single('zones', ZONES_FILE);
  const landmarksSource = single('landmarks', LANDMARKS_FILE);
  const cat = loadCatalogues(zonesSource, landmarksSource, problems);

  // Protocols. Every schema-valid protocol takes part in the cross-file checks below; only those
  // without any problem end up in the data.
  const checked: LoadedProtocol[] = [];
  const broken = new Set<string>();
  const protocolIds = new Set<string>();
  /** Ids of protocol files that fail the schema: reported there, not again by their referrers. */
  const invalidIds = new Set<string>();
  for (const f of byKind.get('protocol') ?? []) {
    const { protocol: p, problems: own, invalidId } = parseProtocolFile(f, cat);
    if (!p) {
      problems.push(...own);
      if (invalidId !== undefined) invalidIds.add(invalidId);
      continue;
    }
    if (protocolIds.has(p.id))
      own.unshift({
        file: f.path,
        path: 'id',
        reason: message('problem.id.duplicate', { id: p.id }),
      });
    problems.push(...own);
    protocolIds.add(p.id);
    checked.push({ file: f.path, protocol: p });
    if (own.length) broken.add(f.path);
  }

  // Contraindications, and their links with protocols in both directions.
  const ciSource = single('contraindications', CONTRAINDICATIONS_FILE);
  const ci = ciSource ? loadContraindications(ciSource, protocolIds, cat.zones, problems) : null;
  const lists = ci?.lists ?? null;
  const links: ProtocolLinks = {
    lists,
    steps: stepIndex(checked),
    invalid: invalidIds,
    listsNameProtocol: true,
  };
  for (const lp of checked) {
    const own = checkProtocolLinks(lp, links);
    if (own.length) {
      problems.push(...own);
      broken.add(lp.file);
    }
  }
  for (const p of checkSharedNotes(checked)) {
    problems.push(p);
    broken.add(p.file);
  }
  if (ciSource) {
    (lists ?? []).forEach((list, i) =>
      list.protocols.forEach((id, k) => {
        const p = checked.find((lp) => lp.protocol.id === id)?.protocol;
        if (p && !p.contraindications.includes(list.id))
          problems.push({
            file: ciSource.path,
            path: formatJsonPath(['lists', i, 'protocols', k]),
            reason: message('problem.ref.protocolMismatch', { protocol: id }),
          });
      }),
    );
  }

  // Locales: every locale has exactly the keys of en.json; a plural family (`key_one`,
  // `key_other`…) has the forms the locale's language needs (CLDR plural categories).
  const locales = new Map<string, Messages>();
  for (const f of byKind.get('locale') ?? []) {
    const table = parseFile(f, localeFile, problems);
    const code = LOCALE_FILE.exec(f.path)?.[1];
    if (!table || code === undefined) continue;
    locales.set(code, table);
  }
  const reference = locales.get('en') ?? EN_MESSAGES;
  for (const f of byKind.get('locale') ?? []) {
    const code = LOCALE_FILE.exec(f.path)?.[1];
    const table = code === undefined ? undefined : locales.get(code);
    if (!table || code === undefined || code === 'en') continue;
    problems.push(...localeKeyProblems(f.path, code, table, reference));
  }

  const protocols = checked.filter((lp) => !broken.has(lp.file)).sort(compareProtocols);
  return {
    data: {
      zones: cat.zones ?? new Map(),
      landmarks: cat.landmarks ?? new Map(),
      protocols,
      contraindications: lists ?? [],
      conditions: ci?.conditions ?? [],
      locales,
    },
    problems,
  };
}
