import { Entity } from '@backstage/catalog-model';
import {
  MlopsPermission,
  mlopsRoutePatterns,
} from '@mlops-portal/plugin-mlops-common';
import Router from 'express-promise-router';
import { mlflowReaderFor } from '../mlflow/readerFor';
import { readReproducibility } from '../reproducibility/readReproducibility';
import { ScmStatusReader } from '../reproducibility/scm';
import { getForEntity } from './entityRoute';
import { RouteContext } from './RouteContext';

/** The chain's answer for an entity; `allowed` checks the caller's MLOps permissions on it. */
export const reproducibilityReader =
  (ctx: RouteContext, scm: ScmStatusReader) =>
  (
    entity: Entity,
    allowed: (permission: MlopsPermission) => Promise<unknown>,
  ) =>
    readReproducibility(entity, {
      caller: ctx.caller,
      kubernetes: ctx.upstreams.kubernetes,
      source: ctx.upstreams.source,
      scm,
      mlflow: () => mlflowReaderFor(ctx, entity),
      logger: ctx.logger,
      allowed: async permission => {
        await allowed(permission);
      },
    });

/** `GET .../reproducibility`: the chain, its verdict and the served models' lineage. */
export function reproducibilityRoutes(ctx: RouteContext, scm: ScmStatusReader) {
  const router = Router();
  const read = reproducibilityReader(ctx, scm);
  getForEntity(router, ctx, mlopsRoutePatterns.reproducibility, (entity, req) =>
    read(entity, permission => ctx.entities.load(req, permission)),
  );
  return router;
}
