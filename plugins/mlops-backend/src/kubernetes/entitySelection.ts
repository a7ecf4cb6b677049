import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
} from '@mlops-portal/plugin-mlops-common';
import { optionalAnnotation } from '../entity/annotations';
import { MlopsError } from '../errors/MlopsError';

/** Which objects belong to the entity, as the Kubernetes plugin selects them. */
export interface KubernetesSelection {
  labelSelector: string;
  namespace?: string;
}

const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
// Label selector syntax only: keys, values, operators, sets. No path characters.
const SELECTOR = /^[A-Za-z0-9._/\-=!,() ]{1,1000}$/;

/**
 * The entity's selection: `backstage.io/kubernetes-label-selector` when set,
 * otherwise `backstage.io/kubernetes-id=<id>`; narrowed to
 * `backstage.io/kubernetes-namespace` when set. Values are validated, since
 * they end up in Kubernetes API URLs.
 */
export function entitySelection(
  entity: Entity,
  forWhat: string,
): KubernetesSelection {
  const id = optionalAnnotation(entity, ANNOTATION_KUBERNETES_ID);
  const selector = optionalAnnotation(
    entity,
    ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  );
  const namespace = optionalAnnotation(entity, ANNOTATION_KUBERNETES_NAMESPACE);
  const invalid = (annotation: string, value: string) =>
    new MlopsError(
      'InvalidInput',
      `${annotation} '${value}' is not a valid value`,
      { annotation },
    );
  if (namespace !== undefined && !NAMESPACE.test(namespace)) {
    throw invalid(ANNOTATION_KUBERNETES_NAMESPACE, namespace);
  }
  if (selector !== undefined) {
    if (!SELECTOR.test(selector))
      throw invalid(ANNOTATION_KUBERNETES_LABEL_SELECTOR, selector);
    return { labelSelector: selector, namespace };
  }
  if (id === undefined) {
    throw new MlopsError(
      'NotConfigured',
      `the entity has no ${ANNOTATION_KUBERNETES_ID} annotation, which the ${forWhat} needs`,
      { annotation: ANNOTATION_KUBERNETES_ID },
    );
  }
  if (!LABEL_VALUE.test(id)) throw invalid(ANNOTATION_KUBERNETES_ID, id);
  return { labelSelector: `${ANNOTATION_KUBERNETES_ID}=${id}`, namespace };
}

/** A list path for a resource, narrowed to the selection's namespace and labels. */
export function selectionPath(
  apiPrefix: string,
  resource: string,
  selection?: KubernetesSelection,
): string {
  const ns = selection?.namespace ? `/namespaces/${selection.namespace}` : '';
  const query = selection
    ? `?labelSelector=${encodeURIComponent(selection.labelSelector)}`
    : '';
  return `${apiPrefix}${ns}/${resource}${query}`;
}
