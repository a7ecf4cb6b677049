import { createMlflowModelsCatalogModule } from '@mlops-portal/plugin-catalog-backend-module-mlops';
import { readMlopsConfig } from '@mlops-portal/plugin-mlops-node';
import { demoMlflow } from './demoUpstreams';

/**
 * The demo profile's registered models in the catalog: the catalog's MLflow
 * model provider (`@mlops-portal/plugin-catalog-backend-module-mlops`) over
 * the demo MLflow instead of a real one. The models belong to the configured
 * instances, or to one named `default` (what the example project names) when
 * none is configured. Every minute, so that the first run after a fresh start
 * soon links the models to the projects the catalog has by then processed.
 *
 * @public
 */
export const catalogModuleMlopsDemoModels = createMlflowModelsCatalogModule({
  moduleId: 'mlops-demo-models',
  source(config) {
    const mlopsConfig = readMlopsConfig(config);
    const mlflow = demoMlflow(mlopsConfig);
    const instances = mlopsConfig.mlflow.instances.length
      ? mlopsConfig.mlflow.instances
      : [mlflow.instance('default')!];
    return {
      instances,
      defaultInstance: mlopsConfig.mlflow.defaultInstance ?? instances[0].name,
      transport: instance => mlflow.transport(instance),
      timeoutMs: mlopsConfig.timeoutMs,
      schedule: {
        frequency: { minutes: 1 },
        timeout: { minutes: 1 },
        initialDelay: { seconds: 10 },
      },
    };
  },
});
