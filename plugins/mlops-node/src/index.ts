/**
 * Backend library shared by the MLOps backend plugin and the scaffolder
 * module: `mlops:` config reading and the MLflow REST client.
 *
 * @packageDocumentation
 */

export * from './config';
export * from './mlflow/mlflowFetch';
export * from './mlflow/experiments';
export * from './mlflow/transport';
export * from './mlflow/runs';
export * from './mlflow/registry';
export * from './mlflow/experimentDetails';
