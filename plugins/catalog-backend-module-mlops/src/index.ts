/**
 * MLflow registered models as catalog entities: a module of the catalog
 * backend.
 *
 * @packageDocumentation
 */

export {
  catalogModuleMlopsModels as default,
  createMlflowModelsCatalogModule,
  type MlflowModelsCatalogSource,
} from './module';
export {
  MlflowModelEntityProvider,
  type MlflowModelEntityProviderOptions,
} from './MlflowModelEntityProvider';
export {
  ANNOTATION_MLFLOW_LATEST_VERSIONS,
  ANNOTATION_MLFLOW_MODEL_ALIASES,
  ML_MODEL_RESOURCE_TYPE,
} from './modelEntities';
