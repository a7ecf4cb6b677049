import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { MlopsUpstream } from '@mlops-portal/plugin-mlops-common';

/** A configured MLflow tracking server. @public */
export interface MlflowInstanceConfig {
  name: string;
  /** Without user info: credentials written into the URL move to `basicAuth`. */
  baseUrl: string;
  /** Bearer token (Databricks personal access token, MLflow auth token). */
  token?: string;
  /** HTTP Basic credentials (MLflow's basic-auth app); never together with `token`. */
  basicAuth?: { username: string; password: string };
  /** MLflow 3 workspace, sent as `X-MLFLOW-WORKSPACE` only when set. */
  workspace?: string;
  /**
   * Most calls in flight to this instance at once; the rest wait in a FIFO
   * queue. `readMlopsConfig` always sets it (default 8).
   */
  maxConcurrentRequests?: number;
  uiUrl: string;
}

const DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

/** The `mlops:` config block, validated and with defaults applied. @public */
export interface MlopsConfig {
  demo: boolean;
  mlflow: {
    defaultInstance?: string;
    instances: MlflowInstanceConfig[];
  };
  prometheus?: { baseUrl: string; token?: string };
  timeoutMs: number;
  cacheTtlSeconds: number;
  /**
   * Per-upstream overrides of `timeoutMs` and `cacheTtlSeconds` (config
   * names `mlflow`, `kubernetes`, `prometheus` and `source`).
   */
  upstreams: Partial<
    Record<MlopsUpstream, { timeoutMs?: number; cacheTtlSeconds?: number }>
  >;
  /** Demo mode: folder holding the example project's source files (DVC). */
  demoSourceDir?: string;
}

/** Upstreams whose timeout and cache lifetime can be tuned in config. */
const UPSTREAM_NAMES: MlopsUpstream[] = [
  'mlflow',
  'kubernetes',
  'prometheus',
  'source',
];

