import { spawnSync } from 'node:child_process';

/** The Python with scikit-learn (Debian's python3-sklearn); the test script exports MLOPS_PYTHON. */
export const python = process.env.MLOPS_PYTHON ?? '/usr/bin/python3';

/** Result of running a tool: exit status and the combined output. */
export interface ToolRun {
  status: number | null;
  output: string;
}

/** Runs a command without a shell; a missing tool says what to install. */
export function runTool(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): ToolRun {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? `${command} is not installed; run scripts/system-deps.sh ${command}`
        : `${command} failed to start: ${result.error.message}`,
    );
  }
  return {
    status: result.status,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`,
  };
}
