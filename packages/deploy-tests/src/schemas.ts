import {
  ConfigMap,
  Namespace,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import {
  ClusterRole,
  ClusterRoleBinding,
} from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import type { KubernetesObject } from './kustomize';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: never) => Validatable;

/** Every kind the manifests use, with the kubernetes-models class holding its OpenAPI schema. */
const models: Record<string, ModelClass> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
};

/**
 * Validates an object against the Kubernetes OpenAPI schema of its kind.
 * Returns the problems found, empty when it is valid. A kind without a known
 * schema is a problem too, so nothing slips through unvalidated.
 */
export function validateKubernetesObject(object: KubernetesObject): string[] {
  const Model = models[`${object.apiVersion}/${object.kind}`];
  if (!Model) {
    return [`no schema known for ${object.apiVersion} ${object.kind}`];
  }
  try {
    new Model(object as never).validate();
    return [];
  } catch (error) {
    const details = (
      error as { details?: Array<{ instancePath?: string; message?: string }> }
    ).details;
    if (Array.isArray(details) && details.length > 0) {
      return details.map(d =>
        `${d.instancePath || '/'} ${d.message ?? ''}`.trim(),
      );
    }
    return [String((error as Error).message ?? error)];
  }
}
