import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import mlopsModule from '@mlops-portal/plugin-scaffolder-backend-module-mlops';
import {
  catalogRecordingLocations,
  catalogTemplateEntity,
  fakePublishModule,
  Published,
  runTask,
} from '../../scaffolder/taskRun';
import { combinations } from './combinations';
import { template } from './renderAll';

describe('templates/mlops-platform-versioning: a real run for a gitlab.com project', () => {
  it('publishes with publish:gitlab, registers the catalog-info.yaml of the GitLab project and links it', async () => {
    const entity = catalogTemplateEntity(template);
    const published: Published[] = [];
    const catalog = catalogRecordingLocations([entity]);
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        mlopsModule,
        fakePublishModule(published),
        catalog.factory,
        mockServices.rootConfig.factory({
          data: {
            mlops: {
              platform: { repoUrl: 'https://github.com/acme/platform-gitops' },
            },
          },
        }),
      ],
    });
    try {
      const values = combinations.find(c =>
        String(c.values.repoUrl).startsWith('gitlab.com'),
      )!.values;
      const { status, log, links } = await runTask(
        backend.server,
        'template:default/mlops-platform-versioning',
        values,
      );
      // On failure this shows the task log, which names the failing step.
      expect([status, log]).toEqual([
        'completed',
        expect.arrayContaining([
          'Skipping step publish because its if condition was false',
        ]),
      ]);
      expect(published.map(p => p.action)).toEqual(['publish:gitlab']);
      expect(published.map(p => p.input)).toEqual([
        expect.objectContaining({
          repoUrl: 'gitlab.com?owner=acme&repo=fraud-detection',
          settings: expect.objectContaining({
            only_allow_merge_if_pipeline_succeeds: true,
          }),
        }),
      ]);
      expect(catalog.registered).toEqual([
        'https://gitlab.com/acme/fraud-detection/-/blob/main/catalog-info.yaml',
      ]);
      expect(links).toEqual([
        {
          title: 'Repository',
          url: 'https://gitlab.com/acme/fraud-detection',
        },
        {
          title: 'Open in catalog',
          icon: 'catalog',
          entityRef: 'component:default/fraud-detection',
        },
      ]);
    } finally {
      await backend.stop();
    }
  }, 120_000);
});
