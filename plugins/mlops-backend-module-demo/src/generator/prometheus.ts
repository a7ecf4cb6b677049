import { FixtureFile, NOW_MS, fixture, random, round } from './common';
import { DcgmSample, nodeIp } from './kubernetes';

/* The demo Prometheus: DCGM exporter series of the demo clusters' GPUs, scraped with their pod labels. */

export function buildPrometheus(dcgm: DcgmSample[]): FixtureFile[] {
  const evaluatedAt = NOW_MS / 1000 - 13.284;
  const series = (name: string, valueOf: (sample: DcgmSample) => string) =>
    dcgm
      .sort(
        (a, b) =>
          a.cluster.localeCompare(b.cluster) ||
          a.node.metadata.name.localeCompare(b.node.metadata.name) ||
          a.gpuIndex - b.gpuIndex,
      )
      .map(s => {
        const hostname = s.node.metadata.name;
        const metric: Record<string, string> = {
          __name__: name,
          DCGM_FI_DRIVER_VERSION: '550.127.05',
          Hostname: hostname,
          UUID: `GPU-${random.hex(8)}-${random.hex(4)}-${random.hex(
            4,
          )}-${random.hex(4)}-${random.hex(12)}`,
          cluster: s.cluster,
          device: `nvidia${s.gpuIndex}`,
          gpu: String(s.gpuIndex),
          instance: `${nodeIp(s.node)}:9400`,
          job: 'nvidia-dcgm-exporter',
          kubernetes_node: hostname,
          modelName: s.node._gpu!.model,
        };
        // dcgm-exporter adds pod labels only for GPUs assigned to a pod.
        if (s.pod) {
          metric.container = s.pod.spec.containers[0].name;
          metric.namespace = s.pod.metadata.namespace;
          metric.pod = s.pod.metadata.name;
        }
        return { metric, value: [round(evaluatedAt, 3), valueOf(s)] };
      });
  const body = (result: unknown[]) => ({
    status: 'success',
    data: { resultType: 'vector', result },
  });
  return [
    fixture(
      'prometheus/dcgm-gpu-util.json',
      body(series('DCGM_FI_DEV_GPU_UTIL', s => String(s.util))),
    ),
    fixture(
      'prometheus/dcgm-fb-used.json',
      body(
        series('DCGM_FI_DEV_FB_USED', s =>
          String(Math.round(s.node._gpu!.memMiB * (s.fbFraction ?? 0)) + 1),
        ),
      ),
    ),
  ];
}
