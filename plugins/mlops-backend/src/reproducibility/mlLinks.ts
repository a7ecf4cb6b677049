import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_MLFLOW_EXPERIMENT_NAME,
  ANNOTATION_MLFLOW_REGISTERED_MODEL,
  ANNOTATION_SOURCE_LOCATION,
  CanaryRollout,
  ChainLinkStatus,
  DvcPipelineResponse,
  LineageData,
  LineageNode,
  MlflowModelResponse,
  MlflowRunDetail,
  MlflowRunSummary,
  ModelLineage,
  parseDvcYamlFile,
} from '@mlops-portal/plugin-mlops-common';
import { optionalAnnotation, requireAnnotation } from '../entity/annotations';
import { MlopsError } from '../errors/MlopsError';
import { MlflowReader } from '../mlflow/MlflowReader';
import { SourceReader } from '../source/SourceReader';
import { FetchedAt, ReaderAnswer } from '../upstream/fetchedAt';
import { ResilientCaller } from '../upstream/ResilientCaller';
import { readDvcPipeline } from '../dvc/readDvcPipeline';
import { LinkBody, short, typedError, worstOf } from './link';

/** The pipeline at one commit: what the DVC card computes, and the hashes dvc.lock records. */
export interface PipelineAtCommit {
  pipeline: ReaderAnswer<DvcPipelineResponse>;
  data: LineageData[];
  /** Every stage of the lock up to date with its pipeline. */
  fresh: boolean;
  /** Why not, first stage first (`train: param train.n_estimators changed`). */
  staleReasons: string[];
}

interface LockEntry {
  path?: string;
  md5?: string;
  etag?: string;
  checksum?: string;
}

/** Reads the pipeline at `ref` (a commit) the way the DVC card does, plus dvc.lock's data versions. */
export async function pipelineAt(options: {
  entity: Entity;
  source: SourceReader;
  caller: ResilientCaller;
  fetchedAt: FetchedAt;
  ref?: string;
}): Promise<PipelineAtCommit> {
  const { entity, source, caller, ref } = options;
  const pipeline = await readDvcPipeline({ entity, source, caller, ref });
  const dir = pipeline.pipelinePath.includes('/')
    ? pipeline.pipelinePath.replace(/\/[^/]*$/, '')
    : '';
  const lockPath = dir ? `${dir}/dvc.lock` : 'dvc.lock';
  const origin =
    entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION] ?? '';
  // The same key as the DVC reader's read of dvc.lock: answered from the cache.
  const text = options.fetchedAt.track(
    await caller.call(
      'source',
      `${origin}${ref ? `@${ref}` : ''}#${lockPath}`,
      async signal =>
        (await source.readText(entity, lockPath, signal, ref)) ?? null,
    ),
  );
  const lock = (text ? parseDvcYamlFile(lockPath, text) : undefined) as
    | { stages?: Record<string, { deps?: LockEntry[]; outs?: LockEntry[] }> }
    | undefined;
  const data: LineageData[] = [];
  for (const [stage, entry] of Object.entries(lock?.stages ?? {})) {
    for (const [kind, list] of [
      ['dep', entry.deps],
      ['out', entry.outs],
    ] as const) {
      for (const item of list ?? []) {
        if (!item.path) continue;
        const hash = item.md5 ?? item.etag ?? item.checksum;
        data.push({
          stage,
          path: item.path,
          kind,
          ...(hash ? { hash: String(hash) } : {}),
        });
      }
    }
  }
  const staleReasons = Object.entries(pipeline.lock)
    .filter(([, state]) => state.status !== 'up-to-date')
    .map(
      ([stage, state]) =>
        `${stage}: ${
          state.status === 'not-run'
            ? 'not in dvc.lock'
            : state.reasons[0] ?? 'stale'
        }`,
    );
  return {
    pipeline,
    data,
    fresh: pipeline.lockFileFound && staleReasons.length === 0,
    staleReasons,
  };
}

/** Python's `str(value)`, which `mlflow.log_params` stores. */
function pythonStr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  return String(value);
}

