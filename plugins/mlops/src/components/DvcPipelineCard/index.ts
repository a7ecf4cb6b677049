export { DvcPipelineCard } from './DvcPipelineCard';
