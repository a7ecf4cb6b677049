import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createRouter } from './router';

/**
 * The MLOps backend plugin: MLflow, DVC, GPU and canary data for catalog
 * entities, served under `/api/mlops`.
 *
 * @public
 */
export const mlopsPlugin = createBackendPlugin({
  pluginId: 'mlops',
  register(env) {
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
      },
      async init({ httpRouter, ...services }) {
        httpRouter.use(await createRouter(services));
        // Readiness probes and load balancers call /health without credentials.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
