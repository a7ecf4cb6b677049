import { parse } from 'yaml';
import { KubernetesObject } from '../validators/kubernetesObjects';
import { ClusterModel } from './model';

/**
 * What exists in a cluster without the repository's Kubernetes objects: what
 * the cluster configuration (eksctl or Terraform) creates, and what the Helm
 * charts the repository installs create. Each entry names its source.
 */

/**
 * The EBS CSI add-on creates the StorageClass `ebs-csi-default-sc` (gp3,
 * WaitForFirstConsumer, marked default) when its configuration sets
 * `defaultStorageClass.enabled: true` (aws-ebs-csi-driver Helm chart values,
 * `templates/storageclass.yaml`; the EKS add-on accepts the same
 * configuration values). EKS clusters created since 1.30 have no default
 * StorageClass otherwise ("gp2" exists but is not marked default).
 */
export const ebsDefaultStorageClass = 'ebs-csi-default-sc';

function eksctlEnablesEbsDefault(text: string | undefined): boolean {
  if (!text) return false;
  const config = parse(text) as {
    addons?: Array<{ name: string; configurationValues?: string }>;
  };
  const addon = config.addons?.find(a => a.name === 'aws-ebs-csi-driver');
  if (!addon?.configurationValues) return false;
  const values = JSON.parse(addon.configurationValues);
  return values?.defaultStorageClass?.enabled === true;
}

function terraformEnablesEbsDefault(text: string | undefined): boolean {
  if (!text) return false;
  // configuration_values = jsonencode({ defaultStorageClass = { enabled = true } }) in the aws-ebs-csi-driver add-on.
  return /aws-ebs-csi-driver[\s\S]*?configuration_values\s*=\s*jsonencode\(\{\s*defaultStorageClass\s*=\s*\{\s*enabled\s*=\s*true/.test(
    text,
  );
}

/** StorageClasses that exist (by name) and the default one, if any. */
export function storageClasses(model: ClusterModel): {
  names: Set<string>;
  defaultClass?: string;
} {
  const rendered = model.objects.filter(o => o.kind === 'StorageClass');
  const names = new Set(rendered.map(o => o.metadata?.name ?? ''));
  let defaultClass = rendered.find(
    o =>
      (o.metadata as { annotations?: Record<string, string> }).annotations?.[
        'storageclass.kubernetes.io/is-default-class'
      ] === 'true',
  )?.metadata?.name;
  if (
    eksctlEnablesEbsDefault(
      model.files.get('control-plane/cluster/eks-cluster.yaml'),
    ) ||
    terraformEnablesEbsDefault(
      model.files.get('infrastructure/terraform/main.tf'),
    )
  ) {
    names.add(ebsDefaultStorageClass);
    defaultClass = defaultClass ?? ebsDefaultStorageClass;
  }
  return { names, defaultClass };
}

/** A Helm chart the repository installs (Argo CD Application or Flux HelmRelease). */
export interface ChartRelease {
  chart: string;
  releaseName: string;
  namespace?: string;
  values: Record<string, unknown>;
  owner: KubernetesObject;
}

import type { Json } from './model';

/** Every chart release of the model. */
export function chartReleases(model: ClusterModel): ChartRelease[] {
  const releases: ChartRelease[] = [];
  for (const object of model.objects as Json[]) {
    if (
      object.kind === 'Application' &&
      object.apiVersion?.startsWith('argoproj.io/')
    ) {
      const sources: Json[] = object.spec?.sources ?? [
        object.spec?.source ?? {},
      ];
      for (const source of sources) {
        if (!source.chart) continue;
        releases.push({
          chart: source.chart,
          releaseName: source.helm?.releaseName ?? object.metadata.name,
          namespace: object.spec?.destination?.namespace,
          values: source.helm?.valuesObject ?? {},
          owner: object as KubernetesObject,
        });
      }
    }
    if (object.kind === 'HelmRelease') {
      const chart =
        object.spec?.chart?.spec?.chart ?? object.spec?.chartRef?.name;
      if (!chart) continue;
      releases.push({
        chart,
        releaseName: object.spec?.releaseName ?? object.metadata.name,
        namespace: object.spec?.targetNamespace ?? object.metadata.namespace,
        values: object.spec?.values ?? {},
        owner: object as KubernetesObject,
      });
    }
  }
  return releases;
}

/**
 * Gateway API controllers a chart installs: the GatewayClass
 * `spec.controllerName` each one reconciles.
 * Envoy Gateway: https://gateway.envoyproxy.io/docs/tasks/quickstart/
 * (GatewayClass controllerName gateway.envoyproxy.io/gatewayclass-controller).
 */
export const gatewayControllersByChart: Record<string, string> = {
  'gateway-helm': 'gateway.envoyproxy.io/gatewayclass-controller',
};

/**
 * IngressClasses a chart installs. AWS Load Balancer Controller's chart
 * creates the IngressClass `alb` (createIngressClassResource, default true).
 */
export const ingressClassesByChart: Record<string, string> = {
  'aws-load-balancer-controller': 'alb',
};

/** Objects every namespace has without anyone creating them. */
export function existsInEveryNamespace(kind: string, name: string): boolean {
  return (
    (kind === 'ServiceAccount' && name === 'default') ||
    (kind === 'ConfigMap' && name === 'kube-root-ca.crt')
  );
}
