#!/usr/bin/env bash
# Installs the Python requirements (DVC 3 with the remote's extra, scikit-learn, MLflow) the
# way both CI flavours do. With requirements.lock (scripts/lock-requirements.sh: every package
# pinned with its hashes) pip checks each download against its hash; without it CI warns and
# installs the exact pins of requirements.txt.
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [ -f requirements.lock ]; then
  pip install --no-cache-dir --require-hashes -r requirements.lock
else
  message="requirements.lock is missing: installing requirements.txt without hash checking; run scripts/lock-requirements.sh and commit requirements.lock"
  if [ "${GITHUB_ACTIONS:-}" = "true" ]; then echo "::warning::${message}"; else echo "WARNING: ${message}"; fi
  pip install --no-cache-dir -r requirements.txt
fi
