/*
 * Prints how long the scaffolder takes to render the whole
 * "Create new ML project" repository in a dry run (median of several runs,
 * through the same HTTP endpoint the template editor uses) and how many files
 * and bytes it generates. Run: yarn workspace @mlops-portal/template-tests bench
 * Optional: BENCH_RUNS=<n> (default 7).
 */
import { performance } from 'node:perf_hooks';
import { loadTemplate } from '../scaffolder/loadTemplate';
import { expectRendered, startDryRunServer } from '../scaffolder/dryRunServer';
import { combinations } from '../templates/mlops-platform-versioning/combinations';

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main() {
  const runs = Number(process.env.BENCH_RUNS ?? 7);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(
      `BENCH_RUNS must be a positive integer, got ${process.env.BENCH_RUNS}`,
    );
  }
  const template = loadTemplate('mlops-platform-versioning');
  const server = await startDryRunServer();
  try {
    console.log(
      `Dry-run render of templates/mlops-platform-versioning, ${runs} runs per combination (first run is warm-up, not counted)`,
    );
    console.log(
      'combination                        median ms   min ms   max ms   files    bytes',
    );
    for (const combination of combinations) {
      expectRendered(await server.dryRun(template, combination.values));
      const times: number[] = [];
      let files = 0;
      let bytes = 0;
      for (let run = 0; run < runs; run++) {
        const start = performance.now();
        const result = expectRendered(
          await server.dryRun(template, combination.values),
        );
        times.push(performance.now() - start);
        files = result.files.size;
        bytes = [...result.files.values()].reduce(
          (sum, content) => sum + content.length,
          0,
        );
      }
      console.log(
        `${combination.id.padEnd(34)} ${median(times)
          .toFixed(0)
          .padStart(9)} ${Math.min(...times)
          .toFixed(0)
          .padStart(8)} ${Math.max(...times)
          .toFixed(0)
          .padStart(8)} ${String(files).padStart(7)} ${String(bytes).padStart(
          8,
        )}`,
      );
    }
  } finally {
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
