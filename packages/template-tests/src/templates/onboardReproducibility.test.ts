/*
 * "Onboard an existing ML repo"'s reproducibility CI, rendered through the real scaffolder
 * (dry run, with the MLOps actions): the workflows are valid GitHub workflows, pinned as the
 * main template's are, and the checks they call give the right verdicts on an onboarded layout
 * (a pipeline in a folder of the user's choosing), with the stand-in dvc replaying real DVC 3.
 */
import { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import {
  DryRunServer,
  expectRendered,
  startDryRunServer,
} from '../scaffolder/dryRunServer';
import { loadTemplate } from '../scaffolder/loadTemplate';
import { onboardBaseValues } from './onboardValues';
import { validateGithubWorkflow } from '../validators/jsonSchemas';
import { python, runTool } from '../validators/systemTools';
import {
  recordedCase,
  standInDvc,
} from './mlops-platform-versioning/standInDvc';

const values: JsonObject = {
  ...onboardBaseValues,
  addDvcScaffold: false,
  dvcPipelinePath: 'ml/pipelines/dvc.yaml',
};

const MAIN_WORKFLOWS = path.resolve(
  __dirname,
  '../../../../templates/mlops-platform-versioning/skeleton/options/github-actions/.github/workflows',
);
const usesOf = (text: string) =>
  [...text.matchAll(/uses: (\S+)/g)].map(m => m[1]);

describe('templates/onboard-ml-repo: reproducibility CI', () => {
  let server: DryRunServer;
  const dirs: string[] = [];

  beforeAll(async () => {
    server = await startDryRunServer({
      integrations: {
        github: [{ host: 'github.com', token: 'ghp_templateTestToken' }],
      },
    });
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function render(overrides: JsonObject = {}) {
    const result = await server.dryRun(loadTemplate('onboard-ml-repo'), {
      ...values,
      ...overrides,
    });
    const { files } = expectRendered(result);
    return new Map(
      [...files].map(([file, content]) => [file, content.toString()]),
    );
  }

  it.each([
    [
      'an existing pipeline on S3',
      {},
      'role-to-assume: ${{ vars.DVC_REMOTE_ROLE_ARN }}',
      'MINIO',
    ],
    [
      'the DVC scaffold on MinIO',
      {
        addDvcScaffold: true,
        storage: 'minio',
        minioEndpoint: 'https://minio.example.org:9000',
      },
      'secrets.MINIO_ACCESS_KEY_ID',
      'id-token: write',
    ],
  ])(
    "%s: valid workflows, pinned by the main template's SHAs",
    async (_label, overrides, present, absent) => {
      const files = await render(overrides as JsonObject);
      const pinned = new Set(
        ['reproducibility.yml', 'pr-report.yml'].flatMap(file =>
          usesOf(fs.readFileSync(path.join(MAIN_WORKFLOWS, file), 'utf8')),
        ),
      );
      for (const file of [
        '.github/workflows/reproducibility.yml',
        '.github/workflows/pr-report.yml',
      ]) {
        const text = files.get(file)!;
        expect({
          file,
          errors: validateGithubWorkflow(yaml.parse(text)),
        }).toEqual({ file, errors: [] });
        for (const uses of usesOf(text)) {
          expect(uses).toMatch(/@[0-9a-f]{40}$/);
          expect(pinned).toContain(uses);
        }
        expect(text).toContain('dvc[s3]==3.59.2');
      }
      expect(files.has('.github/workflows/promote-model.yml')).toBe(false);
      const text = files.get('.github/workflows/reproducibility.yml')!;
      expect(text).toContain(present);
      expect(text).not.toContain(absent);
    },
  );

  it('the schema check fails a broken workflow (a job without runs-on)', async () => {
    const files = await render();
    const workflow = yaml.parse(
      files.get('.github/workflows/reproducibility.yml')!,
    );
    delete workflow.jobs['dvc-lock-fresh']['runs-on'];
    expect(validateGithubWorkflow(workflow)).not.toEqual([]);
  });

  describe('the checks the workflow calls, on a pipeline in ml/pipelines/', () => {
    let repo: string;
    let commands: Record<string, string[]>;

    beforeAll(async () => {
      const files = await render();
      const workflow = yaml.parse(
        files.get('.github/workflows/reproducibility.yml')!,
      );
      commands = Object.fromEntries(
        Object.entries(
          workflow.jobs as Record<string, { steps: Array<{ run?: string }> }>,
        ).map(([job, { steps }]) => [
          job,
          steps
            .map(s => s.run ?? '')
            .filter(line => line.startsWith('python control-plane/')),
        ]),
      );
      repo = fs.mkdtempSync(path.join(os.tmpdir(), 'onboard-repro-'));
      dirs.push(repo);
      for (const [file, content] of files) {
        fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
        fs.writeFileSync(path.join(repo, file), content);
      }
    }, 60_000);

    /** Runs a workflow step's command on a recorded case laid out under ml/pipelines/. */
    function run(
      command: string,
      name: string,
      answers: Parameters<typeof standInDvc>[0],
    ) {
      const pipelines = path.join(repo, 'ml/pipelines');
      fs.rmSync(pipelines, { recursive: true, force: true });
      fs.cpSync(recordedCase(name, 'project'), pipelines, { recursive: true });
      runTool('chmod', ['-R', 'u+w', pipelines]);
      const dvc = standInDvc(answers);
      try {
        const [, ...args] = command.split(' ');
        const result = runTool(python, args, {
          cwd: repo,
          env: { ...process.env, ...dvc.env },
        });
        return { ...result, calls: dvc.calls() };
      } finally {
        dvc.cleanup();
      }
    }

    it('runs status, repro and pushed on the chosen dvc.yaml (no MLflow check without a run record)', () => {
      expect(commands).toEqual({
        'dvc-lock-fresh': [
          'python control-plane/ci-cd/checks/reproducibility.py status --pipeline ml/pipelines/dvc.yaml',
          'python control-plane/ci-cd/checks/reproducibility.py repro --pipeline ml/pipelines/dvc.yaml',
        ],
        'dvc-outputs-pushed': [
          'python control-plane/ci-cd/checks/reproducibility.py pushed --pipeline ml/pipelines/dvc.yaml',
        ],
      });
    });

    it('passes a clean project', () => {
      const status = run(commands['dvc-lock-fresh'][0], 'clean', {
        status: recordedCase('clean', 'dvc-status.json'),
      });
      expect(status.output).toContain(
        'status: ml/pipelines/dvc.yaml: everything DVC tracks matches dvc.lock',
      );
      expect(status.status).toBe(0);
      expect(status.calls).toEqual([
        ['status', '--json', 'ml/pipelines/dvc.yaml'],
      ]);
      const pushed = run(commands['dvc-outputs-pushed'][0], 'clean', {
        statusCloud: recordedCase('clean', 'dvc-status-cloud-pushed.json'),
      });
      expect(pushed.status).toBe(0);
    });

    // The failing cases run one step each on one recording and check its exit code and message: alike by design.
    it('fails a changed parameter, naming the file from the repository root', () => {
      const status = run(commands['dvc-lock-fresh'][0], 'params-changed', {
        status: recordedCase('params-changed', 'dvc-status.json'),
      });
      expect(status.status).toBe(1);
      expect(status.output).toContain(
        'status: FAILED: stage evaluate: changed deps: ml/pipelines/params.yaml evaluate.threshold modified - run `dvc repro ml/pipelines/dvc.yaml`',
      );
    });

    it('fails an output not pushed to the remote', () => {
      const pushed = run(commands['dvc-outputs-pushed'][0], 'clean', {
        statusCloud: recordedCase('clean', 'dvc-status-cloud-not-pushed.json'),
      });
      expect(pushed.status).toBe(1);
      expect(pushed.output).toContain(
        'is not in the DVC remote (dvc status -c: new): run `dvc push`',
      );
    });
  });
});
