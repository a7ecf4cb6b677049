import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  checkDns1123Label,
  checkEntityRef,
  ML_PROJECT_OPTIONS,
} from '@mlops-portal/plugin-mlops-common';
import {
  GithubApiError,
  GithubClient,
  GithubClientFactory,
  GithubRepoRef,
  githubClientFactoryFromIntegrations,
} from '../github/githubClient';
import {
  commitFiles,
  findPullRequest,
  getBranchSha,
  getDefaultBranch,
  readTextFile,
  setBranch,
  upsertPullRequest,
} from '../github/repoOperations';
import {
  addProjectToKustomization,
  kustomizationListsProject,
  ProjectRegistration,
  renderProjectFiles,
} from '../platform/manifests';
import {
  parseRepoRef,
  PlatformRepoConfig,
  readPlatformRepoConfig,
} from '../platform/platformConfig';
import { examples } from './platformPullRequest.examples';

export const PLATFORM_PULL_REQUEST_ACTION_ID = 'mlops:platform:pull-request';

/** Upper bound of a namespace's GPU quota, to catch typos before a bill does. */
const MAX_GPU_QUOTA = 1000;

function checkInput(
  input: {
    projectName: string;
    namespace?: string;
    owner: string;
    repoUrl: string;
    gpuQuota?: number;
  },
  integrations: ScmIntegrationRegistry,
): Omit<ProjectRegistration, 'gitopsEngine'> {
  const problems: string[] = [];
  const projectName = input.projectName.trim();
  const namespace = (input.namespace ?? projectName).trim();
  const owner = input.owner.trim();
  const nameProblem = checkDns1123Label(projectName);
  if (nameProblem)
    problems.push(`projectName: "${projectName}" ${nameProblem}`);
  const namespaceProblem = checkDns1123Label(namespace);
  if (namespaceProblem) {
    problems.push(`namespace: "${namespace}" ${namespaceProblem}`);
  }
  const ownerProblem = checkEntityRef(owner);
  if (ownerProblem) problems.push(`owner: "${owner}" ${ownerProblem}`);
  let repo: GithubRepoRef | undefined;
  try {
    repo = parseRepoRef(input.repoUrl, integrations);
  } catch (error) {
    problems.push(
      `repoUrl: "${
        input.repoUrl
      }" is not a repository URL such as https://github.com/acme/churn or github.com?owner=acme&repo=churn (${
        (error as Error).message
      })`,
    );
  }
  const gpuQuota = input.gpuQuota ?? 0;
  if (!Number.isInteger(gpuQuota) || gpuQuota < 0 || gpuQuota > MAX_GPU_QUOTA) {
    problems.push(
      `gpuQuota: must be a whole number from 0 to ${MAX_GPU_QUOTA} (got ${gpuQuota})`,
    );
  }
  if (problems.length > 0 || !repo) {
    throw new InputError(
      `Invalid mlops:platform:pull-request input: ${problems.join('; ')}`,
    );
  }
  return {
    projectName,
    namespace,
    owner,
    repoCloneUrl: `https://${repo.host}/${repo.owner}/${repo.repo}.git`,
    gpuQuota,
  };
}

function describePullRequest(
  project: ProjectRegistration,
  config: PlatformRepoConfig,
  requestedBy: string | undefined,
): { title: string; body: string } {
  const engine =
    project.gitopsEngine === 'argocd'
      ? 'Argo CD Application'
      : 'Flux Kustomization';
  return {
    title: `Register ML project ${project.projectName}`,
    body: [
      `Registers the ML project **${project.projectName}** on the platform:`,
      '',
      `- namespace \`${project.namespace}\``,
      `- GPU quota \`requests.nvidia.com/gpu: ${project.gpuQuota}\``,
      `- ClusterRole \`${config.rbac.clusterRole}\` in the namespace for \`${project.owner}\``,
      `- ${engine} syncing \`${config.sourcePath}\` of ${project.repoCloneUrl} at \`${config.sourceRevision}\``,
      `- \`${config.projectsPath}/kustomization.yaml\` lists \`${project.projectName}\``,
      '',
      `Opened by the Backstage scaffolder action \`${PLATFORM_PULL_REQUEST_ACTION_ID}\`${
        requestedBy ? ` for ${requestedBy}` : ''
      }; running the template again updates this pull request.`,
    ].join('\n'),
  };
}

/** Adds what the platform team should do to a GitHub error. */
function explain(error: unknown, config: PlatformRepoConfig): never {
  if (error instanceof GithubApiError) {
    throw new Error(
      `Could not open the platform pull request on ${config.repo.host}/${config.repo.owner}/${config.repo.repo}: ${error.message}`,
    );
  }
  throw error;
}

/**
 * `mlops:platform:pull-request`: opens, or updates, the pull request that
 * registers a new ML project in the platform GitOps repository.
 *
 * @public
 */
