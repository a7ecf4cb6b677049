import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** Root folder of this package, resolved the way Backstage resolves package files. */
export const packageRoot = resolvePackagePath('@mlops-portal/template-tests');

/** Root folder of the repository this package lives in. */
export const repoRoot = path.resolve(packageRoot, '../..');
