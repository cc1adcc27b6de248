/**
 * The content schema: one zod description of every JSON file under `content/`, the TypeScript types
 * inferred from it, and the JSON Schema exported for editors (`content/schema.json`).
 *
 * Shape checks live here; references between files (zone ids, landmark names, source files,
 * contraindication lists) are checked by `loadContent` in `load.ts`, because they depend on the
 * catalogues, and paths are checked against the body model by `src/domain/checkModel.ts`.
 *
 * Every object is strict (unknown keys are errors) and every string has a length limit: content is
 * untrusted data, never markup.
 */
// Before any schema is built: zod must not compile validators with `new Function` (CSP).
import './zodConfig.ts';
import { z } from 'zod';
import { LOCALES, type Locale } from './locales.ts';

// ---------------------------------------------------------------------------------------------
// Primitive ids and text
// ---------------------------------------------------------------------------------------------

export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SNAKE_ID = /^[a-z][a-z0-9_]*$/;
export const SOURCE_FILE = /^[0-9]{3}_[0-9a-f]{16}\.txt$/;
export const CATALOGUE_ID = /^P[1-9][0-9]?$/;

/** Names shown for our regexes in problem messages (see `issues.ts`). */
export const PATTERN_NAMES: ReadonlyMap<string, string> = new Map([
  [KEBAB_ID.source, 'kebab-case id'],
  [SNAKE_ID.source, 'snake_case id'],
  [SOURCE_FILE.source, 'source file name like 000_0123456789abcdef.txt'],
  [CATALOGUE_ID.source, 'catalogue id like P1'],
]);

export const kebabId = z.string().max(64).regex(KEBAB_ID);
export const snakeId = z.string().max(64).regex(SNAKE_ID);
/** A zone id of `content/zones.json`. */
export const zoneId = snakeId;
/** A landmark name of `content/landmarks.json`, without side suffix. */
export const landmarkName = snakeId;
/** A file name of one of the source texts, e.g. `000_cf6d817cf74adffa.txt`. */
export const sourceFile = z.string().max(64).regex(SOURCE_FILE);

const localized = (max: number) =>
  z
    .strictObject({
      en: z.string().trim().min(1).max(max),
      /** Russian; absent until translated (the UI falls back to English). */
      ru: z.string().trim().min(1).max(max).optional(),
    })
    .meta({ description: 'Text in each supported locale; `en` is required.' });

/** Short text: titles, names, directions. */
export const shortText = localized(160);
/** Long text: step instructions, summaries, notes. */
export const longText = localized(1200);
export type LocalizedText = z.infer<typeof longText>;
export { LOCALES, type Locale };

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------

export const TECHNIQUES = [
  'stroking',
  'rubbing',
  'kneading',
  'pinching',
  'tapping',
  'hacking',
  'patting',
  'pressing',
  'vibration',
  'shaking',
  'stretching',
  'passive_movement',
  'active_exercise',
  'preparation',
  'care',
] as const;
export const technique = z.enum(TECHNIQUES);
export type Technique = z.infer<typeof technique>;
/** Techniques that do not touch the body with the hands: no path is required. */
export const NON_TOUCH_TECHNIQUES: ReadonlySet<Technique> = new Set([
  'active_exercise',
  'preparation',
  'care',
]);

export const HAND_PARTS = [
  'palm',
  'palm_edge',
  'heel_of_palm',
  'thumb_pad',
  'fingertips',
  'knuckles',
  'both_hands',
  'finger_phalanges',
  'none',
] as const;
export const handPart = z.enum(HAND_PARTS);
export type HandPart = z.infer<typeof handPart>;

export const intensity = z.enum(['light', 'moderate', 'vigorous']);
export type Intensity = z.infer<typeof intensity>;
export const tempoWord = z.enum(['slow', 'moderate', 'brisk']);

