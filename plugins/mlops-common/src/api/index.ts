export type { MlopsResponseMeta } from './meta';
export { MLOPS_ERROR_STATUS, isMlopsErrorBody } from './errors';
export type { MlopsErrorBody, MlopsErrorCode, MlopsUpstream } from './errors';
export { latestLoggedModelMetrics } from './mlflow';
export type {
  MlflowDatasetInput,
  MlflowExperimentResponse,
  MlflowLoggedModel,
  MlflowLoggedModelMetric,
  MlflowLoggedModelsQuery,
  MlflowLoggedModelsResponse,
  MlflowMetricHistoryResponse,
  MlflowMetricNumber,
  MlflowMetricPoint,
  MlflowModelResponse,
  MlflowModelVersion,
  MlflowRunDetail,
  MlflowRunResponse,
  MlflowRunStatus,
  MlflowRunSummary,
  MlflowRunsQuery,
  MlflowRunsResponse,
} from './mlflow';
export type {
  DvcEdge,
  DvcLockStatus,
  DvcMetricsFile,
  DvcPipelineResponse,
  DvcStage,
  DvcStageLockState,
} from './dvc';
export { GPU_COST_WINDOWS } from './gpu';
export type {
  GpuClusterUsage,
  GpuCostResponse,
  GpuCostWindow,
  GpuDeviceKind,
  GpuHoursPoint,
  GpuHoursTotals,
  GpuIdlePod,
  GpuInventoryState,
  GpuNode,
  GpuNodeResource,
  GpuNodeTaint,
  GpuPod,
  GpuUsageResponse,
} from './gpu';
export type {
  CanaryAnalysisMetric,
  CanaryAnalysisRun,
  CanaryCondition,
  CanaryPhase,
  CanaryResponse,
  CanaryRollout,
  CanaryServeApplication,
  CanarySource,
  CanaryStep,
} from './canary';
export { CHAIN_LINK_TITLES } from './reproducibility';
export type {
  ChainLink,
  ChainLinkDetail,
  ChainLinkId,
  ChainLinkStatus,
  LineageData,
  LineageNode,
  ModelLineage,
  ReproducibilityResponse,
} from './reproducibility';
export { mlopsApiPaths, mlopsRoutePatterns } from './routes';
export type { MlopsEntityRef } from './routes';
