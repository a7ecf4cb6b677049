import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { DEFAULT_IDLE_UTILIZATION_PERCENT } from './gpuInventory';
import { GpuResourceNames } from './gpuResources';

/** Prices per GPU-hour from `mlops.gpuPricing`; nothing is priced that is not configured. */
export interface GpuPricing {
  currency: string;
  /** Per GPU-hour by `node.kubernetes.io/instance-type` (the instance's price divided by its GPUs). */
  byInstanceType: Record<string, number>;
  /** Per GPU-hour by GPU model (DCGM's `modelName`, e.g. `NVIDIA A100-SXM4-40GB`). */
  byGpuModel: Record<string, number>;
}

/** `mlops.gpu` and `mlops.gpuPricing`. */
export interface GpuConfig extends GpuResourceNames {
  idleUtilizationPercent: number;
  inventoryRefreshSeconds: number;
  pricing?: GpuPricing;
}

const DEFAULT_REFRESH_SECONDS = 60;
const RESOURCE_NAME =
  /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function prices(
  config: Config | undefined,
  list: string,
  key: string,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of config?.getOptionalConfigArray(list) ?? []) {
    const name = entry.getString(key);
    const price = entry.getNumber('perGpuHour');
    if (!(price >= 0))
      throw new InputError(
        `mlops config: gpuPricing.${list} '${name}' needs a perGpuHour of 0 or more`,
      );
    if (name in out)
      throw new InputError(
        `mlops config: gpuPricing.${list} names '${name}' twice`,
      );
    out[name] = price;
  }
  return out;
}

/** Reads `mlops.gpu` and `mlops.gpuPricing`; a wrong value stops the backend with what is wrong. */
export function readGpuConfig(root: Config): GpuConfig {
  const gpu = root.getOptionalConfig('mlops.gpu');
  const extraResourceNames =
    gpu?.getOptionalStringArray('extraResourceNames') ?? [];
  for (const name of extraResourceNames) {
    if (!RESOURCE_NAME.test(name)) {
      throw new InputError(
        `mlops config: gpu.extraResourceNames '${name}' is not an extended resource name (vendor.example/device)`,
      );
    }
  }
  const idle =
    gpu?.getOptionalNumber('idleUtilizationPercent') ??
    DEFAULT_IDLE_UTILIZATION_PERCENT;
  if (!(idle >= 0 && idle <= 100))
    throw new InputError(
      'mlops config: gpu.idleUtilizationPercent must be between 0 and 100',
    );
  const refresh =
    gpu?.getOptionalNumber('inventoryRefreshSeconds') ??
    DEFAULT_REFRESH_SECONDS;
  if (!(refresh >= 5))
    throw new InputError(
      'mlops config: gpu.inventoryRefreshSeconds must be 5 or more',
    );
  const pricing = root.getOptionalConfig('mlops.gpuPricing');
  return {
    extraResourceNames,
    idleUtilizationPercent: idle,
    inventoryRefreshSeconds: refresh,
    ...(pricing
      ? {
          pricing: {
            currency: pricing.getString('currency'),
            byInstanceType: prices(pricing, 'instanceTypes', 'instanceType'),
            byGpuModel: prices(pricing, 'gpuModels', 'model'),
          },
        }
      : {}),
  };
}
