import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import { GpuInventoryState, GpuNode } from '@mlops-portal/plugin-mlops-common';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { clusterErrorOf } from '../kubernetes/clusters';
import { PrometheusClient } from '../prometheus/PrometheusClient';
import { ResilientCaller } from '../upstream/ResilientCaller';
import {
  GpuMetricsSnapshot,
  NodeLike,
  PodLike,
  allocateOnNodes,
  gpuNodes,
  reduceDcgm,
  toDcgmSamples,
} from './gpuInventory';
import { GpuResourceNames } from './gpuResources';

/*
 * `resourceVersion=0`: the API server answers from its watch cache instead of
 * a quorum read of etcd (https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions),
 * the cheap list a periodic relist should make.
 */
const NODES = '/api/v1/nodes?resourceVersion=0';
const ACTIVE_PODS = `/api/v1/pods?fieldSelector=${encodeURIComponent(
  'status.phase!=Succeeded,status.phase!=Failed',
)}&resourceVersion=0`;

/** One cluster's GPU inventory as the cache holds it. */
export interface ClusterGpuInventory extends Partial<GpuInventoryState> {
  cluster: string;
  /** GPU nodes with their pods' allocations (no pod is kept). */
  nodes: GpuNode[];
}

/** DCGM figures of the last refresh, or why there are none. */
export interface GpuMetricsInventory {
  refreshedAt: string;
  metrics?: GpuMetricsSnapshot;
  /** Set when Prometheus could not be read. */
  error?: string;
}

export interface GpuInventoryOptions {
  cache: CacheService;
  /** Deadlines and retries of the refresh's upstream calls (not its cache: a refresh reads the upstream now). */
  caller: ResilientCaller;
  kubernetes: KubernetesClient;
  prometheus?: PrometheusClient;
  logger: LoggerService;
  names: GpuResourceNames;
  /** How often the scheduled refresh runs; entries live ten times as long, so a failed refresh keeps the last good one. */
  refreshSeconds: number;
  /** Deadline of one cluster's lists. */
  timeoutMs: number;
}

const KEY = 'mlops:gpu-inventory:v1';

/**
 * The GPU inventory of every cluster of the Kubernetes backend, in the shared
 * CacheService: `refreshAll` (the scheduled task, run by one replica) lists
 * each cluster's nodes and active pods and DCGM's series and writes the
 * reduced answer; every replica's requests read it (`cluster`, `metrics`),
 * so a request no longer lists the whole cluster. A cluster that has never
 * been refreshed is refreshed on the first request for it. A refresh that
 * fails keeps the last good inventory, marked stale with the error.
 */
export class GpuInventoryStore {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Parsed entries of this replica, for a few seconds: a hot card does not parse the cache entry per request. */
  private readonly local = new Map<string, { until: number; value: unknown }>();
  private static readonly LOCAL_MS = 2000;

  constructor(private readonly options: GpuInventoryOptions) {}

  private get ttl() {
    return { ttl: { seconds: this.options.refreshSeconds * 10 } };
  }

  private async read<T>(key: string): Promise<T | undefined> {
    const local = this.local.get(key);
    if (local && local.until > Date.now()) return local.value as T;
    const value = (await this.options.cache
      .get(`${KEY}:${key}`)
      .catch(() => undefined)) as T | undefined;
    if (value !== undefined)
      this.local.set(key, {
        until: Date.now() + GpuInventoryStore.LOCAL_MS,
        value,
      });
    return value;
  }

  private async write(key: string, value: object) {
    this.local.set(key, {
      until: Date.now() + GpuInventoryStore.LOCAL_MS,
      value,
    });
    // Inventories are plain data.
    await this.options.cache
      .set(`${KEY}:${key}`, value as JsonValue, this.ttl)
      .catch(error => {
        this.options.logger.warn(
          `GPU inventory: cache write of ${key} failed: ${error}`,
        );
      });
  }

  /** Joins a refresh of `key` already running in this replica. */
  private once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    const promise = fn().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  /** The cluster names of the last refresh, or of the Kubernetes backend now when there was none. */
  async clusters(): Promise<string[]> {
    return (await this.read<string[]>('clusters')) ?? this.refreshClusterList();
  }

  private refreshClusterList() {
    return this.once('clusters', async () => {
      const clusters = await this.options.caller.uncached(
        'kubernetes',
        s => this.options.kubernetes.listClusters(s),
        this.options.timeoutMs,
      );
      await this.write('clusters', clusters);
      return clusters;
    });
  }

