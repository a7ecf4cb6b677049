import {
  coreServices,
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  mlopsUpstreamsExtensionPoint,
  readMlopsConfig,
} from '@mlops-portal/plugin-mlops-node';
import { resolve } from 'node:path';
import {
  demoKubernetes,
  demoMlflow,
  demoPrometheus,
  demoScm,
} from './demoUpstreams';
import { demoCommitEdits } from './demoData';
import { LocalDirSource, SourceEdits } from './LocalDirSource';
import sourceEdits from './fixtures/dvc/source-edits.json';

/**
 * Default demo source folder, relative to this package in the portal's monorepo
 * (not to the working directory: tests run from the repository root or a package).
 */
export const DEFAULT_DEMO_SOURCE_DIR = '../../examples/fraud-detection';

function defaultDemoSourceDir(): string {
  return resolvePackagePath(
    '@mlops-portal/plugin-mlops-backend-module-demo',
    DEFAULT_DEMO_SOURCE_DIR,
  );
}

/**
 * The demo profile of the `mlops` backend plugin: MLflow, Kubernetes and
 * Prometheus answer from synthetic data shaped like the real answers, the
 * DVC card reads the example project from a local folder
 * (`mlops.demoSourceDir`; the example's older commits as edits of it), the
 * head commit and its checks are synthetic, and every answer carries
 * `meta.demo: true`.
 * Nothing is called over the network. Add it only to a demo backend.
 *
 * @public
 */
export const mlopsModuleDemo = createBackendModule({
  pluginId: 'mlops',
  moduleId: 'demo',
  register(reg) {
    reg.registerInit({
      deps: {
        upstreams: mlopsUpstreamsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ upstreams, config, logger }) {
        const mlopsConfig = readMlopsConfig(config);
        upstreams.setMlflow(demoMlflow(mlopsConfig));
        upstreams.setKubernetesClient(demoKubernetes());
        upstreams.setPrometheusClient(demoPrometheus());
        // The demo's stale stage is an edit of the example project, so it applies
        // only when the demo serves the example (no mlops.demoSourceDir).
        upstreams.setSourceReader(
          mlopsConfig.demoSourceDir
            ? new LocalDirSource(resolve(mlopsConfig.demoSourceDir))
            : new LocalDirSource(
                defaultDemoSourceDir(),
                sourceEdits.edits as SourceEdits,
                demoCommitEdits(),
              ),
        );
        upstreams.setScmStatusReader(demoScm());
        upstreams.markAsDemoData();
        logger.info(
          'mlops: demo mode, answering from synthetic demo data (no MLflow, Kubernetes, Prometheus or SCM host is called)',
        );
      },
    });
  },
});
