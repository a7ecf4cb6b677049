/*
 * Regenerates examples/fraud-detection: renders the "Create new ML project"
 * template with the example answers through the real scaffolder dry run, runs
 * the generated DVC pipeline (scikit-learn), and keeps what a real repository
 * commits: the rendered files, dvc.lock and the `cache: false` outputs.
 *
 * Run: node scripts/generate-example-project.js
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../packageRoot';
import { writeRendered } from '../scaffolder/writeRendered';
import { EXAMPLE_DIR, PIPELINE_DIR } from './exampleValues';
import { renderExampleProject } from './renderExampleProject';
import { runPipeline } from './runPipeline';

async function main() {
  const python = process.env.MLOPS_PYTHON ?? '/usr/bin/python3';
  const { files, executable } = await renderExampleProject();
  const scratch = writeRendered(files, 'example-project');
  try {
    const { lockFile, outputs } = runPipeline(scratch, PIPELINE_DIR, python);
    const target = path.join(repoRoot, EXAMPLE_DIR);
    fs.rmSync(target, { recursive: true, force: true });
    const write = (file: string, content: Buffer) => {
      const full = path.join(target, file);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content, {
        mode: executable.get(file) ? 0o755 : 0o644,
      });
    };
    for (const [file, content] of files) write(file, content);
    for (const file of [lockFile, ...outputs]) {
      write(file, fs.readFileSync(path.join(scratch, file)));
    }
    process.stdout.write(
      `wrote ${files.size} rendered files and ${
        outputs.length + 1
      } pipeline outputs to ${EXAMPLE_DIR}\n`,
    );
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

// The test backend of the dry run leaves a timer behind after its stop()
// (process.getActiveResourcesInfo() shows one ref'd Timeout once main is done;
// which plugin's is not found yet), so the script exits when its work is done
// instead of waiting for it.
main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
