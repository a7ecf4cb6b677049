/**
 * Types of the MLOps HTTP API, the entity annotation contract and pure
 * helpers shared by the MLOps frontend and backend plugins. No I/O here.
 *
 * @packageDocumentation
 */

// Each file or area index below holds its one list of public names; the package re-exports them whole.
export * from './annotations';
export * from './project';
export * from './api';
export * from './dvc';
export * from './mlflow';
export * from './permissions';
