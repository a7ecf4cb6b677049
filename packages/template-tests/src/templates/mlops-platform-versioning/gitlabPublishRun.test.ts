import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import type {
  AddLocationRequest,
  AddLocationResponse,
} from '@backstage/catalog-client';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import mlopsModule from '@mlops-portal/plugin-scaffolder-backend-module-mlops';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { combinations } from './combinations';
import { template } from './renderAll';

/**
 * publish:gitlab pushes with git over HTTPS to gitlab.com; this stand-in
 * records its input and answers with the outputs the real action gives
 * (remoteUrl, repoContentsUrl as `<project>/-/blob/<branch>`, projectId), so
 * the steps after it run for real.
 */
function fakePublishGitlab(published: JsonObject[]) {
  return createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'fake-publish-gitlab',
    register({ registerInit }) {
      registerInit({
        deps: { actions: scaffolderActionsExtensionPoint },
        async init({ actions }) {
          actions.addActions(
            createTemplateAction({
              id: 'publish:gitlab',
              schema: {
                input: z => z.object({ repoUrl: z.string() }).passthrough(),
                output: z =>
                  z.object({
                    remoteUrl: z.string(),
                    repoContentsUrl: z.string(),
                    projectId: z.number(),
                  }),
              },
              async handler(ctx) {
                published.push({ ...ctx.input } as JsonObject);
                const [, owner, repo] =
                  /owner=([^&]+)&repo=([^&]+)/.exec(ctx.input.repoUrl) ?? [];
                const remoteUrl = `https://gitlab.com/${owner}/${repo}`;
                ctx.output('remoteUrl', remoteUrl);
                ctx.output('repoContentsUrl', `${remoteUrl}/-/blob/main`);
                ctx.output('projectId', 42);
              },
            }),
          );
        },
      });
    },
  });
}

/** The catalog with the template in it; registering a location records its target. */
function catalogRecordingLocations(entities: JsonObject[]) {
  const registered: string[] = [];
  class Catalog extends InMemoryCatalogClient {
    async addLocation(
      location: AddLocationRequest,
    ): Promise<AddLocationResponse> {
      if (!location.dryRun) registered.push(location.target);
      return {
        location: {
          id: 'location-1',
          type: location.type ?? 'url',
          target: location.target,
          entityRef: 'location:default/location-1',
        },
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'fraud-detection', namespace: 'default' },
          },
        ],
        exists: false,
      };
    }
  }
  return {
    registered,
    factory: createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () =>
        new Catalog({ entities } as unknown as ConstructorParameters<
          typeof InMemoryCatalogClient
        >[0]),
    }),
  };
}

describe('templates/mlops-platform-versioning: a real run for a gitlab.com project', () => {
  it('publishes with publish:gitlab, registers the catalog-info.yaml of the GitLab project and links it', async () => {
    const templateFile = path.join(template.dir, 'template.yaml');
    // As the catalog serves a template read from a file: its skeleton is read beside it.
    const entity = {
      ...template.entity,
      metadata: {
        ...(template.entity.metadata as JsonObject),
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${templateFile}`,
          'backstage.io/managed-by-origin-location': `file:${templateFile}`,
        },
      },
    };
    const published: JsonObject[] = [];
    const catalog = catalogRecordingLocations([entity]);
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        mlopsModule,
        fakePublishGitlab(published),
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
      const auth = mockCredentials.user.header();
      const values = combinations.find(c =>
        String(c.values.repoUrl).startsWith('gitlab.com'),
      )!.values;
      const created = await request(backend.server)
        .post('/api/scaffolder/v2/tasks')
        .set('Authorization', auth)
        .send({
          templateRef: 'template:default/mlops-platform-versioning',
          values,
        });
      expect(created.status).toBe(201);
      let status = 'open';
      for (
        let i = 0;
        i < 600 && !['completed', 'failed'].includes(status);
        i++
      ) {
        await new Promise(resolve => setTimeout(resolve, 100));
        status = (
          await request(backend.server)
            .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
            .set('Authorization', auth)
        ).body.status;
      }
      const events = (
        await request(backend.server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set('Authorization', auth)
      ).body as Array<{
        type: string;
        body: { message?: string; output?: { links?: JsonObject[] } };
      }>;
      const log = events.map(e => e.body.message);
      // On failure this shows the task log, which names the failing step.
      expect([status, log]).toEqual([
        'completed',
        expect.arrayContaining([
          'Skipping step publish because its if condition was false',
        ]),
      ]);
      expect(published).toEqual([
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
      const links = events.find(e => e.type === 'completion')?.body.output
        ?.links;
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
