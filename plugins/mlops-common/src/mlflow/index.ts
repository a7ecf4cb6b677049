export {
  MLFLOW_FILTER_MAX_LENGTH,
  formatMlflowFilterClause,
  matchesMlflowRunFilter,
  parseMlflowRunFilter,
} from './searchFilter';
export type {
  MlflowFilterClause,
  MlflowFilterEntity,
  MlflowFilterParse,
  MlflowFilterableRun,
} from './searchFilter';
