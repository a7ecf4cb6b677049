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

// The constraint is createComponentExtension's own (`(props: any) => ...`); the
// exported cards keep their precise prop types, inferred from T.
/** A lazily loaded component extension of the plugin (a card or a page). */
const componentExtension = <T extends (props: any) => JSX.Element | null>(
  name: string,
  lazy: () => Promise<T>,
) =>
  mlopsPlugin.provide(createComponentExtension({ name, component: { lazy } }));

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
export const EntityMlflowRunsCard = componentExtension(
  'EntityMlflowRunsCard',
  () => import('./components/MlflowRunsCard').then(m => m.MlflowRunsCard),
);

/**
 * Versions of the entity's registered model (`mlflow.org/registered-model`).
 *
 * @public
 */
export const EntityMlflowModelCard = componentExtension(
  'EntityMlflowModelCard',
  () => import('./components/MlflowModelCard').then(m => m.MlflowModelCard),
);

/**
 * The entity's DVC pipeline (`dvc.org/pipeline`).
 *
 * @public
 */
export const EntityDvcPipelineCard = componentExtension(
  'EntityDvcPipelineCard',
  () => import('./components/DvcPipelineCard').then(m => m.DvcPipelineCard),
);

/**
 * GPU nodes and the entity's GPU pods (`backstage.io/kubernetes-id`).
 *
 * @public
 */
export const EntityGpuUsageCard = componentExtension('EntityGpuUsageCard', () =>
  import('./components/GpuUsageCard').then(m => m.GpuUsageCard),
);

/**
 * Canary rollouts of the entity (`backstage.io/kubernetes-id`).
 *
 * @public
 */
export const EntityCanaryCard = componentExtension('EntityCanaryCard', () =>
  import('./components/CanaryCard').then(m => m.CanaryCard),
);

/**
 * "Is this model reproducible?": the reproducibility chain, its verdict and
 * the served models' lineage (`backstage.io/source-location`).
 *
 * @public
 */
export const EntityReproducibilityCard = componentExtension(
  'EntityReproducibilityCard',
  () =>
    import('./components/ReproducibilityCard').then(m => m.ReproducibilityCard),
);

/**
 * The ML project at a glance (latest run, champion model version, canaries,
 * GPUs held), for the entity's Overview tab.
 *
 * @public
 */
export const EntityMlopsSummaryCard = componentExtension(
  'EntityMlopsSummaryCard',
  () => import('./components/MlopsSummary').then(m => m.MlopsSummaryCard),
);

/**
 * A home page for ML engineers: their ML projects, recent runs, models in
 * canary, GPU use and "Create new ML project".
 *
 * @public
 */
export const MlopsHomePage = componentExtension('MlopsHomePage', () =>
  import('./components/MlopsHome').then(m => m.MlopsHomePage),
);
