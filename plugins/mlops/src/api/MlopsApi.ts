import { createApiRef } from '@backstage/core-plugin-api';
// The same API types as MlopsClient.ts on purpose: the interface names each method's types, the client implements them.
import {
  CanaryResponse,
  ReproducibilityResponse,
  DvcPipelineResponse,
  GpuCostResponse,
  GpuCostWindow,
  GpuUsageResponse,
  MlflowExperimentResponse,
  MlflowLoggedModelsQuery,
  MlflowLoggedModelsResponse,
  MlflowMetricHistoryResponse,
  MlflowModelResponse,
  MlflowRunResponse,
  MlflowRunsQuery,
  MlflowRunsResponse,
  MlopsEntityRef,
} from '@mlops-portal/plugin-mlops-common';

/**
 * Reads an entity's MLOps data from the `mlops` backend plugin. Every method
 * rejects with an {@link MlopsApiError}.
 *
 * @public
 */
export interface MlopsApi {
  getMlflowExperiment(
    entity: MlopsEntityRef,
  ): Promise<MlflowExperimentResponse>;
  getMlflowRuns(
    entity: MlopsEntityRef,
    query?: MlflowRunsQuery,
  ): Promise<MlflowRunsResponse>;
  getMlflowRun(
    entity: MlopsEntityRef,
    runId: string,
  ): Promise<MlflowRunResponse>;
  getMlflowMetricHistory(
    entity: MlopsEntityRef,
    runId: string,
    key: string,
  ): Promise<MlflowMetricHistoryResponse>;
  getMlflowModel(entity: MlopsEntityRef): Promise<MlflowModelResponse>;
  /** The experiment's MLflow 3 LoggedModels (`supported: false` on MLflow 2.x). */
  getMlflowLoggedModels(
    entity: MlopsEntityRef,
    query?: MlflowLoggedModelsQuery,
  ): Promise<MlflowLoggedModelsResponse>;
  getDvcPipeline(entity: MlopsEntityRef): Promise<DvcPipelineResponse>;
  getGpuUsage(entity: MlopsEntityRef): Promise<GpuUsageResponse>;
  /** GPU-hours, idle GPU-hours and cost of the entity and its clusters over the window. */
  getGpuCost(
    entity: MlopsEntityRef,
    window: GpuCostWindow,
  ): Promise<GpuCostResponse>;
  getCanary(entity: MlopsEntityRef): Promise<CanaryResponse>;
  /** The reproducibility chain, its verdict and the served models' lineage. */
  getReproducibility(entity: MlopsEntityRef): Promise<ReproducibilityResponse>;
}

/** @public */
export const mlopsApiRef = createApiRef<MlopsApi>({ id: 'plugin.mlops.api' });
