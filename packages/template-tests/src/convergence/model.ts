import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  isKubernetesObject,
  KubernetesObject,
} from '../validators/kubernetesObjects';
import { runTool } from '../validators/systemTools';

/**
 * A parsed manifest or document as the rules walk it: loosely typed on purpose,
 * since a rule reads whatever fields of whatever kind it checks (kinds the
 * schema checks have already validated). One definition for every rule.
 */
export type Json = Record<string, any>;

/**
 * A model of what a generated repository puts into a cluster: every object
 * GitOps applies (the kustomize builds Argo CD or Flux reconcile, and the
 * bootstrap objects), the files of the repository (workflows, orchestrator
 * code, the documented list of what a team creates by hand) and the project
 * name. The convergence rules read only this.
 */
export interface ClusterModel {
  project: string;
  objects: KubernetesObject[];
  /** Every text file of the repository by path. */
  files: Map<string, string>;
  /** Objects a team creates by hand, from `docs/created-by-hand.md`. */
  createdByHand: ObjectKey[];
  /**
   * Objects of the cluster layer (`cluster-layer/`): installed once per
   * cluster by the first project's bootstrap and reused by the others, so
   * they are part of the cluster but never a collision between projects.
   */
  clusterLayer?: KubernetesObject[];
}

/** Kind, namespace and name: what the API server keys an object by. */
export interface ObjectKey {
  kind: string;
  namespace?: string;
  name: string;
}

/** One broken rule: which rule, which object or file, and what is wrong. */
export interface Violation {
  rule: string;
  subject: string;
  message: string;
}

/** A convergence rule: what a real cluster (or its controllers) would refuse or never finish. */
export interface ConvergenceRule {
  id: string;
  description: string;
  check(model: ClusterModel): Violation[];
}

/** Reports one violation of the rule being checked: the object or file, and what is wrong. */
export type Report = (subject: string, message: string) => void;

/**
 * A convergence rule whose `check` reports each violation through `report`;
 * the rule's id goes into every violation it reports. Every rule is one such
 * call, so the rules open alike (id, description, `(model, report) =>`, often
 * `model.objects as Json[]`): that opening is this signature, not a copy.
 */
export function defineRule(
  id: string,
  description: string,
  check: (model: ClusterModel, report: Report) => void,
): ConvergenceRule {
  return {
    id,
    description,
    check(model) {
      const violations: Violation[] = [];
      check(model, (subject, message) =>
        violations.push({ rule: id, subject, message }),
      );
      return violations;
    },
  };
}

export const createdByHandFile = 'docs/created-by-hand.md';

function documents(text: string, source: string): KubernetesObject[] {
  return parseAllDocuments(text).flatMap(doc => {
    if (doc.errors.length > 0) {
      throw new Error(
        `${source}: ${doc.errors.map(e => e.message).join('\n')}`,
      );
    }
    const value = doc.toJS();
    return isKubernetesObject(value) ? [value] : [];
  });
}

function kustomizeBuild(dir: string, root: string): KubernetesObject[] {
  const build = runTool('kubectl', ['kustomize', path.join(root, dir)]);
  if (build.status !== 0) {
    throw new Error(`kubectl kustomize ${dir} failed:\n${build.output}`);
  }
  return documents(build.output, `kubectl kustomize ${dir}`);
}

/**
 * Rows of the table in docs/created-by-hand.md: `| Kind | namespace | name | how |`
 * (namespace `-` for cluster-scoped objects).
 */
export function parseCreatedByHand(markdown: string | undefined): ObjectKey[] {
  if (!markdown) return [];
  return markdown
    .split('\n')
    .map(line => line.trim())
    .filter(line => line.startsWith('|') && !/^\|\s*-/.test(line))
    .map(line =>
      line
        .split('|')
        .slice(1, -1)
        .map(cell => cell.trim().replace(/^`|`$/g, '')),
    )
    .filter(cells => cells.length >= 3 && /^[A-Z]/.test(cells[0]))
    .filter(cells => cells[0] !== 'Kind')
    .map(([kind, namespace, name]) => ({
      kind,
      namespace: namespace === '-' || namespace === '' ? undefined : namespace,
      name,
    }));
}

/** Text files of a rendered repository on disk, by path relative to its root. */
export function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), {
      withFileTypes: true,
    })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(rel);
      } else {
        files.set(rel, fs.readFileSync(path.join(root, rel), 'utf8'));
      }
    }
  };
  walk('');
  return files;
}

/** Files GitOps applies directly (not through the root kustomization): the bootstrap objects. */
const bootstrapFiles = [
  'control-plane/gitops/argo-cd-app.yaml',
  'control-plane/gitops/flux-kustomization.yaml',
];

/**
 * Loads the model of a repository rendered to `root`: the kustomize build of
 * `control-plane` (what Argo CD's root Application and Flux's project
 * Kustomization reconcile), of `control-plane/platform` when Flux has one,
 * the bootstrap objects, and the cluster layer's parts (`cluster-layer/` and
 * `cluster-layer/<part>/`) the bootstrap applies when the cluster has none yet.
 */
export function loadClusterModel(root: string, project: string): ClusterModel {
  const files = readTree(root);
  const objects = kustomizeBuild('control-plane', root);
  if (files.has('control-plane/platform/kustomization.yaml')) {
    objects.push(...kustomizeBuild('control-plane/platform', root));
  }
  for (const file of bootstrapFiles) {
    const text = files.get(file);
    if (text) objects.push(...documents(text, file));
  }
  // The cluster layer's parts: cluster-layer/ itself and each folder of it
  // with its own kustomization (the bootstrap detects and applies each apart).
  const clusterLayer = [...files.keys()]
    .filter(file => /^cluster-layer\/([^/]+\/)?kustomization\.yaml$/.test(file))
    .sort()
    .flatMap(file => kustomizeBuild(path.posix.dirname(file), root));
  return {
    project,
    objects: [...objects, ...clusterLayer],
    files,
    createdByHand: parseCreatedByHand(files.get(createdByHandFile)),
    clusterLayer,
  };
}

/** `Kind namespace/name` (or `Kind name`) for messages. */
export function describe(object: KubernetesObject): string {
  const ns = object.metadata?.namespace;
  return `${object.kind} ${ns ? `${ns}/` : ''}${object.metadata?.name}`;
}

export function sameKey(a: ObjectKey, b: ObjectKey): boolean {
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    (a.namespace ?? '') === (b.namespace ?? '')
  );
}

export function keyOf(object: KubernetesObject): ObjectKey {
  return {
    kind: object.kind,
    namespace: object.metadata?.namespace,
    name: object.metadata?.name ?? '',
  };
}

/** A copy of the model with its objects changed (negative tests break renders with it). */
export function withObjects(
  model: ClusterModel,
  change: (objects: KubernetesObject[]) => KubernetesObject[],
): ClusterModel {
  return { ...model, objects: change(structuredClone(model.objects)) };
}
