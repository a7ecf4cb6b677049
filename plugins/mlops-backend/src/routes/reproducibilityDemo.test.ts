import { Entity } from '@backstage/catalog-model';
import demoModule from '@mlops-portal/plugin-mlops-backend-module-demo';
import { ReproducibilityResponse } from '@mlops-portal/plugin-mlops-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import { startMlopsTestBackend } from '../__testUtils__/startMlopsTestBackend';

const examples = resolve(__dirname, '../../../../examples');
// The example entity as the demo catalog loads it (examples/ml-platform.yaml).
const example = parseAllDocuments(
  readFileSync(resolve(examples, 'ml-platform.yaml'), 'utf8'),
)
  .map(doc => doc.toJS() as Entity)
  .find(e => e.kind === 'Component' && e.metadata.name === 'fraud-detection')!;
// The project the template generated (examples/fraud-detection), whose catalog-info.yaml names its GitOps object.
const generated = parse(
  readFileSync(resolve(examples, 'fraud-detection/catalog-info.yaml'), 'utf8'),
) as Entity;
const path =
  '/api/mlops/entity/default/Component/fraud-detection/reproducibility';

describe('the reproducibility chain in the demo profile', () => {
  it('reads the GitOps object the template writes into the project', () => {
    expect(example.metadata.annotations?.['argocd/app-name']).toBeDefined();
    expect(example.metadata.annotations?.['argocd/app-name']).toBe(
      generated.metadata.annotations?.['argocd/app-name'],
    );
  });

  it('answers every link of the example from synthetic data, with the one broken link the demo shows', async () => {
    // No demoSourceDir: the demo serves the example project folder with its edits and older commits.
    const { server } = await startMlopsTestBackend({
      features: [demoModule],
      entities: [example],
    });
    const answer = await request(server).get(path);
    expect(answer.status).toBe(200);
    const body = answer.body as ReproducibilityResponse & {
      meta: { demo?: boolean };
    };
    expect(body.meta.demo).toBe(true);
    const status = Object.fromEntries(body.links.map(l => [l.id, l.status]));
    expect(status).toEqual({
      code: 'ok',
      gitops: 'ok',
      infrastructure: 'ok',
      experiment: 'ok',
      data: 'failing',
      serving: 'ok',
    });
    const head = body.head!.sha;
    expect(body.links.find(l => l.id === 'gitops')!.reason).toContain(
      `applied ${head.slice(0, 7)} = head`,
    );
    expect(body.links.find(l => l.id === 'infrastructure')!.reason).toBe(
      '4 managed resources Ready and Synced',
    );
    expect(body.verdict).toMatchObject({
      reproducible: false,
      firstBroken: 'data',
    });
    expect(body.verdict.summary).toMatch(
      /^broken at .*dvc\.lock at [0-9a-f]{7} is stale: evaluate/,
    );

    // The canary model traces back to an older commit than head, whose lock was fresh and differs from head's.
    const canary = body.lineage.find(l => l.role === 'canary')!;
    expect(canary).toMatchObject({ commitIsHead: false, lockFresh: true });
    expect(canary.commit).not.toBe(head);
    expect(canary.params).toMatchObject({
      'train.n_estimators': '400',
      'train.max_depth': '10',
    });
    expect(canary.nodes.map(n => n.kind)).toEqual(
      expect.arrayContaining(['model-version', 'run', 'commit', 'data']),
    );
    // dvc.lock at the canary's commit is not head's: another model hash.
    const canaryModel = canary.data.find(
      d => d.kind === 'out' && d.path === '../models/model.pkl',
    )?.hash;
    const headModel = body.links
      .find(l => l.id === 'data')!
      .details.find(d => d.label === 'train out ../models/model.pkl')?.value;
    expect(canaryModel).toMatch(/^[0-9a-f]{32}$/);
    expect(headModel).toMatch(/^[0-9a-f]{32}$/);
    expect(canaryModel).not.toBe(headModel);
    // A file several stages depend on (requirements.txt) is drawn once in the lineage graph.
    const dataLabels = canary.nodes
      .filter(n => n.kind === 'data')
      .map(n => n.label);
    expect(
      dataLabels.filter(l => l.startsWith('../../requirements.txt ')),
    ).toHaveLength(1);
    expect(new Set(dataLabels).size).toBe(dataLabels.length);
  });
});
