import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ValidateFunction } from 'ajv';
import {
  flaggerCrds,
  servingCrds,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import { createAjv, formatErrors } from './jsonSchemas';
import { schemaDir } from './schemaDir';

type JsonSchema = { [key: string]: unknown };

interface Crd {
  spec: {
    group: string;
    names: { kind: string };
    versions: Array<{ name: string; schema: { openAPIV3Schema: JsonSchema } }>;
  };
}

// The Flagger, KServe InferenceService and KubeRay RayService CRDs are not
// among these files: they live once, in mlops-node's testUtils (the backend's
// canary fixtures are validated against them too; schemas/README.md there
// says where they come from).
const crdFiles = [
  'flux-crds/helm.toolkit.fluxcd.io_helmreleases.yaml',
  'flux-crds/source.toolkit.fluxcd.io_helmrepositories.yaml',
  'crossplane/pkg.crossplane.io_providers.yaml',
  'crossplane/pkg.crossplane.io_deploymentruntimeconfigs.yaml',
  'crossplane-aws/s3.aws.m.upbound.io_buckets.yaml',
  'crossplane-aws/s3.aws.m.upbound.io_bucketversionings.yaml',
  'crossplane-aws/s3.aws.m.upbound.io_bucketpublicaccessblocks.yaml',
  'crossplane-aws/s3.aws.m.upbound.io_bucketserversideencryptionconfigurations.yaml',
  'crossplane-aws/aws.m.upbound.io_providerconfigs.yaml',
  'crossplane-minio/minio.crossplane.io_buckets.yaml',
  'crossplane-minio/minio.crossplane.io_providerconfigs.yaml',
  'minio-operator/minio.min.io_tenants.yaml',
  'spark-operator/sparkoperator.k8s.io_sparkapplications.yaml',
  'flink-operator/flinkdeployments.flink.apache.org-v1.yml',
  'kuberay/ray.io_rayclusters.yaml',
  'kuberay/ray.io_rayjobs.yaml',
  'gateway-api/gateway.networking.k8s.io_gatewayclasses.yaml',
  'gateway-api/gateway.networking.k8s.io_gateways.yaml',
  'gateway-api/gateway.networking.k8s.io_httproutes.yaml',
];

function loadCrds(file: string): Crd[] {
  const text = fs.readFileSync(path.join(schemaDir, file), 'utf8');
  if (file.endsWith('.json')) {
    return JSON.parse(text);
  }
  return parseAllDocuments(text).map(doc => doc.toJS() as Crd);
}

/**
 * The API server drops unknown fields silently, so a typo in a manifest would
 * pass a plain CRD schema. Closing every object schema that lists its
 * properties (and does not ask to preserve unknown fields) turns typos into errors.
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(closeObjects);
  }
  if (!schema || typeof schema !== 'object') {
    return schema;
  }
  const result: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    result[key] =
      key === 'enum' || key === 'default' ? value : closeObjects(value);
  }
  if (
    result.properties &&
    result.additionalProperties === undefined &&
    !result['x-kubernetes-preserve-unknown-fields']
  ) {
    result.additionalProperties = false;
  }
  return result;
}

/**
 * Schemas by `group/version/Kind`, compiled on first use: the KubeRay and
 * KServe CRDs are megabytes each, and most renders never need them.
 */
let validators: Map<string, () => ValidateFunction> | undefined;

function allValidators() {
  if (!validators) {
    const ajv = createAjv();
    validators = new Map();
    for (const crds of [
      flaggerCrds(),
      servingCrds(),
      ...crdFiles.map(loadCrds),
    ]) {
      for (const crd of crds) {
        for (const version of crd.spec.versions) {
          const schema = closeObjects(
            version.schema.openAPIV3Schema,
          ) as JsonSchema;
          // metadata is only `type: object` in CRDs; the API server validates it.
          // Some generated CRDs (Flink's) leave out apiVersion and kind, which every object has.
          const properties = schema.properties as JsonSchema;
          properties.metadata = { type: 'object' };
          properties.apiVersion ??= { type: 'string' };
          properties.kind ??= { type: 'string' };
          let compiled: ValidateFunction | undefined;
          validators.set(
            `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`,
            () => (compiled ??= ajv.compile(schema)),
          );
        }
      }
    }
  }
  return validators;
}

/** Whether a copied CRD schema covers this apiVersion and kind. */
export function hasCrdSchema(apiVersion: string, kind: string): boolean {
  return allValidators().has(`${apiVersion}/${kind}`);
}

/** Errors of a custom resource against its CRD's OpenAPI schema. */
export function validateCustomResource(object: {
  apiVersion: string;
  kind: string;
}): string[] {
  const validate = allValidators().get(
    `${object.apiVersion}/${object.kind}`,
  )?.();
  if (!validate) {
    return [`no CRD schema for ${object.apiVersion} ${object.kind}`];
  }
  return validate(object) ? [] : formatErrors(validate.errors);
}
