import { DvcStage } from '../api/dvc';
import { DvcFileError } from './errors';
import { interpolate } from './interpolate';
import { isRecord } from './values';

/** The params file DVC reads when a stage names a bare key. @public */
export const DVC_DEFAULT_PARAMS_FILE = 'params.yaml';

/** A param a stage depends on; `key` absent means every key of the file. @public */
export interface DvcParamRef {
  file: string;
  key?: string;
}

/** A stage after `foreach`/`matrix` expansion, with its params resolved to refs. @public */
export interface ExpandedDvcStage {
  stage: DvcStage;
  paramRefs: DvcParamRef[];
}

const primitive = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** `deps`, `outs`, `metrics`, `plots` entries are a path or `{ path: flags }`. */
function paths(value: unknown, field: string, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new DvcFileError(
      'dvc.yaml',
      'invalid',
      `${where}: ${field} must be a list`,
    );
  }
  return value.flatMap(entry => {
    if (typeof entry === 'string') return [entry];
    if (isRecord(entry)) return Object.keys(entry);
    throw new DvcFileError(
      'dvc.yaml',
      'invalid',
      `${where}: ${field} entries must be paths or { path: flags }`,
    );
  });
}

function paramRefs(value: unknown, where: string): DvcParamRef[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new DvcFileError(
      'dvc.yaml',
      'invalid',
      `${where}: params must be a list`,
    );
  }
  return value.flatMap((entry): DvcParamRef[] => {
    if (typeof entry === 'string')
      return [{ file: DVC_DEFAULT_PARAMS_FILE, key: entry }];
    if (isRecord(entry)) {
      return Object.entries(entry).flatMap(([file, keys]) => {
        if (keys === null || (Array.isArray(keys) && keys.length === 0)) {
          return [{ file }];
        }
        if (!Array.isArray(keys) || !keys.every(k => typeof k === 'string')) {
          throw new DvcFileError(
            'dvc.yaml',
            'invalid',
            `${where}: params of ${file} must be a list of keys`,
          );
        }
        return (keys as string[]).map(key => ({ file, key }));
      });
    }
    throw new DvcFileError(
      'dvc.yaml',
      'invalid',
      `${where}: params entries must be keys or { file: [keys] }`,
    );
  });
}

/** How a param ref is shown: `key` for params.yaml, `file:key` otherwise. @public */
export function formatParamRef({ file, key }: DvcParamRef): string {
  if (key === undefined) return file;
  return file === DVC_DEFAULT_PARAMS_FILE ? key : `${file}:${key}`;
}

function toStage(
  name: string,
  definition: unknown,
  generatedFrom: string | undefined,
): ExpandedDvcStage {
  const where = `stage '${name}'`;
  if (!isRecord(definition)) {
    throw new DvcFileError('dvc.yaml', 'invalid', `${where} must be a mapping`);
  }
  const { cmd } = definition;
  let commands: string[];
  if (typeof cmd === 'string') commands = [cmd];
  else if (Array.isArray(cmd) && cmd.every(c => typeof c === 'string'))
    commands = cmd;
  else {
    throw new DvcFileError(
      'dvc.yaml',
      'invalid',
      `${where}: cmd must be a string or a list of strings`,
    );
  }
  const refs = paramRefs(definition.params, where);
  const wdir =
    typeof definition.wdir === 'string' ? definition.wdir : undefined;
  return {
    stage: {
      name,
      cmd: commands,
      ...(wdir !== undefined && wdir !== '.' ? { wdir } : {}),
      deps: paths(definition.deps, 'deps', where),
      outs: paths(definition.outs, 'outs', where),
      params: refs.map(formatParamRef),
      metrics: paths(definition.metrics, 'metrics', where),
      plots: paths(definition.plots, 'plots', where),
      frozen: definition.frozen === true,
      alwaysChanged: definition.always_changed === true,
      ...(generatedFrom ? { generatedFrom } : {}),
    },
    paramRefs: refs,
  };
}

/** DVC's generated names: primitives as is, other values by position. */
function itemName(value: unknown, fallback: string): string {
  return primitive(value) ? String(value) : fallback;
}

