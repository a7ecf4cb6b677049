import {
  resolvePackagePath,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { examples } from './reproducibilityAddChecks.examples';

export const REPRODUCIBILITY_ADD_CHECKS_ACTION_ID =
  'mlops:reproducibility:add-checks';

/**
 * The one home of the reproducibility checks both templates' CI runs
 * (reproducibility.py, install-requirements.sh), shipped in this package's
 * `assets` folder, so it is found the same way from the monorepo and from an
 * npm install.
 */
export function reproducibilityChecksDir(): string {
  return resolvePackagePath(
    '@mlops-portal/plugin-scaffolder-backend-module-mlops',
    'assets/reproducibility-checks',
  );
}

/** Every file under `dir`, as paths relative to it with "/" separators, sorted. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(dir, prefix), {
    withFileTypes: true,
  });
  const files: string[] = [];
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      files.push(...(await listFiles(dir, relative)));
    } else if (entry.isFile()) {
      files.push(relative);
    }
  }
  return files.sort();
}

/** The files the action writes, relative to its `targetPath`. */
export async function reproducibilityCheckFiles(): Promise<string[]> {
  return listFiles(reproducibilityChecksDir());
}

/**
 * `mlops:reproducibility:add-checks`: writes the reproducibility checks the
 * templates' CI runs (reproducibility.py, install-requirements.sh, from this
 * package's assets) under `targetPath` in the workspace.
 *
 * @public
 */
export function createReproducibilityAddChecksAction() {
  return createTemplateAction({
    id: REPRODUCIBILITY_ADD_CHECKS_ACTION_ID,
    description:
      'Writes the reproducibility checks the generated CI runs (control-plane/ci-cd/checks/reproducibility.py: dvc.lock fresh, DVC outputs pushed, MLflow run metadata, PR report, promotion; install-requirements.sh) into the workspace, as they are, executable. Outputs the paths written.',
    examples,
    // Writing into the (dry-run) workspace is what a dry run shows; nothing leaves the backend.
    supportsDryRun: true,
    schema: {
      input: {
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace the files go under, relative to it (default "."); the CI workflows call control-plane/ci-cd/checks/ under it',
            ),
      },
      output: {
        files: z =>
          z
            .array(z.string())
            .describe(
              'The files written, relative to the workspace, e.g. control-plane/ci-cd/checks/reproducibility.py',
            ),
      },
    },
    async handler(ctx) {
      const targetPath = ctx.input.targetPath ?? '.';
      if (path.isAbsolute(targetPath)) {
        throw new InputError(
          `targetPath: must be relative to the workspace (got '${targetPath}')`,
        );
      }
      let target: string;
      try {
        target = resolveSafeChildPath(ctx.workspacePath, targetPath);
      } catch {
        throw new InputError(
          `targetPath: must stay inside the workspace (got '${targetPath}')`,
        );
      }
      const source = reproducibilityChecksDir();
      const files = await listFiles(source);
      const written: string[] = [];
      for (const file of files) {
        const destination = path.join(target, file);
        await fs.mkdir(path.dirname(destination), { recursive: true });
        // copyFile keeps the bytes; the mode (executable scripts) is set from the source.
        await fs.copyFile(path.join(source, file), destination);
        const { mode } = await fs.stat(path.join(source, file));
        await fs.chmod(destination, mode & 0o777);
        written.push(
          path
            .relative(ctx.workspacePath, destination)
            .split(path.sep)
            .join('/'),
        );
      }
      ctx.logger.info(
        `${
          ctx.isDryRun ? 'Dry run: wrote' : 'Wrote'
        } the reproducibility checks: ${written.join(', ')}`,
      );
      ctx.output('files', written);
    },
  });
}
