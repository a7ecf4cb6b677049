import {
  AuthService,
  DiscoveryService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  MlopsConfig,
  MlopsMlflowUpstream,
  mlflowHttpTransport,
  selectMlflowInstance,
} from '@mlops-portal/plugin-mlops-node';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { KubernetesProxyClient } from '../kubernetes/KubernetesProxyClient';
import { HttpPrometheusClient, PrometheusClient } from '../prometheus/PrometheusClient';
import { SourceReader } from '../source/SourceReader';
import { UrlReaderSource } from '../source/UrlReaderSource';

/** Every upstream the routes use. */
export interface MlopsUpstreams {
  mlflow: MlopsMlflowUpstream;
  kubernetes: KubernetesClient;
  prometheus?: PrometheusClient;
  source: SourceReader;
  /** True when a module registered upstreams that are not live systems (`meta.demo`). */
  demo: boolean;
}

/** What modules set through `mlopsUpstreamsExtensionPoint`. */
export type MlopsUpstreamOverrides = Partial<MlopsUpstreams>;

/** The real MLflow REST API of the configured instances. */
export function configuredMlflow(config: MlopsConfig): MlopsMlflowUpstream {
  return {
    instance: requested => selectMlflowInstance(config, requested),
    transport: instance => mlflowHttpTransport({ baseUrl: instance.baseUrl, token: instance.token }),
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
  return {
    mlflow: overrides.mlflow ?? configuredMlflow(mlopsConfig),
    kubernetes: overrides.kubernetes ?? new KubernetesProxyClient(options.discovery, options.auth),
    prometheus:
      overrides.prometheus ?? (mlopsConfig.prometheus && new HttpPrometheusClient(mlopsConfig.prometheus)),
    source: overrides.source ?? new UrlReaderSource(options.urlReader, ScmIntegrations.fromConfig(options.config)),
    demo: overrides.demo ?? false,
  };
}