function expandForeach(
  name: string,
  definition: Record<string, unknown>,
  context: Record<string, unknown>,
): ExpandedDvcStage[] {
  const where = `stage '${name}'`;
  const items = interpolate(definition.foreach, context, where);
  const body = definition.do;
  const entries: Array<[string, Record<string, unknown>]> = [];
  if (Array.isArray(items)) {
    items.forEach((item, index) =>
      entries.push([itemName(item, String(index)), { item }]),
    );
  } else if (isRecord(items)) {
    for (const [key, item] of Object.entries(items)) {
      entries.push([key, { item, key }]);
    }
  } else {
    throw new DvcFileError(
      'dvc.yaml',
      'invalid',
      `${where}: foreach must be a list, a mapping or a \${...} reference to one`,
    );
  }
  return entries.map(([suffix, local]) => {
    const stageName = `${name}@${suffix}`;
    return toStage(
      stageName,
      interpolate(body, { ...context, ...local }, `stage '${stageName}'`),
      name,
    );
  });
}

// Parallel to expandForeach on purpose: DVC's two stage generators, each with its own item naming and errors.
function expandMatrix(
  name: string,
  definition: Record<string, unknown>,
  context: Record<string, unknown>,
): ExpandedDvcStage[] {
  const where = `stage '${name}'`;
  const matrix = interpolate(definition.matrix, context, where);
  if (!isRecord(matrix)) {
    throw new DvcFileError(
      'dvc.yaml',
      'invalid',
      `${where}: matrix must be a mapping`,
    );
  }
  let combinations: Array<{ item: Record<string, unknown>; parts: string[] }> =
    [{ item: {}, parts: [] }];
  for (const [key, values] of Object.entries(matrix)) {
    if (!Array.isArray(values) || values.length === 0) {
      throw new DvcFileError(
        'dvc.yaml',
        'invalid',
        `${where}: matrix.${key} must be a non-empty list`,
      );
    }
    combinations = combinations.flatMap(({ item, parts }) =>
      values.map((value, index) => ({
        item: { ...item, [key]: value },
        parts: [...parts, itemName(value, `${key}${index}`)],
      })),
    );
  }
  const { matrix: _matrix, ...body } = definition;
  return combinations.map(({ item, parts }) => {
    const stageName = `${name}@${parts.join('-')}`;
    return toStage(
      stageName,
      interpolate(body, { ...context, item }, `stage '${stageName}'`),
      name,
    );
  });
}

/**
 * Context for `${...}` in dvc.yaml: params.yaml, then inline `vars` and the
 * vars files named in `vars` (each already parsed, keyed by file name).
 *
 * @public
 */
export function buildDvcContext(
  dvcYaml: unknown,
  files: Record<string, unknown>,
): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  const defaults = files[DVC_DEFAULT_PARAMS_FILE];
  if (isRecord(defaults)) Object.assign(context, defaults);
  const vars = isRecord(dvcYaml) ? dvcYaml.vars : undefined;
  for (const entry of Array.isArray(vars) ? vars : []) {
    if (isRecord(entry)) {
      Object.assign(context, entry);
    } else if (typeof entry === 'string') {
      const [file, keys] = entry.split(':', 2);
      const content = files[file];
      if (!isRecord(content)) continue;
      if (keys) {
        for (const key of keys.split(',')) {
          if (key in content) context[key] = content[key];
        }
      } else {
        Object.assign(context, content);
      }
    }
  }
  return context;
}

/**
 * Files `vars` names in dvc.yaml (besides params.yaml); they feed `${...}`.
 *
 * @public
 */
export function listDvcVarsFiles(dvcYaml: unknown): string[] {
  const vars = isRecord(dvcYaml) ? dvcYaml.vars : undefined;
  return (Array.isArray(vars) ? vars : [])
    .filter((entry): entry is string => typeof entry === 'string')
    .map(entry => entry.split(':', 1)[0]);
}

/**
 * Expands the stages of a parsed dvc.yaml: `foreach`/`do` and `matrix`
 * stages become one stage per item (`train@small`), `${...}` resolved.
 *
 * @public
 */
export function expandDvcStages(
  dvcYaml: unknown,
  context: Record<string, unknown>,
): ExpandedDvcStage[] {
  if (!isRecord(dvcYaml)) {
    throw new DvcFileError(
      'dvc.yaml',
      'invalid',
      'the file must be a mapping with a stages key',
    );
  }
  const stages = dvcYaml.stages;
  if (stages === undefined || stages === null) return [];
  if (!isRecord(stages)) {
    throw new DvcFileError(
      'dvc.yaml',
      'invalid',
      'stages must be a mapping of stage names',
    );
  }
  return Object.entries(stages).flatMap(([name, definition]) => {
    if (isRecord(definition) && 'foreach' in definition) {
      return expandForeach(name, definition, context);
    }
    if (isRecord(definition) && 'matrix' in definition) {
      return expandMatrix(name, definition, context);
    }
    return [
      toStage(
        name,
        interpolate(definition, context, `stage '${name}'`),
        undefined,
      ),
    ];
  });
}
