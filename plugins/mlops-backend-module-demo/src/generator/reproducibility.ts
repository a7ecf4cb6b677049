import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { FixtureFile, HOUR, NOW_MS, fixture, iso } from './common';
import { TrainParams, VersionOrigin } from './mlflow';

/*
 * The demo's reproducibility chain: the example repository's head commit and
 * its checks, the Argo CD Application and the Crossplane S3 resources of the
 * project, an MLflow run of the head commit, and the example project's files
 * at older commits. Synthetic, built without the shared PRNG (so the other
 * fixtures stay byte-identical), in the shape of the real answers.
 *
 * The one broken link: dvc.lock at the head commit is stale (params.yaml's
 * evaluate.threshold changed without `dvc repro`, the DVC card's stale stage
 * of fixtures/dvc/source-edits.json). Everything else holds.
 */

const sha = (seed: string) =>
  createHash('sha1').update(`fraud-detection demo: ${seed}`).digest('hex');

/** The default branch's head: a commit after the last one the demo runs were trained on. */
export const HEAD_COMMIT = sha('head');
const HEAD_AT = NOW_MS - 3 * HOUR;
const REPO = 'https://github.com/example-org/fraud-detection';
const PROJECT_LABELS = { 'app.kubernetes.io/part-of': 'fraud-detection' };

function scmHead() {
  const check = (name: string, minutes: number) => ({
    name,
    status: 'ok',
    state: 'completed/success',
    required: true,
    url: `${REPO}/actions/runs/${parseInt(sha(name).slice(0, 8), 16)}`,
    minutes,
  });
  return {
    provider: 'github',
    branch: 'main',
    sha: HEAD_COMMIT,
    committedAt: iso(HEAD_AT),
    url: `${REPO}/commit/${HEAD_COMMIT}`,
    // The template's CI jobs (control-plane/ci-cd), required by the branch protection.
    checks: [check('lint-and-test', 4), check('reproducibility', 11)].map(
      ({ minutes: _m, ...c }) => c,
    ),
    missingRequired: [],
  };
}

/** The Argo CD Application `argocd/fraud-detection` (the example's `argocd/app-name`), synced at head. */
function argoApplication() {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: 'fraud-detection',
      namespace: 'argocd',
      uid: sha('application').replace(
        /^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/,
        '$1-$2-$3-$4-$5',
      ),
      labels: PROJECT_LABELS,
    },
    spec: {
      project: 'fraud-detection',
      source: {
        repoURL: `${REPO}.git`,
        targetRevision: 'main',
        path: 'control-plane',
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: 'fraud-detection',
      },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
    status: {
      sync: { status: 'Synced', revision: HEAD_COMMIT },
      health: { status: 'Healthy' },
      operationState: {
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt: iso(HEAD_AT + 4 * 60000),
        finishedAt: iso(HEAD_AT + 5 * 60000),
        syncResult: { revision: HEAD_COMMIT },
      },
      reconciledAt: iso(NOW_MS - 2 * 60000),
    },
  };
}

/** Crossplane's condition pair of a managed resource that is provisioned and in sync. */
const healthy = (since: number) => ({
  conditions: [
    {
      type: 'Ready',
      status: 'True',
      reason: 'Available',
      lastTransitionTime: iso(since),
    },
    {
      type: 'Synced',
      status: 'True',
      reason: 'ReconcileSuccess',
      lastTransitionTime: iso(since),
    },
  ],
});

/** The project bucket of the example's control-plane/crossplane/s3-bucket.yaml, as the AWS provider reports it. */
function crossplaneResources(): Record<
  string,
  { kind: string; apiVersion: string; items: unknown[] }
