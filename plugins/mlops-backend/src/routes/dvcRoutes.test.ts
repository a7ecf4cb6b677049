import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mockCredentials } from '@backstage/backend-test-utils';
import { DvcPipelineResponse } from '@mlops-portal/plugin-mlops-common';
import request from 'supertest';
import {
  entityWith,
  fraudDetection,
  startMlopsTestBackend,
  urlReaderFromFiles,
} from '../__testUtils__/startMlopsTestBackend';

const path = '/api/mlops/entity/default/Component/fraud-detection/dvc/pipeline';

const repo = {
  'data-plane/dvc/dvc.yaml': `
stages:
  prepare:
    cmd: python prepare.py
    deps: [prepare.py, data/raw.csv]
    params: [prepare.split]
    outs: [data/prepared]
  train:
    foreach: [rf, xgb]
    do:
      cmd: python train.py --model \${item}
      deps: [data/prepared]
      params: [train.n_estimators]
      outs:
        - models/\${item}.pkl
      metrics:
        - metrics/\${item}.json:
            cache: false
`,
  'data-plane/dvc/params.yaml':
    'prepare:\n  split: 0.2\ntrain:\n  n_estimators: 300\n',
  'data-plane/dvc/dvc.lock': `schema: '2.0'
stages:
  prepare:
    cmd: python prepare.py
    deps:
      - path: prepare.py
        md5: a
      - path: data/raw.csv
        md5: b
    params:
      params.yaml:
        prepare.split: 0.2
    outs:
      - path: data/prepared
        md5: c.dir
  train@rf:
    cmd: python train.py --model rf
    deps:
      - path: data/prepared
        md5: c.dir
    params:
      params.yaml:
        train.n_estimators: 200
    outs:
      - path: models/rf.pkl
        md5: d
      - path: metrics/rf.json
        md5: e
`,
  'data-plane/dvc/metrics/rf.json': '{"roc_auc": 0.97, "scores": {"f1": 0.81}}',
};

