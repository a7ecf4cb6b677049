import { mlopsRoutePatterns } from '@mlops-portal/plugin-mlops-common';
import Router from 'express-promise-router';
import { readCanaries } from '../canary/readCanaries';
import { getForEntity } from './entityRoute';
import { RouteContext } from './RouteContext';

/** `GET .../canary`. */
export function canaryRoutes(ctx: RouteContext) {
  const router = Router();
  getForEntity(router, ctx, mlopsRoutePatterns.canary, entity =>
    readCanaries({
      entity,
      caller: ctx.caller,
      kubernetes: ctx.upstreams.kubernetes,
      logger: ctx.logger,
    }),
  );
  return router;
}
