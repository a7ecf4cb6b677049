import { mlopsRoutePatterns } from '@mlops-portal/plugin-mlops-common';
import Router from 'express-promise-router';
import { mlflowReaderFor } from '../mlflow/readerFor';
import { readReproducibility } from '../reproducibility/readReproducibility';
import { ScmStatusReader } from '../reproducibility/scm';
import { getForEntity } from './entityRoute';
import { RouteContext } from './RouteContext';

/** `GET .../reproducibility`: the chain, its verdict and the served models' lineage. */
export function reproducibilityRoutes(ctx: RouteContext, scm: ScmStatusReader) {
  const router = Router();
  getForEntity(router, ctx, mlopsRoutePatterns.reproducibility, (entity, req) =>
    readReproducibility(entity, {
      caller: ctx.caller,
      kubernetes: ctx.upstreams.kubernetes,
      source: ctx.upstreams.source,
      scm,
      mlflow: () => mlflowReaderFor(ctx, entity),
      logger: ctx.logger,
      allowed: async permission => {
        await ctx.entities.load(req, permission);
      },
    }),
  );
  return router;
}
