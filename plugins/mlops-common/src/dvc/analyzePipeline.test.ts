import {
  analyzeDvcPipeline,
  listDvcMetricsFiles,
  listDvcParamsFiles,
} from './analyzePipeline';
import { buildDvcContext, expandDvcStages } from './expandStages';
import { parseDvcYamlFile } from './parseYamlFile';

const dvcYaml = parseDvcYamlFile(
  'dvc.yaml',
  `
vars:
  - region: eu
stages:
  prepare:
    cmd: python src/prepare.py --region \${region}
    deps: [src/prepare.py, data/raw.csv]
    params: [prepare.split]
    outs: [data/prepared]
  featurize:
    foreach: [small, large]
    do:
      cmd: python src/featurize.py \${item}
      deps: [data/prepared/train.csv]
      outs:
        - data/features-\${item}.pkl
  train:
    matrix:
      size: [small, large]
      model: [rf, xgb]
    cmd: python src/train.py \${item.size} \${item.model}
    deps:
      - data/features-\${item.size}.pkl
    params:
      - train.n_estimators
      - model.yaml:
          - \${item.model}
    outs:
      - models/\${item.size}-\${item.model}.pkl:
          cache: true
  evaluate:
    wdir: eval
    cmd:
      - python evaluate.py
      - python report.py
    deps: [../models/small-rf.pkl]
    metrics:
      - scores.json:
          cache: false
    plots: [prc.json]
    always_changed: true
`,
);

const paramsYaml = { prepare: { split: 0.2 }, train: { n_estimators: 300 } };
const modelYaml = { rf: { depth: 8 }, xgb: { eta: 0.1 } };

describe('DVC pipeline analysis', () => {
  const stages = expandDvcStages(
    dvcYaml,
    buildDvcContext(dvcYaml, { 'params.yaml': paramsYaml }),
  );

  it('expands foreach and matrix stages with DVC names and resolves ${}', () => {
    expect(stages.map(s => s.stage.name)).toEqual([
      'prepare',
      'featurize@small',
      'featurize@large',
      'train@small-rf',
      'train@small-xgb',
      'train@large-rf',
      'train@large-xgb',
      'evaluate',
    ]);
    const trainLargeXgb = stages[6].stage;
    expect(trainLargeXgb).toMatchObject({
      cmd: ['python src/train.py large xgb'],
      deps: ['data/features-large.pkl'],
      outs: ['models/large-xgb.pkl'],
      params: ['train.n_estimators', 'model.yaml:xgb'],
      generatedFrom: 'train',
    });
    expect(stages[0].stage.cmd).toEqual(['python src/prepare.py --region eu']);
    expect(stages[7].stage).toMatchObject({
      wdir: 'eval',
      cmd: ['python evaluate.py', 'python report.py'],
      metrics: ['scores.json'],
      plots: ['prc.json'],
      alwaysChanged: true,
      frozen: false,
    });
  });

  it('lists the params and metrics files to read, wdir applied', () => {
    expect(listDvcParamsFiles(stages)).toEqual(['params.yaml', 'model.yaml']);
    expect(listDvcMetricsFiles(dvcYaml, stages)).toEqual(['eval/scores.json']);
  });

  it('links stages whose outs feed other stages, including files inside an out folder', () => {
    const { edges } = analyzeDvcPipeline({ stages, paramsFiles: {} });
    expect(edges).toEqual(
      expect.arrayContaining([
        {
          from: 'prepare',
          to: 'featurize@small',
          path: 'data/prepared/train.csv',
        },
        {
          from: 'featurize@large',
          to: 'train@large-xgb',
          path: 'data/features-large.pkl',
        },
        { from: 'train@small-rf', to: 'evaluate', path: 'models/small-rf.pkl' },
      ]),
    );
    expect(edges).toHaveLength(2 + 4 + 1);
  });

  it('reports lock state: up to date, stale with reasons, not run', () => {
    const dvcLock = parseDvcYamlFile(
      'dvc.lock',
      `
schema: '2.0'
stages:
  prepare:
    cmd: python src/prepare.py --region eu
    deps:
      - path: src/prepare.py
        md5: 1
      - path: data/raw.csv
        md5: 2
    params:
      params.yaml:
        prepare.split: 0.2
    outs:
      - path: data/prepared
        md5: 3.dir
  featurize@small:
    cmd: python src/featurize.py small --old-flag
    deps:
      - path: data/prepared/train.csv
    outs:
      - path: data/features-small.pkl
  train@small-rf:
    cmd: python src/train.py small rf
    deps:
      - path: data/features-small.pkl
    params:
      params.yaml:
        train.n_estimators: 100
      model.yaml:
        rf:
          depth: 8
    outs:
      - path: models/small-rf.pkl
  evaluate:
    cmd:
      - python evaluate.py
      - python report.py
    deps:
      - path: ../models/small-rf.pkl
      - path: old.csv
    outs:
      - path: scores.json
      - path: prc.json
`,
    );
    const { lock, params } = analyzeDvcPipeline({
      stages,
      dvcLock,
      paramsFiles: { 'params.yaml': paramsYaml, 'model.yaml': modelYaml },
    });
    expect(lock.prepare).toEqual({ status: 'up-to-date', reasons: [] });
    expect(lock['featurize@small']).toEqual({
      status: 'stale',
      reasons: ['cmd changed'],
    });
    expect(lock['featurize@large']).toEqual({
      status: 'not-run',
      reasons: ['not in dvc.lock'],
    });
    expect(lock['train@small-rf']).toEqual({
      status: 'stale',
      reasons: ['param train.n_estimators changed (100 → 300)'],
      paramChanges: [
        {
          file: 'params.yaml',
          key: 'train.n_estimators',
          change: 'modified',
          locked: 100,
          current: 300,
        },
      ],
    });
    // As in DVC, a dep dvc.lock still lists but dvc.yaml dropped does not make the
    // stage stale; always_changed does.
    expect(lock.evaluate).toEqual({
      status: 'stale',
      reasons: ['always changed'],
    });
    expect(params['params.yaml']).toEqual({
      'prepare.split': 0.2,
      'train.n_estimators': 300,
    });
  });

  it('marks every stage not run when there is no dvc.lock', () => {
    const { lock } = analyzeDvcPipeline({ stages, paramsFiles: {} });
    expect(Object.values(lock).every(s => s.status === 'not-run')).toBe(true);
    expect(lock.prepare.reasons).toEqual(['dvc.lock not found']);
  });

  it('names the stage and variable that cannot be resolved', () => {
    const broken = parseDvcYamlFile(
      'dvc.yaml',
      'stages:\n  a:\n    cmd: run ${nope.x}\n',
    );
    expect(() => expandDvcStages(broken, {})).toThrow(
      /stage 'a': cannot resolve \$\{nope.x\}/,
    );
  });

  it('refuses a stage without a valid cmd', () => {
    const broken = parseDvcYamlFile(
      'dvc.yaml',
      'stages:\n  a:\n    deps: [x]\n',
    );
    expect(() => expandDvcStages(broken, {})).toThrow(
      /stage 'a': cmd must be a string/,
    );
  });
});
