/*
 * The GPU figures of the benchmark (issue "GPU usage at cluster scale"): on a
 * synthetic cluster served by the shared fake Kubernetes API through the real
 * Kubernetes backend, the scheduled inventory refresh's wall and CPU time and
 * the memory the inventory keeps, then the GPU route with the inventory warm
 * against the Kubernetes backend's own POST /services/:entity for the same
 * entity, interleaved in one run.
 */
import {
  BackendFeature,
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { runInNewContext } from 'vm';
import { setFlagsFromString } from 'v8';

export interface GpuBenchContext {
  sizes: Record<string, number>;
  startBackend(
    cacheTtlSeconds: number,
    features: BackendFeature[],
  ): Promise<{ backend: { stop(): Promise<void> }; base: string }>;
  timed(fn: () => Promise<Response>): Promise<number>;
  get(url: string): Promise<Response>;
  kubernetesServices(base: string): () => Promise<Response>;
  iterations: number;
  entityPath: string;
}

// A full collection between readings, so the heap figures are what stays referenced.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (v: number) => `${v.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

export async function gpuFigures(ctx: GpuBenchContext, label: string) {
  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  // A scheduler that records the task; the benchmark runs it, as the replica holding its lock would.
  const scheduler: Partial<SchedulerService> = {
    scheduleTask: async task => {
      tasks.push(task);
    },
  };
  const schedulerFactory = createServiceFactory({
    service: coreServices.scheduler,
    deps: {},
    factory: () => scheduler as SchedulerService,
  });
  const { backend, base } = await ctx.startBackend(0, [schedulerFactory]);
  const refresh = tasks.find(t => t.id === 'mlops-gpu-inventory-refresh');
  if (!refresh)
    throw new Error('the GPU inventory refresh task was not scheduled');
  const kube = ctx.kubernetesServices(base);
  const gpu = () => ctx.get(`${base}${ctx.entityPath}/gpu`);
  // Warm connections and JIT on the Kubernetes backend's path first.
  for (let i = 0; i < 3; i++) await ctx.timed(kube);

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await refresh.fn(new AbortController().signal);
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  gc();
  const retained = process.memoryUsage().heapUsed - heapBefore;

  // A second refresh: the steady state of the periodic relist.
  const cpu2Before = process.cpuUsage();
  const started2 = process.hrtime.bigint();
  await refresh.fn(new AbortController().signal);
  const wall2 = Number(process.hrtime.bigint() - started2) / 1e6;
  const cpu2 = process.cpuUsage(cpu2Before);

  for (let i = 0; i < 3; i++) await ctx.timed(gpu);
  const k: number[] = [];
  const g: number[] = [];
  for (let i = 0; i < ctx.iterations; i++) {
    k.push(await ctx.timed(kube));
    g.push(await ctx.timed(gpu));
  }
  const body = (await (await gpu()).json()) as {
    clusters: Array<{
      nodes: Array<{ allocated: number }>;
      pods: unknown[];
      totals: Record<string, number>;
      inventory?: { refreshedAt: string };
    }>;
  };
  await backend.stop();
  const { sizes } = ctx;
  const [cluster] = body.clusters;
  console.log(
    `GPU ${label}: ${sizes.nodes} nodes (${sizes.gpuNodes} GPU), ${
      sizes.pods
    } pods (${(sizes.podListBytes / 1e6).toFixed(0)} MB PodList), entity owns ${
      sizes.entityPods
    }`,
  );
  console.log(
    `   inventory refresh (scheduled task, through the Kubernetes backend's proxy in the same process): first ${ms(
      wall,
    )} wall, ${ms((cpu.user + cpu.system) / 1000)} CPU; again ${ms(
      wall2,
    )} wall, ${ms((cpu2.user + cpu2.system) / 1000)} CPU`,
  );
  console.log(
    `   inventory memory: ${mb(
      retained,
    )} heap kept after the refresh; peak extra RSS during it ${mb(
      peak - rssBefore,
    )}`,
  );
  const km = median(k);
  const gm = median(g);
  console.log(
    `   GPU route, inventory warm, no answer cache (${
      ctx.iterations
    } requests each, interleaved, p50): GPU ${ms(
      gm,
    )} | kubernetes POST /services/fraud-detection ${ms(km)} | ratio ${(
      gm / km
    ).toFixed(2)}x`,
  );
  console.log(
    `   (answer: ${cluster.nodes.length} GPU nodes, ${cluster.pods.length} entity GPU pods, allocated ${cluster.totals.allocated}, inventory of ${cluster.inventory?.refreshedAt})`,
  );
}
