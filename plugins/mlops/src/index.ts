/**
 * The MLOps frontend plugin: MLflow, DVC, GPU and canary views on catalog
 * entity pages. Legacy frontend system exports live here; the new frontend
 * system plugin is exported from `/alpha`.
 *
 * @packageDocumentation
 */

export {
  mlopsPlugin,
  rootRouteRef,
  EntityMlopsContent,
  EntityMlflowRunsCard,
  EntityMlflowModelCard,
  EntityDvcPipelineCard,
  EntityGpuUsageCard,
  EntityCanaryCard,
  EntityReproducibilityCard,
  EntityMlopsSummaryCard,
  MlopsHomePage,
} from './plugin';
export {
  isMlProject,
  isMlflowRunsAvailable,
  isMlflowModelAvailable,
  isDvcAvailable,
  isGpuAvailable,
  isCanaryAvailable,
  isReproducibilityAvailable,
} from './conditions';
export {
  MlopsApiError,
  MlopsClient,
  isMlopsApiError,
  mlopsApiRef,
} from './api';
export type { MlopsApi, MlopsApiErrorCode } from './api';
export {
  MlProjectNameFieldExtension,
  MlopsDerivedTextFieldExtension,
  MlopsRepoLocationFieldExtension,
} from './scaffolder/legacy';
export type {
  DerivedTextOptions,
  RepoLocationOptions,
} from './scaffolder/fields';
