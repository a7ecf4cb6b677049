import { Entity, DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import {
  CanaryResponse,
  GpuUsageResponse,
  MlflowModelResponse,
  MlflowRunsResponse,
  MlopsEntityRef,
} from '@mlops-portal/plugin-mlops-common';
import { MlopsApi } from '../../api';
import { gpuHolding } from '../GpuUsageCard/holding';
import {
  isCanaryAvailable,
  isGpuAvailable,
  isMlflowModelAvailable,
  isMlflowRunsAvailable,
} from '../../conditions';

/** One answer of the MLOps API, or why it is missing. */
export type Part<T> =
  | { state: 'absent' }
  | { state: 'ok'; value: T }
  | { state: 'error'; error: Error };

/** What the summary and the home page show of one ML project. */
export interface ProjectData {
  entity: Entity;
  ref: MlopsEntityRef;
  runs: Part<MlflowRunsResponse>;
  model: Part<MlflowModelResponse>;
  canary: Part<CanaryResponse>;
  gpu: Part<GpuUsageResponse>;
}

export const entityRefOf = (entity: Entity): MlopsEntityRef => ({
  namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
  kind: entity.kind,
  name: entity.metadata.name,
});

async function part<T>(
  enabled: boolean,
  load: () => Promise<T>,
): Promise<Part<T>> {
  if (!enabled) return { state: 'absent' };
  try {
    return { state: 'ok', value: await load() };
  } catch (error) {
    return {
      state: 'error',
      error: error instanceof Error ? error : new Error(String(error)),
    };
  }
}

/**
 * Reads, in parallel, what the entity's annotations enable: its latest runs,
 * its registered model, its canaries and its GPU use. A failing part is
 * reported on its own; the others still show.
 */
export async function loadProjectData(
  api: MlopsApi,
  entity: Entity,
  runsPerProject = 5,
): Promise<ProjectData> {
  const ref = entityRefOf(entity);
  const [runs, model, canary, gpu] = await Promise.all([
    part(isMlflowRunsAvailable(entity), () =>
      api.getMlflowRuns(ref, {
        orderBy: 'start_time',
        order: 'desc',
        pageSize: runsPerProject,
      }),
    ),
    part(isMlflowModelAvailable(entity), () => api.getMlflowModel(ref)),
    part(isCanaryAvailable(entity), () => api.getCanary(ref)),
    part(isGpuAvailable(entity), () => api.getGpuUsage(ref)),
  ]);
  return { entity, ref, runs, model, canary, gpu };
}

/** The value of a part, when it has one. */
export const valueOf = <T>(p: Part<T>): T | undefined =>
  p.state === 'ok' ? p.value : undefined;

/** True when any part of the project is demo data. */
export const isDemo = (data: ProjectData): boolean =>
  [data.runs, data.model, data.canary, data.gpu].some(
    p => p.state === 'ok' && p.value.meta.demo,
  );

/** GPUs the project's pods hold, over every cluster that could be read. */
export function gpusHeld(gpu: GpuUsageResponse): {
  held: number;
  /** GPUs requested by pending pods, not held yet. */
  pending: number;
  idle: number;
  clusters: number;
  unreadable: number;
} {
  const readable = gpu.clusters.filter(c => !c.error);
  return {
    unreadable: gpu.clusters.length - readable.length,
    held: readable.reduce((n, c) => n + gpuHolding(c).held, 0),
    pending: readable.reduce((n, c) => n + gpuHolding(c).pending, 0),
    idle: readable.reduce((n, c) => n + c.totals.idleAllocated, 0),
    clusters: readable.length,
  };
}

/** The model version an alias (champion first) points at, if any. */
export function championVersion(
  model: MlflowModelResponse,
): { alias: string; version: string } | undefined {
  const aliased = model.versions.flatMap(v =>
    v.aliases.map(alias => ({ alias, version: v.version })),
  );
  return aliased.find(a => a.alias === 'champion') ?? aliased[0];
}
