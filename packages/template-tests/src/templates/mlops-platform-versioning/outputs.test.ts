import { baseValues } from './combinations';
import { removeRendered, renderAll, RenderedCombination } from './renderAll';

describe('templates/mlops-platform-versioning: steps and output links', () => {
  let rendered: RenderedCombination[] = [];
  const byId = (id: string) => rendered.find(r => r.id === id)!;
  const messages = (r: RenderedCombination) =>
    r.result.log.map(entry => entry.body.message);

  beforeAll(async () => {
    rendered = await renderAll([
      { id: 'plain', values: baseValues },
      {
        id: 'opt-in',
        values: {
          ...baseValues,
          gpuEnabled: true,
          gpuInstanceType: 'g5.xlarge',
          gpuMinSize: 1,
          gpuMaxSize: 4,
          createExperiment: true,
          openPlatformPullRequest: true,
        },
      },
    ]);
  }, 120_000);

  afterAll(() => removeRendered(rendered));

  /** The input a step ran with, as the dry run logs it. */
  const stepInput = (r: RenderedCombination, action: string) => {
    const prefix = `Running ${action} in dry-run mode with inputs (secrets redacted): `;
    const message = messages(r).find(m => m.includes(prefix));
    return message
      ? JSON.parse(message.slice(message.indexOf(prefix) + prefix.length))
      : undefined;
  };
  const linkTitles = (r: RenderedCombination) =>
    (r.result.output.links as Array<{ title: string }>).map(link => link.title);

  it('validates on the server first, then renders, publishes and registers', () => {
    expect(byId('plain').result.steps.map(step => step.id)).toEqual([
      'validate',
      'fetch-base',
      'fetch-options',
      'reproducibility-checks',
      'publish',
      'publish-gitlab',
      'register',
      'experiment',
      'platform-pr',
    ]);
    expect(stepInput(byId('plain'), 'mlops:project:validate')).toMatchObject({
      name: 'fraud-detection',
      bucketName: 'acme-fraud-detection-artifacts',
      gitopsEngine: 'argocd',
      canary: 'none',
    });
    expect(stepInput(byId('plain'), 'catalog:register')).toEqual({
      repoContentsUrl: '<example>',
      catalogInfoPath: '/catalog-info.yaml',
    });
  });

  it('links only the repository and the catalog entity when nothing was opted in', () => {
    expect(linkTitles(byId('plain'))).toEqual([
      'Repository',
      'Open in catalog',
    ]);
    expect(messages(byId('plain'))).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'Skipping step experiment because its if condition was false',
        ),
        expect.stringContaining(
          'Skipping step platform-pr because its if condition was false',
        ),
      ]),
    );
  });

  it('creates the MLflow experiment and opens the platform pull request when opted in, and links both', () => {
    const r = byId('opt-in');
    expect(stepInput(r, 'mlflow:experiment:create')).toEqual({
      name: 'fraud-detection',
      tags: {
        'backstage.io/owner': 'group:default/ml-team',
        'backstage.io/repository': 'https://github.com/acme/fraud-detection',
      },
    });
    expect(stepInput(r, 'mlops:platform:pull-request')).toEqual({
      projectName: 'fraud-detection',
      namespace: 'fraud-detection',
      owner: 'group:default/ml-team',
      repoUrl: 'github.com?owner=acme&repo=fraud-detection',
      gitopsEngine: 'argocd',
      gpuQuota: 4,
    });
    const links = r.result.output.links as Array<{
      title: string;
      url?: string;
    }>;
    expect(linkTitles(r)).toEqual([
      'Repository',
      'Open in catalog',
      'MLflow experiment',
      'Platform pull request',
    ]);
    expect(links[2].url).toMatch(/^https:\/\/mlflow\.example\.com\//);
    expect(links[3].url).toContain('github.com/acme/platform-gitops');
  });
});
