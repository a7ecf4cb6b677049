import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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

function listFiles(dir: string, base = ''): string[] {
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
 * md5 of its bytes; a directory by the md5 of its JSON listing (Python's
 * json.dumps separators) with ".dir" appended.
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
