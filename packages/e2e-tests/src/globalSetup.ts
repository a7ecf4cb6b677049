import { assertChromiumInstalled } from './browser';
import { startPortal } from './portal';

/** Starts the portal once for all tests; the returned function stops it. */
export default async function globalSetup() {
  assertChromiumInstalled();
  return await startPortal();
}
