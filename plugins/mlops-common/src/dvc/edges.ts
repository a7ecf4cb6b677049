import { DvcEdge, DvcStage } from '../api/dvc';

/** A stage path as seen from the dvc.yaml folder (wdir applied, normalised). */
export function stagePath(stage: Pick<DvcStage, 'wdir'>, path: string): string {
  return normalizeRelativePath(`${stage.wdir ?? '.'}/${path}`);
}

/** POSIX-normalises a relative path without Node's `path` (this package also runs in browsers). @public */
export function normalizeRelativePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..')
      parts.pop();
    else parts.push(part);
  }
  return parts.join('/') || '.';
}

const covers = (out: string, dep: string) =>
  out === dep || dep.startsWith(`${out}/`) || out.startsWith(`${dep}/`);

/**
 * The stage graph: an edge wherever an out of one stage is (or contains, or
 * lies inside) a dep of another, as DVC builds its DAG.
 *
 * @public
 */
export function computeDvcEdges(stages: DvcStage[]): DvcEdge[] {
  const outs = stages.flatMap(stage =>
    [...stage.outs, ...stage.metrics, ...stage.plots].map(out => ({
      stage: stage.name,
      path: stagePath(stage, out),
    })),
  );
  const edges: DvcEdge[] = [];
  const seen = new Set<string>();
  for (const stage of stages) {
    for (const dep of stage.deps) {
      const depPath = stagePath(stage, dep);
      for (const out of outs) {
        if (out.stage === stage.name || !covers(out.path, depPath)) continue;
        const id = `${out.stage}\u0000${stage.name}\u0000${depPath}`;
        if (seen.has(id)) continue;
        seen.add(id);
        edges.push({ from: out.stage, to: stage.name, path: depPath });
      }
    }
  }
  return edges;
}
