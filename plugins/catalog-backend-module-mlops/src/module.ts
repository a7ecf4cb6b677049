import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  mlflowHttpTransport,
  readMlopsConfig,
} from '@mlops-portal/plugin-mlops-node';
import {
  MlflowModelEntityProvider,
  MlflowModelEntityProviderOptions,
} from './MlflowModelEntityProvider';

const SCHEDULE_KEY = 'catalog.providers.mlopsModels.schedule';

/**
 * Where a catalog module made by {@link createMlflowModelsCatalogModule}
 * reads registered models from, and how often.
 *
 * @public
 */
export interface MlflowModelsCatalogSource
  extends Pick<
    MlflowModelEntityProviderOptions,
    'instances' | 'defaultInstance' | 'transport' | 'timeoutMs'
  > {
  /** The provider's scheduled task (one run across replicas). */
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/**
 * A catalog backend module that adds {@link MlflowModelEntityProvider} over
 * the MLflow instances `source` picks from the configuration: the real ones
 * (this package's default export) or another set (the demo module's).
 *
 * @public
 */
export function createMlflowModelsCatalogModule(options: {
  moduleId: string;
  source(config: RootConfigService): MlflowModelsCatalogSource;
}) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: options.moduleId,
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
          const { schedule, ...source } = options.source(config);
          processing.addEntityProvider(
            new MlflowModelEntityProvider({
              ...source,
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
}

/**
 * Adds {@link MlflowModelEntityProvider} for the instances of
 * `mlops.mlflow.instances`, on a scheduled task (one run across replicas;
 * `catalog.providers.mlopsModels.schedule`, default every 30 minutes).
 *
 * @public
 */
export const catalogModuleMlopsModels = createMlflowModelsCatalogModule({
  moduleId: 'mlops-models',
  source(config) {
    const mlops = readMlopsConfig(config);
    return {
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
      schedule: config.has(SCHEDULE_KEY)
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            config.getConfig(SCHEDULE_KEY),
          )
        : {
            frequency: { minutes: 30 },
            timeout: { minutes: 10 },
            initialDelay: { seconds: 15 },
          },
    };
  },
});
