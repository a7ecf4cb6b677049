import ReactDOM from 'react-dom/client';
import Box from '@material-ui/core/Box';
import { createApp } from '@backstage/frontend-defaults';
import {
  ApiBlueprint,
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import mlopsPlugin from '../src/alpha';
import { mlopsApiRef } from '../src/api';
import { MockMlopsApi } from './MockMlopsApi';

/** The demo profile's example ML project (examples/), with every annotation. */
const fraudDetection: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'fraud-detection',
    namespace: 'default',
    title: 'Fraud detection',
    annotations: {
      'mlflow.org/experiment-name': 'fraud-detection',
      'mlflow.org/registered-model': 'fraud-detector',
      'mlflow.org/instance': 'default',
      'dvc.org/pipeline': 'data-plane/dvc/dvc.yaml',
      'backstage.io/kubernetes-id': 'fraud-detection',
      'backstage.io/kubernetes-namespace': 'fraud-detection',
      'backstage.io/source-location':
        'url:https://github.com/example-org/fraud-detection/tree/main/',
    },
  },
  spec: {
    type: 'ml-project',
    lifecycle: 'production',
    owner: 'group:default/ml-team',
  },
};

// Replaces the real client (which needs the backend) with fixture data, and
// shows the MLOps tab's content for the example entity at /.
const devModule = createFrontendModule({
  pluginId: 'mlops',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: mlopsApiRef,
          deps: {},
          factory: () => new MockMlopsApi(),
        }),
    }),
    PageBlueprint.make({
      name: 'dev',
      params: {
        path: '/',
        title: 'MLOps (dev)',
        loader: () =>
          import('../src/components/MlopsContent').then(m => (
            <EntityProvider entity={fraudDetection}>
              <Box p={3}>
                <m.MlopsContent />
              </Box>
            </EntityProvider>
          )),
      },
    }),
  ],
});

// The harness runs without a backend: no sign-in page (the app then uses a
// guest identity without calling the auth backend).
const noSignIn = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      disabled: true,
      params: { loader: async () => () => null },
    }),
  ],
});

const app = createApp({ features: [mlopsPlugin, devModule, noSignIn] });

ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
