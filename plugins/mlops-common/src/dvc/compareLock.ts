import { md5 } from '@noble/hashes/legacy';
import { bytesToHex } from '@noble/hashes/utils';
import { DvcParamChange, DvcStageLockState } from '../api/dvc';
import { DvcFileError } from './errors';
import { DvcParamRef, ExpandedDvcStage, formatParamRef } from './expandStages';
import { stagePath } from './edges';
import { parseDvcYamlFile } from './parseYamlFile';
import { deepEqual, isRecord, lookupPath } from './values';

/** How `dvc status` names a change of one dep, out or param. @public */
export type DvcEntryChange = 'modified' | 'new' | 'deleted';

/**
 * What changed in one stage, in `dvc status --json`'s terms: changed deps
 * (files and params), changed outs, a changed command, `always changed`.
 * Paths are as the stage declares them (relative to its wdir).
 *
 * @public
 */
export interface DvcStageChanges {
  deps: Record<string, DvcEntryChange>;
  /** Params file → key → change, or the whole file's change (`new` when never locked). */
  params: Record<string, Record<string, DvcEntryChange> | DvcEntryChange>;
  outs: Record<string, DvcEntryChange>;
  command: boolean;
  alwaysChanged: boolean;
}

/** One stage compared with dvc.lock and the files in git. @public */
export interface DvcStageComparison {
  /** The stage is not in dvc.lock (or there is no dvc.lock). */
  notRun: boolean;
  changes: DvcStageChanges;
  /** Each changed param key with its locked and current value (the keys of `changes.params`). */
  paramValues: DvcParamChange[];
  /**
   * Deps and outs whose content git does not hold (DVC-cached outputs,
   * `dvc add`-tracked data): only `dvc status` in a workspace with the data
   * can tell whether they changed.
   */
  unchecked: string[];
}

interface LockedEntry {
  md5?: string;
  /** DVC 3 writes `hash: md5` (md5 of the raw bytes); DVC 2 entries hash text with CRLF turned into LF. */
  legacy: boolean;
}

interface LockedStage {
  cmd: string[];
  deps: Record<string, LockedEntry>;
  outs: Record<string, LockedEntry>;
  params: Record<string, Record<string, unknown>>;
}

function entriesOf(value: unknown): Record<string, LockedEntry> {
  const entries: Record<string, LockedEntry> = {};
  for (const entry of Array.isArray(value) ? value : []) {
    if (!isRecord(entry) || typeof entry.path !== 'string') continue;
    entries[entry.path] = {
      ...(typeof entry.md5 === 'string' ? { md5: entry.md5 } : {}),
      legacy: entry.hash !== 'md5',
    };
  }
  return entries;
}

function readLock(dvcLock: unknown): Record<string, LockedStage> {
  if (!isRecord(dvcLock)) {
    throw new DvcFileError('dvc.lock', 'invalid', 'the file must be a mapping');
  }
  if (dvcLock.schema !== undefined && String(dvcLock.schema) !== '2.0') {
    throw new DvcFileError(
      'dvc.lock',
      'invalid',
      `lock schema '${String(
        dvcLock.schema,
      )}' is not supported (expected '2.0')`,
    );
  }
  const stages = isRecord(dvcLock.stages) ? dvcLock.stages : {};
  const locked: Record<string, LockedStage> = {};
  for (const [name, entry] of Object.entries(stages)) {
    if (!isRecord(entry)) continue;
    locked[name] = {
      cmd: ([] as unknown[]).concat(entry.cmd ?? []).map(String),
      deps: entriesOf(entry.deps),
      outs: entriesOf(entry.outs),
      params: Object.fromEntries(
        Object.entries(isRecord(entry.params) ? entry.params : {}).map(
          ([file, values]) => [file, isRecord(values) ? values : {}],
        ),
      ),
    };
  }
  return locked;
}

