import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import yaml from 'yaml';
import { fakeGithub } from '@mlops-portal/plugin-mlops-node/testUtils';
import { mlflowServer } from './__testUtils__/mlflowServer';
import {
  catalogWithLocations,
  loadRepoTemplate,
} from './__testUtils__/templates';
import { scaffolderModule } from './module';

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
  repoUrl: 'github.com?owner=acme&repo=legacy-model',
  targetBranch: 'main',
  name: 'legacy-model',
  owner: 'group:default/ml-team',
  addDvcScaffold: true,
  addReproducibilityCi: true,
  addDocs: true,
  awsRegion: 'us-east-1',
  clusterName: 'ml-prod',
  gpuEnabled: false,
  storage: 'minio',
  minioEndpoint: 'http://minio.minio.svc.cluster.local:9000',
  bucketName: 'legacy-model-data',
  gitopsEngine: 'flux',
  canary: 'flagger',
  mlflowExposure: 'nodeport',
  createExperiment: true,
  openPlatformPullRequest: true,
};

describe('templates dry run', () => {
  async function dryRun(name: string, values: JsonObject) {
    const { server: backend } = await startTestBackend({
      features: [
        scaffolderPlugin,
        githubModule,
        scaffolderModule,
        catalogServiceMock.factory(),
        config,
      ],
    });
    const template = loadRepoTemplate(name);
    const outside = recordOutsideCalls();
    const response = await request(backend)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template: template.entity,
        values,
        secrets: {},
        directoryContents: template.directoryContents,
      });
    const files = new Map<string, string>(
      (
        (response.body.directoryContents ?? []) as Array<{
          path: string;
          base64Content: string;
        }>
      ).map(f => [f.path, Buffer.from(f.base64Content, 'base64').toString()]),
    );
    const log = (response.body.log ?? [])
      .map((l: { body: { message: string } }) => l.body.message)
      .join('\n');
    return { response, files, log, outside };
  }

  it('renders "Create new ML project" with every opt-in and calls nothing outside', async () => {
    const { response, files, log, outside } = await dryRun(
      'mlops-platform-versioning',
      createValues,
    );
    expect(response.status).toBe(200);
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
    const { response, files, log, outside } = await dryRun(
      'onboard-ml-repo',
      onboardValues,
    );
    expect(response.status).toBe(200);
    expect(log).toContain(
      "Dry run: would create or reuse MLflow experiment 'legacy-model'",
    );
    expect(log).toContain('mlops/register-legacy-model');
    expect(outside).toEqual([]);

    expect([...files.keys()].sort()).toEqual([
      '.dvc/.gitignore',
      '.dvc/config',
      '.github/workflows/reproducibility.yml',
      'catalog-info.yaml',
      'data-plane/dvc/dvc.yaml',
      'data-plane/dvc/params.yaml',
      'data-plane/experiments/README.md',
      'data-plane/src/train.py',
      'docs/mlops.md',
      'mkdocs.yml',
    ]);
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
    const workflow = yaml.parse(
      files.get('.github/workflows/reproducibility.yml')!,
    );
    expect(Object.keys(workflow.jobs)).toEqual([
      'dvc-lock-fresh',
      'mlflow-run-metadata',
    ]);
    expect(
      workflow.jobs['mlflow-run-metadata'].steps[1].env.REQUIRE_MLFLOW_RUN,
    ).toBe('${{ vars.REQUIRE_MLFLOW_RUN }}');
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
      const record = JSON.parse(
        execFileSync('cat', [join(dir, 'run.json')], { encoding: 'utf8' }),
      );
      expect(record.params).toEqual(
        yaml.parse(files.get('data-plane/dvc/params.yaml')!).train,
      );
      expect(record.metrics.accuracy).toBeGreaterThan(0.5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves out what the user did not ask for', async () => {
    const { response, files } = await dryRun('onboard-ml-repo', {
      ...onboardValues,
      addDvcScaffold: false,
      dvcPipelinePath: 'pipelines/dvc.yaml',
      addDocs: false,
      createExperiment: false,
      openPlatformPullRequest: false,
    });
    expect(response.status).toBe(200);
    expect([...files.keys()].sort()).toEqual([
      '.github/workflows/reproducibility.yml',
      'catalog-info.yaml',
    ]);
    const entity = yaml.parse(files.get('catalog-info.yaml')!);
    expect(entity.metadata.annotations['dvc.org/pipeline']).toBe(
      'pipelines/dvc.yaml',
    );
    expect(entity.metadata.annotations).not.toHaveProperty(
      'backstage.io/techdocs-ref',
    );
    const workflow = yaml.parse(
      files.get('.github/workflows/reproducibility.yml')!,
    );
    expect(Object.keys(workflow.jobs)).toEqual(['dvc-lock-fresh']);
    expect(workflow.jobs['dvc-lock-fresh'].steps[3].run).toContain(
      'dvc status --json pipelines/dvc.yaml',
    );
  });

  it('stops at the validation step on bad values', async () => {
    const { response } = await dryRun('onboard-ml-repo', {
      ...onboardValues,
      gitopsEngine: 'argocd',
      bucketName: 'Legacy_Data',
    });
    // The dry-run API answers the failed validation step with a 400 naming each bad field.
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'Invalid ML project values: bucketName: "Legacy_Data" may contain only lowercase letters, digits, "." and "-"; canary: "flagger" needs gitopsEngine "flux"; with Argo CD use "argo-rollouts"',
    );
  });
});

