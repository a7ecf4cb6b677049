export * from './meta';
export * from './errors';
export * from './mlflow';
export * from './dvc';
export * from './gpu';
export * from './canary';
export * from './reproducibility';
export * from './routes';
