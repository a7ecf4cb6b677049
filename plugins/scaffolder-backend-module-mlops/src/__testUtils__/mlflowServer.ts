import {
  createFakeMlflow,
  FakeMlflowOptions,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import type { SetupServer } from 'msw/node';

/**
 * The shared fake MLflow on an msw server, empty by default (the actions
 * create the experiments): the first experiment created gets id 10.
 */
export function mlflowServer(server: SetupServer, options: FakeMlflowOptions) {
  const mlflow = createFakeMlflow({
    experiments: [],
    nextExperimentId: 10,
    ...options,
  });
  server.use(...mlflow.handlers);
  return mlflow;
}
