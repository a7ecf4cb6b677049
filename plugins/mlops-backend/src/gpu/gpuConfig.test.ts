import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readGpuConfig } from './gpuConfig';

const read = (mlops: JsonObject) => () =>
  readGpuConfig(new ConfigReader({ mlops }));

describe('readGpuConfig', () => {
  it('has defaults and no prices when nothing is configured', () => {
    expect(read({})()).toEqual({
      extraResourceNames: [],
      idleUtilizationPercent: 5,
      inventoryRefreshSeconds: 60,
    });
  });

  it('reads extra resource names, the idle threshold, the refresh and prices', () => {
    expect(
      read({
        gpu: {
          extraResourceNames: ['habana.ai/gaudi'],
          idleUtilizationPercent: 10,
          inventoryRefreshSeconds: 30,
        },
        gpuPricing: {
          currency: 'EUR',
          instanceTypes: [{ instanceType: 'p5.48xlarge', perGpuHour: 5.2 }],
          gpuModels: [{ model: 'NVIDIA L4', perGpuHour: 0.9 }],
        },
      })(),
    ).toEqual({
      extraResourceNames: ['habana.ai/gaudi'],
      idleUtilizationPercent: 10,
      inventoryRefreshSeconds: 30,
      pricing: {
        currency: 'EUR',
        byInstanceType: { 'p5.48xlarge': 5.2 },
        byGpuModel: { 'NVIDIA L4': 0.9 },
      },
    });
  });

  it('refuses values that are wrong, saying which', () => {
    expect(read({ gpu: { extraResourceNames: ['gaudi'] } })).toThrow(
      /'gaudi' is not an extended resource name/,
    );
    expect(read({ gpu: { idleUtilizationPercent: 120 } })).toThrow(
      /between 0 and 100/,
    );
    expect(read({ gpu: { inventoryRefreshSeconds: 1 } })).toThrow(/5 or more/);
    expect(read({ gpuPricing: { instanceTypes: [] } })).toThrow(/currency/);
    expect(
      read({
        gpuPricing: {
          currency: 'USD',
          instanceTypes: [{ instanceType: 'a', perGpuHour: -1 }],
        },
      }),
    ).toThrow(/perGpuHour of 0 or more/);
    expect(
      read({
        gpuPricing: {
          currency: 'USD',
          gpuModels: [
            { model: 'L4', perGpuHour: 1 },
            { model: 'L4', perGpuHour: 2 },
          ],
        },
      }),
    ).toThrow(/names 'L4' twice/);
  });
});
