import { CanaryResponse } from '@mlops-portal/plugin-mlops-common';
import request from 'supertest';
import { demoClusters } from '@mlops-portal/plugin-mlops-backend-module-demo';
import {
  fakeKubernetesBackend,
  setupMswServer,
  startMlopsTestBackend,
} from '../__testUtils__/startMlopsTestBackend';
import { kserveCanary, rayUpgrading } from '../canary/__fixtures__/serving';

const { 'gpu-prod-eu': prod, 'gpu-staging-us': staging } = demoClusters();
const rollouts = prod['/apis/argoproj.io/v1alpha1/rollouts'];
const analysisruns = prod['/apis/argoproj.io/v1alpha1/analysisruns'];
const canaries = staging['/apis/flagger.app/v1beta1/canaries'];

const path = '/api/mlops/entity/default/Component/fraud-detection/canary';

describe('GET .../canary', () => {
  const server = setupMswServer();

  /** Serves `clusters` as the Kubernetes backend's proxy, asks the route, and expects a 200 with no cluster errors. */
  async function getCanary(
    clusters: Parameters<typeof fakeKubernetesBackend>[0],
  ) {
    const calls: string[] = [];
    server.use(...fakeKubernetesBackend(clusters, calls));
    const { server: backend } = await startMlopsTestBackend({});
    const res = await request(backend).get(path);
    expect(res.status).toBe(200);
    const body = res.body as CanaryResponse;
    expect(body.clusterErrors).toEqual([]);
    return { body, calls };
  }

  it('normalises Argo Rollouts with their analysis runs and Flagger canaries', async () => {
    const { body, calls } = await getCanary({
      // No Flagger CRD here: its list answers 404, which means "none".
      'gpu-prod-eu': {
        '/apis/argoproj.io/v1alpha1/rollouts': rollouts,
        '/apis/argoproj.io/v1alpha1/analysisruns': analysisruns,
      },
      'gpu-staging-us': { '/apis/flagger.app/v1beta1/canaries': canaries },
    });

    expect(body.rollouts).toHaveLength(2);
    const [argo, flagger] = body.rollouts;
    expect(argo).toMatchObject({
      cluster: 'gpu-prod-eu',
      namespace: 'fraud-detection',
      name: 'fraud-detection-serving',
      source: 'argo-rollouts',
      phase: 'paused',
      rawPhase: 'Paused',
      paused: true,
      aborted: false,
      currentWeight: 30,
      actualWeight: 30,
      desiredWeight: 100,
      stableRevision: '6d4b9c7f8d',
      canaryRevision: '7f9c5d6b4a',
      modelVersion: '4',
    });
    expect(argo.steps.map(s => s.description)).toEqual([
      'set weight 10%',
      'pause 5m',
      'analysis success-rate, latency-p95',
      'set weight 30%',
      'pause 10m',
      'set weight 60%',
      'pause until promoted',
      'set weight 100%',
    ]);
    expect(argo.analysisRuns[0]).toMatchObject({
      name: 'fraud-detection-serving-7f9c5d6b4a-7-2',
      phase: 'Successful',
    });
    expect(argo.analysisRuns[0].metrics[0]).toMatchObject({
      name: 'success-rate',
      phase: 'Successful',
      value: expect.any(Number),
      condition: 'result[0] >= 0.99',
      successful: 5,
      failureLimit: 1,
    });
    expect(flagger).toMatchObject({
      cluster: 'gpu-staging-us',
      source: 'flagger',
      phase: 'progressing',
      currentWeight: 20,
      desiredWeight: 50,
      failedChecks: 1,
      failedChecksThreshold: 5,
      iterations: 0,
      stableRevision: '65e282ff62',
      canaryRevision: '5289d13ad3',
    });
    expect(flagger.steps.map(s => s.weight)).toEqual([10, 20, 30, 40, 50]);
    expect(flagger.analysisRuns[0].metrics.map(m => m.condition)).toEqual([
      'min 99',
      'max 500',
    ]);
    expect(calls).toContain(
      'gpu-prod-eu /apis/argoproj.io/v1alpha1/rollouts?labelSelector=backstage.io%2Fkubernetes-id%3Dfraud-detection',
    );
  });

  it('reads KServe InferenceServices and KubeRay RayServices into the same shape, with the served model version', async () => {
    const list = (kind: string, item: object) => ({
      apiVersion: 'v1',
      kind,
      metadata: {},
      items: [item],
    });
    const { body, calls } = await getCanary({
      'gpu-prod-eu': {
        '/apis/serving.kserve.io/v1beta1/inferenceservices': list(
          'InferenceServiceList',
          kserveCanary,
        ),
      },
      'gpu-staging-us': {
        '/apis/ray.io/v1/rayservices': list('RayServiceList', rayUpgrading),
      },
    });

    expect(
      body.rollouts.map(r => [
        r.cluster,
        r.source,
        r.phase,
        r.currentWeight,
        r.modelName,
        r.modelVersion,
      ]),
    ).toEqual([
      ['gpu-prod-eu', 'kserve', 'progressing', 10, 'fraud-detector', '5'],
      ['gpu-staging-us', 'ray-serve', 'progressing', 0, 'fraud-detector', '5'],
    ]);
    expect(body.rollouts[1]).toMatchObject({
      activeCluster: 'fraud-detection-raycluster-7k2xq',
      pendingCluster: 'fraud-detection-raycluster-9dm4p',
    });
    expect(calls).toContain(
      'gpu-prod-eu /apis/serving.kserve.io/v1beta1/inferenceservices?labelSelector=backstage.io%2Fkubernetes-id%3Dfraud-detection',
    );
  });
});
