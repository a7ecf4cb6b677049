import { ClusterModel, ConvergenceRule, Violation } from './model';
import { storageRule } from './rules/storage';
import { trafficRule } from './rules/traffic';
import { podReferencesRule } from './rules/podReferences';
import { servicesRule } from './rules/services';
import { imagesRule } from './rules/images';
import { canaryQueriesRule } from './rules/canaryQueries';
import { servedModelRule } from './rules/servedModel';
import { podSecurityRule, namespaceLabelsRule } from './rules/podSecurity';
import { networkPoliciesRule } from './rules/networkPolicies';
import { argoProjectsRule } from './rules/argoProjects';
import { actionsPinnedRule } from './rules/actionsPinned';
import { grafanaAdminRule } from './rules/grafanaAdmin';
import { nodeAutoscalingRule } from './rules/nodeAutoscaling';
import { gpuDevicePluginRule } from './rules/gpuDevicePlugin';
import { tlsRule } from './rules/tls';
import { crossplaneRule } from './rules/crossplane';
import { orchestratorImagesRule } from './rules/orchestratorImages';

export { loadClusterModel, withObjects } from './model';
export type { ClusterModel, ConvergenceRule, Violation } from './model';
export { collisions } from './rules/collisions';

/** The rules a real cluster (and its controllers) enforce on one project's render. */
export const convergenceRules: ConvergenceRule[] = [
  storageRule,
  trafficRule,
  podReferencesRule,
  servicesRule,
  imagesRule,
  orchestratorImagesRule,
  canaryQueriesRule,
  servedModelRule,
  nodeAutoscalingRule,
  gpuDevicePluginRule,
  crossplaneRule,
];

/** Secure-by-default rules a security reviewer checks. */
export const securityRules: ConvergenceRule[] = [
  podSecurityRule,
  namespaceLabelsRule,
  networkPoliciesRule,
  argoProjectsRule,
  actionsPinnedRule,
  grafanaAdminRule,
  tlsRule,
];

export function check(
  model: ClusterModel,
  rules: ConvergenceRule[],
): Violation[] {
  return rules.flatMap(rule => rule.check(model));
}
