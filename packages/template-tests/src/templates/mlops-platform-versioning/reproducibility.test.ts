import type { RunJson } from '@mlops-portal/plugin-mlops-node';
import { mlflowRecording } from '@mlops-portal/plugin-mlops-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { python, runTool } from '../../validators/systemTools';
import { baseValues } from './combinations';
import { writeDvcLock } from './dvcLock';
import { removeRendered, renderAll, RenderedCombination } from './renderAll';
// The recorded-DVC tests each import the stand-in helpers they use: a list of names, not repeated logic.
import {
  DvcAnswers,
  fakeServer,
  recordedCase,
  runAsync,
  standInDvc,
} from './standInDvc';

/*
 * The generated CI's reproducibility checks (control-plane/ci-cd/checks/reproducibility.py),
 * run with a stand-in `dvc` that replays what real DVC 3 answered (shared/dvc-samples, copied
 * into plugins/mlops-common/src/dvc/__recordings__) and a fake MLflow serving recorded MLflow 3
 * answers. The workflows run exactly these commands (see reproducibilityWorkflows.test.ts).
 */

const SCRIPT = 'control-plane/ci-cd/checks/reproducibility.py';
const remotes = [
  { id: 'repro-s3', values: baseValues },
  {
    id: 'repro-minio',
    values: {
      ...baseValues,
      storage: 'minio',
      minioEndpoint: 'https://minio.storage.example.org:9443',
    },
  },
];

const git = (cwd: string, ...args: string[]) => {
  const run = runTool('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'ci',
      GIT_AUTHOR_EMAIL: 'ci@example.invalid',
      GIT_COMMITTER_NAME: 'ci',
      GIT_COMMITTER_EMAIL: 'ci@example.invalid',
    },
  });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.output}`);
  return run.output.trim();
};

/** A repository whose last commit is `dir`'s content (as CI checks out a pull request). */
function commitAll(dir: string) {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'state under test');
  return git(dir, 'rev-parse', 'HEAD');
}

/** A git checkout of a recorded case's project (its git-visible files). */
function checkoutCase(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dvc-case-${name}-`));
  fs.cpSync(recordedCase(name, 'project'), dir, { recursive: true });
  runTool('chmod', ['-R', 'u+w', dir]);
  commitAll(dir);
  return dir;
}

