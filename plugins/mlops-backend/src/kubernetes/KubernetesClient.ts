// The interfaces live in mlops-node, beside the extension point that lets a module replace the client.
export type {
  MlopsKubernetesClient as KubernetesClient,
  MlopsKubernetesList as KubernetesList,
} from '@mlops-portal/plugin-mlops-node';
