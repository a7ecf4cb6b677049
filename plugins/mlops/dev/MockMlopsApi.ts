import {
  CanaryResponse,
  MlflowRunsQuery,
  MlflowRunsResponse,
  MlopsResponseMeta,
} from '@mlops-portal/plugin-mlops-common';
import { MlopsApi, MlopsApiError } from '../src/api';
import {
  accuracyHistory,
  gbmCandidate,
  rfBaseline,
  rfTuned,
  rfTunedDetail,
  runsPage1,
} from '../src/components/MlflowRunsCard/__fixtures__/mlflowRuns';
import { loggedModelsByAccuracy } from '../src/components/MlflowLoggedModels/__fixtures__/loggedModels';
import { fraudDetectorModel } from '../src/components/MlflowModelCard/__fixtures__/mlflowModel';
import { fraudPipeline } from '../src/components/DvcPipelineCard/__fixtures__/dvcPipeline';
import { gpuCost } from '../src/components/GpuUsageCard/__fixtures__/gpuCost';
import { gpuUsage } from '../src/components/GpuUsageCard/__fixtures__/gpuUsage';
import { canaryProgressing } from '../src/components/CanaryCard/__fixtures__/canary';
import { chainBroken } from '../src/components/ReproducibilityCard/__fixtures__/reproducibility';

const delay = () => new Promise(resolve => setTimeout(resolve, 300));
const meta = (): MlopsResponseMeta => ({
  demo: true,
  fetchedAt: new Date().toISOString(),
});

/** A method answering a copy of `fixture`, after a delay, marked as demo data. */
const answering =
  <T extends { meta: MlopsResponseMeta }>(fixture: T) =>
  async (): Promise<T> => {
    await delay();
    return { ...fixture, meta: meta() };
  };

const runs = [rfTuned, gbmCandidate, rfBaseline];

/** Sorts like MLflow's `order_by` would, for the dev harness only. */
function sortValue(run: (typeof runs)[number], orderBy: string) {
  if (orderBy.startsWith('metrics.')) return run.metrics[orderBy.slice(8)];
  if (orderBy.startsWith('params.')) return run.params[orderBy.slice(7)];
  if (orderBy === 'run_name') return run.runName;
  if (orderBy === 'status') return run.status;
  return run.startTime;
}

/**
 * Fixture-backed {@link MlopsApi} for `yarn start`: sorts and pages runs, and
 * walks the Argo canary one step per request so the card's refresh shows.
 */
export class MockMlopsApi implements MlopsApi {
  private canaryCalls = 0;

  async getMlflowExperiment() {
    await delay();
    return {
      experiment: {
        experimentId: '1',
        name: 'fraud-detection',
        lifecycleStage: 'active',
        tags: {},
      },
      experimentUrl: runsPage1.experimentUrl,
      instance: 'default',
      meta: meta(),
    };
  }

  async getMlflowRuns(
    _entity: unknown,
    query: MlflowRunsQuery = {},
  ): Promise<MlflowRunsResponse> {
    await delay();
    const orderBy = query.orderBy ?? 'start_time';
    const direction = query.order === 'asc' ? 1 : -1;
    const sorted = [...runs].sort((a, b) => {
      const x = sortValue(a, orderBy) ?? '';
      const y = sortValue(b, orderBy) ?? '';
      if (x === y) return 0;
      return x < y ? -direction : direction;
    });
    const pageSize = query.pageSize ?? 25;
    const offset = query.pageToken ? Number(atob(query.pageToken)) : 0;
    const page = sorted.slice(offset, offset + pageSize);
    const next = offset + pageSize;
    return {
      ...runsPage1,
      runs: page,
      nextPageToken: next < sorted.length ? btoa(String(next)) : undefined,
      meta: meta(),
    };
  }

  async getMlflowRun(_entity: unknown, runId: string) {
    await delay();
    const run = runs.find(r => r.runId === runId);
    if (!run) {
      throw new MlopsApiError({
        code: 'NotFound',
        upstream: 'mlflow',
        message: `RESOURCE_DOES_NOT_EXIST: Run '${runId}' not found`,
      });
    }
    return { run: { ...rfTunedDetail.run, ...run }, meta: meta() };
  }

  async getMlflowMetricHistory(_entity: unknown, runId: string, key: string) {
    await delay();
    const base = accuracyHistory[runId];
    const latestValue = runs.find(r => r.runId === runId)?.metrics[key];
    const latest = typeof latestValue === 'number' ? latestValue : 0;
    // Other metrics: the accuracy curve's shape, scaled to the metric's latest value.
    const last = Number(base.points[base.points.length - 1].value);
    return {
      ...base,
      key,
      points: base.points.map(p => ({
        ...p,
        value: (Number(p.value) / last) * latest,
      })),
      meta: meta(),
    };
  }

  getMlflowModel = answering(fraudDetectorModel);

  getMlflowLoggedModels = answering(loggedModelsByAccuracy);

  getDvcPipeline = answering(fraudPipeline);

  getGpuUsage = answering(gpuUsage);

  getGpuCost = answering(gpuCost);

  getReproducibility = answering(chainBroken);

  async getCanary(): Promise<CanaryResponse> {
    await delay();
    const [argo, ...rest] = canaryProgressing.rollouts;
    const step = Math.min(
      (argo.currentStepIndex ?? 0) + this.canaryCalls++,
      argo.steps.length,
    );
    const weight =
      [...argo.steps.slice(0, step)].reverse().find(s => s.weight !== undefined)
        ?.weight ?? argo.currentWeight;
    const done = step >= argo.steps.length;
    return {
      ...canaryProgressing,
      rollouts: [
        {
          ...argo,
          currentStepIndex: step,
          currentWeight: done ? 100 : weight,
          actualWeight: done ? 100 : weight,
          phase: done ? 'healthy' : 'progressing',
          rawPhase: done ? 'Healthy' : 'Progressing',
        },
        ...rest,
      ],
      meta: meta(),
    };
  }
}
