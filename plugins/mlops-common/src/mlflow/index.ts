export * from './searchFilter';
