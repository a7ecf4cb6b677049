/**
 * Types of the MLOps HTTP API, the entity annotation contract and pure
 * helpers shared by the MLOps frontend and backend plugins. No I/O here.
 *
 * @packageDocumentation
 */

export {
  ANNOTATION_ARGOCD_APP_NAME,
  ANNOTATION_DVC_PIPELINE,
  ANNOTATION_FLUX_KUSTOMIZATION,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_MLFLOW_EXPERIMENT_NAME,
  ANNOTATION_MLFLOW_INSTANCE,
  ANNOTATION_MLFLOW_REGISTERED_MODEL,
  ANNOTATION_SOURCE_LOCATION,
  MLOPS_ANNOTATIONS,
  ML_PROJECT_COMPONENT_TYPE,
} from './annotations';
// Each area's index.ts holds its one list of public names; the package re-exports them whole.
export * from './project';
export * from './api';
export * from './dvc';
export * from './mlflow';
export {
  mlopsCanaryReadPermission,
  mlopsDvcReadPermission,
  mlopsGpuReadPermission,
  mlopsMlflowReadPermission,
  mlopsPermissionForRoute,
  mlopsPermissions,
  mlopsReproducibilityReadPermission,
} from './permissions';
export type { MlopsPermission } from './permissions';
