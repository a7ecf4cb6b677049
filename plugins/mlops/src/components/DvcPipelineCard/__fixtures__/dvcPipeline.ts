/**
 * MLOps API answer for the DVC card: the fraud-detection pipeline
 * (prepare → featurize → train → evaluate) with `train` stale because a param
 * changed since `dvc.lock`, and `evaluate` never run.
 */
import { DvcPipelineResponse } from '@mlops-portal/plugin-mlops-common';

// One record per stage, field by field: data, not logic.
export const fraudPipeline: DvcPipelineResponse = {
  pipelinePath: 'data-plane/dvc/dvc.yaml',
  stages: [
    {
      name: 'prepare',
      cmd: ['python src/prepare.py data/raw/transactions.csv data/prepared'],
      deps: ['data/raw/transactions.csv', 'src/prepare.py'],
      outs: ['data/prepared'],
      params: ['prepare.split', 'prepare.seed'],
      metrics: [],
      plots: [],
      frozen: false,
      alwaysChanged: false,
    },
    {
      name: 'featurize',
      cmd: ['python src/featurize.py data/prepared data/features'],
      deps: ['data/prepared', 'src/featurize.py'],
      outs: ['data/features'],
      params: ['featurize.max_features'],
      metrics: [],
      plots: [],
      frozen: false,
      alwaysChanged: false,
    },
    {
      name: 'train',
      cmd: ['python src/train.py data/features model.pkl'],
      deps: ['data/features', 'src/train.py'],
      outs: ['model.pkl'],
      params: ['train.n_estimators', 'train.lr'],
      metrics: [],
      plots: [],
      frozen: false,
      alwaysChanged: false,
    },
    {
      name: 'evaluate',
      cmd: ['python src/evaluate.py model.pkl data/features'],
      deps: ['model.pkl', 'data/features', 'src/evaluate.py'],
      outs: [],
      params: [],
      metrics: ['metrics/scores.json'],
      plots: ['metrics/prc.json'],
      frozen: false,
      alwaysChanged: false,
    },
  ],
  edges: [
    { from: 'prepare', to: 'featurize', path: 'data/prepared' },
    { from: 'featurize', to: 'train', path: 'data/features' },
    { from: 'featurize', to: 'evaluate', path: 'data/features' },
    { from: 'train', to: 'evaluate', path: 'model.pkl' },
  ],
  params: {
    'params.yaml': {
      'prepare.split': 0.2,
      'prepare.seed': 20170428,
      'featurize.max_features': 100,
      'train.n_estimators': 300,
      'train.lr': 0.05,
    },
  },
  metrics: [
    {
      path: 'metrics/scores.json',
      values: { 'scores.roc_auc': 0.951, 'scores.avg_prec': 0.874 },
    },
  ],
  plots: [
    {
      // An ROC plot like dvcRoutes.test.ts's (the backend's side of the same kind): other points, alike in shape only.
      path: 'plots/roc.csv',
      stage: 'evaluate',
      x: 'fpr',
      y: 'tpr',
      template: 'simple',
      points: [
        { x: 0, y: 0 },
        { x: 0.05, y: 0.62 },
        { x: 0.2, y: 0.85 },
        { x: 1, y: 1 },
      ],
    },
    {
      path: 'plots/predictions.csv',
      stage: 'evaluate',
      x: 'actual',
      y: 'predicted',
      template: 'confusion',
      confusion: {
        labels: ['0', '1'],
        counts: [
          [240, 10],
          [35, 215],
        ],
      },
    },
    {
      path: 'plots/importance.json',
      stage: 'train',
      error:
        'plots/importance.json is not in the repository (a plot DVC caches is not committed to git; run the pipeline or commit it with cache: false)',
    },
  ],
  lock: {
    prepare: { status: 'up-to-date', reasons: [] },
    featurize: { status: 'up-to-date', reasons: [] },
    train: {
      status: 'stale',
      reasons: ['param train.n_estimators changed (200 → 300)'],
      // The change the backend's dvcRoutes test expects too; written out here as the card's own fixture data.
      paramChanges: [
        {
          file: 'params.yaml',
          key: 'train.n_estimators',
          change: 'modified',
          locked: 200,
          current: 300,
        },
      ],
    },
    evaluate: { status: 'not-run', reasons: ['missing from dvc.lock'] },
  },
  lockFileFound: true,
  sourceUrl:
    'https://github.com/example-org/fraud-detection/blob/main/data-plane/dvc/dvc.yaml',
  meta: { demo: false, fetchedAt: '2026-11-25T10:00:00.000Z' },
};
