import fs from 'node:fs';
import path from 'node:path';
import { analyzeDvcPipeline, listDvcParamsFiles } from './analyzePipeline';
import {
  DvcStageChanges,
  diffDvcStages,
  dvcFileMd5,
  listDvcHashedFiles,
} from './compareLock';
import { parseDvcYamlFile } from './parseYamlFile';
import { readDvcProject } from './__testUtils__/readDvcProject';

const SAMPLES = path.join(__dirname, '__recordings__/dvc-samples');
const CASES = fs
  .readFileSync(path.join(SAMPLES, 'CASES.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map(line => line.split('\t')[0]);

/** Cases whose git-visible files equal the clean project's: only a working copy differs. */
const WORKING_COPY_ONLY = [
  'dvc-add-input-changed',
  'output-deleted',
  'output-tampered',
];

function listFiles(dir: string, base = ''): string[] {
  return fs
    .readdirSync(path.join(dir, base), { withFileTypes: true })
    .flatMap(entry => {
      const relative = base ? `${base}/${entry.name}` : entry.name;
      return entry.isDirectory() ? listFiles(dir, relative) : [relative];
    });
}

/** A recorded case as the portal sees it from git: parsed pipeline files and raw bytes. */
function loadCase(name: string) {
  const dir = path.join(SAMPLES, 'cases', name, 'project');
  const { text, stages } = readDvcProject(dir);
  const paramsFiles = Object.fromEntries(
    listDvcParamsFiles(stages).map(file => [
      file,
      parseDvcYamlFile(file, text(file)!),
    ]),
  );
  const lockText = text('dvc.lock');
  const contents = Object.fromEntries(
    listDvcHashedFiles(stages)
      .filter(file => fs.existsSync(path.join(dir, file)))
      .map(file => [
        file,
        new Uint8Array(fs.readFileSync(path.join(dir, file))),
      ]),
  );
  const status = JSON.parse(
    fs.readFileSync(
      path.join(SAMPLES, 'cases', name, 'dvc-status.json'),
      'utf8',
    ),
  ) as Record<string, unknown[]>;
  return {
    dir,
    stages,
    paramsFiles,
    dvcLock:
      lockText === undefined
        ? undefined
        : parseDvcYamlFile('dvc.lock', lockText),
    contents,
    status,
  };
}

/** `dvc status --json`'s entry of one stage, in DvcStageChanges form. */
function fromDvc(
  entry: unknown[] | undefined,
  paramsFiles: string[],
): DvcStageChanges {
  const changes: DvcStageChanges = {
    deps: {},
    params: {},
    outs: {},
    command: false,
    alwaysChanged: false,
  };
  for (const item of entry ?? []) {
    if (item === 'always changed') changes.alwaysChanged = true;
    else if (item === 'changed command') changes.command = true;
    else if (typeof item === 'object' && item !== null) {
      const record = item as Record<string, Record<string, any>>;
      for (const [file, change] of Object.entries(
        record['changed deps'] ?? {},
      )) {
        if (typeof change === 'object' || paramsFiles.includes(file))
          changes.params[file] = change;
        else changes.deps[file] = change;
      }
      Object.assign(changes.outs, record['changed outs'] ?? {});
    } else {
      throw new Error(`unexpected dvc status item ${JSON.stringify(item)}`);
    }
  }
  return changes;
}

const without = (record: Record<string, string>, paths: string[]) =>
  Object.fromEntries(
    Object.entries(record).filter(([file]) => !paths.includes(file)),
  );

describe('the lock comparison agrees with real DVC 3 (recorded dvc status)', () => {
  const clean = loadCase('clean');
  /** The stage-by-stage comparison of a recorded case as the portal makes it. */
  const diffOfCase = (recorded: ReturnType<typeof loadCase>) =>
    diffDvcStages(
      recorded.stages,
      recorded.dvcLock,
      recorded.paramsFiles,
      recorded.contents,
    );

  it('reads every recorded case', () => {
    expect(CASES).toHaveLength(17);
  });

  it.each(CASES)('%s: stage by stage, up to date or changed and why', name => {
    const recorded = loadCase(name);
    const diff = diffOfCase(recorded);
    const paramsFiles = Object.keys(recorded.paramsFiles);
    for (const { stage } of recorded.stages) {
      const ours = diff[stage.name];
      const dvc = fromDvc(recorded.status[stage.name], paramsFiles);
      // What DVC saw in paths git holds no content of must be shown as unchecked.
      const undecided = [
        ...Object.keys(dvc.deps).filter(p => !(p in ours.changes.deps)),
        ...Object.keys(dvc.outs).filter(p => !(p in ours.changes.outs)),
      ];
      expect({
        stage: stage.name,
        undecided: undecided.filter(p => !ours.unchecked.includes(p)),
      }).toEqual({
        stage: stage.name,
        undecided: [],
      });
      expect({ stage: stage.name, ...ours.changes }).toEqual({
        stage: stage.name,
        ...dvc,
        deps: without(dvc.deps, undecided),
        outs: without(dvc.outs, undecided),
      });
    }
    // Entries that are not stages are `.dvc` files of `dvc add`-tracked data.
    const stageNames = new Set(recorded.stages.map(({ stage }) => stage.name));
    for (const key of Object.keys(recorded.status).filter(
      k => !stageNames.has(k),
    )) {
      const data = key.replace(/\.dvc$/, '');
      expect(
        recorded.stages.some(({ stage }) =>
          diff[stage.name].unchecked.includes(data),
        ),
      ).toBe(true);
    }
  });

  it.each(WORKING_COPY_ONLY)(
    '%s differs from the clean project only in a working copy, so git cannot decide it',
    name => {
      const recorded = loadCase(name);
      expect(listFiles(recorded.dir).sort()).toEqual(
        listFiles(clean.dir).sort(),
      );
      for (const file of listFiles(clean.dir)) {
        expect({
          file,
          same: fs
            .readFileSync(path.join(recorded.dir, file))
            .equals(fs.readFileSync(path.join(clean.dir, file))),
        }).toEqual({ file, same: true });
      }
      const { lock } = analyzeDvcPipeline(recorded);
      const changed = Object.keys(recorded.status).filter(k => k !== 'stamp');
      expect(changed.length).toBeGreaterThan(0);
      for (const stage of changed.filter(k => k in lock)) {
        expect(lock[stage].status).toBe('up-to-date');
        expect(lock[stage].unchecked?.length).toBeGreaterThan(0);
      }
    },
  );

  it('names what changed the way the DVC card shows it', () => {
    const lockOf = (name: string) => analyzeDvcPipeline(loadCase(name)).lock;
    expect(lockOf('clean').train).toEqual({
      status: 'up-to-date',
      reasons: [],
      unchecked: ['data/prepared', 'models/model.json'],
    });
    expect(lockOf('clean').stamp).toMatchObject({
      status: 'stale',
      reasons: ['always changed'],
    });
    // [case, stage, the reasons the card shows for that stage]
    const reasons: [string, string, string[]][] = [
      ['code-changed', 'train', ['dep src/train.py modified']],
      ['requirements-changed', 'train', ['dep requirements.txt modified']],
      ['metric-hand-edited', 'evaluate', ['out metrics.json modified']],
      ['plot-tampered', 'evaluate', ['out plots/scores.csv modified']],
      ['dvc-add-input-readded', 'prepare', ['dep data/raw.csv modified']],
      [
        'params-changed-templated-cmd',
        'train',
        ['param train.lr changed (0.1 → 0.2)', 'cmd changed'],
      ],
      [
        'second-params-file-changed',
        'evaluate',
        ['param params-extra.yaml:report.digits changed (4 → 3)'],
      ],
      ['lock-deleted', 'prepare', ['dvc.lock not found']],
    ];
    for (const [name, stage, expected] of reasons) {
      expect(lockOf(name)[stage].reasons).toEqual(expected);
    }
    expect(lockOf('foreach-item-added')['report@holdout']).toMatchObject({
      status: 'not-run',
      reasons: ['not in dvc.lock'],
    });
  });

  /** `dvc params diff --md HEAD`'s rows: the committed (locked) and the workspace value of each changed param. */
  function paramsDiffOf(name: string) {
    const md = fs.readFileSync(
      path.join(SAMPLES, 'cases', name, 'dvc-params-diff-HEAD.md'),
      'utf8',
    );
    return md
      .trim()
      .split('\n')
      .slice(2)
      .map(row =>
        row
          .split('|')
          .slice(1, -1)
          .map(cell => cell.trim()),
      )
      .map(([file, key, head, workspace]) => ({ file, key, head, workspace }));
  }
  it.each(CASES)(
    '%s: the changed params and their old and new values agree with dvc params diff',
    name => {
      const recorded = loadCase(name);
      const diff = diffOfCase(recorded);
      // Each changed param once (a key several stages read is one row of dvc params diff).
      const ours = new Map(
        Object.values(diff)
          .flatMap(stage => stage.paramValues)
          .map(change => [`${change.file}|${change.key}`, change]),
      );
      const dvc = paramsDiffOf(name);
      expect([...ours.keys()].sort()).toEqual(
        dvc.map(row => `${row.file}|${row.key}`).sort(),
      );
      for (const row of dvc) {
        const change = ours.get(`${row.file}|${row.key}`)!;
        expect({
          key: row.key,
          old: change.locked,
          new: change.current,
        }).toEqual({
          key: row.key,
          old: Number(row.head),
          new: Number(row.workspace),
        });
      }
    },
  );

  it('shows the param that made a stage stale with its locked and current value', () => {
    const lock = analyzeDvcPipeline(loadCase('params-changed')).lock;
    expect(lock.evaluate.paramChanges).toEqual([
      {
        file: 'params.yaml',
        key: 'evaluate.threshold',
        change: 'modified',
        locked: 0,
        current: 0.5,
      },
    ]);
    expect(
      analyzeDvcPipeline(loadCase('second-params-file-changed')).lock.evaluate
        .paramChanges,
    ).toEqual([
      {
        file: 'params-extra.yaml',
        key: 'report.digits',
        change: 'modified',
        locked: 4,
        current: 3,
      },
    ]);
    // Up to date, or stale for another reason: no param change.
    expect(
      analyzeDvcPipeline(loadCase('clean')).lock.evaluate.paramChanges,
    ).toBeUndefined();
    expect(
      analyzeDvcPipeline(loadCase('code-changed')).lock.train.paramChanges,
    ).toBeUndefined();
  });

  it('names the values that changed inside a section a stage tracks whole (prepare), old → new', () => {
    const recorded = loadCase('clean');
    const params = recorded.paramsFiles['params.yaml'] as {
      prepare: Record<string, unknown>;
    };
    const edited = {
      ...recorded.paramsFiles,
      'params.yaml': {
        ...params,
        prepare: { ...params.prepare, test_size: 0.3, stratify: true },
      },
    };
    const lock = analyzeDvcPipeline({ ...recorded, paramsFiles: edited }).lock;
    expect(lock.prepare.reasons).toEqual([
      'param prepare.test_size changed (0.25 → 0.3)',
    ]);
    expect(lock.prepare.paramChanges).toEqual([
      {
        file: 'params.yaml',
        key: 'prepare.test_size',
        change: 'modified',
        locked: 0.25,
        current: 0.3,
      },
      {
        file: 'params.yaml',
        key: 'prepare.stratify',
        change: 'new',
        current: true,
      },
    ]);
    // The same section unchanged: no change at all (negative).
    expect(
      analyzeDvcPipeline(recorded).lock.prepare.paramChanges,
    ).toBeUndefined();
  });

  it('reports a param removed from params.yaml and one the lock never recorded (negative: no value is made up)', () => {
    const recorded = loadCase('clean');
    const params = recorded.paramsFiles['params.yaml'] as {
      train: Record<string, unknown>;
    };
    const { lr: _lr, ...trainWithoutLr } = params.train;
    const removed = diffDvcStages(recorded.stages, recorded.dvcLock, {
      ...recorded.paramsFiles,
      'params.yaml': { ...params, train: trainWithoutLr },
    });
    expect(removed.train.paramValues).toEqual([
      {
        file: 'params.yaml',
        key: 'train.lr',
        change: 'deleted',
        locked: params.train.lr,
      },
    ]);
    // A lock without the stage's params section: every param is new, with no locked value.
    const lock = recorded.dvcLock as {
      stages: Record<string, Record<string, unknown>>;
    };
    const { params: _p, ...trainLockWithoutParams } = lock.stages.train;
    const unlocked = diffDvcStages(
      recorded.stages,
      {
        ...lock,
        stages: {
          ...lock.stages,
          train: { ...trainLockWithoutParams, params: { 'params.yaml': {} } },
        },
      },
      recorded.paramsFiles,
    );
    expect(
      unlocked.train.paramValues.map(c => [
        c.key,
        c.change,
        'locked' in c,
        c.current,
      ]),
    ).toEqual([
      ['train.lr', 'new', false, params.train.lr],
      ['train.epochs', 'new', false, params.train.epochs],
    ]);
  });

  it('hashes DVC 2 lock entries (no `hash: md5`) with CRLF turned into LF, and binary files as they are', () => {
    const crlf = new TextEncoder().encode('a\r\nb\r\n');
    const lf = new TextEncoder().encode('a\nb\n');
    expect(dvcFileMd5(crlf, true)).toBe(dvcFileMd5(lf));
    expect(dvcFileMd5(crlf)).not.toBe(dvcFileMd5(lf));
    const binary = Uint8Array.from([0, 13, 10]);
    expect(dvcFileMd5(binary, true)).toBe(dvcFileMd5(binary));
  });

  it('refuses a malformed .dvc file with a message naming it', () => {
    const recorded = loadCase('clean');
    const contents = {
      ...recorded.contents,
      'data/raw.csv.dvc': new TextEncoder().encode('outs: [\n'),
    };
    expect(() =>
      diffDvcStages(
        recorded.stages,
        recorded.dvcLock,
        recorded.paramsFiles,
        contents,
      ),
    ).toThrow(/data\/raw.csv.dvc: malformed YAML/);
  });
});
