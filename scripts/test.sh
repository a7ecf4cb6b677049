#!/usr/bin/env bash
# Runs every check of the repository: type checking, API reports, lint and every package's
# tests. Ends with one line "N passed, N failed" counted from the test runs'
# JSON results. Bootstraps Node 24 and installs dependencies when needed.
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
cd "$REPO_ROOT"

RESULTS_DIR="$REPO_ROOT/.test-results"
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

print_summary() {
  node scripts/summarize-test-results.js "$RESULTS_DIR"
}
trap print_summary EXIT

ensure_dependencies

echo "==> System tools the tests use"
scripts/system-deps.sh
# The Python that has scikit-learn (Debian's python3-sklearn lives in /usr/bin/python3,
# which may not be the python3 first on PATH).
if /usr/bin/python3 -c 'import sklearn' >/dev/null 2>&1; then
  export MLOPS_PYTHON=/usr/bin/python3
else
  export MLOPS_PYTHON=python3
fi

# A full build (not incremental): the API reports below read the declarations
# it writes to dist-types/, and an incremental build can print an inferred
# type's union members in another order than a fresh clone does.
echo "==> Type checking (tsc)"
yarn tsc --incremental false

# A failure is counted in the summary and fails the run at the end, after the
# tests have run.
echo "==> API reports (each plugin's exported API matches its report*.api.md)"
api_reports_ok=true
node scripts/api-reports.js --ci --results "$RESULTS_DIR/api-reports.json" || api_reports_ok=false

echo "==> Formatting (Prettier, the repository's 80-column style; .prettierignore says what is kept verbatim)"
prettier_ok=true
if yarn prettier --check . >"$RESULTS_DIR/prettier.log" 2>&1; then
  echo '{"passed":1,"failed":0}' >"$RESULTS_DIR/prettier.json"
else
  prettier_ok=false
  echo '{"passed":0,"failed":1}' >"$RESULTS_DIR/prettier.json"
  cat "$RESULTS_DIR/prettier.log" >&2
fi

echo "==> Lint"
yarn lint:all

echo "==> Unit and integration tests (every package)"
CI=true yarn backstage-cli repo test --json --outputFile="$RESULTS_DIR/jest.json"

echo "==> Frontend plugin bundle size (target < 200 KB gzipped)"
(cd plugins/mlops && node scripts/bundle-size.js)

echo "==> End-to-end tests in headless Chromium (starts the demo portal on :3000/:7007)"
yarn workspace @mlops-portal/e2e-tests e2e

echo "==> Two backend replicas on the production config (PostgreSQL + Redis)"
CI=true yarn workspace @mlops-portal/deploy-tests test:replicas --json --outputFile="$RESULTS_DIR/replicas.json"

if [ "$api_reports_ok" != true ]; then
  echo "error: an exported API differs from its API report (see '==> API reports' above; update with: yarn build:api-reports)" >&2
  exit 1
fi

if [ "$prettier_ok" != true ]; then
  echo "error: files are not formatted (see '==> Formatting' above; fix with: yarn prettier --write .)" >&2
  exit 1
fi
