export { GpuUsageCard } from './GpuUsageCard';
