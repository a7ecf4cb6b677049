import {
  CacheService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { MlopsConfig } from '@mlops-portal/plugin-mlops-node';
import { MlopsUpstreams } from '../upstream/createUpstreams';
import { ResilientCaller } from '../upstream/ResilientCaller';
import { GpuInventoryStore } from './GpuInventoryStore';
import { GpuConfig } from './gpuConfig';

/**
 * The GPU inventory and its refresh: a global scheduled task, so one replica
 * lists the clusters every `mlops.gpu.inventoryRefreshSeconds` and every
 * replica reads the shared cache. Without a scheduler (a router built on
 * its own) the inventory is refreshed on first use only.
 */
export async function scheduleGpuInventory(options: {
  cache: CacheService;
  caller: ResilientCaller;
  scheduler?: SchedulerService;
  logger: LoggerService;
  upstreams: MlopsUpstreams;
  mlopsConfig: MlopsConfig;
  gpuConfig: GpuConfig;
}): Promise<GpuInventoryStore> {
  const { gpuConfig, mlopsConfig } = options;
  const inventory = new GpuInventoryStore({
    cache: options.cache,
    caller: options.caller,
    kubernetes: options.upstreams.kubernetes,
    prometheus: options.upstreams.prometheus,
    logger: options.logger,
    names: gpuConfig,
    refreshSeconds: gpuConfig.inventoryRefreshSeconds,
    // A big cluster's lists take longer than one card's call.
    timeoutMs: Math.max(
      mlopsConfig.upstreams.kubernetes?.timeoutMs ?? mlopsConfig.timeoutMs,
      60_000,
    ),
  });
  await options.scheduler?.scheduleTask({
    id: 'mlops-gpu-inventory-refresh',
    scope: 'global',
    frequency: { seconds: gpuConfig.inventoryRefreshSeconds },
    timeout: { seconds: Math.max(120, gpuConfig.inventoryRefreshSeconds * 2) },
    fn: () => inventory.refreshAll(),
  });
  return inventory;
}
