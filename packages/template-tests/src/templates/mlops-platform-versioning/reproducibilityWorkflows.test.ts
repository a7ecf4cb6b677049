import { parse } from 'yaml';
import { baseValues } from './combinations';
import {
  fileText,
  removeRendered,
  renderAll,
  RenderedCombination,
} from './renderAll';

/*
 * What the generated reproducibility CI runs, for both remote kinds and both CI hosts:
 * the commands reproducibility.test.ts tests, in the same order on GitHub and GitLab,
 * third-party actions pinned by commit SHA, S3 by OIDC role and MinIO by access key,
 * and docs/reproduce-in-3-steps.md saying what CI does.
 */

const gitlabRepoUrl = 'gitlab.com?owner=acme&repo=fraud-detection';
const minio = {
  storage: 'minio',
  minioEndpoint: 'https://minio.storage.example.org:9443',
};
const variants = [
  { id: 'wf-github-s3', values: baseValues },
  { id: 'wf-github-minio', values: { ...baseValues, ...minio } },
  { id: 'wf-gitlab-s3', values: { ...baseValues, repoUrl: gitlabRepoUrl } },
  {
    id: 'wf-gitlab-minio',
    values: { ...baseValues, ...minio, repoUrl: gitlabRepoUrl },
  },
];

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
type Jobs = Record<
  string,
  {
    steps: Step[];
    permissions?: Record<string, string>;
    env?: Record<string, string>;
  }
>;

const checkCommands = (commands: string[]) =>
  commands.flatMap(c =>
    [...c.matchAll(/reproducibility\.py (\w+)/g)].map(m => m[1]),
  );

