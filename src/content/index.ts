/** Public surface of the content layer: schema and types, the loader, the model check. */
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
export {
  checkModel,
  type BodyKind,
  type CheckModelOptions,
  type ModelCheckResult,
  type ModelInput,
} from './checkModel.ts';
export { formatProblem, formatJsonPath, type Problem } from './problems.ts';
export { message, fillTemplate, type MessageKey, type Messages } from './messages.ts';
export { SOURCES, SOURCE_FILES, type SourceInfo } from './sources.ts';
