/**
 * MLOps API answers for the reproducibility card, as the backend builds them:
 * every link ok with the canary model traced to another commit, and the same
 * chain with the canary's commit broken (its dvc.lock was stale) and the
 * code link unreadable.
 */
import { ReproducibilityResponse } from '@mlops-portal/plugin-mlops-common';

const HEAD = '1111111111111111111111111111111111111111';
const CANARY = '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b';
const meta = { demo: false, fetchedAt: '2026-11-30T10:00:00.000Z' };

export const chainOk: ReproducibilityResponse = {
  verdict: { reproducible: true, summary: 'reproducible' },
  head: {
    branch: 'main',
    sha: HEAD,
    url: `https://github.com/example-org/fraud-detection/commit/${HEAD}`,
  },
  links: [
    {
      id: 'code',
      title: 'Code',
      status: 'ok',
      reason: 'main @ 1111111: 2 required checks passed',
      at: '2026-11-30T08:00:00Z',
      url: `https://github.com/example-org/fraud-detection/commit/${HEAD}`,
      details: [],
    },
    {
      id: 'gitops',
      title: 'GitOps',
      status: 'ok',
      reason:
        'Application argocd/fraud-detection on gpu-prod-eu: Synced, Healthy; applied 1111111 = head',
      at: '2026-11-30T08:30:00Z',
      details: [],
    },
    {
      id: 'infrastructure',
      title: 'Infrastructure',
      status: 'ok',
      reason: '1 managed resources Ready and Synced',
      details: [],
    },
    {
      id: 'experiment',
      title: 'Experiment',
      status: 'ok',
      reason: 'run cool-fox-12 FINISHED, params equal params.yaml at 1111111',
      url: 'https://mlflow.example.com/#/experiments/1/runs/20b5d362',
      details: [],
    },
    {
      id: 'data',
      title: 'Data',
      status: 'ok',
      reason: 'dvc.lock at 1111111 is fresh: 3 stages up to date',
      details: [],
    },
    {
      id: 'serving',
      title: 'Serving',
      status: 'ok',
      reason:
        'canary fraud-detector v4 ← run b0f2b846 ← commit 9a8b7c6 ← dvc.lock fresh',
      details: [],
    },
  ],
  lineage: [
    {
      modelName: 'fraud-detector',
      version: '4',
      role: 'canary',
      servedBy: 'gpu-prod-eu/fraud-detection/fraud-detection',
      runId: 'b0f2b846f4424801b852004b9a56e021',
      commit: CANARY,
      commitIsHead: false,
      lockFresh: true,
      params: { 'train.lr': '0.05', 'train.n_estimators': '300' },
      // The lineage the backend's reproducibilityRoutes test expects too; written out as the card's own fixture data.
      data: [
        {
          stage: 'train',
          path: 'data/raw.csv',
          kind: 'dep',
          hash: 'c3c3c3c3c3c3c3c3',
        },
        {
          stage: 'train',
          path: 'models/model.pkl',
          kind: 'out',
          hash: 'd4d4d4d4d4d4d4d4',
        },
      ],
      nodes: [
        {
          kind: 'model-version',
          id: '4',
          label: 'fraud-detector v4',
          status: 'ok',
          url: 'https://mlflow.example.com/#/models/fraud-detector/versions/4',
        },
        {
          kind: 'run',
          id: 'b0f2b846f4424801b852004b9a56e021',
          label: 'run brave-owl-7',
          status: 'ok',
        },
        { kind: 'commit', id: CANARY, label: '9a8b7c6', status: 'ok' },
        {
          kind: 'data',
          id: 'train:data/raw.csv',
          label: 'data/raw.csv c3c3c3c3',
          status: 'ok',
        },
        {
          kind: 'data',
          id: 'train:models/model.pkl',
          label: 'models/model.pkl d4d4d4d4',
          status: 'ok',
        },
      ],
    },
  ],
  meta,
};

// The broken chain restates the links it changes, field by field: data, not logic.
export const chainBroken: ReproducibilityResponse = {
  ...chainOk,
  verdict: {
    reproducible: false,
    summary:
      'broken at Serving: canary fraud-detector v4: dvc.lock at 9a8b7c6 was stale: train: param train.n_estimators changed',
    firstBroken: 'serving',
  },
  links: chainOk.links.map(link => {
    if (link.id === 'code') {
      return {
        ...link,
        status: 'unknown',
        reason:
          'the portal has no GitHub or GitLab integration for git.example.com (integrations.github / integrations.gitlab)',
        at: undefined,
        url: undefined,
        error: {
          code: 'NotConfigured',
          message: 'no integration',
          annotation: 'backstage.io/source-location',
        },
      };
    }
    // Each changed link written out as the card sees it: data, not logic.
    if (link.id === 'serving') {
      return {
        ...link,
        status: 'failing',
        reason:
          'canary fraud-detector v4: dvc.lock at 9a8b7c6 was stale: train: param train.n_estimators changed',
      };
    }
    return link;
  }),
  lineage: [
    {
      ...chainOk.lineage[0],
      lockFresh: false,
      nodes: chainOk.lineage[0].nodes.map(node =>
        node.kind === 'commit'
          ? {
              ...node,
              status: 'failing',
              reason:
                'dvc.lock at 9a8b7c6 was stale: train: param train.n_estimators changed',
            }
          : node,
      ),
    },
  ],
};
