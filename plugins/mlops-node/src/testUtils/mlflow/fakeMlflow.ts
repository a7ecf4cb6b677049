import type { RequestHandler } from 'msw';
import {
  MlflowFilterableRun,
  matchesMlflowRunFilter,
  parseMlflowRunFilter,
} from '@mlops-portal/plugin-mlops-common';
import {
  FakeUpstreamHandler,
  ListeningFake,
  json,
  listenOnLoopback,
  mswHandlers,
} from '../http/fakeServer';
import { ConcurrencyLimit } from '../../http/concurrencyLimit';
import type {
  ExperimentJson,
  LoggedModelJson,
  MetricJson,
  ModelVersionJson,
  RegisteredModelJson,
  RunJson,
  // by package name: the testUtils entry point's API uses the main entry
  // point's wire types instead of repeating them
} from '@mlops-portal/plugin-mlops-node';
import {
  MlflowRecordedVersion,
  mlflowRecording,
  mlflowRecordingText,
} from './recordings';

/** What the fake MLflow holds. @public */
export interface FakeMlflowDataset {
  experiments: ExperimentJson[];
  runs: RunJson[];
  /** run id → metric key → the `metrics/get-history` body. */
  metricHistories: Record<string, Record<string, unknown>>;
  registeredModels: RegisteredModelJson[];
  modelVersions: ModelVersionJson[];
  /**
   * Recorded `runs/search` pages, replayed as recorded (page by `page_token`,
   * whatever the filter and order). Without them runs/search is evaluated
   * over `runs`: experiment ids, `attributes.status = '...'`, one `order_by`
   * column, `max_results` and `page_token` paging, as MLflow does.
   */
  recordedSearchPages?: Array<{ runs?: unknown[]; next_page_token?: string }>;
  /**
   * MLflow 3 LoggedModels (`logged-models/search` and `logged-models/{id}`).
   * Absent: the server has no such endpoints, as MLflow 2.x.
   */
  loggedModels?: LoggedModelJson[];
}

/** @public */
export interface FakeMlflowOptions {
  /** Where the fake answers (msw); default {@link FAKE_MLFLOW_URL}. */
  baseUrl?: string;
  /** Whose recorded answers and error bodies it serves; default `'2.9'`. */
  version?: MlflowRecordedVersion;
  /** When set, a request without `Authorization: Bearer <token>` gets the version's 401 (a token-checking server or proxy). */
  token?: string;
  /**
   * MLflow 3's basic-auth app (`mlflow server --app-name basic-auth`): only
   * HTTP Basic with these credentials passes; no credentials, a Bearer token
   * or a wrong password get the recorded plain-text 401s. Needs `version: '3.11'`.
   */
  basicAuth?: { username: string; password: string };
  /** Replaces the dataset's experiments (e.g. `[]` for an empty server). */
  experiments?: ExperimentJson[];
  /** Default: the recordings of `version`. */
  dataset?: FakeMlflowDataset;
  /** Id of the next experiment `experiments/create` makes; default the highest id + 1. */
  nextExperimentId?: number;
  /** Delay of every answer, milliseconds. */
  latencyMs?: number;
  /**
   * MLflow 3 workspaces (`mlflow server --enable-workspaces`): the
   * experiments of each workspace other than `default`, chosen by the
   * `X-MLFLOW-WORKSPACE` header (`experiments/get-by-name` only; the other
   * endpoints serve the dataset whatever the workspace: not recorded).
   * Absent: a server without workspaces, which answers the header with the
   * recorded 500 `FEATURE_DISABLED` (3.11; a 2.9 server ignores it, not recorded).
   */
  workspaces?: Record<string, ExperimentJson[]>;
  /**
   * Serve at most this many requests at once, the rest waiting in arrival
   * order (as a server with that many workers does); default unlimited.
   * `maxInFlight` tells the most it saw.
   */
  workers?: number;
}

/** One request the fake received; the Authorization header's value is never kept. @public */
export interface FakeMlflowCall {
  method: string;
  /** The URL path, e.g. `/api/2.0/mlflow/runs/search`. */
  path: string;
  /** The endpoint, e.g. `runs/search`. */
  endpoint: string;
  query: Record<string, string>;
  body?: unknown;
  authorized: boolean;
}

