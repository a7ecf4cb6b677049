import { Config } from '@backstage/config';
import { createMlflowExperimentCreateAction } from './mlflowExperimentCreate';
import { createProjectValidateAction } from './projectValidate';

export { createProjectValidateAction } from './projectValidate';
export { createMlflowExperimentCreateAction } from './mlflowExperimentCreate';

/** Any action this module contributes. @public */
export type MlopsTemplateAction =
  | ReturnType<typeof createProjectValidateAction>
  | ReturnType<typeof createMlflowExperimentCreateAction>;

/** Every action this module contributes, in the order the docs list them. */
export function createMlopsActions(options: {
  config: Config;
}): MlopsTemplateAction[] {
  return [
    createProjectValidateAction(),
    createMlflowExperimentCreateAction({ config: options.config }),
  ];
}