export const POSES = ['prone', 'supine', 'seated', 'standing'] as const;
export const PROPS = [
  'bolster_under_knees',
  'cushion_under_ankles',
  'pillow_under_lower_legs',
  'legs_over_edge',
  'firm_surface',
  'chair',
  'floor',
  'foot_on_opposite_knee',
] as const;
export const position = z.strictObject({
  pose: z.enum(POSES),
  props: z.array(z.enum(PROPS)).max(6),
  note: shortText.optional(),
  /** The position is the app's choice: the source names none. Shown labelled as such. */
  own: z
    .literal(true)
    .optional()
    .describe("The position is the app's choice (the source names none); shown labelled."),
});
export type Position = z.infer<typeof position>;

export const EQUIPMENT = [
  'foot_bath',
  'herbal_infusion',
  'oil_or_cream',
  'warming_gel',
  'needle_roller',
  'small_ball',
  'tennis_ball',
  'marbles',
  'toy',
  'orthopedic_mat',
  'massage_mat',
  'massage_mitten',
  'hand_roller',
  'vibration_massager',
  'towel',
  'toe_pad',
  'metatarsal_pad',
  'orthopedic_shoes',
  'bicycle',
] as const;
export const equipment = z.enum(EQUIPMENT);

export const PHASES = ['preparation', 'main', 'finish', 'exercises', 'care'] as const;
export const phase = z.enum(PHASES);
export type Phase = z.infer<typeof phase>;

/** Morph targets of the foot (see `src/domain/body.ts`). */
export const morphTarget = z.enum([
  'hallux_valgus',
  'flat_foot',
  'toes_flex',
  'toes_extend',
  'toes_spread',
]);

// ---------------------------------------------------------------------------------------------
// Paths: motion vocabulary placed on landmarks
// ---------------------------------------------------------------------------------------------

const radiusMm = z
  .number()
  .min(2)
  .max(200)
  .meta({ description: 'Millimetres on the adult-sized body.' });
const turns = z.number().min(0.25).max(20);

export const linePath = z
  .strictObject({
    kind: z.literal('line'),
    from: landmarkName,
    to: landmarkName,
    /** Landmarks the stroke passes through in order, to route it around avoid zones. */
    via: z.array(landmarkName).max(8).optional(),
  })
  .meta({ description: 'A glide from one landmark to another, optionally through via points.' });

export const circlesPath = z
  .strictObject({
    kind: z.literal('circles'),
    center: landmarkName,
    radiusMm,
    turns,
    /** As seen looking at the skin from outside. */
    clockwise: z.boolean(),
    /**
     * Moves the centre this far sideways, away from the body's midline on the step's side: circles
     * beside a midline landmark (the neck muscles either side of the cervical spine).
     */
    lateralMm: z
      .number()
      .min(1)
      .max(200)
      .optional()
      .describe("Centre moved this far from the body's midline, on the step's side."),
  })
  .meta({ description: 'Circles in the skin tangent plane around a landmark.' });

export const spiralPath = z
  .strictObject({
    kind: z.literal('spiral'),
    along: z.tuple([landmarkName, landmarkName]),
    /** Landmarks the centre passes through between along[0] and along[1] (circles around a joint). */
    via: z.array(landmarkName).max(8).optional(),
    radiusMm,
    turns,
    clockwise: z.boolean(),
  })
  .meta({
    description: 'Circles whose centre travels from along[0] to along[1], through any via points.',
  });

export const figureEightPath = z
  .strictObject({
    kind: z.literal('figure_eight'),
    a: landmarkName,
    b: landmarkName,
    widthMm: radiusMm,
    /** How many times the eight is drawn. */
    loops: z.number().int().min(1).max(20),
  })
  .meta({ description: 'A figure eight with its lobes reaching a and b, crossing midway.' });

export const zigzagPath = z
  .strictObject({
    kind: z.literal('zigzag'),
    along: z.tuple([landmarkName, landmarkName]),
    widthMm: radiusMm,
    /** Number of straight zig and zag segments. */
    segments: z.number().int().min(2).max(60),
  })
  .meta({ description: 'A zigzag of the given width whose centre line runs along[0] → along[1].' });

export const pointsPath = z
  .strictObject({
    kind: z.literal('points'),
    at: z.array(landmarkName).min(1).max(16),
  })
  .meta({ description: 'Presses or taps on each landmark in order.' });