describe('the generated reproducibility CI', () => {
  let rendered: RenderedCombination[] = [];
  const get = (id: string) => rendered.find(r => r.id === id)!;

  beforeAll(async () => {
    rendered = await renderAll(variants);
  }, 180_000);

  afterAll(() => removeRendered(rendered));

  const workflow = (id: string, file: string) =>
    parse(fileText(get(id), `.github/workflows/${file}`)) as {
      env: Record<string, string>;
      jobs: Jobs;
    };
  const gitlab = (id: string) =>
    parse(fileText(get(id), '.gitlab-ci.yml')) as Record<
      string,
      { script?: string[]; before_script?: string[]; id_tokens?: unknown }
    >;

  it.each(['wf-github-s3', 'wf-github-minio'])(
    '%s: pins every third-party action by commit SHA',
    id => {
      for (const file of [
        'reproducibility.yml',
        'pr-report.yml',
        'promote-model.yml',
      ]) {
        const text = fileText(get(id), `.github/workflows/${file}`);
        const uses = [...text.matchAll(/uses: (\S+)(.*)/g)].map(m => ({
          action: m[1],
          comment: m[2].trim(),
        }));
        expect(uses.length).toBeGreaterThan(0);
        for (const { action, comment } of uses) {
          expect({
            file,
            action,
            pinned: /^[\w-]+\/[\w-]+@[0-9a-f]{40}$/.test(action),
            comment,
          }).toEqual({
            file,
            action,
            pinned: true,
            comment: expect.stringMatching(/^# v\d+\.\d+\.\d+$/),
          });
        }
      }
    },
  );

  it.each(['wf-github-s3', 'wf-github-minio'])(
    '%s: dvc-lock-fresh installs, pulls, then runs status and repro',
    id => {
      const { jobs, env } = workflow(id, 'reproducibility.yml');
      const runs = jobs['dvc-lock-fresh'].steps.flatMap(s =>
        s.run ? [s.run] : [],
      );
      expect(runs).toEqual([
        'control-plane/ci-cd/checks/install-requirements.sh',
        'dvc pull',
        'python control-plane/ci-cd/checks/reproducibility.py status',
        'python control-plane/ci-cd/checks/reproducibility.py repro',
      ]);
      expect(
        checkCommands(
          jobs['dvc-outputs-pushed'].steps.flatMap(s => (s.run ? [s.run] : [])),
        ),
      ).toEqual(['pushed']);
      expect(
        checkCommands(
          jobs['mlflow-run-metadata'].steps.flatMap(s =>
            s.run ? [s.run] : [],
          ),
        ),
      ).toEqual(['mlflow']);
      // The switches are visible in the workflow, with their defaults.
      expect(env.REPRO_MODE).toBe("${{ vars.REPRO_MODE || 'full' }}");
      expect(env.REQUIRE_MLFLOW_RUN).toBe(
        "${{ vars.REQUIRE_MLFLOW_RUN || 'true' }}",
      );
    },
  );

  it('reaches S3 by an OIDC role and MinIO by an access key from secrets, never a key in the file', () => {
    const s3 = workflow('wf-github-s3', 'reproducibility.yml');
    for (const job of ['dvc-lock-fresh', 'dvc-outputs-pushed']) {
      expect(s3.jobs[job].permissions).toEqual({
        contents: 'read',
        'id-token': 'write',
      });
      const aws = s3.jobs[job].steps.find(s =>
        s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
      );
      expect(aws?.with).toEqual({
        'role-to-assume': '${{ vars.DVC_REMOTE_ROLE_ARN }}',
        'aws-region': 'eu-west-1',
      });
    }
    expect(s3.env.AWS_ACCESS_KEY_ID).toBeUndefined();
    const minioWorkflow = workflow('wf-github-minio', 'reproducibility.yml');
    expect(
      fileText(get('wf-github-minio'), '.github/workflows/reproducibility.yml'),
    ).not.toContain('configure-aws-credentials');
    expect(minioWorkflow.env.AWS_ACCESS_KEY_ID).toBe(
      '${{ secrets.MINIO_ACCESS_KEY_ID }}',
    );
    expect(minioWorkflow.jobs['dvc-lock-fresh'].permissions).toEqual({
      contents: 'read',
    });
    expect(gitlab('wf-gitlab-s3')['.dvc-job'].id_tokens).toEqual({
      AWS_ID_TOKEN: { aud: 'sts.amazonaws.com' },
    });
    expect(gitlab('wf-gitlab-minio')['.dvc-job'].id_tokens).toBeUndefined();
  });

  it.each([
    ['wf-gitlab-s3', 'wf-github-s3'],
    ['wf-gitlab-minio', 'wf-github-minio'],
  ])(
    '%s runs the same checks as %s, in the same order',
    (gitlabId, githubId) => {
      const pipeline = gitlab(gitlabId);
      /** The check commands a job of a GitHub workflow runs. */
      const githubCommands = (file: string, job: string) =>
        checkCommands(
          workflow(githubId, file).jobs[job].steps.flatMap(s =>
            s.run ? [s.run] : [],
          ),
        );
      for (const job of [
        'dvc-lock-fresh',
        'dvc-outputs-pushed',
        'mlflow-run-metadata',
      ]) {
        expect({
          job,
          commands: checkCommands(pipeline[job].script ?? []),
        }).toEqual({
          job,
          commands: githubCommands('reproducibility.yml', job),
        });
      }
      expect(pipeline['dvc-lock-fresh'].script?.[0]).toBe('dvc pull');
      expect(checkCommands(pipeline['metrics-report'].script ?? [])).toEqual([
        'report',
      ]);
      expect(checkCommands(pipeline['promote-model'].script ?? [])).toEqual([
        'promote',
      ]);
      expect(githubCommands('pr-report.yml', 'metrics-report')).toEqual([
        'report',
      ]);
      expect(githubCommands('promote-model.yml', 'promote-model')).toEqual([
        'promote',
      ]);
    },
  );

  it.each(variants.map(v => v.id))(
    '%s: docs/reproduce-in-3-steps.md says what CI runs',
    id => {
      const doc = fileText(get(id), 'docs/reproduce-in-3-steps.md');
      for (const command of ['status', 'repro', 'pushed', 'mlflow']) {
        expect(doc).toContain(`reproducibility.py ${command}`);
      }
      for (const words of [
        'dvc pull',
        'dvc status --json',
        'dvc repro --force',
        'dvc status -c --json',
        'REPRO_MODE=status-only',
        'REQUIRE_MLFLOW_RUN=false',
        'dvc metrics diff --md',
        'MODEL_VERSION',
      ]) {
        expect(doc).toContain(words);
      }
      const s3 = !id.includes('minio');
      expect(doc.includes('DVC_REMOTE_ROLE_ARN')).toBe(s3);
      expect(doc.includes('MinIO has no OIDC trust')).toBe(!s3);
      expect(doc).not.toContain('{%');
    },
  );

  it('pins DVC 3 with the S3 extra, and every stage depends on the pins', () => {
    const requirements = fileText(get('wf-github-s3'), 'requirements.txt');
    expect(requirements).toMatch(/^dvc\[s3\]==3\.\d+\.\d+$/m);
    const lines = requirements.split('\n').filter(l => l && !l.startsWith('#'));
    expect(lines.every(l => /^[\w.[\]-]+==\d[\w.]*$/.test(l))).toBe(true);
    const stages = parse(
      fileText(get('wf-github-s3'), 'data-plane/dvc/dvc.yaml'),
    ).stages;
    for (const stage of Object.values<{ deps: string[] }>(stages)) {
      expect(stage.deps).toContain('../../requirements.txt');
    }
  });
});
