import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes rendered files into a fresh temporary folder and returns its path. */
export function writeRendered(
  files: Map<string, Buffer>,
  prefix: string,
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  for (const [file, content] of files) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return dir;
}
