/** The `metadata` of a Kubernetes object, as far as the readers use it. */
export interface KubernetesMetadata {
  name?: string;
  namespace?: string;
}

/** Where an object lives: its cluster, namespace and name (empty when the API left them out). */
export const objectIdentity = (
  cluster: string,
  metadata: KubernetesMetadata | undefined,
) => ({
  cluster,
  namespace: metadata?.namespace ?? '',
  name: metadata?.name ?? '',
});