export const eachToePath = z
  .strictObject({
    kind: z.literal('each_toe'),
    order: z.enum(['big_to_little', 'little_to_big']),
    /** `base` / `tip`: a press there; `base_to_tip`: a glide along the toe. */
    segment: z.enum(['base', 'tip', 'base_to_tip']),
  })
  .meta({ description: 'The same action on each toe in turn (landmarks toeN_base / toeN_tip).' });

export const fanPath = z
  .strictObject({
    kind: z.literal('fan'),
    from: landmarkName,
    to: z.array(landmarkName).min(2).max(8),
  })
  .meta({ description: 'Glides from one landmark out to each of several others.' });

export const PATH_KINDS = [
  'line',
  'circles',
  'spiral',
  'figure_eight',
  'zigzag',
  'points',
  'each_toe',
  'fan',
] as const;
export const path = z.discriminatedUnion('kind', [
  linePath,
  circlesPath,
  spiralPath,
  figureEightPath,
  zigzagPath,
  pointsPath,
  eachToePath,
  fanPath,
]);
export type PathSpec = z.infer<typeof path>;
export type PathKind = PathSpec['kind'];

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

export const direction = z.strictObject({
  /** Landmark where the motion starts (no side suffix); absent for "all directions". */
  from: landmarkName.optional(),
  /** Landmark the motion heads for. */
  to: landmarkName.optional(),
  text: shortText,
});

export const tempo = z.strictObject({
  word: tempoWord,
  /** Strokes (or presses, taps) per minute, when a figure is meaningful. */
  perMinute: z.number().int().min(1).max(600).optional(),
});

export const morph = z
  .strictObject({
    /** Length of one loop in seconds. */
    cycleS: z.number().min(0.2).max(60),
    loop: z.boolean(),
    /** Keyframes per target, evenly spaced over the cycle, influence 0..1. */
    tracks: z
      .array(
        z.strictObject({
          target: morphTarget,
          values: z.array(z.number().min(0).max(1)).min(2).max(16),
        }),
      )
      .min(1)
      .max(5),
  })
  .meta({ description: 'Foot morph animation for exercises that move the toes.' });
export type MorphAnimation = z.infer<typeof morph>;

export const MOVEMENTS = [
  'ankle_circles',
  'ball_roll',
  'roller_roll',
  'mat_walk',
  'jump',
  'squat',
  'sit_cross_legged',
  'bounce',
  'barefoot_walk',
  'outer_edge_walk',
  'cycling',
  'swimming',
  'soak',
] as const;

export const note = z.strictObject({
  text: longText,
  plain: longText.optional(),
  /** The source that says it; absent only for the app's own suggestion (`own`). */
  source: sourceFile.optional().describe("The source that says it; absent for the app's own."),
  /** The app's own suggestion, said by no source: shown labelled as such. Needs no `source`. */
  own: z
    .literal(true)
    .optional()
    .describe("The app's own suggestion, not from a source: shown labelled as such."),
});
export type Note = z.infer<typeof note>;

export const step = z.strictObject({
  id: kebabId,
  phase,
  title: shortText,
  /** What to do, for the learner. */
  text: longText,
  /** The same in plain words for a parent. */
  plain: longText.describe('The same in plain words for a parent.'),
  technique,
  handPart,
  zones: z.array(zoneId).max(16),
  side: z
    .enum(['both', 'left', 'right', 'chosen'])
    .describe('Which leg: both in turn, one side, or the side the user picks.'),
  path: path.optional().describe('Required when the technique touches the body.'),
  direction: direction.optional(),
  intensity,
  /** Intensity reached at the end of the step when it grows (e.g. light → vigorous). */
  intensityTo: intensity
    .optional()
    .describe('Intensity reached by the end of the step when it grows.'),
  tempo,
  durationS: z.number().int().min(1).max(3600).optional().describe('Seconds per side.'),
  repetitions: z.number().int().min(1).max(500).optional().describe('Repetitions per side.'),
  /** True when the duration / repetitions are stated by the source, false when they are our estimate. */
  doseFromSource: z
    .boolean()
    .describe('True when the source states the duration or count; false for our estimate.'),
  cautions: z.array(note).max(8),
  /** Position for this step when it differs from the protocol's. */
  position: position
    .optional()
    .describe('Position for this step when it differs from the protocol position.'),
  equipment: z.array(equipment).max(6).optional(),
  morph: morph.optional(),
  /** Whole-body or foot movement the player may show for exercises without a morph. */
  movement: z.enum(MOVEMENTS).optional(),
  source: sourceFile,
});
export type Step = z.infer<typeof step>;

