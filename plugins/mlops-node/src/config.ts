import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { MlopsUpstream } from '@mlops-portal/plugin-mlops-common';

/** A configured MLflow tracking server. @public */
export interface MlflowInstanceConfig {
  name: string;
  baseUrl: string;
  token?: string;
  uiUrl: string;
}

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
  ).map(instance => {
    const baseUrl = readHttpUrl(instance, 'baseUrl');
    return {
      name: instance.getString('name'),
      baseUrl,
      token: instance.getOptionalString('token'),
      uiUrl: instance.has('uiUrl')
        ? readHttpUrl(instance, 'uiUrl')
        : baseUrl,
    };
  });
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
            timeoutMs: readPositiveNumber(config, `upstreams.${name}.timeoutMs`),
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
