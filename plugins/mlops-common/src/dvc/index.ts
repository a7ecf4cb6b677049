export { DvcFileError } from './errors';
export { DVC_MAX_FILE_BYTES, parseDvcYamlFile } from './parseYamlFile';
export {
  DVC_DEFAULT_PARAMS_FILE,
  buildDvcContext,
  expandDvcStages,
  formatParamRef,
  listDvcVarsFiles,
} from './expandStages';
export type { DvcParamRef, ExpandedDvcStage } from './expandStages';
export { computeDvcEdges, normalizeRelativePath } from './edges';
export {
  compareDvcLock,
  diffDvcStages,
  dvcFileMd5,
  formatDvcParamValue,
  listDvcHashedFiles,
} from './compareLock';
export type {
  DvcEntryChange,
  DvcStageChanges,
  DvcStageComparison,
} from './compareLock';
// Barrel exports, one list per module: alike in shape only.
export {
  analyzeDvcPipeline,
  flattenDvcMetrics,
  listDvcMetricsFiles,
  listDvcParamsFiles,
} from './analyzePipeline';
export type { DvcPipelineAnalysis } from './analyzePipeline';
export { flattenDvcValues } from './values';
export { DVC_PLOT_MAX_POINTS, listDvcPlots, readDvcPlot } from './plots';
export type { DvcPlotDeclaration } from './plots';
