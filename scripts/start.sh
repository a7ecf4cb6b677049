#!/usr/bin/env bash
# Starts the portal in the demo profile: frontend on :3000, backend on :7007.
# Bootstraps Node 24 and installs dependencies when needed (scripts/toolchain.sh).
# Extra arguments go to `backstage-cli repo start` (e.g. --config app-config.local.yaml).
set -euo pipefail
source "$(dirname "$0")/toolchain.sh"
ensure_dependencies
cd "$REPO_ROOT"
exec yarn start "$@"
