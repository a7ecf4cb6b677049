export { ReproducibilityCard } from './ReproducibilityCard';