export function createPlatformPullRequestAction(options: {
  config: Config;
  /** Overrides how GitHub clients are made; tests inject fakes here. */
  githubClientFactory?: GithubClientFactory;
}) {
  const platform = readPlatformRepoConfig(options.config);
  const integrations = ScmIntegrations.fromConfig(options.config);
  const githubClientFactory =
    options.githubClientFactory ??
    githubClientFactoryFromIntegrations(integrations);

  return createTemplateAction({
    id: PLATFORM_PULL_REQUEST_ACTION_ID,
    description:
      "Opens (or updates) a pull request on the platform GitOps repository (mlops.platform.repoUrl) that registers an ML project: its namespace, a GPU ResourceQuota, RBAC for the owning team and the Argo CD Application or Flux Kustomization pointing at the project's repository, added to the existing projects kustomization.yaml.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        projectName: z =>
          z
            .string()
            .describe(
              'Project name (DNS-1123 label); names its folder, Application/Kustomization and branch',
            ),
        namespace: z =>
          z
            .string()
            .optional()
            .describe(
              'Kubernetes namespace of the project (DNS-1123 label); defaults to projectName',
            ),
        owner: z =>
          z
            .string()
            .describe(
              'Owning group or user as an entity ref; gets the RBAC ClusterRole in the namespace',
            ),
        repoUrl: z =>
          z
            .string()
            .describe(
              "The project's repository: https://github.com/acme/churn or github.com?owner=acme&repo=churn",
            ),
        gitopsEngine: z =>
          z
            .enum(ML_PROJECT_OPTIONS.gitopsEngine)
            .describe(
              'Writes an Argo CD Application (argocd) or a Flux GitRepository + Kustomization (flux)',
            ),
        gpuQuota: z =>
          z
            .number()
            .int()
            .optional()
            .describe(
              'GPUs the namespace may request in total (requests.nvidia.com/gpu); default 0',
            ),
      },
      output: {
        pullRequestUrl: z =>
          z
            .string()
            .describe(
              'The pull request; when the project was registered already, its earlier pull request or else its folder in the platform repository',
            ),
        pullRequestNumber: z =>
          z
            .number()
            .describe(
              'Number of the pull request; 0 in a dry run or when none was needed',
            ),
        alreadyRegistered: z =>
          z
            .boolean()
            .describe(
              'True when the platform repository lists the project already and nothing was changed',
            ),
      },
    },
    async handler(ctx) {
      const project: ProjectRegistration = {
        ...checkInput(ctx.input, integrations),
        gitopsEngine: ctx.input.gitopsEngine,
      };
      if (!platform) {
        throw new InputError(
          'The platform repository is not configured: set mlops.platform.repoUrl in app-config',
        );
      }
      const { repo } = platform;
      const repoWebUrl = `https://${repo.host}/${repo.owner}/${repo.repo}`;
      const branch = `mlops/register-${project.projectName}`;
      const topPath = `${platform.projectsPath}/kustomization.yaml`;
      const projectFiles = renderProjectFiles(project, platform);

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would open or update a pull request from ${branch} on ${repoWebUrl} writing ${[
            ...Object.keys(projectFiles),
            topPath,
          ].join(', ')}`,
        );
        ctx.output(
          'pullRequestUrl',
          `${repoWebUrl}/compare/${
            platform.baseBranch ? `${platform.baseBranch}...` : ''
          }${branch}`,
        );
        ctx.output('pullRequestNumber', 0);
        ctx.output('alreadyRegistered', false);
        return;
      }

      let client: GithubClient;
      try {
        client = await githubClientFactory(repo);
      } catch (error) {
        explain(error, platform);
      }

      const result = await ctx.checkpoint({
        key: `mlops.platform.pull-request.${project.projectName}`,
        fn: async () => {
          try {
            const base =
              platform.baseBranch ?? (await getDefaultBranch(client));
            const baseSha = await getBranchSha(client, base);
            if (!baseSha) {
              throw new InputError(
                `Base branch '${base}' of ${repoWebUrl} does not exist (mlops.platform.baseBranch)`,
              );
            }
            const projectFolder = `${platform.projectsPath}/${project.projectName}/kustomization.yaml`;
            if (
              kustomizationListsProject(
                await readTextFile(client, topPath, baseSha),
                project.projectName,
              ) &&
              (await readTextFile(client, projectFolder, baseSha)) !== undefined
            ) {
              const earlier = await findPullRequest(client, branch, 'all');
              ctx.logger.info(
                `${repoWebUrl} registers ${project.projectName} already (${topPath}); left unchanged`,
              );
              return {
                url:
                  earlier?.url ??
                  `${repoWebUrl}/tree/${base}/${platform.projectsPath}/${project.projectName}`,
                number: earlier?.number ?? 0,
                alreadyRegistered: true,
              };
            }

            const branchSha = await getBranchSha(client, branch);
            const startSha = branchSha ?? baseSha;
            const topText = await readTextFile(client, topPath, startSha);
            const desired: Record<string, string> = {
              ...projectFiles,
              [topPath]: addProjectToKustomization(
                topText,
                project.projectName,
                topPath,
              ),
            };
            const changed: Record<string, string> = {};
            for (const [path, content] of Object.entries(desired)) {
              const current =
                path === topPath
                  ? topText
                  : await readTextFile(client, path, startSha);
              if (current !== content) changed[path] = content;
            }
            if (Object.keys(changed).length > 0) {
              const sha = await commitFiles(client, {
                parentSha: startSha,
                files: changed,
                message: `Register ML project ${project.projectName}`,
              });
              await setBranch(client, branch, sha, branchSha !== undefined);
              ctx.logger.info(
                `Committed ${Object.keys(changed).join(', ')} to ${branch}`,
              );
            } else {
              ctx.logger.info(`${branch} is up to date; no commit needed`);
            }
            const pull = await upsertPullRequest(client, {
              branch,
              base,
              ...describePullRequest(project, platform, ctx.user?.ref),
            });
            ctx.logger.info(
              `${pull.created ? 'Opened' : 'Updated'} pull request #${
                pull.number
              }: ${pull.url}`,
            );
            return {
              url: pull.url,
              number: pull.number,
              alreadyRegistered: false,
            };
          } catch (error) {
            return explain(error, platform);
          }
        },
      });

      ctx.output('pullRequestUrl', result.url);
      ctx.output('pullRequestNumber', result.number);
      ctx.output('alreadyRegistered', result.alreadyRegistered);
    },
  });
}
