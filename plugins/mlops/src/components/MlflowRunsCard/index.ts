export { MlflowRunsCard } from './MlflowRunsCard';
