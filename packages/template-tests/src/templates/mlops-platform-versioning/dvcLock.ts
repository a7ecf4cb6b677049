import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

const md5 = (data: Buffer | string) =>
  crypto.createHash('md5').update(data).digest('hex');

/** A dep or out of dvc.lock: path, md5 (DVC 3 `hash: md5`), size. */
export interface LockEntry {
  path: string;
  hash: 'md5';
  md5: string;
  size: number;
  nfiles?: number;
}

/** Every file below `dir`, as sorted POSIX paths relative to it. */
export function listFiles(dir: string, base = ''): string[] {
  return fs
    .readdirSync(path.join(dir, base), { withFileTypes: true })
    .flatMap(entry => {
      const relative = base ? `${base}/${entry.name}` : entry.name;
      return entry.isDirectory() ? listFiles(dir, relative) : [relative];
    })
    .sort();
}

/**
 * Hashes a file or directory the way `dvc repro` records it: a file by the
 * md5 of its bytes; a directory by the md5 of its JSON listing of every file
 * below it (Python's json.dumps separators) with ".dir" appended.
 */
export function lockEntry(dvcDir: string, relativePath: string): LockEntry {
  const full = path.join(dvcDir, relativePath);
  if (!fs.statSync(full).isDirectory()) {
    const content = fs.readFileSync(full);
    return {
      path: relativePath,
      hash: 'md5',
      md5: md5(content),
      size: content.length,
    };
  }
  const files = listFiles(full);
  const listing = `[${files
    .map(
      f =>
        `{"md5": "${md5(
          fs.readFileSync(path.join(full, f)),
        )}", "relpath": "${f}"}`,
    )
    .join(', ')}]`;
  return {
    path: relativePath,
    hash: 'md5',
    md5: `${md5(listing)}.dir`,
    size: files.reduce(
      (total, f) => total + fs.statSync(path.join(full, f)).size,
      0,
    ),
    nfiles: files.length,
  };
}

type Entry = string | Record<string, unknown>;
const paths = (items: Entry[] = []) =>
  items.flatMap(item =>
    typeof item === 'string' ? [item] : Object.keys(item),
  );

/** A params.yaml value by DVC's dotted key (`train`, `train.lr`). */
function paramValue(params: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (value, part) =>
        value && typeof value === 'object'
          ? (value as Record<string, unknown>)[part]
          : undefined,
      params,
    );
}

const byPath = (a: LockEntry, b: LockEntry) =>
  a.path < b.path ? -1 : Number(a.path > b.path);

/**
 * The one dvc.lock writer of the tests. Writes dvc.lock (schema 2.0) for a
 * pipeline whose stages have just run, as `dvc repro` records it: command,
 * md5 of each dependency, the locked parameter values (keys sorted) and md5
 * of each output, deps and outs sorted by path as DVC writes them. The layout
 * follows DVC's (sequences not indented, `schema: '2.0'`); unlike DVC's YAML
 * writer it does not fold lines longer than 80 characters.
 */
export function writeDvcLock(dvcYamlPath: string) {
  const dir = path.dirname(dvcYamlPath);
  const pipeline = parse(fs.readFileSync(dvcYamlPath, 'utf8'));
  const params = parse(fs.readFileSync(path.join(dir, 'params.yaml'), 'utf8'));
  const stages: Record<string, unknown> = {};
  for (const [name, stage] of Object.entries(
    pipeline.stages as Record<string, Record<string, Entry[] | string>>,
  )) {
    const keys = [...((stage.params as string[]) ?? [])].sort();
    stages[name] = {
      cmd: stage.cmd,
      deps: paths(stage.deps as Entry[])
        .map(p => lockEntry(dir, p))
        .sort(byPath),
      params: {
        'params.yaml': Object.fromEntries(
          keys.map(k => [k, paramValue(params, k)]),
        ),
      },
      outs: [
        ...paths(stage.outs as Entry[]),
        ...paths(stage.metrics as Entry[]),
        ...paths(stage.plots as Entry[]),
      ]
        .map(p => lockEntry(dir, p))
        .sort(byPath),
    };
  }
  fs.writeFileSync(
    path.join(dir, 'dvc.lock'),
    foldLongCommands(
      stringify(
        { schema: '2.0', stages },
        { indentSeq: false, singleQuote: true, lineWidth: 0 },
      ),
    ),
  );
}

/**
 * Folds a plain `cmd:` value longer than 80 columns the way DVC's YAML writer
 * (ruamel, PyYAML's emitter, best width 80) does: at the first single space
 * after column 80, continuing two spaces deeper than the key. The recorded
 * locks have no line that long, so this follows the emitter's code, not a
 * recording.
 */
export function foldLongCommands(text: string): string {
  return text.replace(
    /^( *)cmd: ([^'"\n][^\n]*)$/gm,
    (line, indent: string, value: string) => {
      if (line.length <= 80) return line;
      let out = `${indent}cmd:`;
      let column = out.length;
      for (const word of value.split(' ')) {
        if (column > 80) {
          out += `\n${indent}  ${word}`;
          column = indent.length + 2 + word.length;
        } else {
          out += ` ${word}`;
          column += 1 + word.length;
        }
      }
      return out;
    },
  );
}
