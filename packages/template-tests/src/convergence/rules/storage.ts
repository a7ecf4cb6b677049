import { defineRule, describe } from '../model';
import { podTemplates, stringsUnderKey } from '../podTemplates';
import { storageClasses } from '../clusterProvided';

/**
 * Claims the orchestrator's task pods mount at run time (Airflow
 * KubernetesPodOperator / Flyte PodTemplate code in the repository):
 * `claim_name=f"{PROJECT}-..."` with PROJECT the project name.
 */
function claimsInTaskCode(files: Map<string, string>, project: string) {
  const claims = new Set<string>();
  for (const [file, text] of files) {
    if (!file.startsWith('orchestration/') || !file.endsWith('.py')) continue;
    for (const match of text.matchAll(/claim_name=f?"([^"]+)"/g)) {
      claims.add(match[1].replace('{PROJECT}', project));
    }
  }
  return claims;
}

/**
 * Every PersistentVolumeClaim names a StorageClass that exists (or there is a
 * default one the repository sets up), and is mounted by a pod template of
 * its namespace: with WaitForFirstConsumer binding an unmounted claim stays
 * Pending forever, and Argo CD / Flux never report the project healthy.
 */
export const storageRule = defineRule(
  'storage',
  'PVCs have an existing StorageClass and are mounted',
  (model, report) => {
    const classes = storageClasses(model);
    const templates = podTemplates(model.objects);
    const runtimeClaims = claimsInTaskCode(model.files, model.project);
    for (const object of model.objects) {
      for (const { path, value } of stringsUnderKey(
        object,
        'storageClassName',
      )) {
        if (!classes.names.has(value)) {
          report(
            describe(object),
            `${path} names StorageClass "${value}", which nothing creates`,
          );
        }
      }
      if (object.kind !== 'PersistentVolumeClaim') continue;
      const spec = (object as { spec?: { storageClassName?: string } }).spec;
      if (!spec?.storageClassName && !classes.defaultClass) {
        report(
          describe(object),
          'names no StorageClass and the cluster has no default StorageClass',
        );
      }
      const name = object.metadata?.name ?? '';
      const mounted =
        templates.some(
          t =>
            t.namespace === object.metadata?.namespace &&
            (t.spec.volumes ?? []).some(
              v => v.persistentVolumeClaim?.claimName === name,
            ),
        ) || runtimeClaims.has(name);
      if (!mounted) {
        report(
          describe(object),
          'no pod template mounts this claim, so it never binds',
        );
      }
    }
  },
);
