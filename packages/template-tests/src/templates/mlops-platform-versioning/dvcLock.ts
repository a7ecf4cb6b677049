import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

const md5 = (data: Buffer | string) =>
  crypto.createHash('md5').update(data).digest('hex');

function hashEntry(file: string) {
  if (fs.statSync(file).isDirectory()) {
    const entries = fs
      .readdirSync(file)
      .sort()
      .map(name => ({
        md5: md5(fs.readFileSync(path.join(file, name))),
        relpath: name,
      }));
    // DVC 3 hashes a directory as the md5 of its JSON listing (Python's
    // json.dumps separators), suffixed with ".dir".
    const listing = `[${entries
      .map(e => `{"md5": "${e.md5}", "relpath": "${e.relpath}"}`)
      .join(', ')}]`;
    const size = entries.reduce(
      (total, e) => total + fs.statSync(path.join(file, e.relpath)).size,
      0,
    );
    return {
      hash: 'md5',
      md5: `${md5(listing)}.dir`,
      size,
      nfiles: entries.length,
    };
  }
  return {
    hash: 'md5',
    md5: md5(fs.readFileSync(file)),
    size: fs.statSync(file).size,
  };
}

type Entry = string | Record<string, unknown>;
const paths = (items: Entry[] = []) =>
  items.flatMap(item =>
    typeof item === 'string' ? [item] : Object.keys(item),
  );

/**
 * Writes dvc.lock (schema 2.0) for a pipeline whose stages have just run, the
 * way `dvc repro` records it: command, md5 of each dependency, the locked
 * parameter values and md5 of each output.
 */
export function writeDvcLock(dvcYamlPath: string) {
  const dir = path.dirname(dvcYamlPath);
  const pipeline = parse(fs.readFileSync(dvcYamlPath, 'utf8'));
  const params = parse(fs.readFileSync(path.join(dir, 'params.yaml'), 'utf8'));
  const stages: Record<string, unknown> = {};
  for (const [name, stage] of Object.entries(
    pipeline.stages as Record<string, Record<string, Entry[] | string>>,
  )) {
    const keys = (stage.params as string[]) ?? [];
    stages[name] = {
      cmd: stage.cmd,
      deps: paths(stage.deps as Entry[]).map(p => ({
        path: p,
        ...hashEntry(path.join(dir, p)),
      })),
      params: {
        'params.yaml': Object.fromEntries(keys.map(k => [k, params[k]])),
      },
      outs: [
        ...paths(stage.outs as Entry[]),
        ...paths(stage.metrics as Entry[]),
        ...paths(stage.plots as Entry[]),
      ].map(p => ({ path: p, ...hashEntry(path.join(dir, p)) })),
    };
  }
  fs.writeFileSync(
    path.join(dir, 'dvc.lock'),
    stringify({ schema: '2.0', stages }),
  );
}
