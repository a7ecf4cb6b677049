import { Entity } from '@backstage/catalog-model';
import { DVC_MAX_FILE_BYTES, DvcFileError } from '@mlops-portal/plugin-mlops-common';
import { MlopsSourceReader } from '@mlops-portal/plugin-mlops-node';
import { promises as fs } from 'fs';
import { resolve, sep } from 'path';

/**
 * Demo mode: the example project's files from a local folder instead of a
 * repository host.
 */
export class LocalDirSource implements MlopsSourceReader {
  private readonly root: string;

  constructor(root: string) {
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
      return await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
