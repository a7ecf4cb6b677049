import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IConfigMap, IService } from 'kubernetes-models/v1';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { buildKustomization, findObject, KubernetesObject } from './kustomize';

const overlays = ['manifests/overlays/dev', 'manifests/overlays/prod'];

const matches = (
  selector: Record<string, string> = {},
  labels: Record<string, string> = {},
) =>
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([key, value]) => labels[key] === value);

describe.each(overlays)('the portal in %s', overlay => {
  const objects = buildKustomization(overlay);
  const deployment = findObject<IDeployment>(
    objects,
    'Deployment',
    'mlops-portal',
  );
  const podSpec = deployment.spec!.template.spec!;
  const podLabels = deployment.spec!.template.metadata!.labels!;
  const backend = podSpec.containers.find(c => c.name === 'backend')!;
  const namespace = deployment.metadata!.namespace!;
  /** The ConfigMaps the backend container reads its environment from (`envFrom`). */
  const envConfigMaps = () =>
    (backend.envFrom ?? []).map(source =>
      findObject<IConfigMap>(objects, 'ConfigMap', source.configMapRef!.name!),
    );

  it('runs in a Namespace the overlay creates', () => {
    expect(
      objects.filter(o => o.kind === 'Namespace').map(o => o.metadata.name),
    ).toContain(namespace);
    const namespaced = objects.filter(
      o => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind),
    );
    const portalObjects = namespaced.filter(
      o =>
        o.metadata.labels?.['app.kubernetes.io/component'] !== 'cluster-reader',
    );
    expect(new Set(portalObjects.map(o => o.metadata.namespace))).toEqual(
      new Set([namespace]),
    );
  });

  it('runs at least two replicas, replaced one at a time', () => {
    expect(deployment.spec!.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec!.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
  });

  it('probes readiness and liveness on Backstage health endpoints', () => {
    expect(backend.readinessProbe?.httpGet?.path).toBe(
      '/.backstage/health/v1/readiness',
    );
    expect(backend.livenessProbe?.httpGet?.path).toBe(
      '/.backstage/health/v1/liveness',
    );
    // A start that fails (e.g. a migration lock lost to another replica) never
    // becomes ready: the startup probe on readiness gets it restarted.
    expect(backend.startupProbe?.httpGet?.path).toBe(
      '/.backstage/health/v1/readiness',
    );
    for (const probe of [
      backend.readinessProbe,
      backend.livenessProbe,
      backend.startupProbe,
    ]) {
      expect(probe?.httpGet?.port).toBe('http');
    }
    expect(backend.ports).toContainEqual(
      expect.objectContaining({ name: 'http', containerPort: 7007 }),
    );
  });

  it('sets requests and limits for cpu and memory', () => {
    for (const bound of ['requests', 'limits'] as const) {
      expect(Object.keys(backend.resources?.[bound] ?? {}).sort()).toEqual([
        'cpu',
        'memory',
      ]);
    }
  });

  it('keeps the Node.js heap well below the memory limit', () => {
    const env = envConfigMaps().reduce<Record<string, string>>(
      (all, cm) => ({ ...all, ...cm.data }),
      {},
    );
    const heapMiB = Number(
      env.NODE_OPTIONS?.match(/--max-old-space-size=(\d+)/)?.[1],
    );
    const limit = String(backend.resources!.limits!.memory);
    const [, amount, unit] = limit.match(/^(\d+)(Mi|Gi)$/)!;
    const limitMiB = Number(amount) * (unit === 'Gi' ? 1024 : 1);
    // Buffers, code and native memory live outside the heap.
    expect(heapMiB).toBeGreaterThan(0);
    expect(heapMiB).toBeLessThanOrEqual(limitMiB * 0.8);
  });

  it('runs as a non-root user without privileges on a read-only root file system', () => {
    expect(podSpec.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 1000,
    });
    expect(podSpec.securityContext!.runAsUser).not.toBe(0);
    expect(backend.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(backend.securityContext?.privileged).toBeFalsy();
    // The read-only root needs a writable /tmp for scaffolder workspaces.
    expect(backend.volumeMounts).toContainEqual(
      expect.objectContaining({ mountPath: '/tmp' }),
    );
  });

  it('runs as its own ServiceAccount', () => {
    expect(podSpec.serviceAccountName).toBe('mlops-portal');
    findObject(objects, 'ServiceAccount', 'mlops-portal');
  });

  it('loads the image config files and the ConfigMap config file it mounts', () => {
    const args = backend.args ?? [];
    const configFiles = args.filter((_, i) => args[i - 1] === '--config');
    expect(configFiles.slice(0, 2)).toEqual([
      'app-config.yaml',
      'app-config.production.yaml',
    ]);
    const mounted = configFiles[2];
    const mount = backend.volumeMounts!.find(m =>
      mounted.startsWith(`${m.mountPath}/`),
    )!;
    const volume = podSpec.volumes!.find(v => v.name === mount.name)!;
    const configMap = findObject<IConfigMap>(
      objects,
      'ConfigMap',
      volume.configMap!.name!,
    );
    expect(Object.keys(configMap.data ?? {})).toContain(
      mounted.slice(mount.mountPath.length + 1),
    );
  });

  it('takes secrets from the Secret by reference and ships none', () => {
    const secretRefs = (backend.env ?? []).flatMap(e =>
      e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef.name] : [],
    );
    expect(new Set(secretRefs)).toEqual(new Set(['mlops-portal-secrets']));
    expect(
      objects.filter(
        o => o.kind === 'Secret' && o.metadata.namespace === namespace,
      ),
    ).toEqual([]);
    for (const e of backend.env ?? []) {
      expect(e.value).toBeUndefined();
    }
    for (const source of backend.envFrom ?? []) {
      expect(source.secretRef).toBeUndefined();
      findObject(objects, 'ConfigMap', source.configMapRef!.name!);
    }
  });

  it('exposes the pods through a Service, an Ingress and a PodDisruptionBudget that select them', () => {
    const service = findObject<IService>(objects, 'Service', 'mlops-portal');
    expect(matches(service.spec!.selector, podLabels)).toBe(true);
    expect(service.spec!.ports).toContainEqual(
      expect.objectContaining({ targetPort: 'http' }),
    );

    const ingress = findObject<IIngress>(objects, 'Ingress', 'mlops-portal');
    const backends = ingress.spec!.rules!.flatMap(r =>
      r.http!.paths.map(p => p.backend.service!),
    );
    const servicePorts = service.spec!.ports!.map(p => p.name);
    for (const target of backends) {
      expect(target.name).toBe(service.metadata!.name);
      expect(servicePorts).toContain(target.port!.name);
    }

    const pdb = findObject<IPodDisruptionBudget>(
      objects,
      'PodDisruptionBudget',
      'mlops-portal',
    );
    expect(matches(pdb.spec!.selector!.matchLabels, podLabels)).toBe(true);
    expect(Number(pdb.spec!.minAvailable)).toBeLessThan(
      deployment.spec!.replicas!,
    );
  });

  it('serves the public URL it is configured with', () => {
    const ingress = findObject<IIngress>(objects, 'Ingress', 'mlops-portal');
    const envConfigMap = envConfigMaps().find(cm => cm.data?.APP_BASE_URL)!;
    const baseUrl = new URL(envConfigMap.data!.APP_BASE_URL);
    expect(ingress.spec!.rules!.map(r => r.host)).toContain(baseUrl.hostname);
    const tlsHosts = ingress.spec!.tls?.flatMap(t => t.hosts) ?? [];
    // An https:// URL needs a certificate for its host at the Ingress.
    expect({
      https: baseUrl.protocol === 'https:',
      tls: tlsHosts.includes(baseUrl.hostname),
    }).toEqual({
      https: baseUrl.protocol === 'https:',
      tls: baseUrl.protocol === 'https:',
    });
  });
});

describe('the prod overlay', () => {
  const objects: KubernetesObject[] = buildKustomization(
    'manifests/overlays/prod',
  );

  it('pins the image to a release, not a moving tag', () => {
    const deployment = findObject<IDeployment>(
      objects,
      'Deployment',
      'mlops-portal',
    );
    const image = deployment.spec!.template.spec!.containers[0].image!;
    expect(image).toMatch(/:\d+\.\d+\.\d+$|@sha256:[0-9a-f]{64}$/);
  });

  it('terminates TLS at the Ingress and connects to PostgreSQL over verified TLS', () => {
    const ingress = findObject<IIngress>(objects, 'Ingress', 'mlops-portal');
    expect(ingress.spec!.tls?.length).toBeGreaterThan(0);
    const env = objects.find(
      o =>
        o.kind === 'ConfigMap' &&
        o.metadata.name.startsWith('mlops-portal-env'),
    ) as IConfigMap;
    expect(env.data!.PGSSLMODE).toBe('verify-full');
  });
});
