import {
  MlflowExperimentResponse,
  MlflowLoggedModel,
  MlflowLoggedModelsQuery,
  MlflowLoggedModelsResponse,
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
  MlflowApiError,
  MlflowExperiment,
  MlflowInstanceConfig,
  MlflowLoggedModelInfo,
  MlflowLoggedModelsPage,
  MlflowRun,
  MlflowTransport,
  getMlflowExperiment,
  getMlflowLoggedModel,
  searchMlflowLoggedModels,
  getMlflowMetricHistory,
  getMlflowRegisteredModel,
  getMlflowRun,
  searchMlflowModelVersions,
  mlflowUiLinks as mlflowUi,
  searchMlflowRuns,
} from '@mlops-portal/plugin-mlops-node';
import { MlopsError } from '../errors/MlopsError';
import { FetchedAt, ReaderAnswer } from '../upstream/fetchedAt';
import { ResilientCaller, RouteDeadline } from '../upstream/ResilientCaller';
import { toLoggedModelsOrder } from './loggedModelsQuery';
import { toMlopsError } from './mlflowErrors';
import { toMlflowSearch } from './runsQuery';

const pick = <T>(values: Record<string, T>, keys: string[] | undefined) =>
  keys
    ? Object.fromEntries(keys.filter(k => k in values).map(k => [k, values[k]]))
    : values;

/** Versions of a model whose run and LoggedModel are looked up (the newest); older ones keep their plain fields. */
const MAX_LINKED_VERSIONS = 50;

/** True for the 404 of a server without the endpoint (MLflow 2.x has no LoggedModels). */
const isMissingEndpoint = (error: unknown) =>
  error instanceof MlflowApiError && error.status === 404;

/**
 * The MLflow cards' answers for one entity and instance, for one request.
 * Every MLflow call goes through the resilience layer under the request's
 * one deadline; runs are only served when they belong to the entity's
 * experiment.
 */
export class MlflowReader {
  private readonly ui: string;

  constructor(
    private readonly options: {
      instance: MlflowInstanceConfig;
      transport: MlflowTransport;
      caller: ResilientCaller;
      /** The route's deadline: every call of this request shares it. */
      deadline: RouteDeadline;
    },
  ) {
    this.ui = options.instance.uiUrl;
  }

  private readonly fetchedAt = new FetchedAt();

  private meta() {
    return { fetchedAt: this.fetchedAt.oldest() };
  }

  private async call<T>(
    key: string,
    what: string,
    fn: (o: { timeoutMs: number; signal: AbortSignal }) => Promise<T>,
  ) {
    const result = await this.options.caller.call(
      'mlflow',
      `${this.options.instance.name}:${key}`,
      async signal => {
        try {
          // The resilience layer owns the deadline; the client's own timeout is a backstop.
          return await fn({ timeoutMs: 600_000, signal });
        } catch (error) {
          throw toMlopsError(error, what, this.options.instance.name);
        }
      },
      { deadline: this.options.deadline },
    );
    return this.fetchedAt.track(result);
  }

  /** {@link call}, `undefined` when the server lacks the endpoint (a 404 of MLflow 2.x). */
  private async callIfServed<T>(
    key: string,
    what: string,
    fn: (o: { timeoutMs: number; signal: AbortSignal }) => Promise<T>,
  ) {
    return this.call<{ served: false } | { served: true; value: T }>(
      key,
      what,
      async o => {
        try {
          return { served: true, value: await fn(o) };
        } catch (error) {
          if (isMissingEndpoint(error)) return { served: false };
          throw error;
        }
      },
    );
  }

  private loggedModel(model: MlflowLoggedModelInfo): MlflowLoggedModel {
    return {
      ...model,
      modelUrl: mlflowUi.loggedModel(
        this.ui,
        model.experimentId,
        model.modelId,
      ),
      ...(model.sourceRunId
        ? {
            sourceRunUrl: mlflowUi.run(
              this.ui,
              model.experimentId,
              model.sourceRunId,
            ),
          }
        : {}),
    };
  }

  /** LoggedModels by id; one that cannot be read (deleted, MLflow 2.x, a failure) is left out. */
  private async loggedModelsById(
    ids: string[],
  ): Promise<Map<string, MlflowLoggedModel>> {
    const models = await Promise.all(
      [...new Set(ids)].map(id =>
        this.call<MlflowLoggedModelInfo>(
          `logged-model:${id}`,
          `LoggedModel '${id}'`,
          o => getMlflowLoggedModel(this.options.transport, id, o),
        ).catch(() => undefined),
      ),
    );
    return new Map(
      models.flatMap(m =>
        m ? [[m.modelId, this.loggedModel(m)] as const] : [],
      ),
    );
  }

