import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The repository root, where `manifests/` lives. */
export const repoRoot = resolvePackagePath(
  '@mlops-portal/deploy-tests',
  '../..',
);

/** The fields every Kubernetes object has; the rest is read per kind. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/**
 * Runs `kubectl kustomize` on a directory under the repository root, as a
 * user deploying the portal would, and parses the objects it prints.
 */
export function buildKustomization(dir: string): KubernetesObject[] {
  let output: string;
  try {
    output = execFileSync('kubectl', ['kustomize', path.join(repoRoot, dir)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error(
        'kubectl is not on PATH: run scripts/system-deps.sh kubectl (or install kubectl)',
      );
    }
    throw new Error(
      `kubectl kustomize ${dir} failed: ${e.stderr ?? e.message}`,
    );
  }
  return parseAllDocuments(output).map((doc, index) => {
    if (doc.errors.length > 0) {
      throw new Error(`document ${index} of ${dir}: ${doc.errors[0].message}`);
    }
    return doc.toJS() as KubernetesObject;
  });
}

/** The one object of a kind and name, or an error naming what is missing. */
export function findObject<T = KubernetesObject>(
  objects: KubernetesObject[],
  kind: string,
  name: string,
): T {
  const found = objects.find(o => o.kind === kind && o.metadata.name === name);
  if (!found) {
    throw new Error(`no ${kind} ${name} in the build`);
  }
  return found as unknown as T;
}
