import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Request } from 'express';
import { MlopsError } from '../errors/MlopsError';

/** Loads entities for routes, with the caller's credentials. */
export interface EntityLoader {
  /** The route's entity; an entity the caller may not see is `NotFound`. */
  load(req: Request): Promise<Entity>;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

export function createEntityLoader(options: {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
}): EntityLoader {
  return {
    async load(req) {
      const credentials: BackstageCredentials = await options.httpAuth.credentials(
        req,
        { allow: ['user', 'service'] },
      );
      const { namespace, kind, name } = req.params;
      for (const [field, value] of Object.entries({ namespace, kind, name })) {
        if (!value || !NAME.test(value)) {
          throw new MlopsError('InvalidInput', `entity ${field} '${value ?? ''}' is not a valid name`);
        }
      }
      let entity: Entity | undefined;
      try {
        entity = await options.catalog.getEntityByRef(
          { namespace, kind, name },
          { credentials },
        );
      } catch (error) {
        if ((error as Error)?.name === 'NotAllowedError') entity = undefined;
        else {
          throw new MlopsError(
            'UpstreamUnavailable',
            `catalog could not be read: ${(error as Error)?.message ?? error}`,
            { upstream: 'catalog' },
          );
        }
      }
      if (!entity) {
        // The same answer for "absent" and "not visible to you": no existence leak.
        throw new MlopsError(
          'NotFound',
          `entity ${kind.toLocaleLowerCase('en-US')}:${namespace}/${name} was not found`,
          { upstream: 'catalog' },
        );
      }
      return entity;
    },
  };
}