/**
 * The md5 DVC records for a file: of its raw bytes (DVC 3, `hash: md5`), or
 * for DVC 2 entries of its text with CRLF turned into LF. DVC 2 decides
 * "text" from the first 8 KiB; a NUL byte marks binary here.
 *
 * @public
 */
export function dvcFileMd5(bytes: Uint8Array, legacy = false): string {
  if (legacy && !bytes.subarray(0, 8192).includes(0)) {
    const unix: number[] = [];
    bytes.forEach((byte, i) => {
      if (!(byte === 0x0d && bytes[i + 1] === 0x0a)) unix.push(byte);
    });
    return bytesToHex(md5(Uint8Array.from(unix)));
  }
  return bytesToHex(md5(bytes));
}

/** The md5 a `.dvc` file (from `dvc add`) records for `path`, if it is one. */
function dvcAddMd5(
  file: string,
  bytes: Uint8Array | undefined,
): string | undefined {
  if (!bytes) return undefined;
  const parsed = parseDvcYamlFile(file, new TextDecoder().decode(bytes));
  const outs =
    isRecord(parsed) && Array.isArray(parsed.outs) ? parsed.outs : [];
  const out = outs.find(isRecord);
  return out && typeof out.md5 === 'string' ? out.md5 : undefined;
}

/**
 * The values that differ under a modified param, as `dvc params diff` lists
 * them: a section tracked whole (`evaluate`) is compared key by key down to
 * its leaves (`evaluate.threshold`).
 */
function modifiedLeaves(
  file: string,
  key: string,
  locked: unknown,
  current: unknown,
): DvcParamChange[] {
  if (isRecord(locked) && isRecord(current)) {
    return [
      ...new Set([...Object.keys(locked), ...Object.keys(current)]),
    ].flatMap(sub => {
      const [was, now] = [locked[sub], current[sub]];
      const path = `${key}.${sub}`;
      if (deepEqual(was, now)) return [];
      if (now === undefined)
        return [{ file, key: path, change: 'deleted' as const, locked: was }];
      if (was === undefined)
        return [{ file, key: path, change: 'new' as const, current: now }];
      return modifiedLeaves(file, path, was, now);
    });
  }
  return [{ file, key, change: 'modified', locked, current }];
}

/** A param value as the DVC card and the reasons print it: scalars as written, lists and mappings as JSON. @public */
export function formatDvcParamValue(value: unknown): string {
  return typeof value === 'object' && value !== null
    ? JSON.stringify(value)
    : String(value);
}

function paramChanges(
  refs: DvcParamRef[],
  locked: LockedStage['params'] | undefined,
  fileOf: (file: string) => unknown,
): { changes: DvcStageChanges['params']; values: DvcParamChange[] } {
  const changes: DvcStageChanges['params'] = {};
  const values: DvcParamChange[] = [];
  const byFile = new Map<string, DvcParamRef[]>();
  for (const ref of refs)
    byFile.set(ref.file, [...(byFile.get(ref.file) ?? []), ref]);
  for (const [file, fileRefs] of byFile) {
    const content = fileOf(file);
    if (content === undefined) {
      changes[file] = 'deleted';
      continue;
    }
    const lockedFile = locked?.[file];
    if (lockedFile === undefined) {
      changes[file] = 'new';
      continue;
    }
    // A file tracked whole is compared key by key (its top-level keys).
    const keys = fileRefs.some(ref => ref.key === undefined)
      ? [
          ...new Set([
            ...Object.keys(isRecord(content) ? content : {}),
            ...Object.keys(lockedFile),
          ]),
        ]
      : fileRefs.map(ref => ref.key as string);
    const perKey: Record<string, DvcEntryChange> = {};
    for (const key of keys) {
      const current = lookupPath(content, key);
      const wasLocked = key in lockedFile;
      let change: DvcEntryChange | undefined;
      if (current === undefined) change = 'deleted';
      else if (!wasLocked) change = 'new';
      else if (!deepEqual(current, lockedFile[key])) change = 'modified';
      if (!change) continue;
      perKey[key] = change;
      if (change === 'modified') {
        values.push(...modifiedLeaves(file, key, lockedFile[key], current));
      } else {
        values.push({
          file,
          key,
          change,
          ...(wasLocked ? { locked: lockedFile[key] } : {}),
          ...(current !== undefined ? { current } : {}),
        });
      }
    }
    if (Object.keys(perKey).length) changes[file] = perKey;
  }
  return { changes, values };
}

