import { mlopsRoutePatterns } from '@mlops-portal/plugin-mlops-common';
import Router from 'express-promise-router';
import { readDvcPipeline } from '../dvc/readDvcPipeline';
import { RouteContext } from './RouteContext';

/** `GET .../dvc/pipeline`. */
export function dvcRoutes(ctx: RouteContext) {
  const router = Router();
  router.get(mlopsRoutePatterns.dvcPipeline, async (req, res) => {
    const entity = await ctx.entities.load(req);
    res.json(
      ctx.respond(
        await readDvcPipeline({
          entity,
          source: ctx.upstreams.source,
          caller: ctx.caller,
        }),
      ),
    );
  });
  return router;
}
