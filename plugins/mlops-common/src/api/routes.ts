/**
 * Paths of the MLOps backend API, relative to the plugin's base URL
 * (`/api/mlops`). The backend mounts these and the frontend client builds them
 * from the same functions, so they cannot drift.
 */

/** Identifies the entity a route is about. @public */
export interface MlopsEntityRef {
  namespace: string;
  kind: string;
  name: string;
}

const entityPath = ({ namespace, kind, name }: MlopsEntityRef) =>
  `/entity/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind,
  )}/${encodeURIComponent(name)}`;

/** Builders of the MLOps API paths. @public */
export const mlopsApiPaths = {
  mlflowExperiment: (ref: MlopsEntityRef) =>
    `${entityPath(ref)}/mlflow/experiment`,
  mlflowRuns: (ref: MlopsEntityRef) => `${entityPath(ref)}/mlflow/runs`,
  mlflowRun: (ref: MlopsEntityRef, runId: string) =>
    `${entityPath(ref)}/mlflow/runs/${encodeURIComponent(runId)}`,
  mlflowMetricHistory: (ref: MlopsEntityRef, runId: string, key: string) =>
    `${entityPath(ref)}/mlflow/runs/${encodeURIComponent(
      runId,
    )}/metrics/${encodeURIComponent(key)}/history`,
  mlflowModel: (ref: MlopsEntityRef) => `${entityPath(ref)}/mlflow/model`,
  mlflowLoggedModels: (ref: MlopsEntityRef) =>
    `${entityPath(ref)}/mlflow/logged-models`,
  dvcPipeline: (ref: MlopsEntityRef) => `${entityPath(ref)}/dvc/pipeline`,
  gpu: (ref: MlopsEntityRef) => `${entityPath(ref)}/gpu`,
  gpuCost: (ref: MlopsEntityRef, window: string) =>
    `${entityPath(ref)}/gpu/cost?window=${encodeURIComponent(window)}`,
  canary: (ref: MlopsEntityRef) => `${entityPath(ref)}/canary`,
  reproducibility: (ref: MlopsEntityRef) =>
    `${entityPath(ref)}/reproducibility`,
} as const;

/** Express route patterns matching {@link mlopsApiPaths}. @public */
export const mlopsRoutePatterns = {
  mlflowExperiment: '/entity/:namespace/:kind/:name/mlflow/experiment',
  mlflowRuns: '/entity/:namespace/:kind/:name/mlflow/runs',
  mlflowRun: '/entity/:namespace/:kind/:name/mlflow/runs/:runId',
  mlflowMetricHistory:
    '/entity/:namespace/:kind/:name/mlflow/runs/:runId/metrics/:key/history',
  mlflowModel: '/entity/:namespace/:kind/:name/mlflow/model',
  mlflowLoggedModels: '/entity/:namespace/:kind/:name/mlflow/logged-models',
  dvcPipeline: '/entity/:namespace/:kind/:name/dvc/pipeline',
  gpu: '/entity/:namespace/:kind/:name/gpu',
  gpuCost: '/entity/:namespace/:kind/:name/gpu/cost',
  canary: '/entity/:namespace/:kind/:name/canary',
  reproducibility: '/entity/:namespace/:kind/:name/reproducibility',
} as const;
