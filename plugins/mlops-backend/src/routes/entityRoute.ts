import { Entity } from '@backstage/catalog-model';
import {
  MlopsResponseMeta,
  mlopsPermissionForRoute,
} from '@mlops-portal/plugin-mlops-common';
import type { Request, Router } from 'express';
import { ReaderAnswer } from '../upstream/fetchedAt';
import { RouteContext } from './RouteContext';

/**
 * `GET pattern` of an entity-scoped route: loads the entity with the
 * caller's credentials (catalog permissions apply), checks the MLOps
 * permission of the route's area (`mlopsPermissionForRoute`: a pattern
 * without one refuses to register) and answers what `read` builds from it,
 * with its `meta`.
 */
export function getForEntity<T extends { meta: MlopsResponseMeta }>(
  router: Router,
  ctx: RouteContext,
  pattern: string,
  read: (entity: Entity, req: Request) => Promise<ReaderAnswer<T>>,
) {
  const permission = mlopsPermissionForRoute(pattern);
  router.get(pattern, async (req, res) => {
    const entity = await ctx.entities.load(req, permission);
    res.json(ctx.respond(await read(entity, req)));
  });
}