// ---------------------------------------------------------------------------------------------
// Protocols
// ---------------------------------------------------------------------------------------------

const range = z.strictObject({
  min: z.number().min(0).max(1000),
  max: z.number().min(0).max(1000).optional(),
});
export type Range = z.infer<typeof range>;

export const schedule = z.strictObject({
  frequency: z.enum(['daily', 'every_other_day', 'evenings', 'as_needed']),
  /** Sessions in one course (e.g. 15–20, or at least 12 with no max). */
  courseSessions: range.optional(),
  /** Length of one course in weeks (e.g. 2). */
  courseWeeks: range.optional(),
  /** Break between courses in weeks (e.g. 3–4). */
  breakWeeks: range.optional(),
  /** Length of one session in minutes. */
  sessionMinutes: range.optional(),
  load: z.enum(['steady', 'gradual_increase', 'peak_mid_course', 'rising_to_end']),
  notes: z.array(note).max(10),
  source: sourceFile,
});
export type Schedule = z.infer<typeof schedule>;

const stepRef = z.strictObject({
  protocol: kebabId,
  /** A step of that protocol; absent: the protocol as a whole. */
  step: kebabId.optional(),
});

export const sourceNote = z.strictObject({
  id: kebabId,
  topic: shortText,
  variants: z
    .array(
      z.strictObject({
        source: sourceFile,
        /** The protocol (and step) where this version is used; absent when no protocol uses it. */
        protocol: kebabId.optional(),
        step: kebabId.optional(),
        text: longText,
      }),
    )
    .min(2)
    .max(6),
  /** Further protocols and steps the disagreement concerns (shown there too). */
  touches: z
    .array(stepRef)
    .max(30)
    .optional()
    .describe('Further protocols and steps the disagreement concerns; it is shown there too.'),
  /** What the app shows and why, in the app's own words: the app never picks a version silently. */
  appChoice: longText
    .optional()
    .describe('What the app shows and why (its own words): no version is picked silently.'),
});
export type SourceNote = z.infer<typeof sourceNote>;

/** Ways a stroke runs that `check:content` can measure on the body. */
export const DIRECTION_SENSES = [
  'up',
  'down',
  'toward_heel',
  'toward_toes',
  'outward',
  'inward',
] as const;
export type DirectionSense = (typeof DIRECTION_SENSES)[number];

/**
 * A source's rule for which way strokes run on some zones (e.g. 001: the lower leg from the bottom
 * up, with the lymph): every step of the protocol with a path on those zones must run that way,
 * unless its own direction words say it goes both ways.
 */
export const directionRule = z.strictObject({
  zones: z.array(zoneId).min(1).max(20),
  sense: z.enum(DIRECTION_SENSES),
  text: shortText,
  source: sourceFile,
});
export type DirectionRule = z.infer<typeof directionRule>;

export const CONDITIONS = [
  'hallux_valgus',
  'flat_foot',
  'plano_valgus',
  'valgus_foot',
  'heel_spur',
  'metatarsalgia',
  'stress',
  'fatigue',
  'general',
] as const;

export const protocol = z.strictObject({
  $schema: z.string().max(200).optional(),
  id: kebabId,
  catalogueId: z.string().regex(CATALOGUE_ID),
  title: shortText,
  summary: longText,
  sources: z.array(sourceFile).min(1).max(5),
  /** Who receives it: an adult (by a therapist), a child (by a parent or therapist), oneself. */
  audience: z.enum(['adult', 'child', 'self']),
  /** Which body model shows it. */
  body: z.enum(['adult', 'child']),
  /** Morph influences the model is shown with (e.g. a visible bunion), 0..1. */
  bodyMorphs: z
    .partialRecord(morphTarget, z.number().min(0).max(1))
    .optional()
    .describe('Morph influences (0..1) the model is shown with, e.g. a visible bunion.'),
  conditions: z.array(z.enum(CONDITIONS)).min(1).max(6),
  position,
  steps: z.array(step).min(1).max(80),
  schedule: schedule.nullable(),
  contraindications: z.array(kebabId).max(10).describe('Ids of lists in contraindications.json.'),
  cautions: z.array(note).max(10),
  sourceNotes: z.array(sourceNote).max(10),
  directionRules: z
    .array(directionRule)
    .max(10)
    .optional()
    .describe(
      "Sources' rules for which way strokes run on some zones; check:content measures them.",
    ),
});
export type Protocol = z.infer<typeof protocol>;

