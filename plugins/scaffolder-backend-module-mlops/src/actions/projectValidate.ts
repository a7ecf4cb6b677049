import { InputError } from '@backstage/errors';
import {
  AWS_REGIONS,
  formatMlProjectErrors,
  GPU_INSTANCE_TYPES,
  GPU_NODE_GROUP_MAX_SIZE,
  ML_PROJECT_OPTIONS,
  ML_PROJECT_RULES,
  mlProjectRuleNotes,
  validateMlProject,
} from '@mlops-portal/plugin-mlops-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { z as zod } from 'zod/v3';
import { examples } from './projectValidate.examples';

export const PROJECT_VALIDATE_ACTION_ID = 'mlops:project:validate';

const ruleNote = (id: string) =>
  ML_PROJECT_RULES.find(rule => rule.id === id)?.note ?? '';

/**
 * The fields of an ML project, described once for both the input and the
 * (normalised) output schema. Types are checked by the scaffolder; the rules
 * (names, buckets, GPUs, combinations) by `validateMlProject`, so every
 * broken rule is reported at once with its field.
 */
function projectFields(z: typeof zod) {
  return {
    name: z
      .string()
      .describe(
        'Project name: a DNS-1123 label (lowercase letters, digits, "-", at most 63 characters); also the namespace and repository name',
      ),
    description: z
      .string()
      .optional()
      .describe('What the project is for (at most 1000 characters)'),
    owner: z
      .string()
      .optional()
      .describe(
        'Owning group or user as an entity ref, e.g. group:default/ml-team',
      ),
    awsRegion: z
      .string()
      .describe(`AWS region with EKS, one of: ${AWS_REGIONS.join(', ')}`),
    clusterName: z.string().describe('EKS cluster name: a DNS-1123 label'),
    gpuEnabled: z
      .boolean()
      .describe('Whether the project gets a GPU node group'),
    gpuInstanceType: z
      .string()
      .optional()
      .describe(
        `GPU EC2 instance type, required when gpuEnabled, one of: ${Object.keys(
          GPU_INSTANCE_TYPES,
        ).join(', ')}`,
      ),
    gpuMinSize: z
      .number()
      .int()
      .optional()
      .describe('Minimum GPU nodes (0 or more, default 0)'),
    gpuMaxSize: z
      .number()
      .int()
      .optional()
      .describe(
        `Maximum GPU nodes (1 to ${GPU_NODE_GROUP_MAX_SIZE}, at least gpuMinSize, default 1)`,
      ),
    infrastructure: z
      .enum(ML_PROJECT_OPTIONS.infrastructure)
      .optional()
      .describe('Infrastructure as code (default "eksctl")'),
    rdsBackendStore: z
      .boolean()
      .optional()
      .describe(
        `RDS PostgreSQL for MLflow's backend store; ${mlProjectRuleNotes(
          'rdsBackendStore',
        )}`,
      ),
    karpenter: z
      .boolean()
      .optional()
      .describe(
        `Karpenter node autoscaling; ${mlProjectRuleNotes('karpenter')}`,
      ),
    gpuScaleToZero: z
      .boolean()
      .optional()
      .describe(
        `Night-time scale-to-zero of GPU workloads; ${mlProjectRuleNotes(
          'gpuScaleToZero',
        )}`,
      ),
    storage: z
      .enum(ML_PROJECT_OPTIONS.storage)
      .describe('Object storage for DVC and MLflow artifacts'),
    bucketName: z
      .string()
      .describe('Bucket name, following the S3 bucket naming rules'),
    gitopsEngine: z
      .enum(ML_PROJECT_OPTIONS.gitopsEngine)
      .describe('GitOps controller that deploys the project'),
    canary: z
      .enum(ML_PROJECT_OPTIONS.canary)
      .describe(`Canary rollout controller; ${mlProjectRuleNotes('canary')}`),
    serving: z
      .enum(ML_PROJECT_OPTIONS.serving)
      .optional()
      .describe(
        `What serves the model (default "deployment"); ${ruleNote(
          'self-rolling-serving-has-no-canary',
        )}`,
      ),
    observability: z
      .boolean()
      .optional()
      .describe(
        `Prometheus, Grafana and the DCGM exporter (default true); ${mlProjectRuleNotes(
          'observability',
        )}`,
      ),
    mlflowExposure: z
      .enum(ML_PROJECT_OPTIONS.mlflowExposure)
      .describe('How the MLflow server is reached'),
    mlflowHost: z
      .string()
      .optional()
      .describe(
        'Host name of the MLflow ingress; required when mlflowExposure is "ingress"',
      ),
    repoHost: z
      .string()
      .optional()
      .describe('Host of the repository, e.g. "github.com" or "gitlab.com"'),
    openPlatformPullRequest: z
      .boolean()
      .optional()
      .describe(
        `Whether the template opens the platform pull request; ${mlProjectRuleNotes(
          'openPlatformPullRequest',
        )}`,
      ),
  };
}

/**
 * `mlops:project:validate`: checks an ML project's values on the server
 * (the form can be bypassed through the scaffolder API) and outputs them
 * normalised for the steps that follow.
 *
 * @public
 */
export function createProjectValidateAction() {
  return createTemplateAction({
    id: PROJECT_VALIDATE_ACTION_ID,
    description:
      "Checks an ML project's values (DNS-1123 names, S3 bucket rules, GPU node group bounds, known region and instance type, allowed option combinations) and outputs them normalised. Fails with a message naming each bad field.",
    examples,
    supportsDryRun: true,
    schema: {
      input: z => z.object(projectFields(z)),
      // Both schemas as functions: the scaffolder drops an output given as
      // fields when the input is given as a function.
      output: z =>
        z.object({
          values: z
            .object(projectFields(z))
            .describe(
              'The validated values: trimmed, lower-cased where case does not matter, GPU fields only when gpuEnabled, mlflowHost only with an ingress',
            ),
        }),
    },
    async handler(ctx) {
      const result = validateMlProject(ctx.input);
      if (!result.valid) {
        throw new InputError(
          `Invalid ML project values: ${formatMlProjectErrors(result.errors)}`,
        );
      }
      ctx.logger.info(`ML project values of '${result.values.name}' are valid`);
      ctx.output('values', result.values);
    },
  });
}
