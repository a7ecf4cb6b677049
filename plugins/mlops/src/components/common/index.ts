// An index, one export line per module: alike in shape to the other packages' indexes.
export { useMlopsEntityRef } from './useMlopsEntityRef';
export { describeError } from './describeError';
export { MlopsErrorPanel } from './MlopsErrorPanel';
export { DemoBadge } from './DemoBadge';
export {
  MlopsCard,
  RequireCardAnnotation,
  withCardAnnotation,
  MlopsAsyncCard,
  experimentLink,
} from './MlopsCard';
export { VisuallyHidden } from './VisuallyHidden';
export { Meter } from './Meter';
export { menuItems } from './menuItems';
// Barrel exports, one list per module: alike in shape only.
export {
  formatDuration,
  formatMiB,
  formatNumber,
  formatRunDuration,
  formatTicks,
  formatTime,
  formatValue,
} from './format';
export { WideTable } from './WideTable';
export { UpstreamLink, demoLinkExplanation } from './UpstreamLink';
export { useStableHeight } from './useStableHeight';
export { StatusText } from './StatusText';
export type { StatusKind } from './StatusText';
export { TableHeader } from './TableHeader';
export type { TableColumn } from './TableHeader';