/** What a publishing stand-in was asked to publish. */
interface Published {
  action: string;
  input: JsonObject;
  /** Files of the task workspace at that moment. */
  files: string[];
}

function workspaceFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory()
      ? workspaceFiles(dir, join(prefix, entry.name))
      : [join(prefix, entry.name)],
  );
}

/**
 * `publish:github` and `publish:github:pull-request` push with git over
 * HTTPS, which msw cannot speak; these stand-ins record their input and the
 * workspace they would push, and answer with the outputs the real actions
 * give. Every other step runs the real action.
 */
function fakePublishModule(published: Published[]) {
  const repoOf = (repoUrl: string) =>
    /owner=([^&]+)&repo=([^&]+)/.exec(repoUrl)?.slice(1).join('/');
  return createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'fake-publish-github',
    register({ registerInit }) {
      registerInit({
        deps: { actions: scaffolderActionsExtensionPoint },
        async init({ actions }) {
          actions.addActions(
            createTemplateAction({
              id: 'publish:github',
              schema: {
                // The real action's other inputs (branch protection, topics...) pass through.
                input: z => z.object({ repoUrl: z.string() }).passthrough(),
                output: z =>
                  z.object({
                    remoteUrl: z.string(),
                    repoContentsUrl: z.string(),
                  }),
              },
              async handler(ctx) {
                published.push({
                  action: 'publish:github',
                  input: { ...ctx.input } as JsonObject,
                  files: workspaceFiles(ctx.workspacePath),
                });
                const repo = repoOf(ctx.input.repoUrl);
                ctx.output('remoteUrl', `https://github.com/${repo}`);
                ctx.output(
                  'repoContentsUrl',
                  `https://github.com/${repo}/blob/main`,
                );
              },
            }),
            createTemplateAction({
              id: 'publish:github:pull-request',
              schema: {
                input: z =>
                  z
                    .object({ repoUrl: z.string(), branchName: z.string() })
                    .passthrough(),
                output: z =>
                  z.object({
                    remoteUrl: z.string(),
                    pullRequestNumber: z.number(),
                  }),
              },
              async handler(ctx) {
                published.push({
                  action: 'publish:github:pull-request',
                  input: { ...ctx.input } as JsonObject,
                  files: workspaceFiles(ctx.workspacePath),
                });
                const repo = repoOf(ctx.input.repoUrl);
                ctx.output('remoteUrl', `https://github.com/${repo}/pull/7`);
                ctx.output('pullRequestNumber', 7);
              },
            }),
          );
        },
      });
    },
  });
}

