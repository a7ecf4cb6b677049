import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { JsonObject } from '@backstage/types';
import { packageRoot } from '../packageRoot';

/** Absolute path of the repository's `templates/` folder. */
export const templatesRoot = path.resolve(packageRoot, '../../templates');

/** A template file and the files beside it, as the template editor uploads them. */
export interface LoadedTemplate {
  dir: string;
  entity: JsonObject;
  /** Every file under the template folder except template.yaml, with a POSIX path. */
  files: Array<{ path: string; content: Buffer }>;
}

function listFiles(root: string, dir = root): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(root, full) : [full];
  });
}

/** Reads `templates/<name>/template.yaml` and its skeleton the way the catalog and the editor do. */
export function loadTemplate(name: string): LoadedTemplate {
  const dir = path.join(templatesRoot, name);
  const entity = parse(
    fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
  );
  const files = listFiles(dir)
    .map(file => ({
      path: path.relative(dir, file).split(path.sep).join('/'),
      content: fs.readFileSync(file),
    }))
    .filter(file => file.path !== 'template.yaml');
  return { dir, entity, files };
}
