import Ajv from 'ajv';
import { servingCrds } from '@mlops-portal/plugin-mlops-node/testUtils';
import {
  kserveCanary,
  kserveFailedLoad,
  rayFailed,
  rayUpgrading,
} from './__fixtures__/serving';
import {
  modelOfStorageUri,
  normalizeKserveInferenceService,
} from './kserveInferenceServices';
import { normalizeRayService } from './rayServices';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** Removes a field of a cloned fixture, as a controller leaves an unset field out. */
const omitField = <T extends object>(object: T, key: keyof T) => {
  Reflect.deleteProperty(object, key);
};

/** A schema with `additionalProperties: false` wherever it lists properties and does not keep unknown fields. */
function close(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(close);
  return isObject(schema) ? closeObject(schema) : schema;
}

function closeObject(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema))
    out[k] = k === 'enum' || k === 'default' ? v : close(v);
  if (
    out.properties &&
    out.additionalProperties === undefined &&
    !out['x-kubernetes-preserve-unknown-fields']
  ) {
    out.additionalProperties = false;
  }
  return out;
}

/** Validates an object against its CRD's schema, with unknown fields refused (the API server would drop them). */
function crdValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validators = new Map<string, ReturnType<Ajv['compile']>>();
  for (const crd of servingCrds()) {
    for (const version of crd.spec.versions) {
      const schema = closeObject(version.schema.openAPIV3Schema);
      if (!isObject(schema.properties))
        throw new Error(
          `${crd.spec.names.kind} ${version.name}: the schema has no properties`,
        );
      schema.properties.metadata = { type: 'object' };
      validators.set(
        `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`,
        ajv.compile(schema),
      );
    }
  }
  return (object: { apiVersion: string; kind: string }) => {
    const validate = validators.get(`${object.apiVersion}/${object.kind}`);
    if (!validate) return [`no CRD for ${object.apiVersion} ${object.kind}`];
    return validate(object)
      ? []
      : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message}`);
  };
}

describe('KServe and Ray Serve fixtures', () => {
  const validate = crdValidator();

  it.each([
    ['kserveCanary', kserveCanary],
    ['kserveFailedLoad', kserveFailedLoad],
    ['rayUpgrading', rayUpgrading],
    ['rayFailed', rayFailed],
  ])('%s is valid against its CRD', (_name, object) => {
    expect(validate(object)).toEqual([]);
  });

  it('refuses a status field the CRD does not have, or a wrong type', () => {
    const misspelt = clone(kserveCanary);
    Object.assign(misspelt.status.components.predictor, {
      latestReadyRevison: 'x',
    });
    expect(validate(misspelt).join()).toMatch(/additional properties/);
    const wrongType = clone(rayUpgrading);
    Object.assign(wrongType.status.pendingServiceStatus, {
      trafficRoutedPercent: '50%',
    });
    expect(validate(wrongType).join()).toMatch(/must be integer/);
  });
});

// Each normaliser's tests read apart (one describe per serving system): the expected objects share the CanaryRollout shape.
describe('KServe InferenceService normalisation', () => {
  it('reads a Knative canary split: the latest revision at canaryTrafficPercent, the model version from storageUri', () => {
    expect(normalizeKserveInferenceService('c', kserveCanary)).toMatchObject({
      source: 'kserve',
      phase: 'progressing',
      rawPhase: 'Ready True',
      currentWeight: 10,
      desiredWeight: 100,
      currentStepIndex: 0,
      stableRevision: 'fraud-detection-predictor-00001',
      canaryRevision: 'fraud-detection-predictor-00002',
      modelUri: 's3://fraud-detection-artifacts/models/fraud-detector/5',
      modelName: 'fraud-detector',
      modelVersion: '5',
      aborted: false,
    });
  });

  it('is healthy at 100% once the canary percent is removed and all traffic is on the latest revision', () => {
    const promoted = clone(kserveCanary);
    omitField(promoted.spec.predictor, 'canaryTrafficPercent');
    Object.assign(promoted.status.components.predictor, {
      traffic: [
        {
          latestRevision: true,
          percent: 100,
          revisionName: 'fraud-detection-predictor-00002',
        },
      ],
      latestRolledoutRevision: 'fraud-detection-predictor-00002',
    });
    const rollout = normalizeKserveInferenceService('c', promoted);
    expect(rollout).toMatchObject({
      phase: 'healthy',
      currentWeight: 100,
      stableRevision: 'fraud-detection-predictor-00002',
      steps: [],
    });
    expect(rollout.canaryRevision).toBeUndefined();
  });

  it('reports a model that failed to load as aborted with the failure message', () => {
    expect(
      normalizeKserveInferenceService('c', kserveFailedLoad),
    ).toMatchObject({
      phase: 'aborted',
      aborted: true,
      currentWeight: 0,
      canaryRevision: 'fraud-detection-batch-predictor-2',
      stableRevision: 'fraud-detection-batch-predictor-1',
      message:
        'no MLmodel under s3://fraud-detection-artifacts/models/fraud-detector/6',
      modelVersion: '6',
    });
  });

  it('names no model version for a storage URI that is not <bucket>/models/<name>/<version>', () => {
    expect(
      modelOfStorageUri('gs://kfserving-examples/models/sklearn/1.0/model/'),
    ).toEqual({});
    expect(modelOfStorageUri('s3://b/models/fraud-detector/5/')).toEqual({
      modelName: 'fraud-detector',
      modelVersion: '5',
    });
    expect(modelOfStorageUri(undefined)).toEqual({});
  });

  it('gives an object without status phase unknown instead of failing', () => {
    expect(
      normalizeKserveInferenceService('c', { metadata: { name: 'x' } }),
    ).toMatchObject({ phase: 'unknown', currentWeight: 0 });
  });
});

describe('KubeRay RayService normalisation', () => {
  it('reads an upgrade: active and pending clusters, the pending apps, and the version the spec rolls out', () => {
    expect(normalizeRayService('c', rayUpgrading)).toMatchObject({
      source: 'ray-serve',
      phase: 'progressing',
      rawPhase: 'Running, upgrade NewCluster',
      message: 'pending cluster starting',
      currentWeight: 0,
      activeCluster: 'fraud-detection-raycluster-7k2xq',
      pendingCluster: 'fraud-detection-raycluster-9dm4p',
      stableRevision: 'fraud-detection-raycluster-7k2xq',
      canaryRevision: 'fraud-detection-raycluster-9dm4p',
      modelName: 'fraud-detector',
      modelVersion: '5',
      serveApplications: [{ name: 'fraud-detection', status: 'DEPLOYING' }],
    });
  });

  it('reads the traffic an incremental upgrade has moved to the pending cluster', () => {
    const incremental = clone(rayUpgrading);
    incremental.spec.upgradeStrategy.type = 'NewClusterWithIncrementalUpgrade';
    Object.assign(incremental.status.pendingServiceStatus, {
      trafficRoutedPercent: 30,
    });
    expect(normalizeRayService('c', incremental)).toMatchObject({
      currentWeight: 30,
      actualWeight: 30,
      phase: 'progressing',
    });
  });

  it('is healthy at 100% when only the active cluster is left and Ready', () => {
    const done = clone(rayUpgrading);
    omitField(done.status, 'pendingServiceStatus');
    done.status.conditions = done.status.conditions.filter(
      c => c.type === 'Ready',
    );
    const rollout = normalizeRayService('c', done);
    expect(rollout).toMatchObject({
      phase: 'healthy',
      currentWeight: 100,
      serveApplications: [{ status: 'RUNNING' }],
    });
    expect(rollout.pendingCluster).toBeUndefined();
  });

  it('gives a failed application phase degraded with its message', () => {
    expect(normalizeRayService('c', rayFailed)).toMatchObject({
      phase: 'degraded',
      currentWeight: 0,
      modelVersion: '4',
      message:
        "application fraud-detection DEPLOY_FAILED: ModuleNotFoundError: No module named 'serving'",
    });
  });
});
