import { mlopsRoutePatterns } from '@mlops-portal/plugin-mlops-common';
import Router from 'express-promise-router';
import { readGpuUsage } from '../gpu/readGpuUsage';
import { getForEntity } from './entityRoute';
import { RouteContext } from './RouteContext';

/** `GET .../gpu`. */
export function gpuRoutes(ctx: RouteContext) {
  const router = Router();
  getForEntity(router, ctx, mlopsRoutePatterns.gpu, entity =>
    readGpuUsage({
      entity,
      caller: ctx.caller,
      kubernetes: ctx.upstreams.kubernetes,
      prometheus: ctx.upstreams.prometheus,
      logger: ctx.logger,
    }),
  );
  return router;
}