> {
  const bucket = 'example-fraud-detection-artifacts';
  const since = NOW_MS - 20 * 24 * HOUR;
  const resource = (
    apiVersion: string,
    kind: string,
    name: string,
    forProvider: object,
  ) => ({
    apiVersion,
    kind,
    metadata: {
      name,
      labels: PROJECT_LABELS,
      annotations: { 'crossplane.io/external-name': bucket },
    },
    spec: {
      forProvider: { region: 'eu-west-1', ...forProvider },
      providerConfigRef: { name: 'fraud-detection-aws' },
    },
    status: healthy(since),
  });
  const list = (kind: string, apiVersion: string, items: unknown[]) => ({
    kind: `${kind}List`,
    apiVersion,
    items,
  });
  return {
    buckets: list('Bucket', 's3.aws.upbound.io/v1beta2', [
      resource('s3.aws.upbound.io/v1beta2', 'Bucket', bucket, {
        tags: { project: 'fraud-detection' },
      }),
    ]),
    bucketversionings: list('BucketVersioning', 's3.aws.upbound.io/v1beta2', [
      resource(
        's3.aws.upbound.io/v1beta2',
        'BucketVersioning',
        `${bucket}-versioning`,
        {
          bucketRef: { name: bucket },
          versioningConfiguration: { status: 'Enabled' },
        },
      ),
    ]),
    bucketpublicaccessblocks: list(
      'BucketPublicAccessBlock',
      's3.aws.upbound.io/v1beta1',
      [
        resource(
          's3.aws.upbound.io/v1beta1',
          'BucketPublicAccessBlock',
          `${bucket}-public-access-block`,
          {
            bucketRef: { name: bucket },
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
          },
        ),
      ],
    ),
    bucketserversideencryptionconfigurations: list(
      'BucketServerSideEncryptionConfiguration',
      's3.aws.upbound.io/v1beta2',
      [
        resource(
          's3.aws.upbound.io/v1beta2',
          'BucketServerSideEncryptionConfiguration',
          `${bucket}-encryption`,
          {
            bucketRef: { name: bucket },
            rule: [
              {
                applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' },
              },
            ],
          },
        ),
      ],
    ),
  };
}

/** The MLflow run CI logged for the head commit: the example's train step logs params.yaml's `train` section. */
function headRun() {
  const runId = sha('head run').slice(0, 32);
  const start = HEAD_AT + 12 * 60000;
  const end = start + 9 * 60000;
  // The test-set metrics the example's evaluate stage wrote at this commit (the DVC card's metrics.json).
  const committed = JSON.parse(
    readFileSync(
      resolvePackagePath(
        '@mlops-portal/plugin-mlops-backend-module-demo',
        '../../examples/fraud-detection/data-plane/experiments/metrics.json',
      ),
      'utf8',
    ),
  ) as Record<string, number>;
  const metrics = Object.fromEntries(
    ['roc_auc', 'precision', 'recall', 'f1'].map(key => [
      key,
      Math.round(committed[key] * 10000) / 10000,
    ]),
  );
  const run = {
    info: {
      run_uuid: runId,
      experiment_id: '4',
      run_name: 'ci-main-head',
      user_id: 'ci-bot',
      status: 'FINISHED',
      start_time: start,
      end_time: end,
      artifact_uri: `s3://fraud-detection-artifacts/mlflow/4/${runId}/artifacts`,
      lifecycle_stage: 'active',
      run_id: runId,
    },
    data: {
      metrics: Object.entries(metrics).map(([key, value]) => ({
        key,
        value,
        timestamp: end - 60000,
        step: 0,
      })),
      params: [
        { key: 'model', value: 'random_forest' },
        { key: 'n_estimators', value: '100' },
        { key: 'max_depth', value: '8' },
        { key: 'seed', value: '42' },
      ],
      tags: [
        { key: 'mlflow.source.git.commit', value: HEAD_COMMIT },
        { key: 'mlflow.source.git.branch', value: 'main' },
        { key: 'mlflow.source.git.repoURL', value: `${REPO}.git` },
        { key: 'mlflow.source.name', value: 'dvc repro' },
        { key: 'mlflow.source.type', value: 'LOCAL' },
        { key: 'mlflow.user', value: 'ci-bot' },
        { key: 'dvc.stage', value: 'train' },
        { key: 'dvc.pipeline', value: 'data-plane/dvc/dvc.yaml' },
        { key: 'dvc.params_file', value: 'params.yaml' },
        { key: 'mlflow.runName', value: 'ci-main-head' },
      ],
    },
    inputs: {},
  };
  const histories = {
    [runId]: Object.fromEntries(
      Object.entries(metrics).map(([key, value]) => [
        key,
        { metrics: [{ key, value, timestamp: end - 60000, step: 0 }] },
      ]),
    ),
  };
  return { run, histories };
}

