/** Minimal shape of a Kubernetes list answer; items are typed by the caller. */
export interface KubernetesList<T> {
  apiVersion?: string;
  kind?: string;
  metadata?: { continue?: string; resourceVersion?: string };
  items: T[];
}

/**
 * Read access to the clusters the Kubernetes plugin is configured with.
 * Every method takes the caller's deadline as `signal`.
 */
export interface KubernetesClient {
  /** Names of the clusters the Kubernetes backend knows. */
  listClusters(signal: AbortSignal): Promise<string[]>;
  /**
   * GETs a list path (`/api/v1/nodes`, `/apis/argoproj.io/v1alpha1/namespaces/x/rollouts?labelSelector=...`).
   * `undefined` when the cluster does not serve that API (a CRD that is not installed).
   */
  list<T>(cluster: string, path: string, signal: AbortSignal): Promise<KubernetesList<T> | undefined>;
}