/**
 * Compares every stage with dvc.lock the way `dvc status` does, deciding
 * what the files in git decide: the command (after `${}` interpolation),
 * params values, and the md5 of every dep and out whose bytes git holds
 * (`contents`, keyed by path relative to the dvc.yaml folder). A dep that is
 * another stage's cached out is compared with what that stage locked; a
 * `dvc add`-tracked dep with its `.dvc` file (`contents['<path>.dvc']`).
 * Without `contents`, no file is hashed.
 *
 * @public
 */
export function diffDvcStages(
  stages: ExpandedDvcStage[],
  dvcLock: unknown | undefined,
  paramsFiles: Record<string, unknown>,
  contents?: Record<string, Uint8Array>,
): Record<string, DvcStageComparison> {
  const locked = dvcLock === undefined ? {} : readLock(dvcLock);
  // What dvc.lock says each stage produced, by path from the dvc.yaml folder.
  const produced = new Map<string, string | undefined>();
  for (const { stage } of stages) {
    for (const [path, entry] of Object.entries(
      locked[stage.name]?.outs ?? {},
    )) {
      produced.set(stagePath(stage, path), entry.md5);
    }
    for (const out of [...stage.outs, ...stage.metrics, ...stage.plots]) {
      const full = stagePath(stage, out);
      if (!produced.has(full)) produced.set(full, undefined);
    }
  }

  const result: Record<string, DvcStageComparison> = {};
  for (const { stage, paramRefs } of stages) {
    const lockedStage = locked[stage.name];
    const changes: DvcStageChanges = {
      deps: {},
      params: {},
      outs: {},
      command:
        lockedStage !== undefined &&
        lockedStage.cmd.join('\n') !== stage.cmd.join('\n'),
      alwaysChanged: stage.alwaysChanged,
    };
    const unchecked: string[] = [];
    let paramValues: DvcParamChange[] = [];
    const compare = (
      path: string,
      entry: LockedEntry | undefined,
      into: Record<string, DvcEntryChange>,
      isDep: boolean,
    ) => {
      const full = stagePath(stage, path);
      const bytes = contents?.[full];
      if (bytes) {
        if (!entry?.md5 || dvcFileMd5(bytes, entry.legacy) !== entry.md5)
          into[path] = 'modified';
        return;
      }
      unchecked.push(path);
      if (!isDep || !lockedStage) return;
      // What `dvc pull` would check out: the producer's locked out, or the .dvc file's data.
      const expected = produced.has(full)
        ? produced.get(full)
        : dvcAddMd5(`${full}.dvc`, contents?.[`${full}.dvc`]);
      if (expected !== undefined && expected !== entry?.md5)
        into[path] = 'modified';
    };
    if (!stage.frozen) {
      for (const dep of stage.deps)
        compare(dep, lockedStage?.deps[dep], changes.deps, true);
      const params = paramChanges(
        paramRefs,
        lockedStage?.params,
        file => paramsFiles[stagePath(stage, file)],
      );
      changes.params = params.changes;
      paramValues = params.values;
    }
    for (const out of [...stage.outs, ...stage.metrics, ...stage.plots]) {
      compare(out, lockedStage?.outs[out], changes.outs, false);
    }
    result[stage.name] = {
      notRun: lockedStage === undefined,
      changes,
      paramValues,
      unchecked: contents ? unchecked : [],
    };
  }
  return result;
}

const PARAM_CHANGE_WORDS: Record<DvcEntryChange, string> = {
  modified: 'changed',
  new: 'added',
  deleted: 'is missing from',
};