/**
 * Params of params.yaml a run should have logged: the template's train step
 * logs the `train` section by its own keys (`n_estimators`), as CI's
 * reproducibility check compares them.
 */
export function expectedRunParams(
  params: DvcPipelineResponse['params'],
): Record<string, string> {
  const file = params['params.yaml'] ?? {};
  return Object.fromEntries(
    Object.entries(file)
      .filter(([key]) => key.startsWith('train.'))
      .map(([key, value]) => [key.slice('train.'.length), pythonStr(value)]),
  );
}

/** Params that differ between a run and the commit's params.yaml, as `key: run x, params.yaml y`. */
export function paramDifferences(
  run: Record<string, string>,
  expected: Record<string, string>,
): string[] {
  return Object.entries(expected)
    .filter(([key, value]) => run[key] !== value)
    .map(
      ([key, value]) =>
        `${key}: run ${
          run[key] === undefined ? 'has none' : `'${run[key]}'`
        }, params.yaml '${value}'`,
    );
}

const runStatus = (status: string): ChainLinkStatus => {
  if (status === 'FINISHED') return 'ok';
  if (status === 'RUNNING' || status === 'SCHEDULED') return 'warning';
  return 'failing';
};

/** The data link: dvc.lock at the head commit, fresh or stale, and its data versions. */
export function dataLink(
  head: string | undefined,
  at: PipelineAtCommit,
): LinkBody {
  const where = head
    ? `dvc.lock at ${short(head)}`
    : "dvc.lock on the source location's branch";
  if (!at.pipeline.lockFileFound) {
    return {
      status: 'failing',
      reason: `${where}: no dvc.lock committed`,
      details: [],
      ...(at.pipeline.sourceUrl ? { url: at.pipeline.sourceUrl } : {}),
    };
  }
  let status: ChainLinkStatus = 'failing';
  if (at.fresh) status = head ? 'ok' : 'warning';
  return {
    status,
    reason: at.fresh
      ? `${where} is fresh: ${
          Object.keys(at.pipeline.lock).length
        } stages up to date${head ? '' : ' (head commit unknown)'}`
      : `${where} is stale: ${at.staleReasons[0]}`,
    ...(at.pipeline.sourceUrl ? { url: at.pipeline.sourceUrl } : {}),
    details: [
      ...at.staleReasons.map(r => ({
        label: 'stale',
        value: r,
        status: 'failing' as const,
      })),
      ...at.data.map(d => ({
        label: `${d.stage} ${d.kind} ${d.path}`,
        value: d.hash ?? 'no hash',
      })),
    ],
  };
}

/** The experiment link: the MLflow runs of the head commit, their status and params against params.yaml. */
export async function experimentLink(options: {
  entity: Entity;
  mlflow: MlflowReader;
  head: string;
  expected: Record<string, string>;
}): Promise<LinkBody> {
  const experiment = requireAnnotation(
    options.entity,
    ANNOTATION_MLFLOW_EXPERIMENT_NAME,
    'reproducibility card',
  );
  const page = await options.mlflow.runs(experiment, {
    filter: `tags.\`mlflow.source.git.commit\` = '${options.head}'`,
    pageSize: 25,
  });
  if (page.runs.length === 0) {
    return {
      status: 'failing',
      reason: `no MLflow run of head commit ${short(
        options.head,
      )} in experiment ${experiment}`,
      url: page.experimentUrl,
      details: [],
    };
  }
  const judged = page.runs.map(run => {
    const differences = paramDifferences(run.params, options.expected);
    const status = worstOf([
      runStatus(run.status),
      differences.length ? 'failing' : 'ok',
    ]);
    return { run, differences, status };
  });
  // The best run of the commit decides: one finished run with the right params is enough.
  const best = [...judged].sort(
    (a, b) =>
      ['ok', 'warning', 'unknown', 'failing'].indexOf(a.status) -
      ['ok', 'warning', 'unknown', 'failing'].indexOf(b.status),
  )[0];
  const label = (run: MlflowRunSummary) => `run ${run.runName || run.runId}`;
  let reason = `${label(best.run)} ${
    best.run.status
  }, params equal params.yaml at ${short(options.head)}`;
  if (best.differences.length)
    reason = `${label(best.run)}: ${best.differences[0]}`;
  else if (best.status !== 'ok')
    reason = `${label(best.run)} is ${best.run.status}`;
  return {
    status: best.status,
    reason,
    ...(best.run.endTime ?? best.run.startTime
      ? {
          at: new Date((best.run.endTime ?? best.run.startTime)!).toISOString(),
        }
      : {}),
    url: best.run.runUrl,
    details: judged.map(j => ({
      label: label(j.run),
      value: [j.run.status, ...j.differences].join('; '),
      status: j.status,
      url: j.run.runUrl,
    })),
  };
}

