/**
 * Backend library shared by the MLOps backend plugin and the scaffolder
 * module: `mlops:` config reading and the MLflow REST client.
 *
 * @packageDocumentation
 */

export * from './config';
export * from './mlflow/mlflowFetch';
export * from './mlflow/experiments';
