/** The bundled content as modules made at build time (scripts/lib/contentModules.ts). */
declare module 'virtual:footwork/content' {
  type CatalogueEntry = import('../content/catalogue.ts').CatalogueEntry;
  type LoadedProtocol = import('../content/load.ts').LoadedProtocol;
  type Problem = import('../content/problems.ts').Problem;
  type ZoneInfo = import('../content/schema.ts').ZoneInfo;
  type LandmarkInfo = import('../content/schema.ts').LandmarkInfo;
  type ContraindicationList = import('../content/schema.ts').ContraindicationList;
  type Condition = import('../content/schema.ts').Condition;

  /** The valid bundled protocols, in catalogue order. */
  export const catalogue: readonly CatalogueEntry[];
  /** What the loader found wrong (those files are left out). */
  export const problems: readonly Problem[];
  /** The checked data of each protocol of the catalogue, by id. */
  export const loaders: Readonly<Record<string, () => Promise<{ default: LoadedProtocol }>>>;
  export const loadShared: () => Promise<{
    default: {
      zones: [string, ZoneInfo][];
      landmarks: [string, LandmarkInfo][];
      contraindications: ContraindicationList[];
      conditions: Condition[];
    };
  }>;
}

/** Each language's name for itself, from `content/locales/<code>.json` (its `ui.lang.*` keys). */
declare module 'virtual:footwork/locale-names' {
  const names: Readonly<Record<string, Readonly<Record<string, string>>>>;
  export default names;
}

/** The UI tables in two parts per language: the mode words, and everything else. */
declare module 'virtual:footwork/locales' {
  type Table = { default: Readonly<Partial<Record<string, string>>> };
  export const loaders: Readonly<
    Record<string, { core: () => Promise<Table>; modes: () => Promise<Table> }>
  >;
}

/** English, all but the mode words: with the first view. */
declare module 'virtual:footwork/locale/en/core' {
  const table: Readonly<Partial<Record<string, string>>>;
  export default table;
}
