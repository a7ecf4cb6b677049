/*
 * The reproducibility chain's fixtures (route tests and benchmark): a
 * one-stage DVC repository at two commits, an Argo CD Application, a
 * Crossplane Bucket and the KServe canary, shaped like those APIs' objects;
 * synthetic, no live answer of them was recorded for this project.
 */
import { NotFoundError } from '@backstage/errors';
import { Readable } from 'node:stream';
import { kserveCanary } from '../../canary/__fixtures__/serving';

// The recorded MLflow 3.11 answers: version 4 (LoggedModel m-57f3...) comes
// from run b0f2b846... of commit 9a8b7c6d...; run 20b5d362... (lr 0.02,
// n_estimators 50) is of commit 1111...; the fake repository's head is that commit.
export const HEAD = '1111111111111111111111111111111111111111';
export const CANARY_COMMIT = '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b';

const dvcYaml = `stages:
  train:
    cmd: python train.py
    deps: [data/raw.csv]
    params: [train.lr, train.n_estimators]
    outs: [models/model.pkl]
`;
const params = (lr: number, n: number) =>
  `train:\n  lr: ${lr}\n  n_estimators: ${n}\n`;
const lock = (
  lr: number,
  n: number,
  raw: string,
  model: string,
) => `schema: '2.0'
stages:
  train:
    cmd: python train.py
    deps:
      - path: data/raw.csv
        hash: md5
        md5: ${raw}
        size: 1024
    params:
      params.yaml:
        train.lr: ${lr}
        train.n_estimators: ${n}
    outs:
      - path: models/model.pkl
        hash: md5
        md5: ${model}
        size: 2048
`;
export const repoAt = (
  lr: number,
  n: number,
  lockLr: number,
  lockN: number,
  raw: string,
  model: string,
) => ({
  'data-plane/dvc/dvc.yaml': dvcYaml,
  'data-plane/dvc/params.yaml': params(lr, n),
  'data-plane/dvc/dvc.lock': lock(lockLr, lockN, raw, model),
});

/** The repository at each commit, served through the UrlReader at `tree/<ref>/`. */
export function urlReaderAtRefs(byRef: Record<string, Record<string, string>>) {
  const reads: string[] = [];
  return {
    reads,
    reader: {
      async readUrl(url: string) {
        reads.push(url);
        const match =
          /^https:\/\/github\.com\/example-org\/fraud-detection\/(?:tree|blob)\/([^/]+)\/(.*)$/.exec(
            url,
          );
        const text = match ? byRef[match[1]]?.[match[2]] : undefined;
        if (text === undefined) throw new NotFoundError(`${url} not found`);
        const buffer = Buffer.from(text);
        return {
          buffer: async () => buffer,
          stream: () => Readable.from([buffer]),
        };
      },
    },
  };
}

export const list = (kind: string, items: object[]) => ({
  apiVersion: 'v1',
  kind,
  metadata: {},
  items,
});
export const argoApp = (
  revision: string,
  health = 'Healthy',
  sync = 'Synced',
) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'fraud-detection', namespace: 'argocd' },
  spec: {
    project: 'fraud-detection',
    source: {
      repoURL: 'https://github.com/example-org/fraud-detection.git',
      path: 'control-plane',
      targetRevision: 'main',
    },
    destination: { server: 'https://kubernetes.default.svc' },
  },
  status: {
    sync: { status: sync, revision },
    health: {
      status: health,
      ...(health === 'Degraded'
        ? {
            message:
              'Deployment fraud-detection-mlflow has 0 available replicas',
          }
        : {}),
    },
    operationState: {
      phase: 'Succeeded',
      finishedAt: '2026-11-30T08:30:00Z',
      syncResult: { revision },
    },
    reconciledAt: '2026-11-30T08:31:00Z',
  },
});
export const bucket = (ready: string, synced = 'True') => ({
  apiVersion: 's3.aws.upbound.io/v1beta2',
  kind: 'Bucket',
  metadata: {
    name: 'fraud-detection-artifacts',
    labels: { 'backstage.io/kubernetes-id': 'fraud-detection' },
  },
  spec: { forProvider: { region: 'eu-west-1' } },
  status: {
    conditions: [
      {
        type: 'Ready',
        status: ready,
        reason: ready === 'True' ? 'Available' : 'Creating',
        lastTransitionTime: '2026-11-29T10:00:00Z',
      },
      {
        type: 'Synced',
        status: synced,
        reason: synced === 'True' ? 'ReconcileSuccess' : 'ReconcileError',
        ...(synced === 'True'
          ? {}
          : { message: 'AccessDenied: s3:CreateBucket' }),
        lastTransitionTime: '2026-11-29T10:00:00Z',
      },
    ],
  },
});
/** The canary: KServe at 10% on a version. */
export const canaryOn = (version: string) => ({
  ...kserveCanary,
  spec: {
    predictor: {
      ...kserveCanary.spec.predictor,
      model: {
        ...kserveCanary.spec.predictor.model,
        storageUri: `s3://fraud-detection-artifacts/models/fraud-detector/${version}`,
      },
    },
  },
});
/** Version 4 is the recorded MLflow 3.11 version registered from a LoggedModel. */
export const canaryOnVersion4 = canaryOn('4');
