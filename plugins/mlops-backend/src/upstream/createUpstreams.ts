import {
  AuthService,
  DiscoveryService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { MlopsConfig } from '@mlops-portal/plugin-mlops-node';
import { resolve } from 'path';
import { DemoKubernetesClient } from '../demo/DemoKubernetesClient';
import { DemoPrometheusClient } from '../demo/DemoPrometheusClient';
import { FixtureFiles } from '../demo/fixtureFiles';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { KubernetesProxyClient } from '../kubernetes/KubernetesProxyClient';
import { HttpPrometheusClient, PrometheusClient } from '../prometheus/PrometheusClient';
import { LocalDirSource } from '../source/LocalDirSource';
import { SourceReader } from '../source/SourceReader';
import { UrlReaderSource } from '../source/UrlReaderSource';

/** Every upstream the routes use, real or recorded. */
export interface MlopsUpstreams {
  demo: boolean;
  kubernetes: KubernetesClient;
  prometheus?: PrometheusClient;
  source: SourceReader;
  /** Only in demo mode: the recorded answers, for the demo MLflow transport. */
  fixtures?: FixtureFiles;
}

/** Default demo source folder, relative to the backend's working directory (packages/backend). */
export const DEFAULT_DEMO_SOURCE_DIR = '../../examples/fraud-detection';

/**
 * The one place that decides between real upstreams and recorded fixtures.
 * With `mlops.demo: false` no fixture is ever read.
 */
export function createUpstreams(options: {
  mlopsConfig: MlopsConfig;
  config: Config;
  discovery: DiscoveryService;
  auth: AuthService;
  urlReader: UrlReaderService;
}): MlopsUpstreams {
  const { mlopsConfig } = options;
  if (mlopsConfig.demo) {
    const fixtures = new FixtureFiles();
    return {
      demo: true,
      kubernetes: new DemoKubernetesClient(fixtures),
      prometheus: new DemoPrometheusClient(fixtures),
      source: new LocalDirSource(resolve(mlopsConfig.demoSourceDir ?? DEFAULT_DEMO_SOURCE_DIR)),
      fixtures,
    };
  }
  return {
    demo: false,
    kubernetes: new KubernetesProxyClient(options.discovery, options.auth),
    prometheus: mlopsConfig.prometheus && new HttpPrometheusClient(mlopsConfig.prometheus),
    source: new UrlReaderSource(options.urlReader, ScmIntegrations.fromConfig(options.config)),
  };
}
