import fs from 'node:fs';
import { parse } from 'yaml';
import { loadTemplate } from '../../scaffolder/loadTemplate';
import {
  DryRunResult,
  expectRendered,
  startDryRunServer,
} from '../../scaffolder/dryRunServer';
import { writeRendered } from '../../scaffolder/writeRendered';
import { Combination } from './combinations';

/** One combination rendered through the scaffolder and written to disk. */
export interface RenderedCombination extends Combination {
  result: DryRunResult;
  dir: string;
}

export const template = loadTemplate('mlops-platform-versioning');

/** Renders each combination once through a real scaffolder dry run. */
export async function renderAll(
  combinations: Combination[],
): Promise<RenderedCombination[]> {
  const server = await startDryRunServer();
  try {
    const rendered: RenderedCombination[] = [];
    for (const combination of combinations) {
      const result = expectRendered(
        await server.dryRun(template, combination.values),
      );
      rendered.push({
        ...combination,
        result,
        dir: writeRendered(result.files, combination.id),
      });
    }
    return rendered;
  } finally {
    await server.stop();
  }
}

export function removeRendered(rendered: RenderedCombination[]) {
  for (const { dir } of rendered) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of a rendered file, failing clearly when the file was not generated. */
export function fileText(rendered: RenderedCombination, file: string): string {
  const content = rendered.result.files.get(file);
  if (!content) {
    throw new Error(`${rendered.id} did not generate ${file}`);
  }
  return content.toString('utf8');
}

/**
 * The workflows whose jobs are merge checks: they run on every pull request
 * (no `paths` filter) and on main, so branch protection can require them. Delivery
 * workflows that run only when their files change (images.yml) are not checks.
 */
export function checkWorkflowFiles(rendered: RenderedCombination): string[] {
  return [...rendered.result.files.keys()]
    .filter(file => /^\.github\/workflows\/.*\.ya?ml$/.test(file))
    .filter(file => {
      const on = parse(fileText(rendered, file)).on ?? {};
      // A check also runs on main; the pull-request report and the promotion
      // workflow (workflow_run) do not block a merge.
      return 'pull_request' in on && !on.pull_request?.paths && 'push' in on;
    })
    .sort();
}
