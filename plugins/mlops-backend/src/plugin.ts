import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { mlopsPermissions } from '@mlops-portal/plugin-mlops-common';
import { mlopsUpstreamsExtensionPoint } from '@mlops-portal/plugin-mlops-node';
import { createRouter } from './router';
import { MlopsUpstreamOverrides } from './upstream/createUpstreams';

/**
 * The MLOps backend plugin: MLflow, DVC, GPU and canary data for catalog
 * entities, served under `/api/mlops`. Modules may replace how it reaches
 * its upstreams through `mlopsUpstreamsExtensionPoint` (the demo module does).
 *
 * @public
 */
export const mlopsPlugin = createBackendPlugin({
  pluginId: 'mlops',
  register(env) {
    const upstreams: MlopsUpstreamOverrides = {};
    env.registerExtensionPoint(mlopsUpstreamsExtensionPoint, {
      setMlflow(mlflow) {
        upstreams.mlflow = mlflow;
      },
      setKubernetesClient(client) {
        upstreams.kubernetes = client;
      },
      setPrometheusClient(client) {
        upstreams.prometheus = client;
      },
      setSourceReader(reader) {
        upstreams.source = reader;
      },
      setScmStatusReader(reader) {
        upstreams.scm = reader;
      },
      markAsDemoData() {
        upstreams.demo = true;
      },
    });
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        cache: coreServices.cache,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({ httpRouter, permissionsRegistry, ...services }) {
        permissionsRegistry.addPermissions(mlopsPermissions);
        httpRouter.use(await createRouter({ ...services, upstreams }));
        // Readiness probes and load balancers call /health without credentials.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
