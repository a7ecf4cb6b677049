#!/usr/bin/env bash
# Runs every check of the repository: type checking, lint and every package's
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

echo "==> Type checking (tsc)"
yarn tsc

echo "==> Lint"
yarn lint:all

echo "==> Unit and integration tests (every package)"
CI=true yarn backstage-cli repo test --json --outputFile="$RESULTS_DIR/jest.json"
