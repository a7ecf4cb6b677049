import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The MLflow registered-models entity provider
       * (`@mlops-portal/plugin-catalog-backend-module-mlops`). It reads the
       * instances of `mlops.mlflow.instances`.
       */
      mlopsModels?: {
        /** How often the models are read (default: every 30 minutes, 10 minute timeout). */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
