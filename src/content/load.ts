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
import { EN_MESSAGES, message, type Messages } from './messages.ts';
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

interface Catalogues {
  zones: ReadonlyMap<string, ZoneInfo> | null;
  landmarks: ReadonlyMap<string, LandmarkInfo> | null;
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

function compareProtocols(a: LoadedProtocol, b: LoadedProtocol): number {
  const na = Number(a.protocol.catalogueId.slice(1));
  const nb = Number(b.protocol.catalogueId.slice(1));
  return na - nb || (a.protocol.id < b.protocol.id ? -1 : a.protocol.id > b.protocol.id ? 1 : 0);
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

  // Catalogues first: every other check refers to them.
  const single = (kind: Kind, name: string): ContentFile | undefined => {
    const f = byKind.get(kind)?.[0];
    if (!f) problems.push({ file: name, path: '$', reason: message('problem.file.required') });
    return f;
  };
  const zonesSource = single('zones', ZONES_FILE);
  const landmarksSource = single('landmarks', LANDMARKS_FILE);
  const zonesParsed = zonesSource && parseFile(zonesSource, zonesFile, problems);
  const landmarksParsed = landmarksSource && parseFile(landmarksSource, landmarksFile, problems);
  const zones = zonesParsed ? new Map(zonesParsed.zones.map((z) => [z.id, z])) : null;
  const landmarks = landmarksParsed
    ? new Map(landmarksParsed.landmarks.map((l) => [l.name, l]))
    : null;
  if (landmarksParsed && zones) {
    landmarksParsed.landmarks.forEach((l, i) => {
      if (!zones.has(l.zone))
        problems.push({
          file: LANDMARKS_FILE,
          path: formatJsonPath(['landmarks', i, 'zone']),
          reason: message('problem.ref.unknownZone', { id: l.zone }),
        });
    });
  }
  const cat: Catalogues = { zones, landmarks };

  // Protocols. Every schema-valid protocol takes part in the cross-file checks below; only those
  // without any problem end up in the data.
  const checked: LoadedProtocol[] = [];
  const broken = new Set<string>();
  const protocolIds = new Map<string, string>();
  /** Ids of protocol files that fail the schema: reported there, not again by their referrers. */
  const invalidIds = new Set<string>();
  for (const f of byKind.get('protocol') ?? []) {
    const { value: p, raw } = parseFileRaw(f, protocolSchema, problems);
    if (!p) {
      checkInvalidProtocol(f.path, raw, cat, problems);
      const rawId = (raw as { id?: unknown } | undefined)?.id;
      if (typeof rawId === 'string') invalidIds.add(rawId);
      continue;
    }
    const own: Problem[] = [];
    if (protocolIds.has(p.id))
      own.push({ file: f.path, path: 'id', reason: message('problem.id.duplicate', { id: p.id }) });
    checkProtocol(f.path, p, cat, own);
    problems.push(...own);
    protocolIds.set(p.id, f.path);
    checked.push({ file: f.path, protocol: p });
    if (own.length) broken.add(f.path);
  }
  const stepsOf = new Map(
    checked.map((lp) => [lp.protocol.id, new Set(lp.protocol.steps.map((s) => s.id))]),
  );

  // Contraindications, and their links with protocols in both directions.
  const ciSource = single('contraindications', CONTRAINDICATIONS_FILE);
  const ciParsed = ciSource && parseFile(ciSource, contraindicationsFile, problems);
  const lists: ContraindicationList[] = [];
  if (ciParsed) {
    const file = CONTRAINDICATIONS_FILE;
    const listIds = new Set<string>();
    ciParsed.lists.forEach((list, i) => {
      const report = (at: JsonPathSegment[], reason: string) =>
        problems.push({ file, path: formatJsonPath(['lists', i, ...at]), reason });
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
    const avoid = zones
      ? new Set([...zones.values()].filter((z) => z.avoid !== null).map((z) => z.id))
      : null;
    checkConditions(ciParsed.conditions ?? [], ciParsed.lists, avoid, (at, reason) =>
      problems.push({ file, path: formatJsonPath(at), reason }),
    );
  }
  const listById = new Map(lists.map((l) => [l.id, l]));
  for (const lp of checked) {
    const own: Problem[] = [];
    lp.protocol.contraindications.forEach((id, i) => {
      const list = listById.get(id);
      const path = formatJsonPath(['contraindications', i]);
      if (!list) {
        if (ciParsed)
          own.push({
            file: lp.file,
            path,
            reason: message('problem.ref.unknownContraindication', { id }),
          });
      } else if (!list.protocols.includes(lp.protocol.id))
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
        stepsOf,
        (at, reason) => own.push({ file: lp.file, path: formatJsonPath(at), reason }),
        invalidIds,
      ),
    );
    if (own.length) {
      problems.push(...own);
      broken.add(lp.file);
    }
  }
  // A source note shared by several protocols (same id) must read the same everywhere.
  const notesById = new Map<string, { file: string; text: string }>();
  for (const lp of checked)
    lp.protocol.sourceNotes.forEach((n, i) => {
      const text = JSON.stringify(n);
      const first = notesById.get(n.id);
      if (!first) notesById.set(n.id, { file: lp.file, text });
      else if (first.text !== text) {
        problems.push({
          file: lp.file,
          path: formatJsonPath(['sourceNotes', i]),
          reason: message('problem.ref.noteDiffers', { id: n.id, file: first.file }),
        });
        broken.add(lp.file);
      }
    });

  if (ciSource) {
    lists.forEach((list, i) =>
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

  // Locales: every locale has exactly the keys of en.json.
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
    if (!table || code === 'en') continue;
    for (const key of Object.keys(reference))
      if (!(key in table))
        problems.push({
          file: f.path,
          path: formatJsonPath([key]),
          reason: message('problem.locale.missingKey', { key }),
        });
    for (const key of Object.keys(table))
      if (!(key in reference))
        problems.push({
          file: f.path,
          path: formatJsonPath([key]),
          reason: message('problem.locale.extraKey', { key }),
        });
  }

  const protocols = checked.filter((lp) => !broken.has(lp.file)).sort(compareProtocols);
  return {
    data: {
      zones: zones ?? new Map(),
      landmarks: landmarks ?? new Map(),
      protocols,
      contraindications: lists,
      conditions: ciParsed ? (ciParsed.conditions ?? []) : [],
      locales,
    },
    problems,
  };
}
