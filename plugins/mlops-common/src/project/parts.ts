/**
 * A condition on the "Create new ML project" choices, as data (so a form or
 * a template expression can be generated from it): a field has one of some
 * values (absent fields take {@link ML_PROJECT_CHOICE_DEFAULTS}), the
 * repository host matches a pattern, or a combination.
 *
 * @public
 */
export type MlProjectCondition =
  | { readonly field: string; readonly is: readonly (string | boolean)[] }
  | { readonly field: string; readonly matches: string }
  | { readonly all: readonly MlProjectCondition[] }
  | { readonly any: readonly MlProjectCondition[] }
  | { readonly not: MlProjectCondition };

/** What absent choices stand for, as the template reads them. @public */
export const ML_PROJECT_CHOICE_DEFAULTS: Readonly<
  Record<string, string | boolean>
> = {
  infrastructure: 'eksctl',
  serving: 'deployment',
};

const is = (
  field: string,
  ...values: (string | boolean)[]
): MlProjectCondition => ({
  field,
  is: values,
});
const on = (field: string) => is(field, true);
const all = (...conditions: MlProjectCondition[]): MlProjectCondition => ({
  all: conditions,
});
const any = (...conditions: MlProjectCondition[]): MlProjectCondition => ({
  any: conditions,
});
const not = (condition: MlProjectCondition): MlProjectCondition => ({
  not: condition,
});
const gitlab: MlProjectCondition = { field: 'repoHost', matches: '^gitlab' };
const terraform = is('infrastructure', 'terraform');
const deploymentServing = is('serving', 'deployment');
const minioInCluster = all(is('storage', 'minio'), on('minioDeploy'));

/**
 * The parts of the generated repository (each a folder under the template's
 * `skeleton/options/`) and when a project gets each: the one table of which
 * choices bring which parts. template-tests prove the template's
 * `fetch-options` step renders exactly these.
 *
 * @public
 */
export const ML_PROJECT_PARTS: ReadonlyArray<{
  part: string;
  when: MlProjectCondition;
}> = [
  { part: 'eksctl', when: not(terraform) },
  { part: 'terraform', when: terraform },
  { part: 'karpenter', when: all(terraform, on('karpenter')) },
  {
    part: 'gpu-scale-to-zero',
    when: all(terraform, on('gpuScaleToZero'), on('gpuEnabled')),
  },
  // With Terraform the bucket is Terraform's.
  { part: 's3', when: all(is('storage', 's3'), not(terraform)) },
  { part: 'minio', when: is('storage', 'minio') },
  { part: 'ingress', when: is('mlflowExposure', 'ingress') },
  { part: 'argocd', when: is('gitopsEngine', 'argocd') },
  { part: 'flux', when: is('gitopsEngine', 'flux') },
  // Flagger creates the serving Services itself.
  {
    part: 'serving-service',
    when: all(not(is('canary', 'flagger')), deploymentServing),
  },
  { part: 'serving-deployment', when: deploymentServing },
  { part: 'kserve', when: is('serving', 'kserve') },
  { part: 'ray-serve', when: is('serving', 'ray-serve') },
  { part: 'kuberay', when: any(is('serving', 'ray-serve'), on('rayTraining')) },
  { part: 'ray-training', when: on('rayTraining') },
  { part: 'canary', when: not(is('canary', 'none')) },
  { part: 'argo-rollouts', when: is('canary', 'argo-rollouts') },
  { part: 'flagger', when: is('canary', 'flagger') },
  { part: 'observability', when: on('observability') },
  { part: 'airflow', when: is('orchestration', 'airflow') },
  { part: 'flyte', when: is('orchestration', 'flyte') },
  { part: 'kubeflow', when: is('orchestration', 'kubeflow') },
  { part: 'kafka', when: on('streaming') },
  { part: 'minio-operator', when: minioInCluster },
  { part: 'processing', when: any(on('sparkOperator'), on('flinkOperator')) },
  { part: 'spark', when: on('sparkOperator') },
  { part: 'flink', when: on('flinkOperator') },
  {
    // The Flux HelmRelease of the project's own orchestrator (the shared
    // operators are the cluster layer's, applied by scripts/bootstrap.sh).
    part: 'flux-platform',
    when: all(
      is('gitopsEngine', 'flux'),
      is('orchestration', 'airflow', 'flyte'),
    ),
  },
  {
    part: 'gateway',
    when: any(is('mlflowExposure', 'ingress'), deploymentServing),
  },
  // cert-manager (cluster layer): the certificates of the Gateway's HTTPS listeners and KServe's webhooks.
  {
    part: 'cert-manager',
    when: any(is('mlflowExposure', 'ingress'), not(is('serving', 'ray-serve'))),
  },
  // NVIDIA's device plugin (and DCGM exporter) for the GPU node group (cluster layer).
  { part: 'gpu', when: on('gpuEnabled') },
  { part: 'github-actions', when: not(gitlab) },
  {
    part: 'github-actions-canary',
    when: all(not(is('canary', 'none')), not(gitlab)),
  },
  { part: 'gitlab-ci', when: gitlab },
];

/**
 * Whether `condition` holds for `choices` (absent fields take
 * {@link ML_PROJECT_CHOICE_DEFAULTS}).
 *
 * @public
 */
export function mlProjectConditionHolds(
  condition: MlProjectCondition,
  choices: Readonly<Record<string, unknown>>,
): boolean {
  if ('all' in condition)
    return condition.all.every(c => mlProjectConditionHolds(c, choices));
  if ('any' in condition)
    return condition.any.some(c => mlProjectConditionHolds(c, choices));
  if ('not' in condition)
    return !mlProjectConditionHolds(condition.not, choices);
  const value =
    choices[condition.field] ?? ML_PROJECT_CHOICE_DEFAULTS[condition.field];
  if ('matches' in condition) {
    return (
      typeof value === 'string' && new RegExp(condition.matches).test(value)
    );
  }
  return condition.is.includes(value as string | boolean);
}

/** The parts a project with these choices gets, in table order (of `parts`, by default {@link ML_PROJECT_PARTS}). @public */
export function mlProjectParts(
  choices: Readonly<Record<string, unknown>>,
  parts: typeof ML_PROJECT_PARTS = ML_PROJECT_PARTS,
): string[] {
  return parts
    .filter(({ when }) => mlProjectConditionHolds(when, choices))
    .map(({ part }) => part);
}
