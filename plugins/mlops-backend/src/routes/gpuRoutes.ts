import {
  GPU_COST_WINDOWS,
  GpuCostWindow,
  mlopsRoutePatterns,
} from '@mlops-portal/plugin-mlops-common';
import { Entity } from '@backstage/catalog-model';
import Router from 'express-promise-router';
import { MlopsError } from '../errors/MlopsError';
import { GpuInventoryStore } from '../gpu/GpuInventoryStore';
import { GpuConfig } from '../gpu/gpuConfig';
import { readGpuCost } from '../gpu/readGpuCost';
import { readGpuUsage } from '../gpu/readGpuUsage';
import { getForEntity } from './entityRoute';
import { RouteContext } from './RouteContext';

const windowOf = (value: unknown): GpuCostWindow => {
  if (value === undefined) return '7d';
  if (
    typeof value === 'string' &&
    (GPU_COST_WINDOWS as readonly string[]).includes(value)
  )
    return value as GpuCostWindow;
  throw new MlopsError(
    'InvalidInput',
    `window must be one of ${GPU_COST_WINDOWS.join(', ')}`,
  );
};

/** The GPU card's answer for an entity (the route's and the get-gpu-usage action's). */
export const gpuUsageReader =
  (
    ctx: RouteContext,
    gpu: { inventory: GpuInventoryStore; config: GpuConfig },
  ) =>
  (entity: Entity) =>
    readGpuUsage({
      entity,
      caller: ctx.caller,
      kubernetes: ctx.upstreams.kubernetes,
      inventory: gpu.inventory,
      names: gpu.config,
      idleUtilizationPercent: gpu.config.idleUtilizationPercent,
      logger: ctx.logger,
    });

/** `GET .../gpu` (from the background inventory) and `GET .../gpu/cost?window=24h|7d|30d`. */
export function gpuRoutes(
  ctx: RouteContext,
  gpu: { inventory: GpuInventoryStore; config: GpuConfig },
) {
  const router = Router();
  getForEntity(router, ctx, mlopsRoutePatterns.gpu, gpuUsageReader(ctx, gpu));
  getForEntity(router, ctx, mlopsRoutePatterns.gpuCost, (entity, req) =>
    readGpuCost({
      entity,
      window: windowOf(req.query.window),
      caller: ctx.caller,
      prometheus: ctx.upstreams.prometheus,
      inventory: gpu.inventory,
      config: gpu.config,
    }),
  );
  return router;
}
