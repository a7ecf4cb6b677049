export { mlopsApiRef } from './MlopsApi';
export type { MlopsApi } from './MlopsApi';
export { MlopsClient } from './MlopsClient';
export { MlopsApiError, isMlopsApiError } from './MlopsApiError';
export type { MlopsApiErrorCode } from './MlopsApiError';
