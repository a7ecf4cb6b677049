import { expectRendered, startDryRunServer } from '../scaffolder/dryRunServer';
import { loadTemplate } from '../scaffolder/loadTemplate';
import { EXAMPLE_TEMPLATE, exampleValues } from './exampleValues';

/**
 * Renders the example project through the real scaffolder dry run (the same
 * one the template tests and the template editor use): POSIX path → content.
 */
export async function renderExampleProject(): Promise<{
  files: Map<string, Buffer>;
  executable: Map<string, boolean>;
}> {
  const server = await startDryRunServer();
  try {
    const result = expectRendered(
      await server.dryRun(loadTemplate(EXAMPLE_TEMPLATE), exampleValues),
    );
    return { files: result.files, executable: result.executable };
  } finally {
    await server.stop();
  }
}