/** @public */
export interface FakeMlflow {
  baseUrl: string;
  /** msw handlers answering under `baseUrl`. */
  handlers: RequestHandler[];
  /** The fake as a Fetch API handler (any origin). */
  handle(request: Request): Promise<Response | undefined>;
  /** Answers one REST call in-process, without HTTP, auth or call recording (the demo transport). */
  respond(
    method: string,
    endpoint: string,
    query: URLSearchParams,
    body?: Record<string, unknown>,
  ): Response;
  calls: FakeMlflowCall[];
  /** Experiments by name; tests may add or change them. */
  experiments: Map<string, ExperimentJson>;
  /** The most requests the fake was answering at one time. */
  readonly maxInFlight: number;
  /** Serves the fake on loopback HTTP for another process. */
  listen(): Promise<ListeningFake>;
}

/** Default base URL of the fake in msw tests. @public */
export const FAKE_MLFLOW_URL = 'http://mlflow.test';

/** Id of the recorded MLflow 2.9 run that has runs/get and metrics/get-history recordings. @public */
export const RECORDED_MLFLOW_RUN_ID = 'ef3ddc348bff489495f8c92023e5c033';

/**
 * The recorded workspaces of MLflow 3.11 (`--enable-workspaces`): workspace
 * `risk` holding experiment `ws-only-exp`.
 *
 * @public
 */
export function recordedMlflowWorkspaces(): Record<string, ExperimentJson[]> {
  return {
    risk: [
      mlflowRecording<{ experiment: ExperimentJson }>(
        '3.11',
        'workspace-get-by-name-with-header.json',
      ).experiment,
    ],
  };
}

/** MLflow's limit on runs/search `max_results`. */
const MAX_RESULTS_LIMIT = 50_000;

/** The recordings of one MLflow version as a dataset. @public */
export function recordedMlflowDataset(
  version: MlflowRecordedVersion = '2.9',
): FakeMlflowDataset {
  const rec = <T>(file: string) => mlflowRecording<T>(version, file);
  type Page = { runs: RunJson[]; next_page_token?: string };
  const pages = [
    rec<Page>('runs-search-page1.json'),
    rec<Page>('runs-search-page2.json'),
  ];
  // Each recording read for its one field: alike lines, other files (as for the logged models below).
  const experiment = rec<{ experiment: ExperimentJson }>(
    'experiments-get-by-name.json',
  ).experiment;
  const versions = rec<{ model_versions: ModelVersionJson[] }>(
    'model-versions-search.json',
  ).model_versions;
  if (version === '2.9') {
    return {
      experiments: [experiment],
      // runs/get of a searched run answers the searched body (identical in the recordings).
      runs: pages.flatMap(p => p.runs),
      metricHistories: {
        [RECORDED_MLFLOW_RUN_ID]: { accuracy: rec('metrics-get-history.json') },
      },
      registeredModels: rec<{ registered_models: RegisteredModelJson[] }>(
        'registered-models-search.json',
      ).registered_models,
      modelVersions: versions,
      recordedSearchPages: pages,
    };
  }
  const gets = [
    rec<{ run: RunJson }>('runs-get-with-dataset-and-model.json').run,
    rec<{ run: RunJson }>('runs-get-nonfinite.json').run,
  ];
  const idOf = (run: RunJson) => run.info.run_id ?? run.info.run_uuid;
  return {
    experiments: [experiment],
    // runs/get answers the recorded runs/get body where there is one (it has `inputs`/`outputs`).
    runs: [
      ...gets,
      ...pages
        .flatMap(p => p.runs)
        .filter(run => !gets.some(g => idOf(g) === idOf(run))),
    ],
    metricHistories: {
      [idOf(gets[1])!]: { loss: rec('metrics-get-history-nonfinite.json') },
    },
    registeredModels: [
      rec<{ registered_model: RegisteredModelJson }>(
        'registered-models-get.json',
      ).registered_model,
    ],
    modelVersions: versions,
    recordedSearchPages: pages,
    // logged-models/get is recorded for one model (m-57f...); the other is the search answer's entry.
    loggedModels: (() => {
      const got = rec<{ model: LoggedModelJson }>(
        'logged-models-get.json',
      ).model;
      const searched = rec<{ models: LoggedModelJson[] }>(
        'logged-models-search.json',
      ).models;
      return searched.map(m =>
        m.info.model_id === got.info.model_id ? got : m,
      );
    })(),
  };
}

/** The latest value of a LoggedModel's metric (by timestamp, then step), `undefined` without one. */
function latestMetric(model: LoggedModelJson, key: string): number | undefined {
  const values = (model.data?.metrics ?? []).filter(m => m.key === key);
  const newest = values.reduce<MetricJson | undefined>((best, m) => {
    if (!best) return m;
    const [t, bt] = [Number(m.timestamp ?? 0), Number(best.timestamp ?? 0)];
    return t > bt || (t === bt && Number(m.step ?? 0) >= Number(best.step ?? 0))
      ? m
      : best;
  }, undefined);
  return newest === undefined ? undefined : Number(newest.value);
}

