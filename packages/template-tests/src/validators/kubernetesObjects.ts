import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { packageRoot } from '../packageRoot';
import { hasCrdSchema, validateCustomResource } from './crdSchemas';

/** A Kubernetes object as found in a YAML document. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string };
  [key: string]: unknown;
}

/** Validation result of one object: which schemas covered it and what they reported. */
export interface ObjectValidation {
  object: KubernetesObject;
  validatedBy: Array<'kubernetes-models' | 'crd'>;
  errors: string[];
}

export function isKubernetesObject(value: unknown): value is KubernetesObject {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as KubernetesObject).apiVersion === 'string' &&
    typeof (value as KubernetesObject).kind === 'string'
  );
}

const modelsScript = path.join(
  packageRoot,
  'src/validators/kubernetesModels.mjs',
);

/**
 * Validates every object with every schema that covers it: the
 * kubernetes-models packages (core, Argo CD, Argo Rollouts, Flux, Prometheus
 * Operator, Strimzi) and the copied upstream CRD schemas (Crossplane, Flagger, Flux Helm).
 * An object no schema covers is reported as an error, so nothing goes unchecked.
 */
export function validateKubernetesObjects(
  objects: KubernetesObject[],
): ObjectValidation[] {
  const modelResults = JSON.parse(
    execFileSync(process.execPath, [modelsScript], {
      input: JSON.stringify(objects),
      maxBuffer: 64 * 1024 * 1024,
    }).toString('utf8'),
  ) as Array<{ supported: boolean; errors?: string[] }>;

  return objects.map((object, index) => {
    const validation: ObjectValidation = {
      object,
      validatedBy: [],
      errors: [],
    };
    const model = modelResults[index];
    if (model.supported) {
      validation.validatedBy.push('kubernetes-models');
      validation.errors.push(...(model.errors ?? []));
    }
    if (hasCrdSchema(object.apiVersion, object.kind)) {
      validation.validatedBy.push('crd');
      validation.errors.push(...validateCustomResource(object));
    }
    if (validation.validatedBy.length === 0) {
      validation.errors.push(
        `no schema covers ${object.apiVersion} ${object.kind}`,
      );
    }
    return validation;
  });
}
