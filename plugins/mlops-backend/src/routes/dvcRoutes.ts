import { mlopsRoutePatterns } from '@mlops-portal/plugin-mlops-common';
import Router from 'express-promise-router';
import { readDvcPipeline } from '../dvc/readDvcPipeline';
import { getForEntity } from './entityRoute';
import { RouteContext } from './RouteContext';

/** `GET .../dvc/pipeline`. */
export function dvcRoutes(ctx: RouteContext) {
  const router = Router();
  getForEntity(router, ctx, mlopsRoutePatterns.dvcPipeline, entity =>
    readDvcPipeline({
      entity,
      source: ctx.upstreams.source,
      caller: ctx.caller,
    }),
  );
  return router;
}
