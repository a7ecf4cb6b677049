import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
} from '@backstage/core-plugin-api';

/** @public */
export const rootRouteRef = createRouteRef({ id: 'mlops' });

/**
 * The MLOps plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const mlopsPlugin = createPlugin({
  id: 'mlops',
  routes: { root: rootRouteRef },
});

/**
 * The MLOps tab: mount it on an ML project's entity page.
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

/** @public */
export const EntityMlopsAnnotationsCard = mlopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMlopsAnnotationsCard',
    component: {
      lazy: () =>
        import('./components/MlopsContent').then(m => m.MlopsContent),
    },
  }),
);
