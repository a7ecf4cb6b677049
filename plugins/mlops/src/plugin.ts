import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { mlopsApiRef, MlopsClient } from './api';

/** @public */
export const rootRouteRef = createRouteRef({ id: 'mlops' });

/**
 * The MLOps plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const mlopsPlugin = createPlugin({
  id: 'mlops',
  apis: [
    createApiFactory({
      api: mlopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MlopsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The MLOps tab: every card the entity's annotations enable. Mount it on an
 * ML project's entity page.
 *
 * @public
 */
export const EntityMlopsContent = mlopsPlugin.provide(
  createRoutableExtension({
    name: 'EntityMlopsContent',
    mountPoint: rootRouteRef,
    component: () =>
      import('./components/MlopsContent').then(m => m.MlopsContent),
  }),
);

/**
 * MLflow runs of the entity's experiment (`mlflow.org/experiment-name`).
 *
 * @public
 */
export const EntityMlflowRunsCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMlflowRunsCard',
    component: {
      lazy: () =>
        import('./components/MlflowRunsCard').then(m => m.MlflowRunsCard),
    },
  }),
);

/**
 * Versions of the entity's registered model (`mlflow.org/registered-model`).
 *
 * @public
 */
export const EntityMlflowModelCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMlflowModelCard',
    component: {
      lazy: () =>
        import('./components/MlflowModelCard').then(m => m.MlflowModelCard),
    },
  }),
);

/**
 * The entity's DVC pipeline (`dvc.org/pipeline`).
 *
 * @public
 */
export const EntityDvcPipelineCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityDvcPipelineCard',
    component: {
      lazy: () =>
        import('./components/DvcPipelineCard').then(m => m.DvcPipelineCard),
    },
  }),
);

/**
 * GPU nodes and the entity's GPU pods (`backstage.io/kubernetes-id`).
 *
 * @public
 */
export const EntityGpuUsageCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityGpuUsageCard',
    component: {
      lazy: () => import('./components/GpuUsageCard').then(m => m.GpuUsageCard),
    },
  }),
);

/**
 * Canary rollouts of the entity (`backstage.io/kubernetes-id`).
 *
 * @public
 */
export const EntityCanaryCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityCanaryCard',
    component: {
      lazy: () => import('./components/CanaryCard').then(m => m.CanaryCard),
    },
  }),
);

/**
 * "Is this model reproducible?": the reproducibility chain, its verdict and
 * the served models' lineage (`backstage.io/source-location`).
 *
 * @public
 */
export const EntityReproducibilityCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityReproducibilityCard',
    component: {
      lazy: () =>
        import('./components/ReproducibilityCard').then(
          m => m.ReproducibilityCard,
        ),
    },
  }),
);

/**
 * The ML project at a glance (latest run, champion model version, canaries,
 * GPUs held), for the entity's Overview tab.
 *
 * @public
 */
export const EntityMlopsSummaryCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMlopsSummaryCard',
    component: {
      lazy: () =>
        import('./components/MlopsSummary').then(m => m.MlopsSummaryCard),
    },
  }),
);

/**
 * A home page for ML engineers: their ML projects, recent runs, models in
 * canary, GPU use and "Create new ML project".
 *
 * @public
 */
export const MlopsHomePage = mlopsPlugin.provide(
  createComponentExtension({
    name: 'MlopsHomePage',
    component: {
      lazy: () => import('./components/MlopsHome').then(m => m.MlopsHomePage),
    },
  }),
);
