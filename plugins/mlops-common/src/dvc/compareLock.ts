import { DvcStageLockState } from '../api/dvc';
import { DvcFileError } from './errors';
import { DvcParamRef, ExpandedDvcStage, formatParamRef } from './expandStages';
import { stagePath } from './edges';
import { deepEqual, isRecord, lookupPath } from './values';

interface LockedStage {
  cmd: string[];
  deps: string[];
  outs: string[];
  params: Record<string, Record<string, unknown>>;
}

const pathsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [])
    .map(entry => (isRecord(entry) ? entry.path : entry))
    .filter((path): path is string => typeof path === 'string');

function readLock(dvcLock: unknown): Record<string, LockedStage> {
  if (!isRecord(dvcLock)) {
    throw new DvcFileError('dvc.lock', 'invalid', 'the file must be a mapping');
  }
  if (dvcLock.schema !== undefined && String(dvcLock.schema) !== '2.0') {
    throw new DvcFileError(
      'dvc.lock',
      'invalid',
      `lock schema '${String(dvcLock.schema)}' is not supported (expected '2.0')`,
    );
  }
  const stages = isRecord(dvcLock.stages) ? dvcLock.stages : {};
  const locked: Record<string, LockedStage> = {};
  for (const [name, entry] of Object.entries(stages)) {
    if (!isRecord(entry)) continue;
    const cmd = entry.cmd;
    locked[name] = {
      cmd: ([] as unknown[]).concat(cmd ?? []).map(String),
      deps: pathsOf(entry.deps),
      outs: pathsOf(entry.outs),
      params: Object.fromEntries(
        Object.entries(isRecord(entry.params) ? entry.params : {}).map(
          ([file, values]) => [file, isRecord(values) ? values : {}],
        ),
      ),
    };
  }
  return locked;
}

function listDiff(kind: string, current: string[], locked: string[]): string[] {
  const now = new Set(current);
  const before = new Set(locked);
  return [
    ...current.filter(p => !before.has(p)).map(p => `${kind} added: ${p}`),
    ...locked.filter(p => !now.has(p)).map(p => `${kind} removed: ${p}`),
  ];
}

function paramDiff(
  refs: DvcParamRef[],
  locked: LockedStage['params'],
  fileOf: (file: string) => unknown,
): string[] {
  const reasons: string[] = [];
  const tracked = new Set<string>();
  for (const ref of refs) {
    const lockedFile = locked[ref.file] ?? {};
    const label = formatParamRef(ref);
    if (ref.key === undefined) {
      for (const key of Object.keys(lockedFile)) tracked.add(`${ref.file}\u0000${key}`);
      const content = fileOf(ref.file);
      if (!deepEqual(isRecord(content) ? content : {}, lockedFile)) {
        reasons.push(`params file ${ref.file} changed`);
      }
      continue;
    }
    tracked.add(`${ref.file}\u0000${ref.key}`);
    const current = lookupPath(fileOf(ref.file), ref.key);
    if (!(ref.key in lockedFile)) {
      reasons.push(`param ${label} added`);
    } else if (current === undefined) {
      reasons.push(`param ${label} is missing from ${ref.file}`);
    } else if (!deepEqual(current, lockedFile[ref.key])) {
      reasons.push(`param ${label} changed`);
    }
  }
  for (const [file, values] of Object.entries(locked)) {
    for (const key of Object.keys(values)) {
      if (!tracked.has(`${file}\u0000${key}`)) {
        reasons.push(`param ${formatParamRef({ file, key })} removed`);
      }
    }
  }
  return reasons;
}

/**
 * Per-stage lock state: `not-run` when dvc.lock lacks the stage, `stale`
 * when its cmd, deps, outs or param values differ from what was locked.
 * `files` holds the parsed params files, keyed by their path relative to the
 * dvc.yaml folder (a stage's `wdir` applied).
 *
 * @public
 */
export function compareDvcLock(
  stages: ExpandedDvcStage[],
  dvcLock: unknown | undefined,
  files: Record<string, unknown>,
): Record<string, DvcStageLockState> {
  const locked = dvcLock === undefined ? undefined : readLock(dvcLock);
  const result: Record<string, DvcStageLockState> = {};
  for (const { stage, paramRefs } of stages) {
    const lockedStage = locked?.[stage.name];
    if (!lockedStage) {
      result[stage.name] = {
        status: 'not-run',
        reasons: [locked ? 'not in dvc.lock' : 'dvc.lock not found'],
      };
      continue;
    }
    const reasons = [
      ...(stage.cmd.join('\n') === lockedStage.cmd.join('\n') ? [] : ['cmd changed']),
      ...listDiff('dep', stage.deps, lockedStage.deps),
      // dvc.lock lists metrics and plots files among a stage's outs.
      ...listDiff('out', [...stage.outs, ...stage.metrics, ...stage.plots], lockedStage.outs),
      ...paramDiff(paramRefs, lockedStage.params, file => files[stagePath(stage, file)]),
    ];
    result[stage.name] = { status: reasons.length ? 'stale' : 'up-to-date', reasons };
  }
  return result;
}
