import path from 'node:path';
import { packageRoot } from '../packageRoot';

/** The copied official schemas (see schemas/README.md for their sources). */
export const schemaDir = path.join(packageRoot, 'schemas');