function reasonsOf(
  changes: DvcStageChanges,
  values: DvcParamChange[],
): string[] {
  const reasons: string[] = [];
  for (const [path, change] of Object.entries(changes.deps))
    reasons.push(`dep ${path} ${change}`);
  for (const [file, change] of Object.entries(changes.params)) {
    if (typeof change === 'string') {
      reasons.push(
        change === 'deleted'
          ? `params file ${file} is missing`
          : `params file ${file} not locked`,
      );
      continue;
    }
    for (const [key, keyChange] of Object.entries(change)) {
      // A modified param names each value that changed, old → new.
      const modified =
        keyChange === 'modified'
          ? values.filter(
              v =>
                v.file === file &&
                v.change === 'modified' &&
                (v.key === key || v.key.startsWith(`${key}.`)),
            )
          : [];
      if (modified.length) {
        for (const v of modified) {
          const label = formatParamRef({ file, key: v.key });
          reasons.push(
            `param ${label} changed (${formatDvcParamValue(
              v.locked,
            )} → ${formatDvcParamValue(v.current)})`,
          );
        }
        continue;
      }
      const label = formatParamRef({ file, key });
      reasons.push(
        `param ${label} ${PARAM_CHANGE_WORDS[keyChange]}${
          keyChange === 'deleted' ? ` ${file}` : ''
        }`,
      );
    }
  }
  for (const [path, change] of Object.entries(changes.outs))
    reasons.push(`out ${path} ${change}`);
  if (changes.command) reasons.push('cmd changed');
  if (changes.alwaysChanged) reasons.push('always changed');
  return reasons;
}

// The same parameters as diffDvcStages on purpose: compareDvcLock is its per-stage summary.
/**
 * Per-stage lock state: `not-run` when dvc.lock lacks the stage, `stale`
 * when `dvc status` would list it (see {@link diffDvcStages}).
 * `files` holds the parsed params files, keyed by their path relative to the
 * dvc.yaml folder (a stage's `wdir` applied); `contents` the raw bytes of
 * the deps, outs and `.dvc` files git holds.
 *
 * @public
 */
export function compareDvcLock(
  stages: ExpandedDvcStage[],
  dvcLock: unknown | undefined,
  files: Record<string, unknown>,
  contents?: Record<string, Uint8Array>,
): Record<string, DvcStageLockState> {
  const diff = diffDvcStages(stages, dvcLock, files, contents);
  return Object.fromEntries(
    Object.entries(diff).map(
      ([name, { notRun, changes, paramValues, unchecked }]) => {
        const extra = unchecked.length ? { unchecked } : {};
        if (notRun) {
          return [
            name,
            {
              status: 'not-run',
              reasons: [
                dvcLock === undefined
                  ? 'dvc.lock not found'
                  : 'not in dvc.lock',
              ],
              ...extra,
            },
          ];
        }
        const reasons = reasonsOf(changes, paramValues);
        return [
          name,
          {
            status: reasons.length ? 'stale' : 'up-to-date',
            reasons,
            ...(paramValues.length ? { paramChanges: paramValues } : {}),
            ...extra,
          },
        ];
      },
    ),
  );
}

/**
 * Files whose bytes the lock comparison hashes, relative to the dvc.yaml
 * folder: every dep and out; for deps no stage produces, also
 * `<path>.dvc` (a `dvc add`-tracked input).
 *
 * @public
 */
export function listDvcHashedFiles(stages: ExpandedDvcStage[]): string[] {
  const outs = new Set(
    stages.flatMap(({ stage }) =>
      [...stage.outs, ...stage.metrics, ...stage.plots].map(out =>
        stagePath(stage, out),
      ),
    ),
  );
  const files = new Set<string>(outs);
  for (const { stage } of stages) {
    for (const dep of stage.deps) {
      const full = stagePath(stage, dep);
      files.add(full);
      if (!outs.has(full)) files.add(`${full}.dvc`);
    }
  }
  return [...files];
}
