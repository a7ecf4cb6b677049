export { buildKustomization, findObject, repoRoot } from './kustomize';
export type { KubernetesObject } from './kustomize';
export { validateKubernetesObject } from './schemas';
