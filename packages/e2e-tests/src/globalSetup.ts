import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { assertChromiumInstalled } from './browser';
import { REPO_ROOT, startPortal } from './portal';

/**
 * Builds the demo's TechDocs (as scripts/start.sh does), then starts the
 * portal once for all tests; the returned function stops it.
 */
export default async function globalSetup() {
  assertChromiumInstalled();
  execFileSync(
    process.execPath,
    [path.join(REPO_ROOT, 'scripts/build-demo-docs.js')],
    { stdio: 'inherit' },
  );
  return await startPortal();
}
