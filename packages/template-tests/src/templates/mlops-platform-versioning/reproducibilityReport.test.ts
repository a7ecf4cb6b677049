import { mlflowRecording } from '@mlops-portal/plugin-mlops-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { python } from '../../validators/systemTools';
import { baseValues } from './combinations';
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
 * The pull-request report (`reproducibility.py report`) built from real DVC 3's recorded
 * `dvc metrics diff --md` / `dvc params diff --md`, posted once and then updated in place; and
 * the promotion (`reproducibility.py promote`) against recorded MLflow 3 model versions.
 * GitHub's and GitLab's comment APIs are faked with answers shaped from their public REST docs
 * (not recorded: no recording of them exists in shared/).
 */

const MARKER = '<!-- mlops-reproducibility-report -->';

describe('the generated pull-request report and promotion', () => {
  let rendered: RenderedCombination;
  let script: string;
  const cleanups: Array<() => void> = [];

  const run = async (
    args: string[],
    answers: DvcAnswers,
    env: NodeJS.ProcessEnv = {},
    cwd?: string,
  ) => {
    const dvc = standInDvc(answers);
    cleanups.push(dvc.cleanup);
    const result = await runAsync(python, [script, ...args], {
      cwd: cwd ?? rendered.dir,
      env: { ...process.env, ...dvc.env, ...env },
    });
    return { ...result, calls: dvc.calls() };
  };

  beforeAll(async () => {
    [rendered] = await renderAll([{ id: 'report', values: baseValues }]);
    script = path.join(
      rendered.dir,
      'control-plane/ci-cd/checks/reproducibility.py',
    );
  }, 120_000);

  afterAll(() => {
    removeRendered([rendered]);
    for (const cleanup of cleanups) cleanup();
  });

  const changed = {
    metricsDiff: recordedCase('metric-hand-edited', 'dvc-metrics-diff-HEAD.md'),
    paramsDiff: recordedCase('params-changed', 'dvc-params-diff-HEAD.md'),
  };

  it('builds the comment from the recorded `dvc metrics diff --md` and `dvc params diff --md`', async () => {
    const result = await run(['report', '--base', 'origin/main'], changed);
    expect(result.status).toBe(0);
    expect(
      result.output.startsWith(`${MARKER}\n### Reproducibility report`),
    ).toBe(true);
    expect(result.output).toContain(
      '| metrics.json | accuracy | 0.96   | 0.999       | 0.039    |',
    );
    expect(result.output).toContain(
      '| params.yaml | evaluate.threshold | 0.0    | 0.5         |',
    );
    expect(result.calls).toEqual([
      ['metrics', 'diff', '--md', 'origin/main'],
      ['params', 'diff', '--md', 'origin/main'],
    ]);
  });

  it('says so when nothing changed (DVC prints a header-only table)', async () => {
    const result = await run(['report', '--base', 'origin/main'], {
      metricsDiff: recordedCase('clean', 'dvc-metrics-diff-HEAD.md'),
      paramsDiff: recordedCase('clean', 'dvc-params-diff-HEAD.md'),
    });
    expect(result.output).toContain('No metric changed.');
    expect(result.output).toContain('No param changed.');
    expect(result.output).not.toContain('| Path');
  });

  const github = {
    GITHUB_TOKEN: 'gh-token',
    GITHUB_REPOSITORY: 'acme/fraud-detection',
    PR_NUMBER: '12',
  };

  it('posts one comment on GitHub, then updates that comment on the next push', async () => {
    let comments: Array<{ id: number; body: string }> = [
      { id: 3, body: 'LGTM' },
    ];
    const server = await fakeServer(({ method, url, body }) => {
      if (method === 'GET') return [200, comments];
      const text = JSON.parse(body).body as string;
      if (method === 'POST') {
        comments = [...comments, { id: 9, body: text }];
        return [201, { id: 9 }];
      }
      comments = comments.map(c =>
        url.endsWith(`/${c.id}`) ? { ...c, body: text } : c,
      );
      return [200, { id: 9 }];
    });
    try {
      const env = { ...github, GITHUB_API_URL: server.url };
      const first = await run(
        ['report', '--base', 'origin/main', '--post', 'github'],
        changed,
        env,
      );
      expect(first.output).toContain('report: posted the report comment 9');
      const second = await run(
        ['report', '--base', 'origin/main', '--post', 'github'],
        {
          metricsDiff: recordedCase('clean', 'dvc-metrics-diff-HEAD.md'),
          paramsDiff: recordedCase(
            'second-params-file-changed',
            'dvc-params-diff-HEAD.md',
          ),
        },
        env,
      );
      expect(second.output).toContain('report: updated the report comment 9');
      expect(server.requests.map(r => `${r.method} ${r.url}`)).toEqual([
        'GET /repos/acme/fraud-detection/issues/12/comments?per_page=100&page=1',
        'POST /repos/acme/fraud-detection/issues/12/comments',
        'GET /repos/acme/fraud-detection/issues/12/comments?per_page=100&page=1',
        'PATCH /repos/acme/fraud-detection/issues/comments/9',
      ]);
      expect(comments).toHaveLength(2);
      expect(comments[1].body).toContain(
        '| params-extra.yaml | report.digits | 4      | 3           |',
      );
      expect(comments[1].body).toContain('No metric changed.');
      expect(first.output + second.output).not.toContain('gh-token');
    } finally {
      await server.close();
    }
  });

  it('posts the note on a GitLab merge request with the project token', async () => {
    const server = await fakeServer(({ method }) =>
      method === 'GET' ? [200, []] : [201, { id: 77 }],
    );
    try {
      const result = await run(
        ['report', '--base', 'origin/main', '--post', 'gitlab'],
        changed,
        {
          CI_API_V4_URL: `${server.url}/api/v4`,
          CI_PROJECT_ID: '42',
          CI_MERGE_REQUEST_IID: '5',
          GITLAB_API_TOKEN: 'glpat-test',
        },
      );
      expect(result.output).toContain('report: posted the report comment 77');
      expect(server.requests.map(r => `${r.method} ${r.url}`)).toEqual([
        'GET /api/v4/projects/42/merge_requests/5/notes?per_page=100&page=1',
        'POST /api/v4/projects/42/merge_requests/5/notes',
      ]);
      expect(JSON.parse(server.requests[1].body).body).toContain(MARKER);
    } finally {
      await server.close();
    }
  });

  describe('promote', () => {
    const versions = mlflowRecording<any>('3.11', 'model-versions-search.json');
    // The recorded run that registered versions 2 and 4 of the model.
    const runId = 'b0f2b846f4424801b852004b9a56e021';
    const workdir = (rocAuc: number) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promote-'));
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      for (const file of [
        'data-plane/dvc/params.yaml',
        'control-plane/serving/served-model.env',
      ]) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.copyFileSync(path.join(rendered.dir, file), path.join(dir, file));
      }
      fs.mkdirSync(path.join(dir, 'data-plane/experiments'), {
        recursive: true,
      });
      fs.writeFileSync(
        path.join(dir, 'data-plane/experiments/metrics.json'),
        JSON.stringify({ roc_auc: rocAuc }),
      );
      fs.writeFileSync(
        path.join(dir, 'data-plane/experiments/last-run.json'),
        JSON.stringify({ mlflow: { run_id: runId } }),
      );
      fs.writeFileSync(path.join(dir, 'outputs'), '');
      return dir;
    };

    it('bumps MODEL_VERSION to the version the run registered when the metric meets the bar', async () => {
      const dir = workdir(0.93);
      expect(
        fs.readFileSync(
          path.join(dir, 'control-plane/serving/served-model.env'),
          'utf8',
        ),
      ).toBe('MODEL_NAME=fraud-detection\nMODEL_VERSION=1\n');
      const server = await fakeServer(() => [200, versions]);
      try {
        const result = await run(
          ['promote'],
          {},
          {
            MLFLOW_TRACKING_URI: server.url,
            GITHUB_OUTPUT: path.join(dir, 'outputs'),
          },
          dir,
        );
        expect(result.output).toContain(
          'promote: fraud-detection: MODEL_VERSION 1 -> 4 (roc_auc 0.9300 >= 0.85)',
        );
        expect(result.status).toBe(0);
        expect(
          fs.readFileSync(
            path.join(dir, 'control-plane/serving/served-model.env'),
            'utf8',
          ),
        ).toBe('MODEL_NAME=fraud-detection\nMODEL_VERSION=4\n');
        expect(fs.readFileSync(path.join(dir, 'outputs'), 'utf8')).toContain(
          'version=4\n',
        );
        const query = new URL(
          server.requests[0].url,
          server.url,
        ).searchParams.get('filter');
        expect(query).toBe(`name='fraud-detection' and run_id='${runId}'`);
      } finally {
        await server.close();
      }
    });

    it('opens nothing when the metric is below the bar in params.yaml', async () => {
      const dir = workdir(0.7);
      const result = await run(
        ['promote'],
        {},
        {
          MLFLOW_TRACKING_URI: 'http://127.0.0.1:9',
          GITHUB_OUTPUT: path.join(dir, 'outputs'),
        },
        dir,
      );
      expect(result.status).toBe(0);
      expect(result.output).toContain(
        'promote: not promoted: roc_auc 0.7000 is below promotion.min_value 0.85',
      );
      expect(
        fs.readFileSync(
          path.join(dir, 'control-plane/serving/served-model.env'),
          'utf8',
        ),
      ).toContain('MODEL_VERSION=1\n');
      expect(fs.readFileSync(path.join(dir, 'outputs'), 'utf8')).toBe('');
    });
  });
});
