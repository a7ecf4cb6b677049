export { MlflowModelCard } from './MlflowModelCard';
