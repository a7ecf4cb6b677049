/*
 * Synthetic KServe InferenceServices and KubeRay RayServices, shaped like
 * what their controllers write: the status fields follow the CRDs' schemas
 * (kserve v0.20.0, kuberay v1.7.0; validated in servingNormalize.test.ts) and
 * the condition types and reasons are the controllers' own. No live answer
 * of either controller was recorded for this project.
 */

const labels = { 'backstage.io/kubernetes-id': 'fraud-detection' };

/** Knative (Serverless) mode, canaryTrafficPercent 10: version 5 takes 10% while 00001 (version 4) keeps 90%. */
export const kserveCanary = {
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: {
    name: 'fraud-detection',
    namespace: 'fraud-detection',
    labels,
    annotations: { 'serving.kserve.io/deploymentMode': 'Serverless' },
  },
  spec: {
    predictor: {
      canaryTrafficPercent: 10,
      model: {
        modelFormat: { name: 'mlflow', version: '2' },
        protocolVersion: 'v2',
        storageUri: 's3://fraud-detection-artifacts/models/fraud-detector/5',
      },
    },
  },
  status: {
    deploymentMode: 'Serverless',
    url: 'http://fraud-detection.fraud-detection.example.com',
    observedGeneration: 2,
    components: {
      predictor: {
        latestCreatedRevision: 'fraud-detection-predictor-00002',
        latestReadyRevision: 'fraud-detection-predictor-00002',
        latestRolledoutRevision: 'fraud-detection-predictor-00001',
        previousRolledoutRevision: 'fraud-detection-predictor-00001',
        url: 'http://fraud-detection-predictor.fraud-detection.example.com',
        traffic: [
          {
            latestRevision: true,
            percent: 10,
            revisionName: 'fraud-detection-predictor-00002',
            tag: 'latest',
          },
          {
            latestRevision: false,
            percent: 90,
            revisionName: 'fraud-detection-predictor-00001',
            tag: 'prev',
          },
        ],
      },
    },
    conditions: [
      {
        type: 'IngressReady',
        status: 'True',
        lastTransitionTime: '2026-11-30T09:12:00Z',
      },
      {
        type: 'PredictorReady',
        status: 'True',
        lastTransitionTime: '2026-11-30T09:12:00Z',
      },
      {
        type: 'Ready',
        status: 'True',
        lastTransitionTime: '2026-11-30T09:12:00Z',
      },
    ],
    modelStatus: {
      copies: { failedCopies: 0, totalCopies: 1 },
      states: { activeModelState: 'Loaded', targetModelState: 'Loaded' },
      transitionStatus: 'UpToDate',
    },
  },
};

/** Standard (raw) mode, the new version failed to load: the storage initializer found no model there. */
// The failed twin of kserveCanary: the same CRD status shape (conditions, modelStatus) with its own values.
export const kserveFailedLoad = {
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: {
    name: 'fraud-detection-batch',
    namespace: 'fraud-detection',
    labels,
  },
  spec: {
    predictor: {
      model: {
        modelFormat: { name: 'mlflow' },
        storageUri: 's3://fraud-detection-artifacts/models/fraud-detector/6',
      },
    },
  },
  status: {
    deploymentMode: 'Standard',
    components: {
      predictor: {
        latestCreatedRevision: 'fraud-detection-batch-predictor-2',
        latestReadyRevision: 'fraud-detection-batch-predictor-1',
      },
    },
    conditions: [
      {
        type: 'PredictorReady',
        status: 'False',
        reason: 'ModelLoadFailed',
        lastTransitionTime: '2026-11-30T10:00:00Z',
      },
      {
        type: 'Ready',
        status: 'False',
        reason: 'ModelLoadFailed',
        message: 'predictor is not ready',
        lastTransitionTime: '2026-11-30T10:00:00Z',
      },
    ],
    modelStatus: {
      copies: { failedCopies: 1, totalCopies: 1 },
      states: { activeModelState: 'FailedToLoad', targetModelState: 'Loaded' },
      transitionStatus: 'BlockedByFailedLoad',
      lastFailureInfo: {
        reason: 'ModelLoadFailed',
        message:
          'no MLmodel under s3://fraud-detection-artifacts/models/fraud-detector/6',
      },
    },
  },
};

const rayCluster = (version: string) => ({
  headGroupSpec: {
    rayStartParams: {},
    template: {
      spec: {
        containers: [{ name: 'ray-head', image: 'rayproject/ray:2.52.0' }],
      },
    },
  },
  workerGroupSpecs: [
    {
      groupName: 'cpu',
      replicas: 1,
      minReplicas: 1,
      maxReplicas: 2,
      rayStartParams: {},
      template: {
        spec: {
          containers: [
            {
              name: 'ray-worker',
              image: 'rayproject/ray:2.52.0',
              env: [
                { name: 'MODEL_NAME', value: 'fraud-detector' },
                { name: 'MODEL_VERSION', value: version },
              ],
            },
          ],
        },
      },
    },
  ],
});

const app = (status: string, message?: string) => ({
  'fraud-detection': {
    status,
    ...(message ? { message } : {}),
    serveDeploymentStatuses: {
      FraudModel: { status: status === 'RUNNING' ? 'HEALTHY' : 'UPDATING' },
    },
  },
});

/** KubeRay upgrading from the cluster that serves version 4 to a new one serving version 5 (NewCluster strategy). */
export const rayUpgrading = {
  apiVersion: 'ray.io/v1',
  kind: 'RayService',
  metadata: { name: 'fraud-detection', namespace: 'fraud-detection', labels },
  spec: {
    upgradeStrategy: { type: 'NewCluster' },
    serveConfigV2: 'applications: []',
    rayClusterConfig: rayCluster('5'),
  },
  status: {
    serviceStatus: 'Running',
    numServeEndpoints: 1,
    observedGeneration: 3,
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'NonZeroServeEndpoints',
        message: 'Number of serve endpoints is greater than 0',
        lastTransitionTime: '2026-11-29T08:00:00Z',
      },
      {
        type: 'UpgradeInProgress',
        status: 'True',
        reason: 'BothActivePendingClustersExist',
        message: 'pending cluster starting',
        lastTransitionTime: '2026-11-30T09:00:00Z',
      },
    ],
    activeServiceStatus: {
      rayClusterName: 'fraud-detection-raycluster-7k2xq',
      applicationStatuses: app('RUNNING'),
    },
    pendingServiceStatus: {
      rayClusterName: 'fraud-detection-raycluster-9dm4p',
      applicationStatuses: app('DEPLOYING'),
    },
  },
};

/** A RayService whose application failed to deploy (the import path does not exist). */
export const rayFailed = {
  apiVersion: 'ray.io/v1',
  kind: 'RayService',
  metadata: {
    name: 'fraud-detection-ray',
    namespace: 'fraud-detection',
    labels,
  },
  spec: {
    serveConfigV2: 'applications: []',
    rayClusterConfig: rayCluster('4'),
  },
  status: {
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'ZeroServeEndpoints',
        message: 'No ready Serve endpoints',
        lastTransitionTime: '2026-11-30T09:00:00Z',
      },
    ],
    activeServiceStatus: {
      rayClusterName: 'fraud-detection-raycluster-7k2xq',
      applicationStatuses: app(
        'DEPLOY_FAILED',
        "ModuleNotFoundError: No module named 'serving'",
      ),
    },
  },
};