/** The versions that serve: the canary's first (taking a share of traffic), then the others. */
function servedVersions(
  rollouts: CanaryRollout[],
  fallbackModel: string | undefined,
) {
  const served: Array<{
    modelName: string;
    version: string;
    role: ModelLineage['role'];
    servedBy: string;
  }> = [];
  for (const r of rollouts) {
    const modelName = r.modelName ?? fallbackModel;
    if (!r.modelVersion || !modelName) continue;
    const inCanary =
      r.currentWeight < r.desiredWeight &&
      !r.aborted &&
      (r.phase === 'progressing' || r.phase === 'paused');
    served.push({
      modelName,
      version: r.modelVersion,
      role: inCanary ? 'canary' : 'served',
      servedBy: `${r.cluster}/${r.namespace}/${r.name}`,
    });
  }
  return served.sort(
    (a, b) => Number(b.role === 'canary') - Number(a.role === 'canary'),
  );
}

/**
 * Traces one served version: version → its run (from the version, or its
 * LoggedModel's source run) → the run's git commit → dvc.lock at that commit.
 * Each step that breaks marks its node and stops the trace.
 */
async function trace(options: {
  served: ReturnType<typeof servedVersions>[number];
  models: Map<string, Promise<ReaderAnswer<MlflowModelResponse>>>;
  mlflow: MlflowReader;
  experiment: string;
  head: string | undefined;
  atCommit: (sha: string) => Promise<PipelineAtCommit>;
}): Promise<ModelLineage> {
  const { served, mlflow } = options;
  const lineage: ModelLineage = { ...served, params: {}, data: [], nodes: [] };
  const node = (n: LineageNode) => lineage.nodes.push(n);
  const versionLabel = `${served.modelName} v${served.version}`;
  if (!options.models.has(served.modelName))
    options.models.set(served.modelName, mlflow.model(served.modelName));
  const model = await options.models.get(served.modelName)!;
  const version = model.versions.find(v => v.version === served.version);
  if (!version) {
    node({
      kind: 'model-version',
      id: served.version,
      label: versionLabel,
      status: 'failing',
      reason: `MLflow has no version ${served.version} of ${served.modelName}`,
      url: model.modelUrl,
    });
    return lineage;
  }
  const runId = version.runId ?? version.loggedModel?.sourceRunId;
  node({
    kind: 'model-version',
    id: served.version,
    label: versionLabel,
    status: runId ? 'ok' : 'failing',
    ...(runId ? {} : { reason: 'the version names no source run' }),
    url: version.versionUrl,
  });
  if (!runId) return lineage;
  lineage.runId = runId;
  let run: MlflowRunDetail;
  try {
    run = (await mlflow.run(options.experiment, runId)).run;
  } catch (error) {
    node({
      kind: 'run',
      id: runId,
      label: `run ${runId.slice(0, 8)}`,
      status: 'failing',
      reason: typedError(error).message,
    });
    return lineage;
  }
  const commit = run.gitCommit;
  node({
    kind: 'run',
    id: runId,
    label: `run ${run.runName || runId.slice(0, 8)}`,
    status: commit ? runStatus(run.status) : 'failing',
    ...(commit
      ? {}
      : { reason: 'the run has no mlflow.source.git.commit tag' }),
    url: run.runUrl,
  });
  if (!commit) return lineage;
  lineage.commit = commit;
  lineage.commitIsHead =
    options.head === undefined ? undefined : commit === options.head;
  let at: PipelineAtCommit;
  try {
    at = await options.atCommit(commit);
  } catch (error) {
    node({
      kind: 'commit',
      id: commit,
      label: short(commit),
      status: 'failing',
      reason: `dvc.lock at ${short(commit)}: ${typedError(error).message}`,
    });
    return lineage;
  }
  lineage.lockFresh = at.fresh;
  lineage.params = Object.fromEntries(
    Object.entries(at.pipeline.params['params.yaml'] ?? {}).map(([k, v]) => [
      k,
      pythonStr(v),
    ]),
  );
  lineage.data = at.data;
  node({
    kind: 'commit',
    id: commit,
    label: `${short(commit)}${lineage.commitIsHead ? ' (head)' : ''}`,
    status: at.fresh ? 'ok' : 'failing',
    ...(at.fresh
      ? {}
      : {
          reason: at.pipeline.lockFileFound
            ? `dvc.lock at ${short(commit)} was stale: ${at.staleReasons[0]}`
            : `no dvc.lock at ${short(commit)}`,
        }),
  });
  // One node per file version: a dep several stages share (requirements.txt) is one piece of data, not one per stage.
  const drawn = new Set<string>();
  for (const d of at.data.filter(
    x =>
      x.kind === 'out' ||
      !at.data.some(o => o.kind === 'out' && o.path === x.path),
  )) {
    if (!d.hash || drawn.has(`${d.path}@${d.hash}`)) continue;
    drawn.add(`${d.path}@${d.hash}`);
    node({
      kind: 'data',
      id: `${d.path}@${d.hash}`,
      label: `${d.path} ${d.hash.slice(0, 8)}`,
      status: at.fresh ? 'ok' : 'warning',
    });
  }
  return lineage;
}

