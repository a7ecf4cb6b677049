import { mlopsRoutePatterns } from '@mlops-portal/plugin-mlops-common';
import Router from 'express-promise-router';
import { readGpuUsage } from '../gpu/readGpuUsage';
import { RouteContext } from './RouteContext';

/** `GET .../gpu`. */
export function gpuRoutes(ctx: RouteContext) {
  const router = Router();
  router.get(mlopsRoutePatterns.gpu, async (req, res) => {
    const entity = await ctx.entities.load(req);
    res.json(
      ctx.respond(
        await readGpuUsage({
          entity,
          caller: ctx.caller,
          kubernetes: ctx.upstreams.kubernetes,
          prometheus: ctx.upstreams.prometheus,
          logger: ctx.logger,
        }),
      ),
    );
  });
  return router;
}
