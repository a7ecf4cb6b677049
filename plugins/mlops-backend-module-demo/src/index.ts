/**
 * The demo backend module of the `mlops` plugin: synthetic MLflow,
 * Kubernetes and Prometheus data behind the plugin's upstream extension point.
 *
 * @packageDocumentation
 */

export { mlopsModuleDemo as default } from './module';
export {
  demoClusters,
  demoCommitEdits,
  demoHeadCommit,
  demoMlflowDataset,
  demoPrometheusAnswers,
} from './demoData';
export type { SourceEdits } from './LocalDirSource';