describe('GET .../dvc/pipeline', () => {
  it('reads dvc.yaml, dvc.lock, params and metrics through the UrlReader and analyses them', async () => {
    const { reader, reads } = urlReaderFromFiles(repo);
    const { server } = await startMlopsTestBackend({ urlReader: reader });

    const res = await request(server).get(path);

    expect(res.status).toBe(200);
    const body = res.body as DvcPipelineResponse;
    expect(body.pipelinePath).toBe('data-plane/dvc/dvc.yaml');
    expect(body.meta.demo).toBe(false);
    expect(body.stages.map(s => s.name)).toEqual([
      'prepare',
      'train@rf',
      'train@xgb',
    ]);
    expect(body.edges).toEqual([
      { from: 'prepare', to: 'train@rf', path: 'data/prepared' },
      { from: 'prepare', to: 'train@xgb', path: 'data/prepared' },
    ]);
    expect(body.lockFileFound).toBe(true);
    // metrics/rf.json is in git and is not what dvc.lock recorded (md5 'e'); the
    // other deps and outs are not in this repository, so git cannot decide them.
    expect(body.lock).toEqual({
      prepare: {
        status: 'up-to-date',
        reasons: [],
        unchecked: ['prepare.py', 'data/raw.csv', 'data/prepared'],
      },
      'train@rf': {
        status: 'stale',
        reasons: [
          'param train.n_estimators changed (200 → 300)',
          'out metrics/rf.json modified',
        ],
        // Written out as the route answers it; the card's fixture states the same change for the UI tests: each layer's own data.
        paramChanges: [
          {
            file: 'params.yaml',
            key: 'train.n_estimators',
            change: 'modified',
            locked: 200,
            current: 300,
          },
        ],
        unchecked: ['data/prepared', 'models/rf.pkl'],
      },
      'train@xgb': {
        status: 'not-run',
        reasons: ['not in dvc.lock'],
        unchecked: ['data/prepared', 'models/xgb.pkl', 'metrics/xgb.json'],
      },
    });
    expect(body.params['params.yaml']).toEqual({
      'prepare.split': 0.2,
      'train.n_estimators': 300,
    });
    expect(body.metrics).toEqual([
      { path: 'metrics/rf.json', values: { roc_auc: 0.97, 'scores.f1': 0.81 } },
    ]);
    expect(body.sourceUrl).toMatch(
      /^https:\/\/github.com\/example-org\/fraud-detection\/.*data-plane\/dvc\/dvc.yaml$/,
    );
    expect(
      reads.every(url =>
        url.startsWith('https://github.com/example-org/fraud-detection/'),
      ),
    ).toBe(true);
  });

  it('reads the plots the pipeline declares from the repository, and names a missing or broken one', async () => {
    const { reader } = urlReaderFromFiles({
      'data-plane/dvc/dvc.yaml': `
stages:
  evaluate:
    cmd: python evaluate.py
    plots:
      - plots/roc.csv:
          cache: false
          x: fpr
          y: tpr
      - plots/importance.json:
          y: importance
      - plots/broken.csv
`,
      'data-plane/dvc/params.yaml': '{}\n',
      'data-plane/dvc/plots/roc.csv': 'fpr,tpr\n0.0,0.0\n0.1,0.7\n1.0,1.0\n',
      'data-plane/dvc/plots/broken.csv': 'a,b\n"1,2\n',
    });
    const { server } = await startMlopsTestBackend({ urlReader: reader });

    const res = await request(server).get(path);

    expect(res.status).toBe(200);
    const { plots } = res.body as DvcPipelineResponse;
    expect(plots[0]).toEqual({
      path: 'plots/roc.csv',
      stage: 'evaluate',
      x: 'fpr',
      y: 'tpr',
      points: [
        { x: 0, y: 0 },
        { x: 0.1, y: 0.7 },
        { x: 1, y: 1 },
      ],
    });
    expect(plots.slice(1).map(p => [p.path, p.points, p.error])).toEqual([
      [
        'plots/importance.json',
        undefined,
        expect.stringMatching(
          /^plots\/importance.json is not in the repository/,
        ),
      ],
      [
        'plots/broken.csv',
        undefined,
        'plots/broken.csv: a quoted field is not closed',
      ],
    ]);
  });

  it('answers NotFound when dvc.yaml is not in the repository', async () => {
    const { reader } = urlReaderFromFiles({});
    const { server } = await startMlopsTestBackend({ urlReader: reader });
    const res = await request(server).get(path);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      code: 'NotFound',
      annotation: 'dvc.org/pipeline',
    });
  });

  it.each([
    ['../other-repo/dvc.yaml', /must not contain \.\./],
    ['/etc/dvc.yaml', /must be relative/],
    ['https://evil.example.com/dvc.yaml', /URL scheme/],
  ])(
    'refuses the pipeline path %s without reading anything',
    async (pipeline, message) => {
      const { reader, reads } = urlReaderFromFiles(repo);
      const { server } = await startMlopsTestBackend({
        urlReader: reader,
        entities: [entityWith('bad', { 'dvc.org/pipeline': pipeline })],
      });
      const res = await request(server).get(
        '/api/mlops/entity/default/Component/bad/dvc/pipeline',
      );
      // Every route refuses alike (status, code, annotation); each route's test checks its own refusal.
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'InvalidInput',
        annotation: 'dvc.org/pipeline',
      });
      expect(res.body.error.message).toMatch(message);
      expect(reads).toEqual([]);
    },
  );

  it('refuses a 5 MiB dvc.yaml', async () => {
    const big = `stages:\n  a:\n    cmd: "${'x'.repeat(5 * 1024 * 1024)}"\n`;
    const { reader } = urlReaderFromFiles({ 'data-plane/dvc/dvc.yaml': big });
    const { server } = await startMlopsTestBackend({ urlReader: reader });
    const res = await request(server).get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('InvalidInput');
    expect(res.body.error.message).toMatch(
      /data-plane\/dvc\/dvc.yaml: file is larger than the 1048576 bytes allowed/,
    );
  });

  it('refuses a YAML alias bomb', async () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'stages: *f',
    ].join('\n');
    const { reader } = urlReaderFromFiles({ 'data-plane/dvc/dvc.yaml': bomb });
    const { server } = await startMlopsTestBackend({ urlReader: reader });
    const res = await request(server).get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/aliases expand beyond/);
  });

  it('refuses malformed YAML with its line', async () => {
    const { reader } = urlReaderFromFiles({
      'data-plane/dvc/dvc.yaml': 'stages:\n  a: [1, 2\n  b: 3\n',
    });
    const { server } = await startMlopsTestBackend({ urlReader: reader });
    const res = await request(server).get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /dvc.yaml: malformed YAML at line \d/,
    );
  });

  it('answers 404 for an entity the caller may not see, and reads the catalog with the caller credentials', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async (_ref, options) => {
        const principal = (
          options as { credentials: { principal: { userEntityRef?: string } } }
        ).credentials.principal;
        return principal.userEntityRef === 'user:default/alice'
          ? fraudDetection
          : undefined;
      },
    });
    const { reader } = urlReaderFromFiles(repo);
    const { server } = await startMlopsTestBackend({
      urlReader: reader,
      catalog,
    });

    const bob = await request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.header('user:default/bob'));
    expect(bob.status).toBe(404);
    expect(bob.body.error).toMatchObject({ code: 'NotFound' });

    const alice = await request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.header('user:default/alice'));
    expect(alice.status).toBe(200);
  });

  it('accepts service credentials and refuses none', async () => {
    const { reader } = urlReaderFromFiles(repo);
    const { server } = await startMlopsTestBackend({ urlReader: reader });
    const service = await request(server)
      .get(path)
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(200);
    const none = await request(server)
      .get(path)
      .set('Authorization', mockCredentials.none.header());
    expect(none.status).toBe(401);
  });
});