// ---------------------------------------------------------------------------------------------
// Contraindications
// ---------------------------------------------------------------------------------------------

export const AUDIENCES = ['adult', 'child', 'self'] as const;
export const ZONE_GROUPS = ['foot', 'leg', 'trunk'] as const;

/**
 * Which protocols a list (or one of its items) applies to, by what they do and for whom. Every
 * field given must hold; an empty scope applies to every protocol.
 */
export const safetyScope = z
  .strictObject({
    audience: z.array(z.enum(AUDIENCES)).min(1).max(3).optional(),
    /** The protocol treats one of these conditions. */
    conditions: z.array(z.enum(CONDITIONS)).min(1).max(9).optional(),
    /** The protocol treats none of these conditions. */
    notConditions: z.array(z.enum(CONDITIONS)).min(1).max(9).optional(),
    /** A step with a path works on a zone of one of these groups (`zones.json`). */
    touches: z.array(z.enum(ZONE_GROUPS)).min(1).max(3).optional(),
    /** A step uses one of these things. */
    equipment: z.array(equipment).min(1).max(10).optional(),
    /** The protocol, or one of its steps, is done in one of these positions. */
    poses: z.array(z.enum(POSES)).min(1).max(4).optional(),
  })
  .meta({ description: 'Protocols by what they do and for whom; every field given must hold.' });
export type SafetyScope = z.infer<typeof safetyScope>;

/** Steps a rule leaves out: those matching every field given. */
export const stepMatch = z.strictObject({
  techniques: z.array(technique).min(1).max(15).optional(),
  equipment: z.array(equipment).min(1).max(10).optional(),
  /** The step reaches at least this intensity (at its start or its end). */
  minIntensity: intensity.optional(),
  tempo: z.array(tempoWord).min(1).max(3).optional(),
});
export type StepMatch = z.infer<typeof stepMatch>;

export const CONDITION_GROUPS = [
  'pregnancy',
  'illness',
  'vessels',
  'skin',
  'age',
  'sensation',
] as const;

/**
 * Something a person ticks in the safety check ("pregnant", "varicose veins", "fever"). The items
 * of the lists say what it rules out (`when`); a condition is offered for a protocol when one of
 * its rules applies there, and appears once however many sources speak of it.
 */
export const condition = z.strictObject({
  id: snakeId,
  /** What the person ticks, in plain words. */
  label: shortText,
  group: z.enum(CONDITION_GROUPS),
  /** A narrower case of another condition (a stage of pregnancy): ticking it ticks the parent. */
  parent: snakeId.optional(),
});
export type Condition = z.infer<typeof condition>;

export const contraindicationItem = z.strictObject({
  id: snakeId,
  text: longText,
  plain: longText,
  /** absolute: no massage; relative: only with a doctor's approval; caution: take care. */
  severity: z.enum(['absolute', 'relative', 'caution', 'risk']),
  /** What the app does when it applies. */
  effect: z.enum([
    'no_massage',
    'avoid_zones',
    'avoid_techniques',
    'avoid_steps',
    'specialist_only',
    'warn',
  ]),
  zones: z.array(zoneId).max(40),
  techniques: z.array(technique).max(10).optional(),
  /** For `avoid_steps`: the steps it leaves out (a step matching any entry). */
  steps: z.array(stepMatch).min(1).max(8).optional().describe('For avoid_steps: steps left out.'),
  /**
   * The conditions (ids in `conditions`) that must all be ticked for this rule to hold, the main
   * one last (e.g. `["pregnant", "varicose_veins"]`). Absent for areas avoided for everyone and for
   * risks of massage itself.
   */
  when: z
    .array(snakeId)
    .min(1)
    .max(4)
    .optional()
    .describe('Conditions that must all be ticked for the rule to hold, the main one last.'),
  /** Narrows the list's scope for this item. */
  appliesTo: safetyScope.optional(),
  /** The row or phrase of the catalogue this item stands for (for the coverage test). */
  catalogueRef: z.string().max(200).optional(),
  sources: z.array(sourceFile).min(1).max(5).optional(),
});
export type ContraindicationItem = z.infer<typeof contraindicationItem>;

