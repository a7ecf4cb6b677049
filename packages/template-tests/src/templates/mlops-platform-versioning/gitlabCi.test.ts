import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { JsonObject } from '@backstage/types';
import {
  expectFailure,
  startDryRunServer,
} from '../../scaffolder/dryRunServer';
import { createAjv, formatErrors } from '../../validators/jsonSchemas';
import { schemaDir } from '../../validators/schemaDir';
import { runTool } from '../../validators/systemTools';
import { baseValues, combinations } from './combinations';
import { formErrors } from './formValidator';
// The render tests each import the renderAll helpers they use: a list of names, not repeated logic.
import {
  checkWorkflowFiles,
  fileText,
  removeRendered,
  renderAll,
  RenderedCombination,
  template,
} from './renderAll';

const gitlabRepoUrl = 'gitlab.com?owner=acme&repo=fraud-detection';
const gitlabCombination = combinations.find(c =>
  String(c.values.repoUrl).startsWith('gitlab.com'),
)!;

/** Each GitLab project next to the same choices on GitHub. */
const pairs: Array<{ id: string; values: JsonObject }> = [
  { id: 'canary', values: gitlabCombination.values },
  { id: 'no-canary', values: { ...baseValues, repoUrl: gitlabRepoUrl } },
  {
    id: 'terraform',
    values: {
      ...baseValues,
      repoUrl: gitlabRepoUrl,
      infrastructure: 'terraform',
    },
  },
  {
    // Every image: MLflow, model server, Ray CPU and GPU, the pipeline tasks.
    id: 'all-images',
    values: {
      ...baseValues,
      repoUrl: gitlabRepoUrl,
      orchestration: 'kubeflow',
      rayTraining: true,
      gpuEnabled: true,
      gpuInstanceType: 'g5.xlarge',
      gpuMinSize: 0,
      gpuMaxSize: 2,
    },
  },
];

/** Top-level keys of `.gitlab-ci.yml` that are keywords, not jobs. */
const gitlabKeywords = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
]);

const validateGitlabCi = createAjv().compile(
  JSON.parse(
    fs.readFileSync(path.join(schemaDir, 'gitlab-ci.schema.json'), 'utf8'),
  ),
);

interface GitlabJob {
  extends?: string;
  script?: string[];
  before_script?: string[];
  rules?: Array<{ if?: string; changes?: string[] }>;
  image?: string;
  variables?: Record<string, string>;
  parallel?: { matrix?: Array<Record<string, string>> };
}

function gitlabPipeline(r: RenderedCombination) {
  const pipeline = parse(fileText(r, '.gitlab-ci.yml')) as Record<
    string,
    unknown
  >;
  const jobs = Object.entries(pipeline)
    .filter(([key]) => !key.startsWith('.') && !gitlabKeywords.has(key))
    .map(([name, job]) => {
      // Resolve the one level of `extends` the file uses.
      const own = job as GitlabJob;
      const base = own.extends
        ? (pipeline[own.extends] as GitlabJob)
        : ({} as GitlabJob);
      return { name, job: { ...base, ...own } };
    });
  return { pipeline, jobs };
}

const MERGE_CHECK_RULES = [
  '$CI_PIPELINE_SOURCE == "merge_request_event"',
  '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
];

/** The jobs that block a merge: they run on every merge request and on main, whatever it changes. */
function gitlabChecks(r: RenderedCombination) {
  return gitlabPipeline(r).jobs.filter(
    ({ job }) =>
      JSON.stringify(job.rules?.map(rule => rule.if)) ===
        JSON.stringify(MERGE_CHECK_RULES) &&
      !job.rules?.some(rule => rule.changes),
  );
}

function githubJobs(r: RenderedCombination) {
  return checkWorkflowFiles(r).flatMap(file =>
    Object.values(
      parse(fileText(r, file)).jobs as Record<
        string,
        {
          name: string;
          steps: Array<{
            run?: string;
            uses?: string;
            with?: Record<string, string>;
          }>;
        }
      >,
    ),
  );
}

