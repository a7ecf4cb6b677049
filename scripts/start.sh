#!/usr/bin/env bash
# Starts the portal in the demo profile: frontend on :3000, backend on :7007.
# Bootstraps Node 24 and installs dependencies when needed (scripts/toolchain.sh).
# Extra arguments go to `backstage-cli repo start` (e.g. --config app-config.local.yaml).
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
ensure_dependencies
cd "$REPO_ROOT"
# The demo's TechDocs (served by the local publisher); says what to install
# when mkdocs is missing, and the portal starts either way.
node scripts/build-demo-docs.js || echo "warning: the demo's TechDocs were not built" >&2
exec yarn start "$@"
