import fs from 'node:fs';
import path from 'node:path';
import { loadConfigSchema } from '@backstage/config-loader';
import type { JsonObject } from '@backstage/types';
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IConfigMap } from 'kubernetes-models/v1';
import { parse } from 'yaml';
import {
  buildKustomization,
  findObject,
  KubernetesObject,
  repoRoot,
} from './kustomize';

type ConfigData = JsonObject;

// Collecting the schemas of the backend's whole dependency tree takes seconds: once.
let backendSchema: ReturnType<typeof loadConfigSchema> | undefined;
const loadBackendSchema = () =>
  (backendSchema ??= loadConfigSchema({
    dependencies: ['backend'],
    packagePaths: [path.join(repoRoot, 'packages/backend/package.json')],
    noUndeclaredProperties: true,
  }));

const readRepoYaml = (file: string) =>
  parse(fs.readFileSync(path.join(repoRoot, file), 'utf8')) as ConfigData;

/** `${VAR}` substitutions anywhere in a config document. */
function envReferences(value: unknown): string[] {
  if (typeof value === 'string') {
    return [...value.matchAll(/\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g)].map(
      m => m[1],
    );
  }
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(envReferences);
  }
  return [];
}

/** The config files a pod loads, in order, as the Deployment's args name them. */
function podConfigChain(objects: KubernetesObject[]) {
  const deployment = findObject<IDeployment>(
    objects,
    'Deployment',
    'mlops-portal',
  );
  const podSpec = deployment.spec!.template.spec!;
  const backend = podSpec.containers[0];
  const args = backend.args ?? [];
  const files = args.filter((_, i) => args[i - 1] === '--config');
  const chain = files.map(file => {
    const mount = backend.volumeMounts?.find(m =>
      file.startsWith(`${m.mountPath}/`),
    );
    if (!mount) {
      // A file of the image: the repository's own, as the Dockerfile copies it.
      return { context: file, data: readRepoYaml(file) };
    }
    const volume = podSpec.volumes!.find(v => v.name === mount.name)!;
    const configMap = findObject<IConfigMap>(
      objects,
      'ConfigMap',
      volume.configMap!.name!,
    );
    const key = file.slice(mount.mountPath.length + 1);
    return { context: file, data: parse(configMap.data![key]) as ConfigData };
  });
  const envFromConfigMaps = (backend.envFrom ?? []).flatMap(source =>
    Object.keys(
      findObject<IConfigMap>(objects, 'ConfigMap', source.configMapRef!.name!)
        .data ?? {},
    ),
  );
  const env = new Set([
    ...envFromConfigMaps,
    ...(backend.env ?? []).map(e => e.name),
  ]);
  return { chain, env };
}

describe.each(['manifests/overlays/dev', 'manifests/overlays/prod'])(
  'the config a pod of %s loads',
  overlay => {
    const { chain, env } = podConfigChain(buildKustomization(overlay));

    it('is app-config.yaml, app-config.production.yaml and the ConfigMap file', () => {
      expect(chain.map(c => c.context)).toEqual([
        'app-config.yaml',
        'app-config.production.yaml',
        '/app/config/app-config.kubernetes.yaml',
      ]);
    });

    it('gets every ${VAR} it references from the ConfigMap or the Secret', () => {
      const referenced = [
        ...new Set(chain.flatMap(c => envReferences(c.data))),
      ];
      expect(referenced.length).toBeGreaterThan(0);
      expect(referenced.filter(name => !env.has(name))).toEqual([]);
    });

    it('validates against the config schema of the backend and its plugins', async () => {
      const schema = await loadBackendSchema();
      expect(() =>
        schema.process(chain, {
          visibility: ['frontend', 'backend', 'secret'],
        }),
      ).not.toThrow();
    }, 60_000);
  },
);

describe('app-config.production.yaml', () => {
  const production = readRepoYaml('app-config.production.yaml') as any;

  it('uses PostgreSQL with every connection setting from the environment', () => {
    expect(production.backend.database.client).toBe('pg');
    expect(production.backend.database.connection).toEqual({
      host: '${POSTGRES_HOST}',
      port: '${POSTGRES_PORT}',
      user: '${POSTGRES_USER}',
      password: '${POSTGRES_PASSWORD}',
    });
  });

  it('shares one Redis cache between replicas, its URL from the environment', () => {
    expect(production.backend.cache).toMatchObject({
      store: 'redis',
      connection: '${REDIS_URL}',
    });
  });

  it('signs in through a real identity provider whose backend module is installed', () => {
    expect(production.auth.environment).toBe('production');
    const providers = Object.keys(production.auth.providers);
    expect(providers).not.toContain('guest');
    const backendIndex = fs.readFileSync(
      path.join(repoRoot, 'packages/backend/src/index.ts'),
      'utf8',
    );
    for (const provider of providers) {
      expect(backendIndex).toContain(
        `plugin-auth-backend-module-${provider}-provider`,
      );
    }
  });

  it('never serves the synthetic demo data', () => {
    expect(production.mlops.demo).toBe(false);
  });
});
