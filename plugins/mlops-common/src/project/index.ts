export * from './types';
export * from './awsCatalog';
export * from './names';
export * from './validateMlProject';
export * from './rules';
export * from './example';
export * from './parts';
