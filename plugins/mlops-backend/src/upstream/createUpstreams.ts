import {
  AuthService,
  DiscoveryService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  MlflowInstanceConfig,
  MlflowRequest,
  MlflowTransport,
  ConcurrencyLimit,
  MlopsConfig,
  MlopsMlflowUpstream,
  mlflowHttpTransport,
  selectMlflowInstance,
} from '@mlops-portal/plugin-mlops-node';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { KubernetesProxyClient } from '../kubernetes/KubernetesProxyClient';
import {
  HttpPrometheusClient,
  PrometheusClient,
} from '../prometheus/PrometheusClient';
import { SourceReader } from '../source/SourceReader';
import { UrlReaderSource } from '../source/UrlReaderSource';
import {
  IntegrationScmStatusReader,
  ScmStatusReader,
} from '../reproducibility/scm';

/** Every upstream the routes use. */
export interface MlopsUpstreams {
  mlflow: MlopsMlflowUpstream;
  kubernetes: KubernetesClient;
  prometheus?: PrometheusClient;
  source: SourceReader;
  /** The head commit and its checks (the reproducibility chain's code link). */
  scm: ScmStatusReader;
  /** True when a module registered upstreams that are not live systems (`meta.demo`). */
  demo: boolean;
}

/** What modules set through `mlopsUpstreamsExtensionPoint`. */
export type MlopsUpstreamOverrides = Partial<MlopsUpstreams>;

/** Used when an instance was built without `readMlopsConfig` (which sets 8). */
const DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

/**
 * The real MLflow REST API of the configured instances: token or basic auth,
 * the workspace header when one is configured, and at most
 * `maxConcurrentRequests` calls in flight per instance (the rest wait, first
 * in first out, until their route's deadline).
 */
export function configuredMlflow(config: MlopsConfig): MlopsMlflowUpstream {
  const transports = new Map<string, MlflowTransport>();
  const transportOf = (instance: MlflowInstanceConfig): MlflowTransport => {
    const http = mlflowHttpTransport({
      baseUrl: instance.baseUrl,
      token: instance.token,
      basicAuth: instance.basicAuth,
      workspace: instance.workspace,
    });
    const limit = new ConcurrencyLimit(
      instance.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS,
    );
    return <T>(path: string, request: MlflowRequest) =>
      limit.run(() => http<T>(path, request), request.signal);
  };
  return {
    instance: requested => selectMlflowInstance(config, requested),
    transport: instance => {
      let transport = transports.get(instance.name);
      if (!transport) {
        transport = transportOf(instance);
        transports.set(instance.name, transport);
      }
      return transport;
    },
  };
}

/**
 * The upstreams of the routes: what modules registered on the extension
 * point, and the real clients built from config for the rest.
 */
export function createUpstreams(options: {
  mlopsConfig: MlopsConfig;
  config: Config;
  discovery: DiscoveryService;
  auth: AuthService;
  urlReader: UrlReaderService;
  overrides?: MlopsUpstreamOverrides;
}): MlopsUpstreams {
  const { mlopsConfig, overrides = {} } = options;
  const integrations = ScmIntegrations.fromConfig(options.config);
  return {
    mlflow: overrides.mlflow ?? configuredMlflow(mlopsConfig),
    kubernetes:
      overrides.kubernetes ??
      new KubernetesProxyClient(options.discovery, options.auth),
    prometheus:
      overrides.prometheus ??
      (mlopsConfig.prometheus &&
        new HttpPrometheusClient(mlopsConfig.prometheus)),
    source:
      overrides.source ?? new UrlReaderSource(options.urlReader, integrations),
    scm: overrides.scm ?? new IntegrationScmStatusReader(integrations),
    demo: overrides.demo ?? false,
  };
}
