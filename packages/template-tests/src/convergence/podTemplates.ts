import { KubernetesObject } from '../validators/kubernetesObjects';

type Json = Record<string, unknown>;

/** A container as the rules read it. */
export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{
    name: string;
    value?: string;
    valueFrom?: {
      configMapKeyRef?: { name: string; optional?: boolean };
      secretKeyRef?: { name: string; optional?: boolean };
    };
  }>;
  envFrom?: Array<{
    configMapRef?: { name: string; optional?: boolean };
    secretRef?: { name: string; optional?: boolean };
  }>;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  securityContext?: Json;
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}

export interface Probe {
  httpGet?: { port: string | number };
  tcpSocket?: { port: string | number };
  grpc?: { port: number };
}

export interface PodSpec {
  serviceAccountName?: string;
  containers: Container[];
  initContainers?: Container[];
  volumes?: Array<{
    name: string;
    persistentVolumeClaim?: { claimName: string };
    configMap?: { name: string; optional?: boolean };
    secret?: { secretName: string; optional?: boolean };
    projected?: {
      sources: Array<{
        configMap?: { name: string; optional?: boolean };
        secret?: { name: string; optional?: boolean };
      }>;
    };
  }>;
  imagePullSecrets?: Array<{ name: string }>;
  securityContext?: Json;
}

/** A pod template found anywhere in an object (Deployment, Job, CronJob, Ray head/worker groups, ...). */
export interface PodTemplate {
  owner: KubernetesObject;
  /** Where in the owner, e.g. `spec.template`. */
  path: string;
  namespace?: string;
  labels: Record<string, string>;
  spec: PodSpec;
}

function isObject(value: unknown): value is Json {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function isPodSpec(value: unknown): value is PodSpec {
  return (
    isObject(value) &&
    Array.isArray(value.containers) &&
    value.containers.every(c => isObject(c) && typeof c.name === 'string')
  );
}

/** Every pod template of an object: any `{ metadata?, spec: { containers } }` node, or a Pod itself. */
export function podTemplatesOf(object: KubernetesObject): PodTemplate[] {
  const found: PodTemplate[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}[${i}]`));
      return;
    }
    if (!isObject(node)) return;
    if (isPodSpec(node.spec)) {
      const metadata = isObject(node.metadata) ? node.metadata : {};
      found.push({
        owner: object,
        path: path || '(object)',
        namespace: object.metadata?.namespace,
        labels: (metadata.labels as Record<string, string>) ?? {},
        spec: node.spec,
      });
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'metadata') walk(value, path ? `${path}.${key}` : key);
    }
  };
  walk(object, '');
  return found;
}

export function podTemplates(objects: KubernetesObject[]): PodTemplate[] {
  return objects.flatMap(podTemplatesOf);
}

export function containersOf(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

export function selectorMatches(
  selector: Record<string, string>,
  labels: Record<string, string>,
): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** Every string value under a key named `key`, anywhere in a value (Helm values included). */
export function stringsUnderKey(
  node: unknown,
  key: string,
  path = '',
): Array<{ path: string; value: string }> {
  if (Array.isArray(node)) {
    return node.flatMap((item, i) =>
      stringsUnderKey(item, key, `${path}[${i}]`),
    );
  }
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([k, v]) => {
    const p = path ? `${path}.${k}` : k;
    if (k === key && typeof v === 'string') return [{ path: p, value: v }];
    return stringsUnderKey(v, key, p);
  });
}
