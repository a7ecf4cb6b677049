import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** Root folder of this package, resolved the way Backstage resolves package files. */
export const packageRoot = resolvePackagePath('@mlops-portal/template-tests');
