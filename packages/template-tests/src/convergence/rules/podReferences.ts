import { defineRule, describe, sameKey } from '../model';
import { containersOf, podTemplates } from '../podTemplates';
import { existsInEveryNamespace } from '../clusterProvided';

import type { Json } from '../model';

/** Secrets other objects of the repository make a controller create (cert-manager, Crossplane, MinIO). */
function generatedSecrets(
  objects: Json[],
): Array<{ namespace?: string; name: string }> {
  const secrets: Array<{ namespace?: string; name: string }> = [];
  for (const o of objects) {
    if (o.kind === 'Certificate' && o.spec?.secretName) {
      secrets.push({
        namespace: o.metadata.namespace,
        name: o.spec.secretName,
      });
    }
    const ref = o.spec?.writeConnectionSecretToRef;
    if (ref?.name) {
      secrets.push({
        namespace: ref.namespace ?? o.metadata.namespace,
        name: ref.name,
      });
    }
  }
  return secrets;
}

/**
 * Every ServiceAccount, ConfigMap and Secret a pod uses exists: created by
 * the repository, by a controller from one of its objects, or listed in
 * docs/created-by-hand.md. A missing one leaves the pod in
 * CreateContainerConfigError or ContainerCreating.
 */
export const podReferencesRule = defineRule(
  'pod-references',
  'ServiceAccounts, ConfigMaps and Secrets used by pods exist',
  (model, report) => {
    // Every rule opens alike: that is defineRule's signature (../model.ts), not a copy.
    const objects = model.objects as Json[];
    const generated = generatedSecrets(objects);
    const exists = (
      kind: string,
      namespace: string | undefined,
      name: string,
    ) =>
      existsInEveryNamespace(kind, name) ||
      objects.some(
        o =>
          o.kind === kind &&
          o.metadata?.name === name &&
          (o.metadata?.namespace ?? '') === (namespace ?? ''),
      ) ||
      (kind === 'Secret' &&
        generated.some(s => s.name === name && s.namespace === namespace)) ||
      model.createdByHand.some(k => sameKey(k, { kind, namespace, name }));
    for (const template of podTemplates(model.objects)) {
      const ns = template.namespace;
      const subject = `${describe(template.owner)} ${template.path}`;
      const need = (
        kind: string,
        name: string | undefined,
        optional?: boolean,
      ) => {
        if (!name || optional) return;
        if (!exists(kind, ns, name)) {
          report(
            subject,
            `${kind} ${
              ns ?? ''
            }/${name} is neither created by the repository nor listed in docs/created-by-hand.md`,
          );
        }
      };
      need('ServiceAccount', template.spec.serviceAccountName);
      for (const volume of template.spec.volumes ?? []) {
        need('ConfigMap', volume.configMap?.name, volume.configMap?.optional);
        need('Secret', volume.secret?.secretName, volume.secret?.optional);
        for (const source of volume.projected?.sources ?? []) {
          need('ConfigMap', source.configMap?.name, source.configMap?.optional);
          need('Secret', source.secret?.name, source.secret?.optional);
        }
      }
      for (const secret of template.spec.imagePullSecrets ?? []) {
        need('Secret', secret.name);
      }
      for (const container of containersOf(template.spec)) {
        for (const env of container.env ?? []) {
          const cm = env.valueFrom?.configMapKeyRef;
          const secret = env.valueFrom?.secretKeyRef;
          need('ConfigMap', cm?.name, cm?.optional);
          need('Secret', secret?.name, secret?.optional);
        }
        for (const from of container.envFrom ?? []) {
          need(
            'ConfigMap',
            from.configMapRef?.name,
            from.configMapRef?.optional,
          );
          need('Secret', from.secretRef?.name, from.secretRef?.optional);
        }
      }
    }
    // Spark driver and KServe predictor name their accounts outside a pod spec.
    for (const o of objects) {
      const accounts = [
        o.kind === 'SparkApplication'
          ? o.spec?.driver?.serviceAccount
          : undefined,
        o.kind === 'InferenceService'
          ? o.spec?.predictor?.serviceAccountName
          : undefined,
      ].filter(Boolean);
      for (const name of accounts) {
        if (!exists('ServiceAccount', o.metadata.namespace, name)) {
          report(
            describe(o as never),
            `ServiceAccount ${o.metadata.namespace}/${name} is neither created by the repository nor listed in docs/created-by-hand.md`,
          );
        }
      }
    }
  },
);