/** Repository paths (globs allowed) a CI command line refers to. */
function referencedPaths(commands: string[]) {
  return [
    ...new Set(
      commands.flatMap(
        command =>
          command.match(/(?:control-plane|data-plane|scripts)\/[\w./*-]+/g) ??
          [],
      ),
    ),
  ].sort();
}

function existsInRepository(r: RenderedCombination, reference: string) {
  const pattern = new RegExp(
    `^${reference.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`,
  );
  return [...r.result.files.keys()].some(file => pattern.test(file));
}

describe('templates/mlops-platform-versioning: GitLab CI for gitlab.com projects', () => {
  let rendered: RenderedCombination[] = [];
  const gitlab = (id: string) => rendered.find(r => r.id === `gitlab-${id}`)!;
  const github = (id: string) => rendered.find(r => r.id === `github-${id}`)!;
  const messages = (r: RenderedCombination) =>
    r.result.log.map(entry => entry.body.message);

  beforeAll(async () => {
    rendered = await renderAll(
      pairs.flatMap(pair => [
        { id: `gitlab-${pair.id}`, values: pair.values },
        {
          id: `github-${pair.id}`,
          values: { ...pair.values, repoUrl: baseValues.repoUrl },
        },
      ]),
    );
  }, 120_000);

  afterAll(() => removeRendered(rendered));

  describe.each(pairs.map(p => [p.id]))('%s', id => {
    it(".gitlab-ci.yml validates against GitLab's CI schema", () => {
      const { pipeline } = gitlabPipeline(gitlab(id));
      const valid = validateGitlabCi(pipeline);
      expect(formatErrors(validateGitlabCi.errors)).toEqual([]);
      expect(valid).toBe(true);
      // The schema does catch a misspelt job keyword.
      expect(
        validateGitlabCi({ ...pipeline, broken: { scripts: ['true'] } }),
      ).toBe(false);
    });

    it('has the jobs of the GitHub workflows for the same choices, named as the checks', () => {
      const gitlabNames = gitlabChecks(gitlab(id))
        .map(j => j.name)
        .sort();
      const githubNames = githubJobs(github(id))
        .map(job => job.name)
        .sort();
      expect(gitlabNames).toEqual(githubNames);
      expect(gitlabNames).toEqual(
        [
          'dvc-lock-fresh',
          'dvc-outputs-pushed',
          'manifests-valid',
          'mlflow-run-metadata',
          ...(id === 'canary' ? ['canary-gate'] : []),
        ].sort(),
      );
      // The README's "Checks that block a merge" table lists exactly these jobs.
      const readme = fileText(gitlab(id), 'README.md');
      const section = readme.slice(
        readme.indexOf('## Checks that block a merge'),
        readme.indexOf('## Components'),
      );
      const listed = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map(
        m => m[1],
      );
      expect(listed.sort()).toEqual(gitlabNames);
    });

    it('runs the same check scripts as the GitHub workflows, and every one exists in the repository', () => {
      const gitlabCommands = gitlabChecks(gitlab(id)).flatMap(({ job }) => [
        ...(job.before_script ?? []),
        ...(job.script ?? []),
      ]);
      const githubCommands = githubJobs(github(id)).flatMap(job =>
        job.steps.flatMap(step => (step.run ? [step.run] : [])),
      );
      const references = referencedPaths(gitlabCommands);
      expect(references).toEqual(referencedPaths(githubCommands));
      expect(references).toEqual(
        expect.arrayContaining([
          'control-plane/ci-cd/checks/reproducibility.py',
          'control-plane/ci-cd/checks/validate-manifests.sh',
        ]),
      );
      expect(
        references.filter(ref => !existsInRepository(gitlab(id), ref)),
      ).toEqual([]);
    });

    it('runs every job on merge requests and on main, in a pinned image, with no variables or secrets in the file', () => {
      const { pipeline, jobs } = gitlabPipeline(gitlab(id));
      // Besides the checks: the metrics report on merge requests, the promotion on main.
      expect(
        jobs
          .filter(
            ({ name }) => !gitlabChecks(gitlab(id)).some(c => c.name === name),
          )
          .map(({ name, job }) => ({
            name,
            rules: job.rules?.map(rule => rule.if),
          })),
      ).toEqual([
        { name: 'metrics-report', rules: [MERGE_CHECK_RULES[0]] },
        { name: 'promote-model', rules: [MERGE_CHECK_RULES[1]] },
        // Only when an image's sources change, like images.yml's paths.
        { name: 'build-images', rules: MERGE_CHECK_RULES },
      ]);
      for (const { name, job } of jobs) {
        expect({ name, image: job.image }).toEqual({
          name,
          image: expect.stringMatching(/^[\w./-]+:v?\d+\.\d+\.\d+[\w.-]*$/),
        });
        expect({ name, variables: job.variables }).toEqual({
          name,
          variables: undefined,
        });
      }
      expect(pipeline.variables).toBeUndefined();
      // Comments aside, no credential is in the file: jobs only name CI/CD
      // variables ($PROMOTION_TOKEN) and GitLab's OIDC ID token (id_tokens).
      const literal = JSON.stringify(pipeline)
        // A flag name (the registry login reads the masked variable from stdin).
        .replace(/--password-stdin/g, '')
        .replace(/\$\{?[A-Z][A-Z0-9_]*\}?|\b[A-Z][A-Z0-9_]{2,}=/g, '$VAR')
        .replace(/"id_tokens":\{"AWS_ID_TOKEN":/g, '');
      expect(literal).not.toMatch(/token|password|secret/i);
      expect(
        JSON.stringify(pipeline).replace(/\$\{?[A-Z][A-Z0-9_]*\}?/g, ''),
      ).not.toMatch(/AKIA|glpat-/);
    });

    it('builds the images images.yml builds, under the immutable tags control-plane/kustomization.yaml names, with rootless Buildah', () => {
      const r = gitlab(id);
      const build = gitlabPipeline(r).jobs.find(
        j => j.name === 'build-images',
      )!.job;
      const matrix = build.parallel!.matrix!;
      const githubMatrix: Array<Record<string, string>> = parse(
        fileText(github(id), '.github/workflows/images.yml'),
      ).jobs['build-images'].strategy.matrix.include;
      expect(
        matrix.map(m => ({
          image: m.IMAGE,
          context: m.CONTEXT,
          buildArg: m.BUILD_ARG,
          file: m.DOCKERFILE,
        })),
      ).toEqual(
        githubMatrix.map(m => ({
          image: m.image,
          context: m.context,
          buildArg: m['build-args'],
          file: m.file ?? `${m.context}/Dockerfile`,
        })),
      );
      expect(matrix.filter(m => !r.result.files.has(m.DOCKERFILE))).toEqual([]);
      expect(matrix.map(m => m.IMAGE)).toEqual(
        id === 'all-images'
          ? [
              'mlflow-server',
              'model-server',
              'ray-image',
              'pipeline-runner',
              'ray-gpu-image',
            ]
          : ['mlflow-server', 'model-server'],
      );
      // The job's own first command finds each image's name and tag in the rendered kustomization.
      const images: Array<{ name: string; newName: string; newTag: string }> =
        parse(fileText(r, 'control-plane/kustomization.yaml')).images;
      for (const { IMAGE } of [...matrix, { IMAGE: 'no-such-image' }]) {
        const entry = images.find(i => i.name === IMAGE);
        const run = runTool(
          'bash',
          ['-c', `${build.script![0]}\nprintf '%s' "$ref"`],
          {
            cwd: r.dir,
            env: { ...process.env, IMAGE },
          },
        );
        expect({ IMAGE, ...run }).toEqual({
          IMAGE,
          status: 0,
          output: entry ? `${entry.newName}:${entry.newTag}` : '',
        });
      }
      const script = build.script!.join('\n');
      // Pushes only on the default branch, never over an existing tag, with no Docker daemon.
      expect(script).toMatch(
        /buildah --storage-driver vfs build --isolation chroot --file "\$DOCKERFILE"/,
      );
      expect(script).toMatch(
        /then echo "\$ref already exists; set a new newTag/,
      );
      expect(script).toMatch(
        /if \[ "\$CI_COMMIT_BRANCH" = "\$CI_DEFAULT_BRANCH" \]; then buildah --storage-driver vfs push "\$ref"/,
      );
      expect(JSON.stringify(build)).not.toMatch(/dind|privileged|docker build/);
      expect(build.image).toBe('quay.io/buildah/stable:v1.44.0');
    });

    it('a GitLab project has no GitHub workflows and a GitHub repository no .gitlab-ci.yml', () => {
      expect(
        [...gitlab(id).result.files.keys()].filter(f =>
          f.startsWith('.github/'),
        ),
      ).toEqual([]);
      expect(github(id).result.files.has('.gitlab-ci.yml')).toBe(false);
      expect(githubJobs(github(id)).length).toBeGreaterThanOrEqual(3);
    });
  });

  it('installs the same Terraform in both CI flavours when Terraform is chosen, and none otherwise', () => {
    const gitlabVersion = fileText(gitlab('terraform'), '.gitlab-ci.yml').match(
      /terraform_(\d+\.\d+\.\d+)_linux_amd64\.zip/,
    )?.[1];
    expect(gitlabVersion).toMatch(/^1\.\d+\.\d+$/);
    const setupTerraform = githubJobs(github('terraform'))
      .flatMap(job => job.steps)
      .find(step => step.uses?.startsWith('hashicorp/setup-terraform@'));
    expect(setupTerraform?.with?.terraform_version).toBe(gitlabVersion);
    expect(fileText(gitlab('no-canary'), '.gitlab-ci.yml')).not.toContain(
      'terraform',
    );
    expect(
      fileText(github('no-canary'), '.github/workflows/manifests.yml'),
    ).not.toContain('terraform');
  });

  it('publishes a GitLab project with publish:gitlab, pipelines required, and never with publish:github', () => {
    const r = gitlab('canary');
    const prefix =
      'Running publish:gitlab in dry-run mode with inputs (secrets redacted): ';
    const log = messages(r).find(m => m.includes(prefix));
    expect(log).toBeDefined();
    const input = JSON.parse(log!.slice(log!.indexOf(prefix) + prefix.length));
    // GitLab protects the default branch on the first push; asking the action
    // to protect it again fails with "already exists" after the push.
    expect(input.branches).toBeUndefined();
    expect(input).toEqual(
      expect.objectContaining({
        repoUrl: gitlabRepoUrl,
        repoVisibility: 'private',
        defaultBranch: 'main',
        settings: expect.objectContaining({
          only_allow_merge_if_pipeline_succeeds: true,
          allow_merge_on_skipped_pipeline: false,
        }),
      }),
    );
    expect(messages(r).some(m => m.includes('publish:github'))).toBe(false);
    expect(messages(r)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'Skipping step publish because its if condition was false',
        ),
      ]),
    );
    // The catalog registration and the Repository link read publish-gitlab's output.
    expect(messages(r)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Running catalog:register in dry-run mode'),
      ]),
    );
    const links = r.result.output.links as Array<{
      title: string;
      url?: string;
    }>;
    expect(links[0]).toEqual({ title: 'Repository', url: '<example>' });
  });

  it('publishes a GitHub repository with publish:github and skips publish:gitlab', () => {
    const r = github('canary');
    expect(
      messages(r).some(m =>
        m.includes('Running publish:github in dry-run mode'),
      ),
    ).toBe(true);
    expect(messages(r).some(m => m.includes('publish:gitlab in dry-run'))).toBe(
      false,
    );
    expect(messages(r)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'Skipping step publish-gitlab because its if condition was false',
        ),
      ]),
    );
  });

  it('catalog-info.yaml names the GitLab project and points the source location at GitLab', () => {
    const annotations = parse(fileText(gitlab('canary'), 'catalog-info.yaml'))
      .metadata.annotations;
    expect(annotations['gitlab.com/project-slug']).toBe('acme/fraud-detection');
    expect(annotations['github.com/project-slug']).toBeUndefined();
    expect(annotations['backstage.io/source-location']).toBe(
      'url:https://gitlab.com/acme/fraud-detection/-/tree/main/',
    );
    const githubAnnotations = parse(
      fileText(github('canary'), 'catalog-info.yaml'),
    ).metadata.annotations;
    expect(githubAnnotations['github.com/project-slug']).toBe(
      'acme/fraud-detection',
    );
    expect(githubAnnotations['gitlab.com/project-slug']).toBeUndefined();
  });

  it('the README says GitLab CI runs the checks and how to require the pipeline', () => {
    const readme = fileText(gitlab('canary'), 'README.md');
    expect(readme).toContain('GitLab CI runs each check');
    expect(readme).toContain('Pipelines must succeed');
    expect(readme).toContain('Protected branches');
    expect(readme).not.toContain('GitHub Actions');
    expect(fileText(gitlab('canary'), 'docs/architecture.md')).toContain(
      'GitLab CI: dvc-lock-fresh',
    );
    expect(fileText(github('canary'), 'README.md')).toContain(
      'Branch protection on `main` requires all of them.',
    );
  });
});

describe('templates/mlops-platform-versioning: the platform pull request needs a GitHub repository', () => {
  const gitlabWithPullRequest = {
    ...baseValues,
    repoUrl: gitlabRepoUrl,
    openPlatformPullRequest: true,
  };

  it('the form refuses it for a gitlab.com project, naming the field', () => {
    const onField = formErrors(gitlabWithPullRequest).filter(
      e => e.property === '.openPlatformPullRequest',
    );
    expect(onField.map(e => e.message)).toEqual([
      expect.stringContaining(
        'Open a pull request on the platform repository is available only for github.com repositories',
      ),
    ]);
    expect(
      formErrors({ ...gitlabWithPullRequest, openPlatformPullRequest: false }),
    ).toEqual([]);
    expect(
      formErrors({ ...baseValues, openPlatformPullRequest: true }),
    ).toEqual([]);
  });

  it('the scaffolder API refuses it before any step runs', async () => {
    const server = await startDryRunServer();
    try {
      const failure = expectFailure(
        await server.dryRun(template, gitlabWithPullRequest),
      );
      expect(failure.status).toBe(400);
      const body = failure.body as { errors: Array<{ property: string }> };
      expect(body.errors.map(e => e.property)).toContain(
        'instance.openPlatformPullRequest',
      );
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('mlops:project:validate refuses it before publishing when a client skips the form schema', async () => {
    const withoutFormSchema = {
      ...template,
      entity: {
        ...template.entity,
        spec: { ...(template.entity.spec as JsonObject), parameters: [] },
      },
    };
    const server = await startDryRunServer();
    try {
      const failure = expectFailure(
        await server.dryRun(withoutFormSchema, gitlabWithPullRequest),
      );
      expect(failure.status).toBe(400);
      const body = failure.body as { error: { message: string } };
      expect(body.error.message).toContain(
        'openPlatformPullRequest: is available only for GitHub repositories (the repository is on gitlab.com)',
      );
    } finally {
      await server.stop();
    }
  }, 60_000);
});
