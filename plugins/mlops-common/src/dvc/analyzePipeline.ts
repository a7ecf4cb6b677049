import { DvcEdge, DvcStage, DvcStageLockState } from '../api/dvc';
import { compareDvcLock } from './compareLock';
import { computeDvcEdges, normalizeRelativePath, stagePath } from './edges';
import { DVC_DEFAULT_PARAMS_FILE, ExpandedDvcStage } from './expandStages';
import { flattenDvcValues, isRecord } from './values';

/**
 * Params files the stages read, relative to the dvc.yaml folder; params.yaml
 * is always among them since DVC templating reads it.
 *
 * @public
 */
export function listDvcParamsFiles(stages: ExpandedDvcStage[]): string[] {
  const files = new Set<string>([DVC_DEFAULT_PARAMS_FILE]);
  for (const { stage, paramRefs } of stages) {
    for (const ref of paramRefs) files.add(stagePath(stage, ref.file));
  }
  return [...files];
}

/**
 * Metrics files the pipeline declares (stage `metrics` and top-level
 * `metrics`), relative to the dvc.yaml folder.
 *
 * @public
 */
export function listDvcMetricsFiles(
  dvcYaml: unknown,
  stages: ExpandedDvcStage[],
): string[] {
  const files = new Set<string>();
  for (const { stage } of stages) {
    for (const path of stage.metrics) files.add(stagePath(stage, path));
  }
  const topLevel = isRecord(dvcYaml) ? dvcYaml.metrics : undefined;
  for (const entry of Array.isArray(topLevel) ? topLevel : []) {
    if (typeof entry === 'string') files.add(normalizeRelativePath(entry));
  }
  return [...files];
}

/** What the pipeline card shows, without I/O. @public */
export interface DvcPipelineAnalysis {
  stages: DvcStage[];
  edges: DvcEdge[];
  params: Record<string, Record<string, unknown>>;
  lock: Record<string, DvcStageLockState>;
}

/**
 * Edges, flattened params and per-stage lock state of expanded stages.
 * `paramsFiles` maps paths from {@link listDvcParamsFiles} to their parsed
 * content (absent files are simply left out); `contents` the raw bytes of
 * the files from {@link listDvcHashedFiles} that git holds.
 *
 * @public
 */
export function analyzeDvcPipeline(options: {
  stages: ExpandedDvcStage[];
  dvcLock?: unknown;
  paramsFiles: Record<string, unknown>;
  contents?: Record<string, Uint8Array>;
}): DvcPipelineAnalysis {
  const stages = options.stages.map(({ stage }) => stage);
  return {
    stages,
    edges: computeDvcEdges(stages),
    params: Object.fromEntries(
      Object.entries(options.paramsFiles).map(([file, content]) => [
        file,
        flattenDvcValues(content),
      ]),
    ),
    lock: compareDvcLock(
      options.stages,
      options.dvcLock,
      options.paramsFiles,
      options.contents,
    ),
  };
}

/**
 * Flattened metric values of a parsed metrics file; only scalars are kept.
 *
 * @public
 */
export function flattenDvcMetrics(
  content: unknown,
): Record<string, number | string | boolean> {
  const values: Record<string, number | string | boolean> = {};
  for (const [key, value] of Object.entries(flattenDvcValues(content))) {
    if (
      typeof value === 'number' ||
      typeof value === 'string' ||
      typeof value === 'boolean'
    ) {
      values[key] = value;
    }
  }
  return values;
}