export const contraindicationList = z.strictObject({
  id: kebabId,
  /** The list label in CATALOGUE.md, e.g. `000`, `002 (heels)`, or `Areas to avoid`. */
  catalogueKey: z.string().min(1).max(60),
  title: shortText,
  kind: z.enum([
    'contraindications',
    'restrictions',
    'age_limits',
    'side_effects',
    'avoid_areas',
    'suggestions',
  ]),
  /** The sources that say it; empty only for the app's own suggestions (`own`). */
  sources: z.array(sourceFile).max(5),
  /** The app's own suggestions, said by no source: shown labelled as such. */
  own: z.boolean().optional(),
  /** Protocols this list applies to by name. */
  protocols: z.array(kebabId).max(20),
  /** Protocols this list applies to by what they do and for whom (besides `protocols`). */
  appliesTo: safetyScope.optional(),
  /** The app's own reading of where a source's list applies, when the source does not say. */
  scopeNote: longText.optional(),
  /** Zones the list as a whole concerns (empty: the whole session). */
  zones: z.array(zoneId).max(40),
  items: z.array(contraindicationItem).min(1).max(30),
});
export type ContraindicationList = z.infer<typeof contraindicationList>;

export const contraindicationsFile = z.strictObject({
  $schema: z.string().max(200).optional(),
  version: z.literal(1),
  /** What a person ticks in the safety check. */
  conditions: z.array(condition).max(80).optional(),
  lists: z.array(contraindicationList).min(1).max(30),
});

// ---------------------------------------------------------------------------------------------
// Catalogues owned elsewhere (read here, never written)
// ---------------------------------------------------------------------------------------------

export const zonesFile = z.strictObject({
  version: z.literal(1),
  zones: z
    .array(
      z.strictObject({
        id: zoneId,
        name: z.string().min(1).max(120),
        group: z.string().min(1).max(40),
        bilateral: z.boolean(),
        avoid: z.strictObject({ reason: z.string().min(1).max(400) }).nullable(),
        description: z.string().max(600).optional(),
      }),
    )
    .min(1),
});
export type ZonesFile = z.infer<typeof zonesFile>;
export type ZoneInfo = ZonesFile['zones'][number];

export const landmarksFile = z.strictObject({
  version: z.literal(1),
  landmarks: z
    .array(
      z.strictObject({
        name: landmarkName,
        bilateral: z.boolean(),
        zone: zoneId,
        description: z.string().max(600).optional(),
      }),
    )
    .min(1),
});
export type LandmarksFile = z.infer<typeof landmarksFile>;
export type LandmarkInfo = LandmarksFile['landmarks'][number];

/** UI strings: a flat map of message keys to templates with `{name}` placeholders. */
export const localeFile = z.record(
  z
    .string()
    .max(80)
    .regex(/^[a-z][a-zA-Z0-9_.]*$/),
  z.string().max(400),
);

// ---------------------------------------------------------------------------------------------
// JSON Schema for editors
// ---------------------------------------------------------------------------------------------

/** The JSON Schema of `content/schema.json`: protocols at the root, other files in `$defs`. */
export function contentJsonSchema(): Record<string, unknown> {
  const root = z.toJSONSchema(protocol, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const contraindications = z.toJSONSchema(contraindicationsFile, {
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  delete contraindications.$schema;
  return {
    ...root,
    $id: 'https://footwork.local/content/schema.json',
    title: 'Footwork protocol',
    description:
      'A massage protocol (content/protocols/*.json). content/contraindications.json uses #/$defs/contraindications.',
    $defs: { contraindications },
  };
}
