/*
 * Writes the synthetic demo data the demo module serves (`src/fixtures/`):
 * MLflow REST 2.0, Kubernetes (two clusters) and Prometheus DCGM bodies. The
 * output is deterministic (seeded PRNG, fixed clock), so re-running it yields
 * byte-identical files and a reviewable diff; `fixtures.test.ts` checks that
 * the committed files are what it writes.
 *
 *   yarn workspace @mlops-portal/plugin-mlops-backend-module-demo generate-fixtures [--out <dir>]
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';
import { buildKubernetes } from './kubernetes';
import { buildMlflow } from './mlflow';
import { buildPrometheus } from './prometheus';
import { buildReproducibility } from './reproducibility';

const outFlag = process.argv.indexOf('--out');
const outDir =
  outFlag > 0
    ? path.resolve(process.argv[outFlag + 1])
    : resolvePackagePath(
        '@mlops-portal/plugin-mlops-backend-module-demo',
        'src/fixtures',
      );

for (const upstream of ['mlflow', 'kubernetes', 'prometheus', 'scm']) {
  fs.rmSync(path.join(outDir, upstream), { recursive: true, force: true });
}
// The PRNG is shared: MLflow first, then Kubernetes (it deploys MLflow's
// model versions), then Prometheus (it reports the Kubernetes GPUs).
const mlflow = buildMlflow();
const kubernetes = buildKubernetes(mlflow.versions);
const prometheus = buildPrometheus(kubernetes.dcgm);
// The reproducibility chain's data uses no PRNG, so it changes none of the above.
// The canary is the Staging version (kubernetes.ts deploys it as both clusters' canary).
const canary = mlflow.versions.find(v => v.current_stage === 'Staging')!;
const reproducibility = buildReproducibility(
  kubernetes.files.find(f => f.path === 'kubernetes/clusters.json')!
    .body as string[],
  mlflow.origins[canary.version],
);
for (const file of [
  ...mlflow.files,
  ...kubernetes.files,
  ...prometheus,
  ...reproducibility,
]) {
  const target = path.join(outDir, file.path);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, `${JSON.stringify(file.body, null, 2)}\n`);
  process.stdout.write(`wrote ${target}\n`);
}
