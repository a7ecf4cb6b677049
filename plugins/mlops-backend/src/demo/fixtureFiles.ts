import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { promises as fs } from 'fs';
import { join } from 'path';

/** Reads the recorded upstream answers under `src/demo/fixtures`; each file once. */
export class FixtureFiles {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(
    private readonly root = resolvePackagePath('@mlops-portal/plugin-mlops-backend', 'src/demo/fixtures'),
  ) {}

  /** Parsed JSON of a fixture, or `undefined` when the file is not there. */
  read<T>(relativePath: string): Promise<T | undefined> {
    let promise = this.cache.get(relativePath);
    if (!promise) {
      promise = fs.readFile(join(this.root, relativePath), 'utf8').then(
        text => JSON.parse(text),
        error => {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw error;
        },
      );
      this.cache.set(relativePath, promise);
    }
    return promise as Promise<T | undefined>;
  }
}