function readPositiveNumber(config: Config | undefined, key: string) {
  const value = config?.getOptionalNumber(key);
  if (value !== undefined && !(value > 0)) {
    throw new InputError(`mlops config: ${key} must be a positive number`);
  }
  return value;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CACHE_TTL_SECONDS = 30;

function readHttpUrl(config: Config, key: string): string {
  const value = config.getString(key);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`mlops config: ${key} is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`mlops config: ${key} must be an http(s) URL`);
  }
  return value.replace(/\/+$/, '');
}

/** `uiUrl` goes into links that reach browsers: user info there is refused, not sent. */
function readUiUrl(instance: Config, where: string): string {
  const value = readHttpUrl(instance, 'uiUrl');
  const url = new URL(value);
  if (url.username || url.password) {
    throw new InputError(
      `${where}: uiUrl must not hold credentials (it is sent to browsers as links)`,
    );
  }
  return value;
}

/**
 * An instance's URL and credentials. User info in `baseUrl`
 * (`https://user:pass@host`) is taken out of the URL (so no message can echo
 * it) and used as HTTP Basic credentials; credentials given twice, or a
 * token together with a password, are refused. Messages never quote values.
 */
function readMlflowInstance(instance: Config): MlflowInstanceConfig {
  const name = instance.getString('name');
  const where = `mlops config: mlflow instance '${name}'`;
  const raw = readHttpUrl(instance, 'baseUrl');
  const url = new URL(raw);
  const fromUrl =
    url.username || url.password
      ? {
          username: decodeURIComponent(url.username),
          password: decodeURIComponent(url.password),
        }
      : undefined;
  url.username = '';
  url.password = '';
  const baseUrl = fromUrl ? url.toString().replace(/\/+$/, '') : raw;
  const token = instance.getOptionalString('token');
  const username = instance.getOptionalString('username');
  const password = instance.getOptionalString('password');
  if ((username === undefined) !== (password === undefined)) {
    throw new InputError(`${where}: username and password go together`);
  }
  if (fromUrl && username !== undefined) {
    throw new InputError(
      `${where}: credentials are given both in baseUrl and as username/password`,
    );
  }
  const basicAuth =
    username !== undefined ? { username, password: password! } : fromUrl;
  if (basicAuth && token !== undefined) {
    throw new InputError(
      `${where}: give either token or username/password, not both`,
    );
  }
  const workspace = instance.getOptionalString('workspace');
  if (workspace !== undefined && !/^[\w.-]{1,63}$/.test(workspace)) {
    throw new InputError(
      `${where}: workspace must be a workspace name (letters, digits, '.', '_', '-')`,
    );
  }
  const limit = readPositiveNumber(instance, 'maxConcurrentRequests');
  if (limit !== undefined && !Number.isInteger(limit)) {
    throw new InputError(
      `${where}: maxConcurrentRequests must be a whole number`,
    );
  }
  return {
    name,
    baseUrl,
    ...(token !== undefined ? { token } : {}),
    ...(basicAuth ? { basicAuth } : {}),
    ...(workspace !== undefined ? { workspace } : {}),
    maxConcurrentRequests: limit ?? DEFAULT_MAX_CONCURRENT_REQUESTS,
    uiUrl: instance.has('uiUrl') ? readUiUrl(instance, where) : baseUrl,
  };
}

/**
 * Reads the `mlops:` config block. Missing blocks give an empty, valid
 * configuration: every card then reports "not configured".
 *
 * @public
 */
export function readMlopsConfig(root: Config): MlopsConfig {
  const config = root.getOptionalConfig('mlops');
  const instances = (
    config?.getOptionalConfigArray('mlflow.instances') ?? []
  ).map(readMlflowInstance);
  const names = new Set<string>();
  for (const { name } of instances) {
    if (names.has(name)) {
      throw new InputError(
        `mlops config: mlflow instance name '${name}' is used twice`,
      );
    }
    names.add(name);
  }
  const defaultInstance =
    config?.getOptionalString('mlflow.defaultInstance') ?? instances[0]?.name;
  if (defaultInstance !== undefined && !names.has(defaultInstance)) {
    throw new InputError(
      `mlops config: mlflow.defaultInstance '${defaultInstance}' is not among mlflow.instances`,
    );
  }
  const prometheus = config?.getOptionalConfig('prometheus');
  return {
    demo: config?.getOptionalBoolean('demo') ?? false,
    mlflow: { defaultInstance, instances },
    prometheus: prometheus && {
      baseUrl: readHttpUrl(prometheus, 'baseUrl'),
      token: prometheus.getOptionalString('token'),
    },
    timeoutMs: readPositiveNumber(config, 'timeoutMs') ?? DEFAULT_TIMEOUT_MS,
    cacheTtlSeconds:
      config?.getOptionalNumber('cacheTtlSeconds') ?? DEFAULT_CACHE_TTL_SECONDS,
    upstreams: Object.fromEntries(
      UPSTREAM_NAMES.filter(name => config?.has(`upstreams.${name}`)).map(
        name => [
          name,
          {
            timeoutMs: readPositiveNumber(
              config,
              `upstreams.${name}.timeoutMs`,
            ),
            cacheTtlSeconds: config?.getOptionalNumber(
              `upstreams.${name}.cacheTtlSeconds`,
            ),
          },
        ],
      ),
    ),
    demoSourceDir: config?.getOptionalString('demoSourceDir'),
  };
}

/**
 * Picks the MLflow instance an entity names (or the default). Only names from
 * config are accepted, so a request can never make the backend call a host
 * of its choosing.
 *
 * @public
 */
export function selectMlflowInstance(
  config: MlopsConfig,
  requestedName: string | undefined,
): MlflowInstanceConfig | undefined {
  const name = requestedName ?? config.mlflow.defaultInstance;
  return config.mlflow.instances.find(instance => instance.name === name);
}
