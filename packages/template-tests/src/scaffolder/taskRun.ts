import fs from 'node:fs';
import path from 'node:path';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  AddLocationRequest,
  AddLocationResponse,
} from '@backstage/catalog-client';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import type { LoadedTemplate } from './loadTemplate';

/**
 * Helpers for running a template as a real scaffolder task (not a dry run)
 * in a test backend: the catalog that serves the template and records the
 * locations `catalog:register` adds, stand-ins for the publish actions
 * (which push with git, which a test cannot answer), and the task runner.
 */

/** The Template entity as the catalog serves one read from a file: its skeleton is read beside it. */
export function catalogTemplateEntity(template: LoadedTemplate): JsonObject {
  const file = path.join(template.dir, 'template.yaml');
  const metadata = template.entity.metadata as JsonObject;
  return {
    ...template.entity,
    metadata: {
      ...metadata,
      namespace: 'default',
      annotations: {
        ...(metadata.annotations as JsonObject | undefined),
        'backstage.io/managed-by-location': `file:${file}`,
        'backstage.io/managed-by-origin-location': `file:${file}`,
      },
    },
  };
}

/**
 * An in-memory catalog holding `entities`; registering a location records
 * its target and answers with the Component named after the repository in it.
 */
export function catalogRecordingLocations(entities: JsonObject[]) {
  const registered: string[] = [];
  class Catalog extends InMemoryCatalogClient {
    async addLocation(
      location: AddLocationRequest,
    ): Promise<AddLocationResponse> {
      if (!location.dryRun) registered.push(location.target);
      const repo =
        /^https:\/\/[^/]+\/[^/]+\/([^/]+)\//.exec(location.target)?.[1] ??
        'unknown';
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
            metadata: { name: repo, namespace: 'default' },
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

/** What a publish stand-in was asked to publish. */
export interface Published {
  action: string;
  input: JsonObject;
  /** Files of the task workspace at that moment. */
  files: string[];
}

function workspaceFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap(entry =>
      entry.isDirectory()
        ? workspaceFiles(dir, path.join(prefix, entry.name))
        : [path.join(prefix, entry.name)],
    );
}

const repoOf = (repoUrl: string) =>
  /owner=([^&]+)&repo=([^&]+)/.exec(repoUrl)?.slice(1).join('/') ?? '';

/** One publish stand-in: records its call, answers `outputs` of the repository's `owner/repo`. */
function publishStandIn(
  published: Published[],
  id: string,
  outputs: (repo: string) => Record<string, string | number>,
) {
  const sample = outputs('owner/repo');
  return createTemplateAction({
    id,
    schema: {
      // The real action's other inputs (branch protection, topics...) pass through.
      input: z => z.object({ repoUrl: z.string() }).passthrough(),
      output: z =>
        z.object(
          Object.fromEntries(
            Object.entries(sample).map(([key, value]) => [
              key,
              typeof value === 'number' ? z.number() : z.string(),
            ]),
          ),
        ),
    },
    async handler(ctx) {
      published.push({
        action: id,
        input: { ...ctx.input } as JsonObject,
        files: workspaceFiles(ctx.workspacePath),
      });
      for (const [key, value] of Object.entries(
        outputs(repoOf(ctx.input.repoUrl)),
      )) {
        ctx.output(key, value);
      }
    },
  });
}

/**
 * `publish:github`, `publish:github:pull-request` and `publish:gitlab` push
 * with git over HTTPS, which no fake can answer; these stand-ins record their
 * input and the workspace they would push, and answer with the outputs the
 * real actions give (GitLab: `<project>/-/blob/<branch>` and a projectId), so
 * the steps after them run for real.
 */
export function fakePublishModule(published: Published[]) {
  return createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'fake-publish',
    register({ registerInit }) {
      registerInit({
        deps: { actions: scaffolderActionsExtensionPoint },
        async init({ actions }) {
          actions.addActions(
            publishStandIn(published, 'publish:github', repo => ({
              remoteUrl: `https://github.com/${repo}`,
              repoContentsUrl: `https://github.com/${repo}/blob/main`,
            })),
            publishStandIn(published, 'publish:github:pull-request', repo => ({
              remoteUrl: `https://github.com/${repo}/pull/7`,
              pullRequestNumber: 7,
            })),
            publishStandIn(published, 'publish:gitlab', repo => ({
              remoteUrl: `https://gitlab.com/${repo}`,
              repoContentsUrl: `https://gitlab.com/${repo}/-/blob/main`,
              projectId: 42,
            })),
          );
        },
      });
    },
  });
}

/** A link of a finished task's output. */
export interface TaskLink {
  title: string;
  url?: string;
  icon?: string;
  entityRef?: string;
}

/**
 * Runs a template as a real scaffolder task (`POST /v2/tasks`), waits until
 * it completes or fails (at most `timeoutMs`), and returns its status, log
 * lines and output links.
 */
export async function runTask(
  backend: Parameters<typeof request>[0],
  templateRef: string,
  values: JsonObject,
  timeoutMs = 60_000,
) {
  const auth = mockCredentials.user.header();
  const created = await request(backend)
    .post('/api/scaffolder/v2/tasks')
    .set('Authorization', auth)
    .send({ templateRef, values });
  if (created.status !== 201) {
    throw new Error(
      `creating the task answered HTTP ${created.status}: ${JSON.stringify(
        created.body,
      )}`,
    );
  }
  let status = 'open';
  for (
    let waited = 0;
    waited < timeoutMs && !['completed', 'failed'].includes(status);
    waited += 100
  ) {
    await new Promise(resolve => setTimeout(resolve, 100));
    status = (
      await request(backend)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('Authorization', auth)
    ).body.status;
  }
  const events = (
    await request(backend)
      .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
      .set('Authorization', auth)
  ).body as Array<{
    type: string;
    body: { message?: string; output?: { links?: TaskLink[] } };
  }>;
  return {
    status,
    log: events.map(e => e.body.message),
    links: events.find(e => e.type === 'completion')?.body.output?.links ?? [],
  };
}
