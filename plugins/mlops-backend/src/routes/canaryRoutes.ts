import { mlopsRoutePatterns } from '@mlops-portal/plugin-mlops-common';
import Router from 'express-promise-router';
import { readCanaries } from '../canary/readCanaries';
import { RouteContext } from './RouteContext';

/** `GET .../canary`. */
export function canaryRoutes(ctx: RouteContext) {
  const router = Router();
  router.get(mlopsRoutePatterns.canary, async (req, res) => {
    const entity = await ctx.entities.load(req);
    res.json(
      ctx.respond(
        await readCanaries({
          entity,
          caller: ctx.caller,
          kubernetes: ctx.upstreams.kubernetes,
          logger: ctx.logger,
        }),
      ),
    );
  });
  return router;
}