/** params.yaml's train section and the lock's record of it, for a commit trained with other hyperparameters. */
function trainedWith(params: TrainParams, modelMd5: string) {
  const section = (
    indent: string,
    p: Pick<TrainParams, 'model' | 'n_estimators' | 'max_depth'>,
  ) =>
    `${indent}model: ${p.model}\n${indent}n_estimators: ${p.n_estimators}\n${indent}max_depth: ${p.max_depth}\n`;
  // The example's params.yaml (the head commit's train section, as headRun logs it).
  const head = {
    model: 'random_forest',
    n_estimators: 100,
    max_depth: 8,
  } as const;
  if (section('', params) === section('', head)) {
    throw new Error(
      'the canary model version must be trained with other hyperparameters than the head commit',
    );
  }
  const model = 'md5: c77df7f6befc9fbaad3b7f50dbe18f31';
  return {
    'data-plane/dvc/params.yaml': [
      { replace: section('  ', head), with: section('  ', params) },
    ],
    'data-plane/dvc/dvc.lock': [
      {
        replace: section('          ', head),
        with: section('          ', params),
      },
      // The model is the train stage's out and the evaluate stage's dep.
      { replace: model, with: `md5: ${modelMd5}` },
      { replace: model, with: `md5: ${modelMd5}` },
    ],
  };
}

/**
 * The example project's files at the commit the canary model version (the
 * Staging version of both clusters' rollouts) was trained on, with the train
 * params its MLflow run logged: a fresh dvc.lock of other hyperparameters and
 * another model hash. The head commit serves the working tree with the demo's
 * stale edit.
 */
function commitEdits(canary: VersionOrigin) {
  return {
    description:
      'Synthetic. The example project at an older commit, as edits of its files (applied instead of source-edits.json): the commit the served model version was trained on, with a fresh dvc.lock.',
    head: HEAD_COMMIT,
    commits: {
      [canary.commit]: trainedWith(
        canary.params,
        sha('model at canary commit').slice(0, 32),
      ),
    },
  };
}

export function buildReproducibility(
  clusters: string[],
  canary: VersionOrigin,
): FixtureFile[] {
  const { run, histories } = headRun();
  const [prod] = clusters;
  const files: FixtureFile[] = [
    fixture('scm/head.json', scmHead()),
    fixture('mlflow/head-commit-runs.json', { runs: [run] }),
    fixture('mlflow/head-commit-metric-histories.json', histories),
    fixture('dvc/commit-edits.json', commitEdits(canary)),
  ];
  for (const cluster of clusters) {
    // Argo CD and Crossplane run on the production cluster; the other has neither CRD's objects.
    const here = cluster === prod;
    files.push(
      fixture(`kubernetes/${cluster}/applications.json`, {
        kind: 'ApplicationList',
        apiVersion: 'argoproj.io/v1alpha1',
        items: here ? [argoApplication()] : [],
      }),
    );
    for (const [name, list] of Object.entries(crossplaneResources())) {
      files.push(
        fixture(
          `kubernetes/${cluster}/crossplane-${name}.json`,
          here ? list : { ...list, items: [] },
        ),
      );
    }
  }
  return files;
}