/** MLflow's page tokens are base64 of Python's `json.dumps({"offset": n})`. */
const pageToken = (offset: number) =>
  Buffer.from(`{"offset": ${offset}}`).toString('base64');

function offsetOf(token: string): number | undefined {
  try {
    const offset = JSON.parse(
      Buffer.from(token, 'base64').toString('utf8'),
    ).offset;
    return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a page starts: 0 without a token, undefined for a token MLflow refuses.
 * The fake's searches page alike, by offset tokens.
 */
const pageStart = (token: string | undefined) =>
  token === undefined ? 0 : offsetOf(token);

/** MLflow's answer to a page token it cannot read (recorded on 3.11). */
const badPageToken = () =>
  json(mlflowRecordingText('3.11', 'error-bad-page-token.json'), 400);

/** The page of `items` from `offset` under `key`, with a next_page_token when more follow. */
function pageOf(key: string, items: unknown[], offset: number, size: number) {
  const next =
    offset + size < items.length ? pageToken(offset + size) : undefined;
  return json({
    [key]: items.slice(offset, offset + size),
    ...(next ? { next_page_token: next } : {}),
  });
}

/** `attributes.start_time DESC`, ``metrics.`f1 score` ASC``... → a comparator over runs. */
const pairs = (items?: Array<{ key: string; value?: unknown }>) =>
  Object.fromEntries((items ?? []).map(i => [i.key, i.value]));

/** A recorded run as the filter evaluator reads it. */
function filterable(run: RunJson): MlflowFilterableRun {
  const time = (value?: number | string) =>
    value === undefined ? undefined : Number(value);
  return {
    runId: run.info.run_id ?? run.info.run_uuid ?? '',
    runName: run.info.run_name ?? '',
    status: run.info.status ?? '',
    userId: run.info.user_id,
    startTime: time(run.info.start_time),
    endTime: time(run.info.end_time),
    params: pairs(run.data?.params) as Record<string, string>,
    metrics: Object.fromEntries(
      (run.data?.metrics ?? []).map(m => [m.key, Number(m.value)]),
    ),
    tags: pairs(run.data?.tags) as Record<string, string>,
  };
}

function comparator(orderBy: string | undefined) {
  const match =
    /^(attributes|metrics|params)\.`?([^`]+?)`?\s+(ASC|DESC)$/i.exec(
      orderBy ?? 'attributes.start_time DESC',
    );
  if (!match) return undefined;
  const [, kind, key, direction] = match;
  const value = (run: RunJson) => {
    if (kind === 'attributes')
      return (run.info as Record<string, number | string | undefined>)[key];
    const list = kind === 'metrics' ? run.data?.metrics : run.data?.params;
    return list?.find(entry => entry.key === key)?.value;
  };
  const sign = direction.toUpperCase() === 'ASC' ? 1 : -1;
  return (a: RunJson, b: RunJson) => {
    const [x, y] = [value(a), value(b)];
    // MLflow sorts runs without the column last, whatever the direction.
    if (x === undefined || y === undefined)
      return Number(x === undefined) - Number(y === undefined);
    if (x === y) return 0;
    return (x < y ? -1 : 1) * sign;
  };
}

/**
 * A fake MLflow tracking server speaking the REST API 2.0 wire format:
 * experiments get-by-name/create/set-experiment-tag, runs search/get,
 * metrics/get-history, registered-models/get and model-versions/search.
 * Its answers are the recordings of one MLflow version (2.9 or 3.11), and
 * its error bodies are the recorded ones of that version, including
 * MLflow 3's plain-text 401; where a case is not recorded the comment at
 * the answer says so.
 *
 * Tests use `handlers` with msw; the benchmark and the replica test call
 * `listen()`; the demo module answers its synthetic dataset through `handle`.
 *
 * @public
 */
export function createFakeMlflow(options: FakeMlflowOptions = {}): FakeMlflow {
  const version = options.version ?? '2.9';
  const baseUrl = (options.baseUrl ?? FAKE_MLFLOW_URL).replace(/\/+$/, '');
  const dataset = options.dataset ?? recordedMlflowDataset(version);
  const experiments = new Map(
    (options.experiments ?? dataset.experiments).map(e => [
      e.name,
      structuredClone(e),
    ]),
  );
  const template =
    dataset.experiments[0] ?? recordedMlflowDataset(version).experiments[0];
  const ids = () =>
    [...experiments.values()]
      .map(e => Number(e.experiment_id))
      .filter(Number.isFinite);
  let nextId = options.nextExperimentId;
  const calls: FakeMlflowCall[] = [];
  const apiPath = `${new URL(baseUrl).pathname.replace(
    /\/+$/,
    '',
  )}/api/2.0/mlflow/`;

  const recordedError = (
    file: string,
    status: number,
    replace?: [string, string],
  ) => {
    const text = mlflowRecordingText(version, file);
    return json(replace ? text.replace(replace[0], replace[1]) : text, status);
  };
  const runNotFound = (id: string) =>
    recordedError('error-runs-get.json', 404, [
      '00000000000000000000000000000000',
      id,
    ]);
  const runIdOf = (run: RunJson) => run.info.run_id ?? run.info.run_uuid;
  const workspaceExperiments = (workspace: string) =>
    new Map((options.workspaces?.[workspace] ?? []).map(e => [e.name, e]));
  const workers = options.workers
    ? new ConcurrencyLimit(options.workers)
    : undefined;
  let inFlight = 0;
  let maxInFlight = 0;

  if (options.basicAuth && version !== '3.11')
    throw new Error('basicAuth is recorded on MLflow 3.11 only');
  const basic = options.basicAuth
    ? `Basic ${Buffer.from(
        `${options.basicAuth.username}:${options.basicAuth.password}`,
      ).toString('base64')}`
    : undefined;
  const isAuthorized = (header: string | null) => {
    if (basic) return header === basic;
    return options.token === undefined || header === `Bearer ${options.token}`;
  };

  function unauthenticated(request: Request) {
    if (version === '3.11') {
      // Recorded: MLflow 3's basic-auth app answers 401 with plain text. The
      // content type is not recorded; this is Flask's default.
      const header = request.headers.get('authorization');
      let file = 'error-basic-auth-no-credentials.json';
      if (header?.startsWith('Basic '))
        file = 'error-basic-auth-wrong-password.json';
      else if (header) file = 'error-basic-auth-bearer-token.json';
      return new Response(mlflowRecordingText(version, file), {
        status: 401,
        headers: {
          'Content-Type': 'text/html; charset=utf-8',
          'WWW-Authenticate': 'Basic realm="mlflow"',
        },
      });
    }
    // Not recorded on 2.9 (no auth app there): the JSON error body a token-checking proxy such as Databricks sends.
    return json(
      { error_code: 'UNAUTHENTICATED', message: 'Invalid access token' },
      401,
    );
  }

  function searchRuns(body: Record<string, unknown>): Response {
    if (Number(body.max_results ?? 0) > MAX_RESULTS_LIMIT) {
      return recordedError(
        version === '2.9'
          ? 'error-bad-param.json'
          : 'error-max-results-too-large.json',
        400,
      );
    }
    const token =
      body.page_token === undefined ? undefined : String(body.page_token);
    const offset = pageStart(token);
    // Recorded on 3.11; 2.9 answers a bad token with the same error code.
    if (offset === undefined) return badPageToken();
    const pages = dataset.recordedSearchPages;
    if (pages) {
      if (token === undefined) return json(pages[0]);
      const index = pages.findIndex(p => p.next_page_token === token);
      // A page after the last recorded one is not recorded: an empty page, which MLflow sends as `{}`.
      return json(index >= 0 && pages[index + 1] ? pages[index + 1] : {});
    }
    const experimentIds = (body.experiment_ids as string[] | undefined) ?? [];
    // The filter evaluated as MLflow does (mlops-common's parser); MLflow
    // answers a filter it cannot parse with INVALID_PARAMETER_VALUE (not recorded).
    const filter = parseMlflowRunFilter(String(body.filter ?? ''));
    if (!filter.ok) {
      return json(
        {
          error_code: 'INVALID_PARAMETER_VALUE',
          message: `Invalid filter '${body.filter}': ${filter.message}`,
        },
        400,
      );
    }
    const compare = comparator((body.order_by as string[] | undefined)?.[0]);
    if (!compare) {
      return json(
        {
          error_code: 'INVALID_PARAMETER_VALUE',
          message: `Invalid order_by clause '${body.order_by}'`,
        },
        400,
      );
    }
    const runs = dataset.runs
      .filter(
        run =>
          experimentIds.includes(run.info.experiment_id) &&
          matchesMlflowRunFilter(filterable(run), filter.clauses),
      )
      .sort(compare);
    return pageOf('runs', runs, offset, Number(body.max_results ?? 1000));
  }

  function searchLoggedModels(
    models: LoggedModelJson[],
    body: Record<string, unknown>,
  ): Response {
    const experimentIds = (body.experiment_ids as string[] | undefined) ?? [];
    const order = (
      body.order_by as
        | Array<{ field_name?: string; ascending?: boolean }>
        | undefined
    )?.[0];
    const metricKey = /^metrics\.(.+)$/.exec(order?.field_name ?? '')?.[1];
    if (order && !metricKey) {
      // Not recorded: ordering LoggedModels by anything but a metric.
      return json(
        {
          error_code: 'INVALID_PARAMETER_VALUE',
          message: `the fake orders LoggedModels by metrics only, not ${order.field_name}`,
        },
        400,
      );
    }
    const sign = order?.ascending ? 1 : -1;
    const created = (m: LoggedModelJson) =>
      Number(m.info.creation_timestamp_ms ?? 0);
    const sorted = models
      .filter(m => experimentIds.includes(m.info.experiment_id))
      .sort((a, b) => {
        if (!metricKey) return created(b) - created(a); // recorded default: newest first
        const [x, y] = [latestMetric(a, metricKey), latestMetric(b, metricKey)];
        // Recorded: a model without the metric comes last.
        if (x === undefined || y === undefined)
          return Number(x === undefined) - Number(y === undefined);
        return (x - y) * sign;
      });
    // Paging of logged-models/search is not recorded: offset tokens as runs/search uses.
    const token =
      body.page_token === undefined ? undefined : String(body.page_token);
    const offset = pageStart(token);
    if (offset === undefined) return badPageToken();
    return pageOf('models', sorted, offset, Number(body.max_results ?? 50));
  }

  function answer(
    method: string,
    endpoint: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
    workspace?: string,
  ): Response {
    const route = `${method} ${endpoint}`;
    const loggedModels = dataset.loggedModels;
    if (loggedModels && route === 'POST logged-models/search')
      return searchLoggedModels(loggedModels, body);
    if (
      loggedModels &&
      method === 'GET' &&
      endpoint.startsWith('logged-models/')
    ) {
      const id = decodeURIComponent(endpoint.slice('logged-models/'.length));
      const model = loggedModels.find(m => m.info.model_id === id);
      // Not recorded: logged-models/get of an unknown id, assumed to answer like runs/get.
      return model
        ? json({ model })
        : json(
            {
              error_code: 'RESOURCE_DOES_NOT_EXIST',
              message: `Logged model with ID '${id}' not found.`,
            },
            404,
          );
    }
    switch (route) {
      case 'GET experiments/get-by-name': {
        const name = query.get('experiment_name') ?? '';
        const experiment = (
          workspace ? workspaceExperiments(workspace) : experiments
        ).get(name);
        if (experiment) return json({ experiment });
        return recordedError('error-experiment-get-by-name.json', 404, [
          'no-such-experiment',
          name,
        ]);
      }
      case 'POST experiments/create': {
        const name = String(body.name ?? '');
        if (experiments.has(name)) {
          // Not recorded: MLflow's RESOURCE_ALREADY_EXISTS body.
          return json(
            {
              error_code: 'RESOURCE_ALREADY_EXISTS',
              message: `Experiment '${name}' already exists.`,
            },
            400,
          );
        }
        const id = String(nextId ?? Math.max(0, ...ids()) + 1);
        nextId = Number(id) + 1;
        experiments.set(name, {
          ...template,
          experiment_id: id,
          name,
          artifact_location: template.artifact_location?.replace(/[^/]+$/, id),
          tags: (body.tags as ExperimentJson['tags'] | undefined) ?? [],
        });
        return json({ experiment_id: id });
      }
      case 'POST experiments/set-experiment-tag': {
        const experiment = [...experiments.values()].find(
          e => e.experiment_id === body.experiment_id,
        );
        if (!experiment) {
          // Not recorded: MLflow's answer for an unknown experiment id.
          return json(
            {
              error_code: 'RESOURCE_DOES_NOT_EXIST',
              message: `No Experiment with id=${body.experiment_id} exists`,
            },
            404,
          );
        }
        const tag = { key: String(body.key), value: String(body.value) };
        experiment.tags = [
          ...(experiment.tags ?? []).filter(t => t.key !== tag.key),
          tag,
        ];
        return json({});
      }
      case 'POST runs/search':
        return searchRuns(body);
      case 'GET runs/get': {
        const id = query.get('run_id') ?? '';
        const run = dataset.runs.find(r => runIdOf(r) === id);
        return run ? json({ run }) : runNotFound(id);
      }
      case 'GET metrics/get-history': {
        const id = query.get('run_id') ?? '';
        // Not recorded: get-history of an unknown run, assumed to answer like runs/get.
        if (!dataset.runs.some(r => runIdOf(r) === id)) return runNotFound(id);
        if (version === '3.11' && !query.has('max_results')) {
          return json(
            mlflowRecordingText(
              version,
              'metrics-get-history-no-max-results.json',
            ),
          );
        }
        // An unknown metric key is not recorded: an empty history, which MLflow sends as `{}`.
        return json(
          dataset.metricHistories[id]?.[query.get('metric_key') ?? ''] ?? {},
        );
      }
      case 'GET registered-models/get': {
        const name = query.get('name') ?? '';
        const model = dataset.registeredModels.find(m => m.name === name);
        if (model) return json({ registered_model: model });
        // Recorded on 3.11 only; 2.9 sends the same code and message.
        return json(
          mlflowRecordingText(
            '3.11',
            'error-registered-model-get.json',
          ).replace('no-such-model', name),
          404,
        );
      }
      case 'GET registered-models/search': {
        // Recorded on 2.9 as one page (max_results=100): the dataset's models.
        // Its paging is not recorded: offset tokens as runs/search uses, in
        // MLflow's default order (by name). 3.11's search is not recorded: it
        // lists the models of its registered-models/get recording.
        const models = [...dataset.registeredModels].sort((a, b) =>
          a.name.localeCompare(b.name),
        );
        const token = query.get('page_token') ?? undefined;
        const offset = pageStart(token);
        if (offset === undefined) return badPageToken();
        const size = Number(query.get('max_results') ?? 100);
        return pageOf('registered_models', models, offset, size);
      }
      case 'GET model-versions/search': {
        const name = /^name\s*=\s*'(.*)'$/
          .exec(query.get('filter') ?? '')?.[1]
          ?.replace(/\\'/g, "'");
        const versions = dataset.modelVersions.filter(v => v.name === name);
        return json(versions.length ? { model_versions: versions } : {});
      }
      default:
        // Not recorded: what the fake says for an endpoint it does not implement.
        return json(
          {
            error_code: 'ENDPOINT_NOT_FOUND',
            message: `the fake MLflow does not serve ${route}`,
          },
          404,
        );
    }
  }

  const handle: FakeUpstreamHandler = async request => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(apiPath)) return undefined;
    const endpoint = url.pathname.slice(apiPath.length);
    const text = request.method === 'GET' ? '' : await request.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // Not recorded: MLflow's answer to a body that is not JSON.
      return json(
        {
          error_code: 'MALFORMED_REQUEST',
          message: 'Invalid JSON in request body',
        },
        400,
      );
    }
    const authorized = isAuthorized(request.headers.get('authorization'));
    calls.push({
      method: request.method,
      path: url.pathname,
      endpoint,
      query: Object.fromEntries(url.searchParams),
      ...(text ? { body } : {}),
      authorized,
    });
    const serve = async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (options.latencyMs)
          await new Promise(resolve => setTimeout(resolve, options.latencyMs));
        if (!authorized) return unauthenticated(request);
        const workspace =
          request.headers.get('x-mlflow-workspace') ?? undefined;
        if (workspace && version === '3.11' && !options.workspaces) {
          return recordedError(
            'error-workspace-header-without-workspaces.json',
            500,
          );
        }
        if (
          workspace &&
          options.workspaces &&
          workspace !== 'default' &&
          !options.workspaces[workspace]
        ) {
          return recordedError('error-workspace-unknown.json', 404, [
            "'nope'",
            `'${workspace}'`,
          ]);
        }
        return answer(
          request.method,
          endpoint,
          url.searchParams,
          body,
          workspace === 'default' ? undefined : workspace,
        );
      } finally {
        inFlight--;
      }
    };
    return workers ? workers.run(serve) : serve();
  };

  return {
    baseUrl,
    handlers: mswHandlers(baseUrl, handle),
    handle,
    respond: (method, endpoint, query, body = {}) =>
      answer(method, endpoint, query, body),
    calls,
    experiments,
    get maxInFlight() {
      return maxInFlight;
    },
    listen: () => listenOnLoopback(handle),
  };
}
