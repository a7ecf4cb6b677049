/**
 * Backend library shared by the MLOps backend plugin and the scaffolder
 * module: `mlops:` config reading, the MLflow REST client (wire types, client
 * calls, UI links) and the one fetch-JSON-or-typed-error helper.
 *
 * @packageDocumentation
 */

export * from './config';
export * from './mlflow/mlflowFetch';
export * from './mlflow/experiments';
export * from './mlflow/transport';
export * from './mlflow/runs';
export * from './mlflow/registry';
export * from './mlflow/loggedModels';
export * from './mlflow/uiLinks';
export type * from './mlflow/wire';
export * from './http/fetchJson';
export * from './http/concurrencyLimit';
export * from './upstreams';