/** The serving link and the lineage of each served version. */
export async function servingLink(options: {
  entity: Entity;
  rollouts: CanaryRollout[];
  mlflow: MlflowReader;
  head: string | undefined;
  atCommit: (sha: string) => Promise<PipelineAtCommit>;
}): Promise<{ link: LinkBody; lineage: ModelLineage[] }> {
  const model = optionalAnnotation(
    options.entity,
    ANNOTATION_MLFLOW_REGISTERED_MODEL,
  );
  const served = servedVersions(options.rollouts, model);
  if (served.length === 0) {
    throw new MlopsError(
      'NotFound',
      options.rollouts.length
        ? 'no rollout of this project says which model version it serves (mlflow.org/model-version label, KServe storageUri, Ray MODEL_VERSION)'
        : 'no Argo Rollout, Flagger Canary, KServe InferenceService or Ray Serve RayService selects this project',
      { upstream: 'kubernetes' },
    );
  }
  const experiment = requireAnnotation(
    options.entity,
    ANNOTATION_MLFLOW_EXPERIMENT_NAME,
    'reproducibility card',
  );
  const models = new Map<string, Promise<ReaderAnswer<MlflowModelResponse>>>();
  const lineage = await Promise.all(
    served.map(s =>
      trace({
        served: s,
        models,
        mlflow: options.mlflow,
        experiment,
        head: options.head,
        atCommit: options.atCommit,
      }),
    ),
  );
  const statusOf = (l: ModelLineage) => worstOf(l.nodes.map(n => n.status));
  const first = lineage[0];
  const broken = first.nodes.find(n => n.status === 'failing');
  const status = statusOf(first);
  const name = `${first.role} ${first.modelName} v${first.version}`;
  const reason = broken
    ? `${name}: ${broken.reason ?? `${broken.kind} ${broken.label} is failing`}`
    : `${name} ← run ${first.runId?.slice(0, 8)} ← commit ${short(
        first.commit ?? '',
      )}${first.commitIsHead ? ' (head)' : ''} ← dvc.lock fresh`;
  return {
    link: {
      status,
      reason,
      details: lineage.map(l => ({
        label: `${l.role} ${l.modelName} v${l.version} (${l.servedBy})`,
        value: l.nodes
          .map(n => `${n.kind} ${n.label}${n.reason ? `: ${n.reason}` : ''}`)
          .join(' → '),
        status: statusOf(l),
      })),
    },
    lineage,
  };
}
