import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  AddLocationRequest,
  AddLocationResponse,
} from '@backstage/catalog-client';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import yaml from 'yaml';

/** The repository's templates folder, read straight from the working tree. */
export const TEMPLATES_DIR = resolve(__dirname, '../../../../templates');

export interface RepoTemplate {
  /** The Template entity, annotated with the file location it was read from. */
  entity: Entity;
  /** Every file of the template folder, as the dry-run API takes them. */
  directoryContents: Array<{
    path: string;
    base64Content: string;
    executable: boolean;
  }>;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Loads `templates/<name>/template.yaml` as the catalog would serve it. */
export function loadRepoTemplate(name: string): RepoTemplate {
  const dir = join(TEMPLATES_DIR, name);
  const file = join(dir, 'template.yaml');
  const entity = yaml.parse(readFileSync(file, 'utf8')) as Entity;
  entity.metadata.namespace = 'default';
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    'backstage.io/managed-by-location': `file:${file}`,
    'backstage.io/managed-by-origin-location': `file:${file}`,
  };
  return {
    entity,
    directoryContents: walk(dir).map(path => ({
      path: relative(dir, path),
      base64Content: readFileSync(path).toString('base64'),
      executable: (statSync(path).mode & 0o111) !== 0,
    })),
  };
}

/**
 * The in-memory catalog of the test utils, which can also register
 * locations: `catalog:register` then sees the Component the location holds.
 */
export function catalogWithLocations(entities: Entity[]) {
  const registered: string[] = [];
  class Catalog extends InMemoryCatalogClient {
    async addLocation(
      location: AddLocationRequest,
    ): Promise<AddLocationResponse> {
      if (!location.dryRun) registered.push(location.target);
      const repo =
        /github\.com\/[^/]+\/([^/]+)\//.exec(location.target)?.[1] ?? 'unknown';
      return {
        location: {
          id: 'location-1',
          type: location.type ?? 'url',
          target: location.target,
          entityRef: 'location:default/generated-location-1',
        },
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: repo, namespace: 'default' },
          },
        ],
        exists: true,
      };
    }
  }
  return {
    registered,
    factory: createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => new Catalog({ entities }),
    }),
  };
}
