import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ensureMlflowExperiment,
  MlflowApiError,
  mlflowHttpTransport,
  mlflowUiLinks,
  readMlopsConfig,
  selectMlflowInstance,
} from '@mlops-portal/plugin-mlops-node';
import { examples } from './mlflowExperimentCreate.examples';

export const MLFLOW_EXPERIMENT_CREATE_ACTION_ID = 'mlflow:experiment:create';

/** MLflow's limits on experiment names and tags (mlflow/utils/validation.py). */
const MAX_EXPERIMENT_NAME_LENGTH = 500;
const MAX_TAG_KEY_LENGTH = 250;
const MAX_TAG_VALUE_LENGTH = 5000;

/** Experiment id reported by a dry run, which contacts no MLflow server. */
export const DRY_RUN_EXPERIMENT_ID = 'dry-run';

function checkInput(name: string, tags: Record<string, string>) {
  const problems: string[] = [];
  if (name.trim() === '') {
    problems.push('name: must not be empty');
  } else if (name.length > MAX_EXPERIMENT_NAME_LENGTH) {
    problems.push(
      `name: must be at most ${MAX_EXPERIMENT_NAME_LENGTH} characters (got ${name.length})`,
    );
  }
  for (const [key, value] of Object.entries(tags)) {
    if (key === '' || key.length > MAX_TAG_KEY_LENGTH) {
      problems.push(
        `tags: key "${key}" must be 1 to ${MAX_TAG_KEY_LENGTH} characters`,
      );
    }
    if (value.length > MAX_TAG_VALUE_LENGTH) {
      problems.push(
        `tags.${key}: value must be at most ${MAX_TAG_VALUE_LENGTH} characters`,
      );
    }
  }
  if (problems.length > 0) {
    throw new InputError(
      `Invalid mlflow:experiment:create input: ${problems.join('; ')}`,
    );
  }
}

/**
 * `mlflow:experiment:create`: makes sure the project's experiment exists on a
 * configured MLflow instance. The instance URL and token come only from
 * `mlops.mlflow.instances` config; the template merely names the instance.
 *
 * @public
 */
export function createMlflowExperimentCreateAction(options: {
  config: Config;
}) {
  const mlopsConfig = readMlopsConfig(options.config);
  return createTemplateAction({
    id: MLFLOW_EXPERIMENT_CREATE_ACTION_ID,
    description:
      'Creates an MLflow experiment on a configured MLflow instance, or reuses the active experiment of that name, and sets its tags. Outputs the experiment id and its MLflow UI URL.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Experiment name; the catalog annotation mlflow.org/experiment-name should match it',
            ),
        instance: z =>
          z
            .string()
            .optional()
            .describe(
              'Name of an MLflow instance in mlops.mlflow.instances; defaults to mlops.mlflow.defaultInstance',
            ),
        tags: z =>
          z
            .record(z.string())
            .optional()
            .describe(
              'Experiment tags, e.g. the owner and repository URL; existing tags of a reused experiment are overwritten only where they differ',
            ),
      },
      output: {
        experimentId: z =>
          z.string().describe('MLflow experiment id ("dry-run" in a dry run)'),
        experimentUrl: z =>
          z.string().describe('Link to the experiment in the MLflow UI'),
      },
    },
    async handler(ctx) {
      const name = ctx.input.name.trim();
      const tags = ctx.input.tags ?? {};
      checkInput(name, tags);

      const instance = selectMlflowInstance(mlopsConfig, ctx.input.instance);
      if (!instance) {
        const configured = mlopsConfig.mlflow.instances.map(i => i.name);
        throw new InputError(
          configured.length === 0
            ? 'instance: no MLflow instance is configured; add one under mlops.mlflow.instances in app-config'
            : `instance: no MLflow instance named '${
                ctx.input.instance ?? mlopsConfig.mlflow.defaultInstance
              }' in mlops.mlflow.instances (configured: ${configured.join(
                ', ',
              )})`,
        );
      }

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create or reuse MLflow experiment '${name}' on instance '${
            instance.name
          }' with tags ${JSON.stringify(tags)}`,
        );
        ctx.output('experimentId', DRY_RUN_EXPERIMENT_ID);
        ctx.output(
          'experimentUrl',
          mlflowUiLinks.experiment(instance.uiUrl, DRY_RUN_EXPERIMENT_ID),
        );
        return;
      }

      const result = await ctx.checkpoint({
        key: `mlflow.experiment.${instance.name}.${name}`,
        fn: async () => {
          try {
            const ensured = await ensureMlflowExperiment(
              mlflowHttpTransport(instance),
              { name, tags },
              { timeoutMs: mlopsConfig.timeoutMs, signal: ctx.signal },
            );
            return {
              experimentId: ensured.experimentId,
              created: ensured.created,
            };
          } catch (error) {
            if (error instanceof MlflowApiError) {
              throw new Error(
                `Could not create MLflow experiment '${name}' on instance '${instance.name}': ${error.message}`,
              );
            }
            throw error;
          }
        },
      });
      ctx.logger.info(
        result.created
          ? `Created MLflow experiment '${name}' (id ${result.experimentId}) on instance '${instance.name}'`
          : `Reused existing MLflow experiment '${name}' (id ${result.experimentId}) on instance '${instance.name}'`,
      );
      ctx.output('experimentId', result.experimentId);
      ctx.output(
        'experimentUrl',
        mlflowUiLinks.experiment(instance.uiUrl, result.experimentId),
      );
    },
  });
}
