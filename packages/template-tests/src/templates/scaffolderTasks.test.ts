/*
 * Both templates through the real scaffolder with the MLOps actions: dry runs
 * (every opt-in, nothing called outside) and real tasks against the shared
 * MLflow and GitHub fakes. Moved here from the scaffolder module so that
 * template rendering in tests has one harness (packages/template-tests).
 */
import {
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { JsonObject } from '@backstage/types';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import {
  createFakeMlflow,
  fakeGithub,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import mlopsModule from '@mlops-portal/plugin-scaffolder-backend-module-mlops';
import {
  DryRunServer,
  expectFailure,
  expectRendered,
  startDryRunServer,
} from '../scaffolder/dryRunServer';
import { loadTemplate } from '../scaffolder/loadTemplate';
import { onboardBaseValues } from './onboardValues';
import {
  catalogRecordingLocations,
  catalogTemplateEntity,
  fakePublishModule,
  Published,
  runTask,
} from '../scaffolder/taskRun';

const GITHUB_TOKEN = 'ghp_templateTestToken';
const MLFLOW_TOKEN = 'mlflow-template-test-token';

const server = setupServer(
  // The test talks to its own backend over localhost; only that may pass.
  http.all(/^http:\/\/(127\.0\.0\.1|localhost)[:/]/, () => passthrough()),
);
registerMswTestHooks(server);

/** Every request that left the test backend for an outside host. */
function recordOutsideCalls() {
  const calls: string[] = [];
  server.events.on('request:start', ({ request: outgoing }) => {
    if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(outgoing.url)) {
      calls.push(`${outgoing.method} ${outgoing.url}`);
    }
  });
  return calls;
}
afterEach(() => server.events.removeAllListeners());
jest.setTimeout(60_000);

const config = mockServices.rootConfig.factory({
  data: {
    integrations: { github: [{ host: 'github.com', token: GITHUB_TOKEN }] },
    mlops: {
      mlflow: {
        instances: [
          {
            name: 'default',
            baseUrl: 'https://mlflow.example.com',
            token: MLFLOW_TOKEN,
            uiUrl: 'https://mlflow-ui.example.com',
          },
        ],
      },
      platform: { repoUrl: 'https://github.com/acme/platform-gitops' },
    },
  },
});

const createValues: JsonObject = {
  name: 'churn',
  description: 'Predicts customer churn',
  owner: 'group:default/ml-team',
  repoUrl: 'github.com?owner=acme&repo=churn',
  awsRegion: 'eu-west-1',
  clusterName: 'ml-prod',
  gpuEnabled: true,
  gpuInstanceType: 'g5.xlarge',
  gpuMinSize: 0,
  gpuMaxSize: 2,
  storage: 's3',
  bucketName: 'acme-churn-artifacts',
  gitopsEngine: 'argocd',
  canary: 'argo-rollouts',
  mlflowExposure: 'ingress',
  mlflowHost: 'mlflow.churn.example.com',
  createExperiment: true,
  openPlatformPullRequest: true,
};

const onboardValues: JsonObject = {
  ...onboardBaseValues,
  awsRegion: 'us-east-1',
  storage: 'minio',
  minioEndpoint: 'http://minio.minio.svc.cluster.local:9000',
  gitopsEngine: 'flux',
  canary: 'flagger',
  createExperiment: true,
  openPlatformPullRequest: true,
};

/** What "Onboard an existing ML repo" adds with every opt-in, in the dry run and in its pull request. */
const ONBOARD_FILES = [
  '.dvc/.gitignore',
  '.dvc/config',
  '.github/workflows/pr-report.yml',
  '.github/workflows/reproducibility.yml',
  'catalog-info.yaml',
  'control-plane/ci-cd/checks/install-requirements.sh',
  'control-plane/ci-cd/checks/reproducibility.py',
  'data-plane/dvc/dvc.yaml',
  'data-plane/dvc/params.yaml',
  'data-plane/experiments/README.md',
  'data-plane/src/train.py',
  'docs/mlops.md',
  'mkdocs.yml',
];

/** The reproducibility workflow the onboarding template writes, parsed. */
const reproducibilityWorkflow = (files: Map<string, string>) =>
  yaml.parse(files.get('.github/workflows/reproducibility.yml')!);

describe('templates dry run', () => {
  let dryRunServer: DryRunServer;

  beforeAll(async () => {
    dryRunServer = await startDryRunServer({
      integrations: { github: [{ host: 'github.com', token: GITHUB_TOKEN }] },
    });
  }, 60_000);

  afterAll(() => dryRunServer.stop());

  async function dryRun(name: string, values: JsonObject) {
    const outside = recordOutsideCalls();
    const result = await dryRunServer.dryRun(loadTemplate(name), values);
    return { result, outside };
  }

  /** A successful dry run: its files as text and its log. */
  async function rendered(name: string, values: JsonObject) {
    const { result, outside } = await dryRun(name, values);
    const { files, log } = expectRendered(result);
    return {
      files: new Map(
        [...files].map(([file, content]) => [file, content.toString()]),
      ),
      log: log.map(line => line.body.message).join('\n'),
      outside,
    };
  }

  it('renders "Create new ML project" with every opt-in and calls nothing outside', async () => {
    const { files, log, outside } = await rendered(
      'mlops-platform-versioning',
      createValues,
    );
    expect(log).not.toMatch(/failed|error/i);
    expect(log).toContain(
      "Dry run: would create or reuse MLflow experiment 'churn' on instance 'default'",
    );
    expect(log).toContain(
      'Dry run: would open or update a pull request from mlops/register-churn on https://github.com/acme/platform-gitops',
    );
    expect(files.has('catalog-info.yaml')).toBe(true);
    expect(outside).toEqual([]);
  });

  it('renders "Onboard an existing ML repo" with every opt-in and calls nothing outside', async () => {
    const { files, log, outside } = await rendered(
      'onboard-ml-repo',
      onboardValues,
    );
    expect(log).toContain(
      "Dry run: would create or reuse MLflow experiment 'legacy-model'",
    );
    expect(log).toContain('mlops/register-legacy-model');
    expect(outside).toEqual([]);

    expect([...files.keys()].sort()).toEqual(ONBOARD_FILES);
    const entity = yaml.parse(files.get('catalog-info.yaml')!);
    expect(entity.metadata.annotations).toEqual({
      'github.com/project-slug': 'acme/legacy-model',
      'backstage.io/source-location':
        'url:https://github.com/acme/legacy-model/tree/main/',
      'backstage.io/techdocs-ref': 'dir:.',
      'mlflow.org/experiment-name': 'legacy-model',
      'dvc.org/pipeline': 'data-plane/dvc/dvc.yaml',
      'backstage.io/kubernetes-id': 'legacy-model',
      'backstage.io/kubernetes-namespace': 'legacy-model',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/part-of=legacy-model',
    });
    expect(entity.spec).toEqual({
      type: 'ml-project',
      lifecycle: 'experimental',
      owner: 'group:default/ml-team',
    });
    expect(files.get('.dvc/config')).toContain(
      'endpointurl = http://minio.minio.svc.cluster.local:9000',
    );
    const workflow = reproducibilityWorkflow(files);
    expect(Object.keys(workflow.jobs)).toEqual([
      'dvc-lock-fresh',
      'dvc-outputs-pushed',
      'mlflow-run-metadata',
    ]);
    expect(workflow.env.REQUIRE_MLFLOW_RUN).toBe(
      "${{ vars.REQUIRE_MLFLOW_RUN || 'true' }}",
    );
    expect(workflow.jobs['mlflow-run-metadata'].steps.at(-1).run).toBe(
      'python control-plane/ci-cd/checks/reproducibility.py mlflow --record data-plane/experiments/last-run.json --params data-plane/dvc/params.yaml --commit "$COMMIT_UNDER_TEST"',
    );
    const stages = yaml.parse(files.get('data-plane/dvc/dvc.yaml')!).stages;
    expect(stages.train.deps).toEqual(['../src/train.py']);

    // The example pipeline runs and writes what the CI checks read.
    const dir = mkdtempSync(join(tmpdir(), 'onboard-'));
    try {
      writeFileSync(
        join(dir, 'train.py'),
        files.get('data-plane/src/train.py')!,
      );
      writeFileSync(
        join(dir, 'params.yaml'),
        files.get('data-plane/dvc/params.yaml')!,
      );
      execFileSync(
        process.env.MLOPS_PYTHON ?? '/usr/bin/python3',
        ['train.py', '--metrics', 'metrics.json', '--record', 'run.json'],
        { cwd: dir, env: { PATH: process.env.PATH } },
      );
      const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
      expect(record.params).toEqual(
        yaml.parse(files.get('data-plane/dvc/params.yaml')!).train,
      );
      expect(record.metrics.accuracy).toBeGreaterThan(0.5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves out what the user did not ask for', async () => {
    const { files } = await rendered('onboard-ml-repo', {
      ...onboardValues,
      addDvcScaffold: false,
      dvcPipelinePath: 'pipelines/dvc.yaml',
      addDocs: false,
      createExperiment: false,
      openPlatformPullRequest: false,
    });
    expect([...files.keys()].sort()).toEqual([
      '.github/workflows/pr-report.yml',
      '.github/workflows/reproducibility.yml',
      'catalog-info.yaml',
      'control-plane/ci-cd/checks/install-requirements.sh',
      'control-plane/ci-cd/checks/reproducibility.py',
    ]);
    const entity = yaml.parse(files.get('catalog-info.yaml')!);
    expect(entity.metadata.annotations['dvc.org/pipeline']).toBe(
      'pipelines/dvc.yaml',
    );
    expect(entity.metadata.annotations).not.toHaveProperty(
      'backstage.io/techdocs-ref',
    );
    const workflow = reproducibilityWorkflow(files);
    expect(Object.keys(workflow.jobs)).toEqual([
      'dvc-lock-fresh',
      'dvc-outputs-pushed',
    ]);
    const runs = (job: string): string[] =>
      workflow.jobs[job].steps.map((step: { run?: string }) => step.run ?? '');
    expect(runs('dvc-lock-fresh')).toEqual(
      expect.arrayContaining([
        'python control-plane/ci-cd/checks/reproducibility.py status --pipeline pipelines/dvc.yaml',
        'python control-plane/ci-cd/checks/reproducibility.py repro --pipeline pipelines/dvc.yaml',
      ]),
    );
    expect(runs('dvc-outputs-pushed')).toContain(
      'python control-plane/ci-cd/checks/reproducibility.py pushed --pipeline pipelines/dvc.yaml',
    );
  });

  it("refuses bad values before any step, naming each bad field with the form's message", async () => {
    const { result } = await dryRun('onboard-ml-repo', {
      ...onboardValues,
      gitopsEngine: 'argocd',
      bucketName: 'Legacy_Data',
    });
    // The form's rules are the template's parameter schema, which the
    // scaffolder checks first: a 400 naming each bad field (path and the
    // message the form shows), before mlops:project:validate would run
    // (whose own message names the fields too: projectValidate.test.ts).
    const failure = expectFailure(result);
    expect(failure.status).toBe(400);
    const { errors } = failure.body as {
      errors: Array<{ path: string[]; schema: { errorMessage?: unknown } }>;
    };
    const byField = Object.fromEntries(
      errors.map(e => [
        e.path.join('.'),
        JSON.stringify(e.schema.errorMessage),
      ]),
    );
    expect(Object.keys(byField).sort()).toEqual(['bucketName', 'canary']);
    expect(byField.bucketName).toContain(
      'Bucket name must follow the S3 naming rules',
    );
    expect(byField.canary).toContain(
      '\\"flagger\\" needs gitopsEngine \\"flux\\"',
    );
  });
});

describe('templates end to end', () => {
  async function startPortal(template: string) {
    const catalog = catalogRecordingLocations([
      catalogTemplateEntity(loadTemplate(template)),
    ]);
    const published: Published[] = [];
    const { server: backend } = await startTestBackend({
      features: [
        scaffolderPlugin,
        mlopsModule,
        fakePublishModule(published),
        catalog.factory,
        config,
      ],
    });
    // The shared fake MLflow, empty: the actions create the experiments (ids from 10).
    const mlflow = createFakeMlflow({
      experiments: [],
      nextExperimentId: 10,
      baseUrl: 'https://mlflow.example.com',
      token: MLFLOW_TOKEN,
    });
    server.use(...mlflow.handlers);
    const platform = fakeGithub(server, {
      owner: 'acme',
      repo: 'platform-gitops',
      token: GITHUB_TOKEN,
      files: {
        'projects/kustomization.yaml':
          'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - fraud-detection\n',
      },
    });
    return { backend, catalog, published, mlflow, platform };
  }

  /** Runs the template as a real task on a fresh portal; it must complete. */
  async function runToCompletion(template: string, values: JsonObject) {
    const portal = await startPortal(template);
    const task = await runTask(
      portal.backend,
      `template:default/${template}`,
      values,
    );
    // On failure this shows the task log, which names the failing step.
    expect([task.status, task.log]).toEqual([
      'completed',
      expect.arrayContaining(['Run completed with status: completed']),
    ]);
    return { ...portal, task };
  }

  it('runs "Create new ML project" with the real MLOps actions against MLflow and GitHub fakes and links the PR and experiment', async () => {
    const { task, ...portal } = await runToCompletion(
      'mlops-platform-versioning',
      createValues,
    );
    expect(task.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: 'Platform pull request',
          url: 'https://github.com/acme/platform-gitops/pull/1',
        }),
        expect.objectContaining({
          title: 'MLflow experiment',
          url: 'https://mlflow-ui.example.com/#/experiments/10',
        }),
      ]),
    );
    expect(portal.published.map(p => p.action)).toEqual(['publish:github']);
    expect(portal.published[0].files).toContain('catalog-info.yaml');
    expect(portal.catalog.registered).toEqual([
      'https://github.com/acme/churn/tree/main/catalog-info.yaml',
    ]);
    expect(portal.mlflow.experiments.get('churn')?.tags).toEqual([
      { key: 'backstage.io/owner', value: 'group:default/ml-team' },
      {
        key: 'backstage.io/repository',
        value: 'https://github.com/acme/churn',
      },
    ]);
    const files = portal.platform.filesOf('mlops/register-churn')!;
    expect(files['projects/kustomization.yaml']).toContain('  - churn\n');
    expect(
      yaml.parse(files['projects/churn/gpu-quota.yaml']).spec.hard,
    ).toEqual({
      'requests.nvidia.com/gpu': '2',
    });
  });

  it('runs "Onboard an existing ML repo": one pull request on the repo, registration, experiment and platform PR', async () => {
    const { task, ...portal } = await runToCompletion(
      'onboard-ml-repo',
      onboardValues,
    );
    expect(task.links).toEqual([
      {
        title: 'Onboarding pull request',
        url: 'https://github.com/acme/legacy-model/pull/7',
      },
      {
        title: 'Catalog entity (appears once merged)',
        icon: 'catalog',
        entityRef: 'component:default/legacy-model',
      },
      {
        title: 'MLflow experiment',
        url: 'https://mlflow-ui.example.com/#/experiments/10',
      },
      {
        title: 'Platform pull request',
        url: 'https://github.com/acme/platform-gitops/pull/1',
      },
    ]);
    const [pullRequest] = portal.published;
    expect(pullRequest.action).toBe('publish:github:pull-request');
    expect(pullRequest.input).toMatchObject({
      repoUrl: 'github.com?owner=acme&repo=legacy-model',
      branchName: 'mlops/onboard-legacy-model',
      targetBranchName: 'main',
      title: 'Onboard legacy-model to the MLOps portal',
    });
    expect(pullRequest.input.description).toContain(
      'the reproducibility CI checks (`dvc-lock-fresh`, `dvc-outputs-pushed`, `mlflow-run-metadata`)',
    );
    expect(pullRequest.files.sort()).toEqual(ONBOARD_FILES);
    // Registered now as an optional location on the target branch: the entity appears once merged.
    expect(portal.catalog.registered).toEqual([
      'https://github.com/acme/legacy-model/blob/main/catalog-info.yaml',
    ]);
    const files = portal.platform.filesOf('mlops/register-legacy-model')!;
    expect(Object.keys(files)).toContain(
      'projects/legacy-model/flux-sync.yaml',
    );
    expect(
      yaml.parse(files['projects/legacy-model/gpu-quota.yaml']).spec.hard,
    ).toEqual({
      'requests.nvidia.com/gpu': '0',
    });
  });
});
