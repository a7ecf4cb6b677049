import { Config } from '@backstage/config';
import { GithubClientFactory } from '../github/githubClient';
import { createMlflowExperimentCreateAction } from './mlflowExperimentCreate';
import { createPlatformPullRequestAction } from './platformPullRequest';
import { createProjectValidateAction } from './projectValidate';
import { createReproducibilityAddChecksAction } from './reproducibilityAddChecks';

export { createProjectValidateAction } from './projectValidate';
export { createMlflowExperimentCreateAction } from './mlflowExperimentCreate';
export { createPlatformPullRequestAction } from './platformPullRequest';
export { createReproducibilityAddChecksAction } from './reproducibilityAddChecks';

/** Any action this module contributes. @public */
export type MlopsTemplateAction =
  | ReturnType<typeof createProjectValidateAction>
  | ReturnType<typeof createMlflowExperimentCreateAction>
  | ReturnType<typeof createPlatformPullRequestAction>
  | ReturnType<typeof createReproducibilityAddChecksAction>;

/** Every action this module contributes, in the order the docs list them. */
export function createMlopsActions(options: {
  config: Config;
  githubClientFactory?: GithubClientFactory;
}): MlopsTemplateAction[] {
  return [
    createProjectValidateAction(),
    createMlflowExperimentCreateAction({ config: options.config }),
    createPlatformPullRequestAction(options),
    createReproducibilityAddChecksAction(),
  ];
}
