export { MlflowLoggedModelsCard } from './MlflowLoggedModelsCard';
export { LoggedModelFacts } from './LoggedModelFacts';
