import {
  MlflowExperimentResponse,
  MlflowMetricHistoryResponse,
  MlflowModelResponse,
  MlflowRunDetail,
  MlflowRunResponse,
  MlflowRunStatus,
  MlflowRunSummary,
  MlflowRunsQuery,
  MlflowRunsResponse,
} from '@mlops-portal/plugin-mlops-common';
import {
  MlflowExperiment,
  MlflowInstanceConfig,
  MlflowRun,
  MlflowTransport,
  getMlflowExperiment,
  getMlflowMetricHistory,
  getMlflowRegisteredModel,
  getMlflowRun,
  searchMlflowModelVersions,
  mlflowUiLinks as mlflowUi,
  searchMlflowRuns,
} from '@mlops-portal/plugin-mlops-node';
import { MlopsError } from '../errors/MlopsError';
import { FetchedAt, ReaderAnswer } from '../upstream/fetchedAt';
import { ResilientCaller } from '../upstream/ResilientCaller';
import { toMlopsError } from './mlflowErrors';
import { toMlflowSearch } from './runsQuery';

const pick = <T>(values: Record<string, T>, keys: string[] | undefined) =>
  keys ? Object.fromEntries(keys.filter(k => k in values).map(k => [k, values[k]])) : values;

/**
 * The MLflow cards' answers for one entity and instance. Every MLflow call
 * goes through the resilience layer; runs are only served when they belong
 * to the entity's experiment.
 */
export class MlflowReader {
  private readonly ui: string;

  constructor(
    private readonly options: {
      instance: MlflowInstanceConfig;
      transport: MlflowTransport;
      caller: ResilientCaller;
    },
  ) {
    this.ui = options.instance.uiUrl;
  }

  private readonly fetchedAt = new FetchedAt();

  private meta() {
    return { fetchedAt: this.fetchedAt.oldest() };
  }

  private async call<T>(key: string, what: string, fn: (o: { timeoutMs: number; signal: AbortSignal }) => Promise<T>) {
    const result = await this.options.caller.call(
      'mlflow',
      `${this.options.instance.name}:${key}`,
      async signal => {
        try {
          // The resilience layer owns the deadline; the client's own timeout is a backstop.
          return await fn({ timeoutMs: 600_000, signal });
        } catch (error) {
          throw toMlopsError(error, what);
        }
      },
    );
    return this.fetchedAt.track(result);
  }

  private experimentDetails(name: string) {
    return this.call<MlflowExperiment>(`experiment:${name}`, `experiment '${name}'`, o =>
      getMlflowExperiment(this.options.transport, name, o),
    );
  }

  private summary(run: MlflowRun, query?: Pick<MlflowRunsQuery, 'params' | 'metrics'>): MlflowRunSummary {
    return {
      runId: run.runId,
      runName: run.runName,
      status: run.status as MlflowRunStatus,
      ...(run.userId ? { userId: run.userId } : {}),
      ...(run.startTime !== undefined ? { startTime: run.startTime } : {}),
      ...(run.endTime !== undefined ? { endTime: run.endTime } : {}),
      ...(run.startTime !== undefined && run.endTime !== undefined
        ? { durationMs: run.endTime - run.startTime }
        : {}),
      params: pick(run.params, query?.params),
      metrics: pick(run.metrics, query?.metrics),
      ...(run.tags['mlflow.source.git.commit'] ? { gitCommit: run.tags['mlflow.source.git.commit'] } : {}),
      ...(run.tags['dvc.stage'] ? { dvcStage: run.tags['dvc.stage'] } : {}),
      runUrl: mlflowUi.run(this.ui, run.experimentId, run.runId),
    };
  }

  async experiment(name: string): Promise<ReaderAnswer<MlflowExperimentResponse>> {
    const e = await this.experimentDetails(name);
    return {
      experiment: {
        experimentId: e.experimentId,
        name: e.name,
        lifecycleStage: e.lifecycleStage,
        ...(e.artifactLocation ? { artifactLocation: e.artifactLocation } : {}),
        ...(e.creationTime !== undefined ? { creationTime: e.creationTime } : {}),
        ...(e.lastUpdateTime !== undefined ? { lastUpdateTime: e.lastUpdateTime } : {}),
        tags: e.tags,
      },
      experimentUrl: mlflowUi.experiment(this.ui, e.experimentId),
      instance: this.options.instance.name,
      meta: this.meta(),
    };
  }