describe.each(remotes)(
  'the generated reproducibility checks ($id)',
  ({ id, values }) => {
    let rendered: RenderedCombination;
    let script: string;
    const cleanups: Array<() => void> = [];

    /** Runs one check of the rendered script in `cwd` with the stand-in dvc. */
    const check = (
      cwd: string,
      args: string[],
      answers: DvcAnswers,
      env: NodeJS.ProcessEnv = {},
    ) => {
      const dvc = standInDvc(answers);
      cleanups.push(dvc.cleanup);
      const run = runTool(python, [script, ...args], {
        cwd,
        env: { ...process.env, ...dvc.env, ...env },
      });
      return { ...run, calls: dvc.calls() };
    };
    const onCase = (name: string, args: string[], answers: DvcAnswers = {}) => {
      const dir = checkoutCase(name);
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      return check(
        dir,
        [...args.slice(0, 1), '--pipeline', 'dvc.yaml', ...args.slice(1)],
        {
          status: recordedCase(name, 'dvc-status.json'),
          ...answers,
        },
      );
    };

    beforeAll(async () => {
      [rendered] = await renderAll([{ id, values }]);
      script = path.join(rendered.dir, SCRIPT);
    }, 120_000);

    afterAll(() => {
      removeRendered([rendered]);
      for (const cleanup of cleanups) cleanup();
    });

    describe('fail the right check, naming the file', () => {
      it.each([
        [
          'params-changed',
          'stage evaluate: changed deps: params.yaml evaluate.threshold modified - run `dvc repro dvc.yaml`',
        ],
        [
          'params-changed-templated-cmd',
          'stage train: changed deps: params.yaml train.lr modified; changed command',
        ],
        [
          'metric-hand-edited',
          'stage evaluate: changed outs: metrics.json modified - an output was edited',
        ],
        [
          'plot-tampered',
          'stage evaluate: changed outs: plots/scores.csv modified - an output was edited',
        ],
        [
          'output-tampered',
          'stage train: changed outs: models/model.json modified',
        ],
        [
          'requirements-changed',
          'stage train: changed deps: requirements.txt modified',
        ],
        ['code-changed', 'stage train: changed deps: src/train.py modified'],
        [
          'dvc-add-input-readded',
          'stage prepare: changed deps: data/raw.csv modified',
        ],
        [
          'dvc-add-input-changed',
          'data/raw.csv.dvc: the data it tracks differs from it',
        ],
        [
          'lock-deleted',
          'stage prepare: changed deps: src/prepare.py modified',
        ],
      ])('%s: `status` fails', (name, message) => {
        const run = onCase(name, ['status']);
        expect(run.status).toBe(1);
        expect(run.output).toContain(`status: FAILED: ${message}`);
        expect(run.calls).toEqual([['status', '--json', 'dvc.yaml']]);
      });

      it('an output not pushed: `pushed` fails naming each output the remote lacks', () => {
        const run = onCase('clean', ['pushed'], {
          statusCloud: recordedCase(
            'clean',
            'dvc-status-cloud-not-pushed.json',
          ),
        });
        expect(run.status).toBe(1);
        expect(run.output).toContain(
          'pushed: FAILED: models/model.json is not in the DVC remote (dvc status -c: new): run `dvc push`',
        );
        expect(run.output).toContain('data/raw.csv is not in the DVC remote');
        expect(run.calls).toEqual([
          ['status', '--cloud', '--json', 'dvc.yaml'],
        ]);
      });

      it('a hand-edited metric whose dvc.lock entry was edited to match: `repro` re-derives it and fails', () => {
        const dir = checkoutCase('metric-hand-edited');
        cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
        // Forge the lock so `dvc status` sees nothing (its answer is then the clean one).
        const lockFile = path.join(dir, 'dvc.lock');
        const lock = fs.readFileSync(lockFile, 'utf8');
        const forged = runTool('md5sum', [
          path.join(dir, 'metrics.json'),
        ]).output.split(' ')[0];
        fs.writeFileSync(
          lockFile,
          lock
            .replace('d9a2a9ebf611c6283700ed2cc7223774', forged)
            .replace('size: 42', 'size: 43'),
        );
        git(dir, 'commit', '-q', '-am', 'forged');
        const status = check(dir, ['status', '--pipeline', 'dvc.yaml'], {
          status: recordedCase('clean', 'dvc-status.json'),
        });
        expect(status.status).toBe(0);
        // Real `dvc repro --force` writes the metric the code computes, and its true md5.
        const repro = check(dir, ['repro', '--pipeline', 'dvc.yaml'], {
          repro: {
            'metrics.json': recordedCase('clean', 'project/metrics.json'),
            'dvc.lock': recordedCase('clean', 'project/dvc.lock'),
          },
        });
        expect(repro.status).toBe(1);
        expect(repro.output).toContain(
          'repro: FAILED: stage evaluate: after `dvc repro`, outputs metrics.json differ: the committed results are not what the pipeline produces',
        );
        expect(repro.output).toContain(
          'repro: FAILED: metrics.json changed when the pipeline ran again',
        );
        expect(repro.calls).toEqual([['repro', '--force', 'dvc.yaml']]);
      });
    });

    describe('pass on valid projects', () => {
      it('a dvc add-tracked input, ${} commands, foreach stages, a second params file and an always_changed stage', () => {
        const dvcYaml = parse(
          fs.readFileSync(recordedCase('clean', 'project/dvc.yaml'), 'utf8'),
        );
        expect(
          fs.existsSync(recordedCase('clean', 'project/data/raw.csv.dvc')),
        ).toBe(true);
        expect(dvcYaml.stages.train.cmd).toContain('${train.lr}');
        expect(dvcYaml.stages.report.foreach).toEqual(['train', 'test']);
        expect(dvcYaml.stages.evaluate.params).toContainEqual({
          'params-extra.yaml': ['report.digits'],
        });
        expect(dvcYaml.stages.stamp.always_changed).toBe(true);
        const run = onCase('clean', ['status']);
        expect(run.output).toContain(
          'status: dvc.yaml: everything DVC tracks matches dvc.lock',
        );
        expect(run.status).toBe(0);
      });

      it('a second `dvc repro` that only reruns the always_changed stage', () => {
        const run = onCase('clean', ['repro'], {
          repro: {
            'dvc.lock': recordedCase('repro-again', 'project/dvc.lock'),
            'stamp.txt': recordedCase('repro-again', 'project/stamp.txt'),
          },
        });
        expect(run.output).toContain(
          'repro: `dvc repro --force dvc.yaml` reproduced dvc.lock and every tracked file exactly',
        );
        expect(run.status).toBe(0);
      });

      it('the remote has every output', () => {
        const run = onCase('clean', ['pushed'], {
          statusCloud: recordedCase('clean', 'dvc-status-cloud-pushed.json'),
        });
        expect(run.output).toContain(
          'pushed: the DVC remote has every output of dvc.lock',
        );
        expect(run.status).toBe(0);
      });

      it('says visibly that `dvc repro` is skipped for a large pipeline (REPRO_MODE=status-only)', () => {
        const dir = checkoutCase('clean');
        cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
        const run = check(
          dir,
          ['repro', '--pipeline', 'dvc.yaml'],
          {},
          { REPRO_MODE: 'status-only' },
        );
        expect(run.status).toBe(0);
        expect(run.output).toContain(
          'REPRO_MODE=status-only: `dvc repro` SKIPPED',
        );
        expect(run.calls).toEqual([]);
      });
    });

    describe('on the freshly rendered project, after its pipeline ran', () => {
      let dvcDir: string;
      let commit: string;
      let again: string;

      /** Runs the stages as `dvc repro` would, with Debian's python3 + scikit-learn, and writes dvc.lock. */
      const runPipeline = (root: string) => {
        const shim = fs.mkdtempSync(path.join(os.tmpdir(), 'python-shim-'));
        fs.symlinkSync(python, path.join(shim, 'python3'));
        const pipelineDir = path.join(root, 'data-plane/dvc');
        const stages = parse(
          fs.readFileSync(path.join(pipelineDir, 'dvc.yaml'), 'utf8'),
        ).stages;
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          PATH: `${shim}:${process.env.PATH}`,
        };
        delete env.MLFLOW_TRACKING_URI;
        for (const stage of Object.values<{ cmd: string }>(stages)) {
          const run = runTool('sh', ['-c', stage.cmd], {
            cwd: pipelineDir,
            env,
          });
          if (run.status !== 0) throw new Error(run.output);
        }
        writeDvcLock(path.join(pipelineDir, 'dvc.yaml'));
        fs.rmSync(shim, { recursive: true, force: true });
      };

      beforeAll(() => {
        dvcDir = path.join(rendered.dir, 'data-plane/dvc');
        runPipeline(rendered.dir);
        commit = commitAll(rendered.dir);
        // What a second `dvc repro` writes: the same pipeline run again in a copy.
        again = fs.mkdtempSync(path.join(os.tmpdir(), 'repro-again-'));
        fs.cpSync(rendered.dir, again, { recursive: true });
        runPipeline(again);
        cleanups.push(() => fs.rmSync(again, { recursive: true, force: true }));
      }, 180_000);

      it('keeps the run record out of git and out of what DVC hashes', () => {
        expect(
          fs.existsSync(
            path.join(rendered.dir, 'data-plane/experiments/last-run.json'),
          ),
        ).toBe(true);
        expect(
          git(rendered.dir, 'ls-files', 'data-plane/experiments'),
        ).not.toContain('last-run.json');
        const lock = parse(
          fs.readFileSync(path.join(dvcDir, 'dvc.lock'), 'utf8'),
        );
        const hashed = Object.values<{
          deps: Array<{ path: string }>;
          outs: Array<{ path: string }>;
        }>(lock.stages).flatMap(stage =>
          [...stage.deps, ...stage.outs].map(entry => entry.path),
        );
        expect(hashed.length).toBeGreaterThan(5);
        expect(hashed.filter(p => p.includes('last-run'))).toEqual([]);
      });

      it('passes `status`, `repro` (a second run changes nothing) and `pushed`', () => {
        const clean = { status: recordedCase('clean', 'dvc-status.json') };
        expect(check(rendered.dir, ['status'], clean).status).toBe(0);
        const reproFiles = Object.fromEntries(
          [
            'data-plane/dvc/dvc.lock',
            'data-plane/experiments/metrics.json',
            'data-plane/experiments/plots/roc.csv',
            'data-plane/experiments/plots/predictions.csv',
          ].map(file => [file, path.join(again, file)]),
        );
        const repro = check(rendered.dir, ['repro'], { repro: reproFiles });
        expect(repro.output).toContain(
          'reproduced dvc.lock and every tracked file exactly',
        );
        expect(repro.status).toBe(0);
        expect(repro.calls).toEqual([
          ['repro', '--force', 'data-plane/dvc/dvc.yaml'],
        ]);
        const pushed = check(rendered.dir, ['pushed'], {
          statusCloud: recordedCase('clean', 'dvc-status-cloud-pushed.json'),
        });
        expect(pushed.status).toBe(0);
      });

      it('makes every stage depend on the pinned requirements, so a changed pin makes them stale', () => {
        const lock = parse(
          fs.readFileSync(path.join(dvcDir, 'dvc.lock'), 'utf8'),
        );
        for (const name of ['prepare', 'train', 'evaluate']) {
          expect({
            name,
            deps: lock.stages[name].deps.map((d: { path: string }) => d.path),
          }).toEqual({
            name,
            deps: expect.arrayContaining(['../../requirements.txt']),
          });
        }
      });

      describe('the MLflow check asks MLflow over REST', () => {
        // Recorded MLflow 3.11 answers, the one copy in mlops-node's testUtils.
        const recorded = (file: string) =>
          mlflowRecording<{ run: RunJson }>('3.11', file);
        const runId = '20b5d3628b76471392a5e649423d6dcd';
        const withRecord = () => {
          const record = path.join(
            rendered.dir,
            'data-plane/experiments/last-run.json',
          );
          const content = JSON.parse(fs.readFileSync(record, 'utf8'));
          fs.writeFileSync(
            record,
            JSON.stringify({ ...content, mlflow: { run_id: runId } }),
          );
        };
        const mlflowCheck = async (
          answer: [number, unknown],
          env: NodeJS.ProcessEnv = {},
        ) => {
          const server = await fakeServer(() => answer);
          try {
            const run = await runAsync(
              python,
              [script, 'mlflow', '--commit', commit],
              {
                cwd: rendered.dir,
                env: {
                  ...process.env,
                  MLFLOW_TRACKING_URI: server.url,
                  MLFLOW_TRACKING_TOKEN: 'secret-token',
                  ...env,
                },
              },
            );
            return { ...run, requests: server.requests };
          } finally {
            await server.close();
          }
        };
        /** The recorded run with the params train.py logs for params.yaml and this commit (shaped from the recording). */
        const matchingRun = () => {
          const answer = recorded('runs-get-with-dataset-and-model.json');
          const train = parse(
            fs.readFileSync(path.join(dvcDir, 'params.yaml'), 'utf8'),
          ).train;
          const data = answer.run.data!;
          data.params = Object.entries(train).map(([key, value]) => ({
            key,
            value: String(value),
          }));
          data.tags = (data.tags ?? []).map(tag =>
            tag.key === 'mlflow.source.git.commit'
              ? { ...tag, value: commit }
              : tag,
          );
          return answer;
        };

        it('fails when the train stage logged no run', async () => {
          const run = await mlflowCheck([200, {}]);
          expect(run.status).toBe(1);
          expect(run.output).toContain(
            'mlflow: FAILED: data-plane/experiments/last-run.json names no MLflow run',
          );
        });

        it('passes for a run with the params of params.yaml and the commit under test', async () => {
          withRecord();
          const run = await mlflowCheck([200, matchingRun()]);
          expect(run.output).toContain(
            `mlflow: MLflow run ${runId} exists, has the params of data-plane/dvc/params.yaml`,
          );
          expect(run.status).toBe(0);
          expect(run.requests.map(r => r.url)).toEqual([
            `/api/2.0/mlflow/runs/get?run_id=${runId}`,
          ]);
        });

        it('fails naming the run when MLflow has no such run (recorded 404)', async () => {
          withRecord();
          const run = await mlflowCheck([404, recorded('error-runs-get.json')]);
          expect(run.status).toBe(1);
          expect(run.output).toContain(
            `mlflow: FAILED: MLflow has no run ${runId} (named by data-plane/experiments/last-run.json)`,
          );
          expect(run.output).not.toContain('secret-token');
        });

        it('fails naming each param that differs from params.yaml, and the commit', async () => {
          withRecord();
          const run = await mlflowCheck([
            200,
            recorded('runs-get-with-dataset-and-model.json'),
          ]);
          expect(run.status).toBe(1);
          expect(run.output).toContain(
            `mlflow: FAILED: MLflow run ${runId}: param n_estimators is '50', data-plane/dvc/params.yaml has train.n_estimators: '100'`,
          );
          expect(run.output).toContain(
            "param max_depth is None, data-plane/dvc/params.yaml has train.max_depth: '8'",
          );
          expect(run.output).toContain(
            "tag mlflow.source.git.commit is '1111111111111111111111111111111111111111'",
          );
        });

        it.each<[string, NodeJS.ProcessEnv, string]>([
          [
            'says it is skipped when the pipeline did not run in CI (REPRO_MODE=status-only)',
            { REPRO_MODE: 'status-only' },
            'mlflow: SKIPPED (REPRO_MODE=status-only)',
          ],
          [
            'says it is off, instead of passing silently, with REQUIRE_MLFLOW_RUN=false',
            { REQUIRE_MLFLOW_RUN: 'false' },
            "mlflow: OFF (REQUIRE_MLFLOW_RUN=false): this commit's MLflow run is NOT checked",
          ],
        ])('%s, and asks MLflow nothing', async (_title, env, said) => {
          const run = await mlflowCheck([500, {}], env);
          expect(run.status).toBe(0);
          expect(run.output).toContain(said);
          expect(run.requests).toEqual([]);
        });
      });
    });
  },
);
