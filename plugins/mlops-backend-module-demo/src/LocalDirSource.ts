import { Entity } from '@backstage/catalog-model';
import { DVC_MAX_FILE_BYTES, DvcFileError } from '@mlops-portal/plugin-mlops-common';
import { MlopsSourceReader } from '@mlops-portal/plugin-mlops-node';
import { promises as fs } from 'fs';
import { resolve, sep } from 'path';

/** Text replacements the demo applies to files it serves (fixtures/dvc/source-edits.json). */
export type SourceEdits = Record<string, Array<{ replace: string; with: string }>>;

/**
 * Demo mode: the example project's files from a local folder instead of a
 * repository host, with the demo's own edits applied (a stale stage to show).
 */
export class LocalDirSource implements MlopsSourceReader {
  private readonly root: string;

  constructor(root: string, private readonly edits: SourceEdits = {}) {
    this.root = resolve(root);
  }

  linkTo() {
    return undefined;
  }

  async readText(_entity: Entity, path: string) {
    const file = resolve(this.root, path);
    if (!file.startsWith(this.root + sep)) return undefined;
    try {
      const stat = await fs.stat(file);
      if (stat.size > DVC_MAX_FILE_BYTES) {
        throw new DvcFileError(path, 'too-large', `file is larger than the ${DVC_MAX_FILE_BYTES} bytes allowed`);
      }
      const text = await fs.readFile(file, 'utf8');
      return (this.edits[path] ?? []).reduce((edited, edit) => {
        if (!edited.includes(edit.replace)) {
          throw new Error(`demo source edit of ${path}: '${edit.replace.trim()}' is not in the file`);
        }
        return edited.replace(edit.replace, edit.with);
      }, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
