/**
 * The mlops module for `@backstage/plugin-scaffolder-backend`: actions that
 * validate ML projects, create MLflow experiments and open platform pull
 * requests.
 *
 * @packageDocumentation
 */

export { scaffolderModule as default } from './module';
export {
  createMlflowExperimentCreateAction,
  createPlatformPullRequestAction,
  createProjectValidateAction,
  createReproducibilityAddChecksAction,
} from './actions';
export type { MlopsTemplateAction } from './actions';
export type {
  GithubClient,
  GithubClientFactory,
  GithubRepoRef,
} from './github/githubClient';
export { GithubApiError } from './github/githubClient';
