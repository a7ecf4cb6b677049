/**
 * The MLOps plugin for apps on the new frontend system.
 *
 * @packageDocumentation
 */
export { default } from './alpha/plugin';
export {
  MlopsHomePage,
  canaryEntityCard,
  dvcPipelineEntityCard,
  gpuUsageEntityCard,
  mlflowModelEntityCard,
  mlflowRunsEntityCard,
  mlopsApi,
  mlopsEntityContent,
  mlopsPlugin,
  mlopsSummaryEntityCard,
  reproducibilityEntityCard,
} from './alpha/plugin';
export { mlopsScaffolderModule } from './alpha/scaffolderModule';