  /** One cluster's inventory: the cached one, or a refresh now when none is cached. */
  async cluster(name: string): Promise<ClusterGpuInventory> {
    return (
      (await this.read<ClusterGpuInventory>(`cluster:${name}`)) ??
      this.refreshCluster(name)
    );
  }

  /** Lists the cluster's nodes and active pods and stores the reduced inventory; on failure, the last good one marked stale. */
  refreshCluster(name: string): Promise<ClusterGpuInventory> {
    return this.once(`cluster:${name}`, async () => {
      const { kubernetes, names, caller, timeoutMs } = this.options;
      const list = <T>(path: string) =>
        caller.uncached(
          'kubernetes',
          async s => (await kubernetes.list<T>(name, path, s))?.items ?? [],
          timeoutMs,
        );
      let inventory: ClusterGpuInventory;
      try {
        const nodes = gpuNodes(await list<NodeLike>(NODES), names);
        // Without GPU nodes nothing is allocated: a CPU-only cluster's pods are not listed.
        const pods = nodes.length ? await list<PodLike>(ACTIVE_PODS) : [];
        inventory = {
          cluster: name,
          nodes: allocateOnNodes(nodes, pods, names),
          refreshedAt: new Date().toISOString(),
          stale: false,
        };
      } catch (error) {
        const typed = clusterErrorOf(error);
        this.options.logger.warn(
          `GPU inventory of cluster ${name} not refreshed: ${typed.message}`,
        );
        const last = (await this.options.cache
          .get(`${KEY}:cluster:${name}`)
          .catch(() => undefined)) as ClusterGpuInventory | undefined;
        inventory = {
          ...(last ?? { cluster: name, nodes: [] }),
          stale: true,
          error: typed.toBody().error,
        };
      }
      await this.write(`cluster:${name}`, inventory);
      return inventory;
    });
  }

  /** DCGM figures of the last refresh (refreshed now when none is cached); `undefined` without Prometheus. */
  async metrics(): Promise<GpuMetricsInventory | undefined> {
    if (!this.options.prometheus) return undefined;
    return (
      (await this.read<GpuMetricsInventory>('metrics')) ?? this.refreshMetrics()
    );
  }

  refreshMetrics(): Promise<GpuMetricsInventory | undefined> {
    const { prometheus } = this.options;
    if (!prometheus) return Promise.resolve(undefined);
    return this.once('metrics', async () => {
      const query = async (promql: string, scale = 1) =>
        toDcgmSamples(
          await this.options.caller.uncached(
            'prometheus',
            s => prometheus.query(promql, s),
            this.options.timeoutMs,
          ),
          scale,
        );
      let answer: GpuMetricsInventory;
      try {
        const [util, memory, mig] = await Promise.all([
          query('DCGM_FI_DEV_GPU_UTIL'),
          query('DCGM_FI_DEV_FB_USED'),
          // MIG instances report engine activity (ratio), not DCGM_FI_DEV_GPU_UTIL; optional.
          query('DCGM_FI_PROF_GR_ENGINE_ACTIVE{GPU_I_ID!=""}', 100).catch(
            () => [],
          ),
        ]);
        answer = {
          refreshedAt: new Date().toISOString(),
          metrics: reduceDcgm({ util, memory, mig }),
        };
      } catch (error) {
        // Utilisation is an extra: without it the card still shows allocation.
        const message = clusterErrorOf(error).message;
        this.options.logger.warn(`GPU metrics unavailable: ${message}`);
        answer = { refreshedAt: new Date().toISOString(), error: message };
      }
      await this.write('metrics', answer);
      return answer;
    });
  }

  /** The scheduled task: the cluster list, every cluster, and DCGM. */
  async refreshAll(): Promise<void> {
    let clusters: string[];
    try {
      clusters = await this.refreshClusterList();
    } catch (error) {
      // Keep the last list; each cluster's refresh then marks what fails.
      this.options.logger.warn(
        `GPU inventory: cluster list not refreshed: ${
          clusterErrorOf(error).message
        }`,
      );
      clusters = (await this.read<string[]>('clusters')) ?? [];
    }
    await Promise.all([
      ...clusters.map(c => this.refreshCluster(c)),
      this.refreshMetrics(),
    ]);
  }
}