/** Runs a template as a real scaffolder task and returns its status, log and output. */
async function runTask(
  backend: Parameters<typeof request>[0],
  templateRef: string,
  values: JsonObject,
) {
  const auth = mockCredentials.user.header();
  const created = await request(backend)
    .post('/api/scaffolder/v2/tasks')
    .set('Authorization', auth)
    .send({ templateRef, values });
  expect(created.status).toBe(201);
  let status = 'open';
  for (let i = 0; i < 300 && !['completed', 'failed'].includes(status); i++) {
    await new Promise(resolve => setTimeout(resolve, 100));
    status = (
      await request(backend)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('Authorization', auth)
    ).body.status;
  }
  const events = (
    await request(backend)
      .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
      .set('Authorization', auth)
  ).body as Array<{ type: string; body: { message?: string; output?: JsonObject } }>;
  return {
    status,
    log: events.map(e => e.body.message),
    links: (events.find(e => e.type === 'completion')?.body.output?.links ??
      []) as Array<{ title: string; url?: string; entityRef?: string }>,
  };
}

describe('templates end to end', () => {
  async function startPortal(template: string) {
    const catalog = catalogWithLocations([loadRepoTemplate(template).entity]);
    const published: Published[] = [];
    const { server: backend } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModule,
        fakePublishModule(published),
        catalog.factory,
        config,
      ],
    });
    const mlflow = mlflowServer(server, { baseUrl: 'https://mlflow.example.com', token: MLFLOW_TOKEN });
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

  it('runs "Create new ML project" with the real MLOps actions against MLflow and GitHub fakes and links the PR and experiment', async () => {
    const portal = await startPortal('mlops-platform-versioning');
    const task = await runTask(
      portal.backend,
      'template:default/mlops-platform-versioning',
      createValues,
    );
    // On failure this shows the task log, which names the failing step.
    expect([task.status, task.log]).toEqual([
      'completed',
      expect.arrayContaining(['Run completed with status: completed']),
    ]);
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
      { key: 'backstage.io/repository', value: 'https://github.com/acme/churn' },
    ]);
    const files = portal.platform.filesOf('mlops/register-churn')!;
    expect(files['projects/kustomization.yaml']).toContain('  - churn\n');
    expect(yaml.parse(files['projects/churn/gpu-quota.yaml']).spec.hard).toEqual({
      'requests.nvidia.com/gpu': '2',
    });
  });

  it('runs "Onboard an existing ML repo": one pull request on the repo, registration, experiment and platform PR', async () => {
    const portal = await startPortal('onboard-ml-repo');
    const task = await runTask(
      portal.backend,
      'template:default/onboard-ml-repo',
      onboardValues,
    );
    expect([task.status, task.log]).toEqual([
      'completed',
      expect.arrayContaining(['Run completed with status: completed']),
    ]);
    expect(task.links).toEqual([
      { title: 'Onboarding pull request', url: 'https://github.com/acme/legacy-model/pull/7' },
      {
        title: 'Catalog entity (appears once merged)',
        icon: 'catalog',
        entityRef: 'component:default/legacy-model',
      },
      { title: 'MLflow experiment', url: 'https://mlflow-ui.example.com/#/experiments/10' },
      { title: 'Platform pull request', url: 'https://github.com/acme/platform-gitops/pull/1' },
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
      'the reproducibility CI checks (`dvc-lock-fresh`, `mlflow-run-metadata`)',
    );
    expect(pullRequest.files.sort()).toEqual([
      '.dvc/.gitignore',
      '.dvc/config',
      '.github/workflows/reproducibility.yml',
      'catalog-info.yaml',
      'data-plane/dvc/dvc.yaml',
      'data-plane/dvc/params.yaml',
      'data-plane/experiments/README.md',
      'data-plane/src/train.py',
      'docs/mlops.md',
      'mkdocs.yml',
    ]);
    // Registered now as an optional location on the target branch: the entity appears once merged.
    expect(portal.catalog.registered).toEqual([
      'https://github.com/acme/legacy-model/blob/main/catalog-info.yaml',
    ]);
    const files = portal.platform.filesOf('mlops/register-legacy-model')!;
    expect(Object.keys(files)).toContain('projects/legacy-model/flux-sync.yaml');
    expect(yaml.parse(files['projects/legacy-model/gpu-quota.yaml']).spec.hard).toEqual({
      'requests.nvidia.com/gpu': '0',
    });
  });
});
