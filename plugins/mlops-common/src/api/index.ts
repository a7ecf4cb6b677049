// The HTTP API contract: every name these files export is public (the package index re-exports this file whole).
export * from './meta';
export * from './errors';
export * from './mlflow';
export * from './dvc';
export * from './gpu';
export * from './canary';
export * from './reproducibility';
export * from './routes';
