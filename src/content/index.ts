/** Public surface of the content layer: schema and types, the loader (the model check is `src/domain/checkModel.ts`). */
export * from './schema.ts';
export {
  loadContent,
  pathEnds,
  pathLandmarkRefs,
  type ContentData,
  type ContentFile,
  type LoadedProtocol,
  type LoadResult,
} from './load.ts';
export { formatProblem, formatJsonPath, type Problem } from './problems.ts';
export { message, fillTemplate, type MessageKey, type Messages } from './messages.ts';
export { SOURCES, SOURCE_FILES, type SourceInfo } from './sources.ts';
