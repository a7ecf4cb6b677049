/**
 * Backend library shared by the MLOps backend plugin and the scaffolder
 * module: `mlops:` config reading, the MLflow REST client (wire types, client
 * calls, UI links) and the one fetch-JSON-or-typed-error helper.
 *
 * @packageDocumentation
 */

export { readMlopsConfig, selectMlflowInstance } from './config';
export type { MlflowInstanceConfig, MlopsConfig } from './config';
export { MlflowApiError, mlflowFetch } from './mlflow/mlflowFetch';
export type {
  MlflowCallOptions,
  MlflowEndpoint,
  MlflowErrorCode,
  MlflowRequest,
} from './mlflow/mlflowFetch';
export {
  createMlflowExperiment,
  ensureMlflowExperiment,
  getMlflowExperiment,
  isMlflowNotFound,
  setMlflowExperimentTag,
} from './mlflow/experiments';
export type {
  EnsuredMlflowExperiment,
  MlflowExperiment,
} from './mlflow/experiments';
export { mlflowHttpTransport } from './mlflow/transport';
export type { MlflowTransport } from './mlflow/transport';
export {
  getMlflowMetricHistory,
  getMlflowRun,
  searchMlflowRuns,
} from './mlflow/runs';
export type {
  MlflowMetricValue,
  MlflowRun,
  MlflowRunsPage,
} from './mlflow/runs';
export {
  MAX_REGISTERED_MODEL_PAGES,
  getMlflowRegisteredModel,
  searchMlflowModelVersions,
  searchMlflowRegisteredModels,
} from './mlflow/registry';
export type {
  MlflowModelVersionInfo,
  MlflowRegisteredModel,
  MlflowRegisteredModelSummary,
} from './mlflow/registry';
export {
  getMlflowLoggedModel,
  loggedModelIdOf,
  searchMlflowLoggedModels,
} from './mlflow/loggedModels';
export type {
  MlflowLoggedModelInfo,
  MlflowLoggedModelsPage,
} from './mlflow/loggedModels';
export { mlflowUiLinks } from './mlflow/uiLinks';
export type {
  DatasetInputJson,
  ExperimentJson,
  KeyValueJson,
  LoggedModelJson,
  MetricJson,
  ModelVersionJson,
  RegisteredModelJson,
  RunJson,
  toMetricNumber,
  toNumber,
  toRecord,
} from './mlflow/wire';
export {
  fetchJson,
  isConnectionReset,
  networkErrorCode,
  parseErrorBody,
} from './http/fetchJson';
export type { HttpFailure, JsonRequest } from './http/fetchJson';
export { ConcurrencyLimit } from './http/concurrencyLimit';
export { mlopsUpstreamsExtensionPoint } from './upstreams';
export type {
  MlopsHeadCheck,
  MlopsHeadCommit,
  MlopsKubernetesClient,
  MlopsKubernetesList,
  MlopsMlflowUpstream,
  MlopsPrometheusClient,
  MlopsPrometheusRange,
  MlopsPrometheusSample,
  MlopsPrometheusSeries,
  MlopsScmStatusReader,
  MlopsSourceReader,
  MlopsUpstreamsExtensionPoint,
} from './upstreams';
