#!/usr/bin/env node
// Regenerates examples/fraud-detection from the "Create new ML project" template
// (real scaffolder dry run) and runs its DVC pipeline to write dvc.lock and the
// committed outputs. Needs a Python with scikit-learn: MLOPS_PYTHON, else
// /usr/bin/python3. The check that the example is up to date is
// packages/template-tests/src/exampleProject/exampleProject.test.ts.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
execFileSync(
  process.execPath,
  [
    '--require',
    require.resolve('@backstage/cli/config/nodeTransform.cjs', {
      paths: [root],
    }),
    path.join(root, 'packages/template-tests/src/exampleProject/generate.ts'),
  ],
  { cwd: root, stdio: 'inherit' },
);
