// Validates Kubernetes objects with the kubernetes-models packages. They are
// ESM-only with import-only exports, which jest's CommonJS resolver cannot
// load, so the tests run this file with plain Node: JSON objects on stdin,
// one result per object on stdout.
import { readFileSync } from 'node:fs';

function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/')
    ? apiVersion.split('/')
    : ['', apiVersion];
  if (group === '') return `kubernetes-models/${version}/${kind}`;
  if (!group.includes('.') || group.endsWith('.k8s.io')) {
    return `kubernetes-models/${group}/${version}/${kind}`;
  }
  if (group === 'argoproj.io') {
    return ['Application', 'ApplicationSet', 'AppProject'].includes(kind)
      ? `@kubernetes-models/argo-cd/${group}/${version}/${kind}`
      : `@kubernetes-models/argo-rollouts/${group}/${version}/${kind}`;
  }
  if (group.endsWith('.toolkit.fluxcd.io')) {
    return `@kubernetes-models/flux-cd/${group}/${version}/${kind}`;
  }
  if (group.endsWith('.strimzi.io')) {
    return `@kubernetes-models/strimzi-kafka-operator/${group}/${version}/${kind}`;
  }
  if (group === 'karpenter.sh' || group === 'karpenter.k8s.aws') {
    return `@kubernetes-models/karpenter/${group}/${version}/${kind}`;
  }
  if (group === 'cert-manager.io' || group === 'acme.cert-manager.io') {
    return `@kubernetes-models/cert-manager/${group}/${version}/${kind}`;
  }
  if (group === 'monitoring.coreos.com') {
    return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  }
  return undefined;
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const object of objects) {
  const path = modulePath(object.apiVersion, object.kind);
  if (!path) {
    results.push({ supported: false });
    continue;
  }
  let Model;
  try {
    Model = (await import(path))[object.kind];
  } catch {
    results.push({ supported: false });
    continue;
  }
  try {
    new Model(object).validate();
    results.push({ supported: true, errors: [] });
  } catch (error) {
    const details = (error.errors ?? []).map(
      e => `${e.instancePath || '/'} ${e.message}`,
    );
    results.push({
      supported: true,
      errors: details.length > 0 ? details : [String(error.message ?? error)],
    });
  }
}
process.stdout.write(JSON.stringify(results));
