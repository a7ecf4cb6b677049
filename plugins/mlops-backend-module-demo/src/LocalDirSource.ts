import { Entity } from '@backstage/catalog-model';
import {
  DVC_MAX_FILE_BYTES,
  DvcFileError,
} from '@mlops-portal/plugin-mlops-common';
import { MlopsSourceReader } from '@mlops-portal/plugin-mlops-node';
import { promises as fs } from 'fs';
import { resolve, sep } from 'path';

/** Text replacements the demo applies to files it serves (fixtures/dvc/source-edits.json). @public */
export type SourceEdits = Record<
  string,
  Array<{ replace: string; with: string }>
>;

/**
 * The repository's history the demo knows (fixtures/dvc/commit-edits.json):
 * the head commit, served as the branch is, and older commits as edits of
 * the folder's files.
 */
export interface SourceHistory {
  head: string;
  commits: Record<string, SourceEdits>;
}

/**
 * Demo mode: the example project's files from a local folder instead of a
 * repository host, with the demo's own edits applied (a stale stage to show).
 * With a history, a read at a commit (`ref`) serves that commit's edits
 * instead, and a commit it does not hold is not found; without one the
 * folder is the only version and answers at every ref.
 */
export class LocalDirSource implements MlopsSourceReader {
  private readonly root: string;

  constructor(
    root: string,
    private readonly edits: SourceEdits = {},
    private readonly history?: SourceHistory,
  ) {
    this.root = resolve(root);
  }

  linkTo() {
    return undefined;
  }

  private editsAt(ref: string | undefined): SourceEdits {
    if (!this.history || ref === undefined || ref === this.history.head)
      return this.edits;
    const edits = this.history.commits[ref];
    if (!edits) throw new Error(`the demo repository has no commit ${ref}`);
    return edits;
  }

  async readText(
    _entity: Entity,
    path: string,
    _signal?: AbortSignal,
    ref?: string,
  ) {
    const file = resolve(this.root, path);
    if (!file.startsWith(this.root + sep)) return undefined;
    const edits = this.editsAt(ref)[path] ?? [];
    try {
      const stat = await fs.stat(file);
      if (stat.size > DVC_MAX_FILE_BYTES) {
        throw new DvcFileError(
          path,
          'too-large',
          `file is larger than the ${DVC_MAX_FILE_BYTES} bytes allowed`,
        );
      }
      const text = await fs.readFile(file, 'utf8');
      return edits.reduce((edited, edit) => {
        if (!edited.includes(edit.replace)) {
          throw new Error(
            `demo source edit of ${path}${
              ref ? ` at ${ref}` : ''
            }: '${edit.replace.trim()}' is not in the file`,
          );
        }
        return edited.replace(edit.replace, edit.with);
      }, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
