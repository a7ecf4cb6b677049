export { MlopsSummaryCard } from './MlopsSummaryCard';
