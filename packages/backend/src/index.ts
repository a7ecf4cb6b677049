/*
 * Hi!
 *
 * Note that this is an EXAMPLE Backstage backend. Please check the README.
 *
 * Happy hacking!
 */

import { createBackend } from '@backstage/backend-defaults';
import {
  BackendFeature,
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';

/**
 * Features that depend on the profile: `demo` when `mlops.demo` is true (the
 * demo profile, app-config.yaml), `other` in every other profile. Only the
 * chosen list is imported.
 */
function byProfile(features: {
  demo: () => Array<Promise<{ default: BackendFeature }>>;
  other: () => Array<Promise<{ default: BackendFeature }>>;
}) {
  return createBackendFeatureLoader({
    deps: { config: coreServices.rootConfig },
    *loader({ config }) {
      yield* config.getOptionalBoolean('mlops.demo')
        ? features.demo()
        : features.other();
    },
  });
}

const backend = createBackend();

// One backend.add per feature, as Backstage's backend template writes them: a list, not repeated logic.
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
// publish:gitlab for gitlab.com projects (the ML project template's GitLab CI choice)
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider
// Sign-in of the production profile (app-config.production.yaml)
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// The demo profile (`mlops.demo: true`) allows everything; every other
// profile uses the portal's policy (docs/permissions.md), configured under
// `mlops.permissionPolicy` (the backend does not start without it).
backend.add(
  byProfile({
    demo: () => [
      import('@backstage/plugin-permission-backend-module-allow-all-policy'),
    ],
    other: () => [
      import('@mlops-portal/plugin-permission-backend-module-mlops-policy'),
    ],
  }),
);

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@mlops-portal/plugin-mlops-backend'));
// The demo profile (app-config.yaml, `mlops.demo: true`) answers the MLOps
// cards from synthetic data; the production profile never loads that module.
backend.add(
  byProfile({
    demo: () => [
      import('@mlops-portal/plugin-mlops-backend-module-demo'),
      // The demo MLflow's registered models as catalog entities.
      import('@mlops-portal/plugin-mlops-backend-module-demo/catalog'),
      // The same demo clusters in the entity page's Kubernetes tab.
      import('@mlops-portal/plugin-mlops-backend-module-demo/kubernetes'),
    ],
    // Each configured MLflow instance's registered models as catalog entities.
    other: () => [import('@mlops-portal/plugin-catalog-backend-module-mlops')],
  }),
);
backend.add(import('@mlops-portal/plugin-scaffolder-backend-module-mlops'));
// A backend that fails to start (e.g. it lost a database migration lock to
// another replica) must exit, so that its orchestrator restarts it instead of
// leaving a live-but-never-ready process.
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error('Backend failed to start', error);
  process.exit(1);
});
