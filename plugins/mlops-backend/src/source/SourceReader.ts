// The interface lives in mlops-node, beside the extension point that lets a module replace the reader.
export type { MlopsSourceReader as SourceReader } from '@mlops-portal/plugin-mlops-node';
