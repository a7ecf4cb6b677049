import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// A minimal backend for developing the plugin on its own: `yarn start` here,
// then `curl http://localhost:7007/api/mlops/health`.
const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'fraud-detection',
          annotations: {
            'mlflow.org/experiment-name': 'fraud-detection',
            'dvc.org/pipeline': 'data-plane/dvc/dvc.yaml',
            'backstage.io/kubernetes-id': 'fraud-detection',
          },
        },
        spec: { type: 'ml-project', owner: 'group:ml-team' },
      },
    ],
  }),
);

backend.add(import('../src'));
// Synthetic MLflow, Kubernetes and Prometheus answers, as in the portal's demo profile.
backend.add(import('@mlops-portal/plugin-mlops-backend-module-demo'));

backend.start();
