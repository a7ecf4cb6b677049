import { defineRule, describe } from '../model';
import { chartReleases } from '../clusterProvided';
import { containersOf, podTemplates } from '../podTemplates';

import type { Json } from '../model';

const gpuResource = 'nvidia.com/gpu';

/**
 * Charts that run NVIDIA's device plugin DaemonSet (the GPU Operator deploys
 * it too): https://github.com/NVIDIA/k8s-device-plugin,
 * https://github.com/NVIDIA/gpu-operator.
 */
const devicePluginCharts = ['nvidia-device-plugin', 'gpu-operator'];

function requestsGpu(spec: Json): boolean {
  return containersOf(spec as never).some((c: Json) =>
    ['requests', 'limits'].some(
      k => c.resources?.[k]?.[gpuResource] !== undefined,
    ),
  );
}

function tolerates(tolerations: Json[] | undefined, key: string): boolean {
  return (tolerations ?? []).some(
    t => t.key === key || (t.key === undefined && t.operator === 'Exists'),
  );
}

/**
 * A pod that requests nvidia.com/gpu is only ever scheduled where NVIDIA's
 * device plugin advertises the resource: the repository installs the plugin's
 * chart, the plugin tolerates the GPU nodes' taint (the one the pod tolerates)
 * and runs on every node the pod can land on (its nodeSelector is part of the
 * pod's).
 */
export const gpuDevicePluginRule = defineRule(
  'gpu-device-plugin',
  'pods that request nvidia.com/gpu have a device plugin on their nodes',
  (model, report) => {
    const gpuPods = podTemplates(model.objects).filter(t =>
      requestsGpu(t.spec as Json),
    );
    if (gpuPods.length === 0) return;
    const plugins = chartReleases(model).filter(r =>
      devicePluginCharts.includes(r.chart),
    );
    for (const pod of gpuPods) {
      const subject = `${describe(pod.owner)} ${pod.path}`;
      const spec = pod.spec as Json;
      if (plugins.length === 0) {
        report(
          subject,
          `requests ${gpuResource} but the repository installs no NVIDIA device plugin (${devicePluginCharts.join(
            ' or ',
          )} chart): the pod stays Pending`,
        );
        continue;
      }
      const runsThere = plugins.some(plugin => {
        const values = plugin.values as Json;
        const taints = (spec.tolerations ?? [])
          .map((t: Json) => t.key)
          .filter(Boolean);
        const selector: Record<string, string> = values.nodeSelector ?? {};
        return (
          taints.every((key: string) => tolerates(values.tolerations, key)) &&
          Object.entries(selector).every(
            ([k, v]) => spec.nodeSelector?.[k] === v,
          )
        );
      });
      if (!runsThere) {
        report(
          subject,
          `requests ${gpuResource}, but no device plugin tolerates the taints it tolerates and runs on the nodes its nodeSelector picks`,
        );
      }
    }
  },
);
