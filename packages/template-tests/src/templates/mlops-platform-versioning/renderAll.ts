import fs from 'node:fs';
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