  async runs(experimentName: string, query: MlflowRunsQuery): Promise<ReaderAnswer<MlflowRunsResponse>> {
    const e = await this.experimentDetails(experimentName);
    const search = toMlflowSearch(query);
    const request = {
      experimentIds: [e.experimentId],
      orderBy: search.orderBy,
      filter: search.filter,
      maxResults: query.pageSize,
      pageToken: query.pageToken,
    };
    const page = await this.call<{ runs: MlflowRun[]; nextPageToken?: string }>(
      `runs:${JSON.stringify(request)}`,
      `runs of experiment '${experimentName}'`,
      o => searchMlflowRuns(this.options.transport, request, o),
    );
    const paramKeys = new Set<string>();
    const metricKeys = new Set<string>();
    for (const run of page.runs) {
      Object.keys(run.params).forEach(k => paramKeys.add(k));
      Object.keys(run.metrics).forEach(k => metricKeys.add(k));
    }
    return {
      runs: page.runs.map(run => this.summary(run, query)),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
      paramKeys: [...paramKeys].sort(),
      metricKeys: [...metricKeys].sort(),
      experimentUrl: mlflowUi.experiment(this.ui, e.experimentId),
      meta: this.meta(),
    };
  }

  /** A run of the entity's experiment; a run of another experiment is NotFound. */
  private async ownRun(experimentName: string, runId: string): Promise<MlflowRun> {
    const [e, run] = await Promise.all([
      this.experimentDetails(experimentName),
      this.call<MlflowRun>(`run:${runId}`, `run '${runId}'`, o => getMlflowRun(this.options.transport, runId, o)),
    ]);
    if (run.experimentId !== e.experimentId) {
      throw new MlopsError('NotFound', `run '${runId}' is not a run of experiment '${experimentName}'`, {
        upstream: 'mlflow',
      });
    }
    return run;
  }

  async run(experimentName: string, runId: string): Promise<ReaderAnswer<MlflowRunResponse>> {
    const run = await this.ownRun(experimentName, runId);
    const detail: MlflowRunDetail = {
      ...this.summary(run),
      experimentId: run.experimentId,
      ...(run.lifecycleStage ? { lifecycleStage: run.lifecycleStage } : {}),
      ...(run.artifactUri ? { artifactUri: run.artifactUri } : {}),
      tags: run.tags,
    };
    return { run: detail, meta: this.meta() };
  }

  async metricHistory(experimentName: string, runId: string, key: string): Promise<ReaderAnswer<MlflowMetricHistoryResponse>> {
    await this.ownRun(experimentName, runId);
    const points = await this.call<MlflowMetricHistoryResponse['points']>(
      `history:${runId}:${key}`,
      `metric '${key}' of run '${runId}'`,
      o => getMlflowMetricHistory(this.options.transport, runId, key, o),
    );
    return { runId, key, points, meta: this.meta() };
  }

  async model(name: string, experimentName: string | undefined): Promise<ReaderAnswer<MlflowModelResponse>> {
    const [model, versions, experiment] = await Promise.all([
      this.call<Awaited<ReturnType<typeof getMlflowRegisteredModel>>>(`model:${name}`, `registered model '${name}'`, o =>
        getMlflowRegisteredModel(this.options.transport, name, o),
      ),
      this.call<Awaited<ReturnType<typeof searchMlflowModelVersions>>>(`versions:${name}`, `versions of model '${name}'`, o =>
        searchMlflowModelVersions(this.options.transport, name, o),
      ),
      // Only to link source runs; the model card works without an experiment.
      experimentName ? this.experimentDetails(experimentName).catch(() => undefined) : undefined,
    ]);
    const aliasesByVersion = new Map<string, string[]>();
    for (const [alias, version] of Object.entries(model.aliases)) {
      aliasesByVersion.set(version, [...(aliasesByVersion.get(version) ?? []), alias]);
    }
    return {
      model: {
        name: model.name,
        ...(model.description ? { description: model.description } : {}),
        ...(model.creationTime !== undefined ? { creationTime: model.creationTime } : {}),
        ...(model.lastUpdatedTime !== undefined ? { lastUpdatedTime: model.lastUpdatedTime } : {}),
        aliases: model.aliases,
        tags: model.tags,
      },
      versions: versions.map(v => ({
        version: v.version,
        aliases: [...new Set([...v.aliases, ...(aliasesByVersion.get(v.version) ?? [])])].sort(),
        ...(v.stage ? { stage: v.stage } : {}),
        ...(v.status ? { status: v.status } : {}),
        ...(v.description ? { description: v.description } : {}),
        ...(v.creationTime !== undefined ? { creationTime: v.creationTime } : {}),
        ...(v.lastUpdatedTime !== undefined ? { lastUpdatedTime: v.lastUpdatedTime } : {}),
        ...(v.source ? { source: v.source } : {}),
        ...(v.runId ? { runId: v.runId } : {}),
        ...(v.runId && experiment ? { runUrl: mlflowUi.run(this.ui, experiment.experimentId, v.runId) } : {}),
        versionUrl: mlflowUi.version(this.ui, name, v.version),
      })),
      modelUrl: mlflowUi.model(this.ui, name),
      meta: this.meta(),
    };
  }
}
