import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { MlopsPermission } from '@mlops-portal/plugin-mlops-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Request } from 'express';
import { MlopsError } from '../errors/MlopsError';

/** Loads entities for routes, with the caller's credentials. */
export interface EntityLoader {
  /**
   * The route's entity; an entity the caller may not see is `NotFound`, one
   * whose data `permission` does not allow the caller to read is `NotAllowed`.
   */
  load(req: Request, permission: MlopsPermission): Promise<Entity>;
  /** The same for an entity ref and credentials (the MLOps actions' caller). */
  loadRef(
    ref: { namespace: string; kind: string; name: string },
    credentials: BackstageCredentials,
    permission: MlopsPermission,
  ): Promise<Entity>;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

export function createEntityLoader(options: {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  permissions: PermissionsService;
}): EntityLoader {
  const loader: EntityLoader = {
    async load(req, permission) {
      const credentials: BackstageCredentials =
        await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
      const { namespace, kind, name } = req.params;
      return loader.loadRef({ namespace, kind, name }, credentials, permission);
    },
    async loadRef({ namespace, kind, name }, credentials, permission) {
      for (const [field, value] of Object.entries({ namespace, kind, name })) {
        if (!value || !NAME.test(value)) {
          throw new MlopsError(
            'InvalidInput',
            `entity ${field} '${value ?? ''}' is not a valid name`,
          );
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
          `entity ${kind.toLocaleLowerCase(
            'en-US',
          )}:${namespace}/${name} was not found`,
          { upstream: 'catalog' },
        );
      }
      // The entity ref as resourceRef: the permission backend applies a
      // policy's conditional decision (e.g. isEntityOwner) through the
      // catalog's own permission rules.
      const entityRef = stringifyEntityRef(entity);
      const [decision] = await options.permissions.authorize(
        [{ permission, resourceRef: entityRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new MlopsError(
          'NotAllowed',
          `${permission.name} is not allowed on ${entityRef}`,
        );
      }
      return entity;
    },
  };
  return loader;
}