  private experimentDetails(name: string) {
    return this.call<MlflowExperiment>(
      `experiment:${name}`,
      `experiment '${name}'`,
      o => getMlflowExperiment(this.options.transport, name, o),
    );
  }

  private summary(
    run: MlflowRun,
    query?: Pick<MlflowRunsQuery, 'params' | 'metrics'>,
  ): MlflowRunSummary {
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
      datasets: run.datasets,
      loggedModelIds: run.outputModelIds,
      ...(run.tags['mlflow.source.git.commit']
        ? { gitCommit: run.tags['mlflow.source.git.commit'] }
        : {}),
      ...(run.tags['dvc.stage'] ? { dvcStage: run.tags['dvc.stage'] } : {}),
      runUrl: mlflowUi.run(this.ui, run.experimentId, run.runId),
    };
  }

  async experiment(
    name: string,
  ): Promise<ReaderAnswer<MlflowExperimentResponse>> {
    const e = await this.experimentDetails(name);
    return {
      experiment: {
        experimentId: e.experimentId,
        name: e.name,
        lifecycleStage: e.lifecycleStage,
        ...(e.artifactLocation ? { artifactLocation: e.artifactLocation } : {}),
        ...(e.creationTime !== undefined
          ? { creationTime: e.creationTime }
          : {}),
        ...(e.lastUpdateTime !== undefined
          ? { lastUpdateTime: e.lastUpdateTime }
          : {}),
        tags: e.tags,
      },
      experimentUrl: mlflowUi.experiment(this.ui, e.experimentId),
      instance: this.options.instance.name,
      meta: this.meta(),
    };
  }

  async runs(
    experimentName: string,
    query: MlflowRunsQuery,
  ): Promise<ReaderAnswer<MlflowRunsResponse>> {
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
  private async ownRun(
    experimentName: string,
    runId: string,
  ): Promise<MlflowRun> {
    const [e, run] = await Promise.all([
      this.experimentDetails(experimentName),
      this.call<MlflowRun>(`run:${runId}`, `run '${runId}'`, o =>
        getMlflowRun(this.options.transport, runId, o),
      ),
    ]);
    if (run.experimentId !== e.experimentId) {
      throw new MlopsError(
        'NotFound',
        `run '${runId}' is not a run of experiment '${experimentName}'`,
        {
          upstream: 'mlflow',
        },
      );
    }
    return run;
  }

  async run(
    experimentName: string,
    runId: string,
  ): Promise<ReaderAnswer<MlflowRunResponse>> {
    const run = await this.ownRun(experimentName, runId);
    const logged = await this.loggedModelsById(run.outputModelIds);
    const detail: MlflowRunDetail = {
      ...this.summary(run),
      experimentId: run.experimentId,
      ...(run.lifecycleStage ? { lifecycleStage: run.lifecycleStage } : {}),
      ...(run.artifactUri ? { artifactUri: run.artifactUri } : {}),
      tags: run.tags,
      inputModelIds: run.inputModelIds,
      loggedModels: run.outputModelIds.flatMap(id => logged.get(id) ?? []),
    };
    return { run: detail, meta: this.meta() };
  }

  async metricHistory(
    experimentName: string,
    runId: string,
    key: string,
  ): Promise<ReaderAnswer<MlflowMetricHistoryResponse>> {
    await this.ownRun(experimentName, runId);
    const points = await this.call<MlflowMetricHistoryResponse['points']>(
      `history:${runId}:${key}`,
      `metric '${key}' of run '${runId}'`,
      o => getMlflowMetricHistory(this.options.transport, runId, key, o),
    );
    return { runId, key, points, meta: this.meta() };
  }

  async model(name: string): Promise<ReaderAnswer<MlflowModelResponse>> {
    const [model, versions] = await Promise.all([
      this.call<Awaited<ReturnType<typeof getMlflowRegisteredModel>>>(
        `model:${name}`,
        `registered model '${name}'`,
        o => getMlflowRegisteredModel(this.options.transport, name, o),
      ),
      this.call<Awaited<ReturnType<typeof searchMlflowModelVersions>>>(
        `versions:${name}`,
        `versions of model '${name}'`,
        o => searchMlflowModelVersions(this.options.transport, name, o),
      ),
    ]);
    // Links go to each run's own experiment (a version's run may live in
    // another experiment than the entity's); a run that cannot be read gets no link.
    const linked = versions.slice(0, MAX_LINKED_VERSIONS);
    const [runExperiments, loggedModels] = await Promise.all([
      Promise.all(
        [...new Set(linked.flatMap(v => (v.runId ? [v.runId] : [])))].map(
          async runId => {
            const run = await this.call<MlflowRun>(
              `run:${runId}`,
              `run '${runId}'`,
              o => getMlflowRun(this.options.transport, runId, o),
            ).catch(() => undefined);
            return [runId, run?.experimentId] as const;
          },
        ),
      ).then(entries => new Map(entries)),
      this.loggedModelsById(
        linked.flatMap(v => (v.loggedModelId ? [v.loggedModelId] : [])),
      ),
    ]);
    const aliasesByVersion = new Map<string, string[]>();
    for (const [alias, version] of Object.entries(model.aliases)) {
      aliasesByVersion.set(version, [
        ...(aliasesByVersion.get(version) ?? []),
        alias,
      ]);
    }
    return {
      model: {
        // Optional MLflow fields copied only when present, as for the experiment: alike in shape only.
        name: model.name,
        ...(model.description ? { description: model.description } : {}),
        ...(model.creationTime !== undefined
          ? { creationTime: model.creationTime }
          : {}),
        ...(model.lastUpdatedTime !== undefined
          ? { lastUpdatedTime: model.lastUpdatedTime }
          : {}),
        aliases: model.aliases,
        tags: model.tags,
      },
      versions: versions.map(v => ({
        version: v.version,
        aliases: [
          ...new Set([
            ...v.aliases,
            ...(aliasesByVersion.get(v.version) ?? []),
          ]),
        ].sort(),
        ...(v.stage ? { stage: v.stage } : {}),
        ...(v.status ? { status: v.status } : {}),
        ...(v.description ? { description: v.description } : {}),
        ...(v.creationTime !== undefined
          ? { creationTime: v.creationTime }
          : {}),
        ...(v.lastUpdatedTime !== undefined
          ? { lastUpdatedTime: v.lastUpdatedTime }
          : {}),
        ...(v.source ? { source: v.source } : {}),
        ...(v.runId ? { runId: v.runId } : {}),
        ...(v.runId && runExperiments.get(v.runId)
          ? {
              runUrl: mlflowUi.run(
                this.ui,
                runExperiments.get(v.runId)!,
                v.runId,
              ),
            }
          : {}),
        versionUrl: mlflowUi.version(this.ui, name, v.version),
        tags: v.tags,
        ...(v.loggedModelId ? { loggedModelId: v.loggedModelId } : {}),
        ...(v.loggedModelId && loggedModels.get(v.loggedModelId)
          ? { loggedModel: loggedModels.get(v.loggedModelId) }
          : {}),
      })),
      modelUrl: mlflowUi.model(this.ui, name),
      meta: this.meta(),
    };
  }

  /** The experiment's LoggedModels (MLflow 3); `supported: false` on a server without them. */
  async loggedModels(
    experimentName: string,
    query: MlflowLoggedModelsQuery & { pageSize: number },
  ): Promise<ReaderAnswer<MlflowLoggedModelsResponse>> {
    const e = await this.experimentDetails(experimentName);
    const request = {
      experimentIds: [e.experimentId],
      orderBy: toLoggedModelsOrder(query),
      maxResults: query.pageSize,
      pageToken: query.pageToken,
    };
    const page = await this.callIfServed<MlflowLoggedModelsPage>(
      `logged-models:${JSON.stringify(request)}`,
      `LoggedModels of experiment '${experimentName}'`,
      o => searchMlflowLoggedModels(this.options.transport, request, o),
    );
    const experimentUrl = mlflowUi.experiment(this.ui, e.experimentId);
    if (!page.served)
      return {
        supported: false,
        models: [],
        metricKeys: [],
        experimentUrl,
        meta: this.meta(),
      };
    const models = page.value.models.map(m => this.loggedModel(m));
    return {
      supported: true,
      models,
      ...(page.value.nextPageToken
        ? { nextPageToken: page.value.nextPageToken }
        : {}),
      metricKeys: [
        ...new Set(models.flatMap(m => m.metrics.map(metric => metric.key))),
      ].sort(),
      experimentUrl,
      meta: this.meta(),
    };
  }
}
