import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  mlflowHttpTransport,
  readMlopsConfig,
} from '@mlops-portal/plugin-mlops-node';
import { MlflowModelEntityProvider } from './MlflowModelEntityProvider';

const SCHEDULE_KEY = 'catalog.providers.mlopsModels.schedule';

/**
 * Adds {@link MlflowModelEntityProvider} for the instances of
 * `mlops.mlflow.instances`, on a scheduled task (one run across replicas;
 * `catalog.providers.mlopsModels.schedule`, default every 30 minutes).
 *
 * @public
 */
export const catalogModuleMlopsModels = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mlops-models',
  register(reg) {
    reg.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
      },
      async init({ processing, config, scheduler, auth, logger, catalog }) {
        const mlops = readMlopsConfig(config);
        const schedule = config.has(SCHEDULE_KEY)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(SCHEDULE_KEY),
            )
          : {
              frequency: { minutes: 30 },
              timeout: { minutes: 10 },
              initialDelay: { seconds: 15 },
            };
        processing.addEntityProvider(
          new MlflowModelEntityProvider({
            instances: mlops.mlflow.instances,
            defaultInstance: mlops.mlflow.defaultInstance,
            transport: instance =>
              mlflowHttpTransport({
                baseUrl: instance.baseUrl,
                token: instance.token,
                basicAuth: instance.basicAuth,
                workspace: instance.workspace,
              }),
            timeoutMs: mlops.timeoutMs,
            catalog,
            auth,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(schedule),
          }),
        );
      },
    });
  },
});
