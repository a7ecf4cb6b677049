import {
  AuthService,
  CacheService,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  SchedulerService,
  PermissionsService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MlopsResponseMeta } from '@mlops-portal/plugin-mlops-common';
import { readMlopsConfig } from '@mlops-portal/plugin-mlops-node';
import express from 'express';
import Router from 'express-promise-router';
import { createEntityLoader } from './entity/loadEntity';
import { createErrorHandler } from './errors/errorHandler';
import { registerMlopsActions } from './actions/registerMlopsActions';
import { canaryRoutes } from './routes/canaryRoutes';
import { dvcRoutes } from './routes/dvcRoutes';
import { gpuRoutes, gpuUsageReader } from './routes/gpuRoutes';
import { readGpuConfig } from './gpu/gpuConfig';
import { scheduleGpuInventory } from './gpu/scheduleGpuInventory';
import { mlflowRoutes } from './routes/mlflowRoutes';
import {
  reproducibilityReader,
  reproducibilityRoutes,
} from './routes/reproducibilityRoutes';
import { RouteContext } from './routes/RouteContext';
import {
  MlopsUpstreamOverrides,
  createUpstreams,
} from './upstream/createUpstreams';
import { ReaderAnswer } from './upstream/fetchedAt';
import { ResilientCaller } from './upstream/ResilientCaller';

/** The services the router needs; the plugin passes Backstage's. */
export interface RouterOptions {
  logger: LoggerService;
  config: Config;
  httpAuth: HttpAuthService;
  auth: AuthService;
  discovery: DiscoveryService;
  cache: CacheService;
  urlReader: UrlReaderService;
  catalog: CatalogService;
  permissions: PermissionsService;
  /** Runs the GPU inventory refresh (one replica at a time); without it the inventory refreshes on first use. */
  scheduler?: SchedulerService;
  /** Where the MLOps read-only actions are registered (for MCP clients), when given. */
  actionsRegistry?: ActionsRegistryService;
  /** What modules registered on `mlopsUpstreamsExtensionPoint`. */
  upstreams?: MlopsUpstreamOverrides;
}

/** @internal */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const config = readMlopsConfig(options.config);
  const upstreams = createUpstreams({
    mlopsConfig: config,
    ...options,
    overrides: options.upstreams,
  });
  const respond = <T extends { meta: MlopsResponseMeta }>(
    answer: ReaderAnswer<T>,
  ) => ({ ...answer, meta: { ...answer.meta, demo: upstreams.demo } } as T);
  const ctx: RouteContext = {
    config,
    logger: options.logger,
    entities: createEntityLoader(options),
    upstreams,
    respond,
    caller: new ResilientCaller({
      cache: options.cache,
      policy: upstream => {
        const override = config.upstreams[upstream];
        return {
          timeoutMs: override?.timeoutMs ?? config.timeoutMs,
          cacheTtlSeconds: override?.cacheTtlSeconds ?? config.cacheTtlSeconds,
        };
      },
    }),
  };

  const router = Router();
  router.use(express.json());
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.use(mlflowRoutes(ctx));
  router.use(dvcRoutes(ctx));
  const gpuConfig = readGpuConfig(options.config);
  const inventory = await scheduleGpuInventory({
    ...options,
    caller: ctx.caller,
    upstreams,
    mlopsConfig: config,
    gpuConfig,
  });
  router.use(gpuRoutes(ctx, { inventory, config: gpuConfig }));
  router.use(canaryRoutes(ctx));
  const scm = upstreams.scm;
  router.use(reproducibilityRoutes(ctx, scm));
  if (options.actionsRegistry) {
    registerMlopsActions(options.actionsRegistry, ctx, {
      reproducibility: reproducibilityReader(ctx, scm),
      gpuUsage: gpuUsageReader(ctx, { inventory, config: gpuConfig }),
    });
  }
  router.use(createErrorHandler(options.logger));
  return router;
}
