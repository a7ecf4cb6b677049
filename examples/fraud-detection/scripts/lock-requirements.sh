#!/usr/bin/env bash
# Writes requirements.lock from requirements.txt: every package, transitive ones included,
# pinned with the sha256 hashes of its files, so CI installs exactly what was locked
# (control-plane/ci-cd/checks/install-requirements.sh). Run it after changing a pin and
# commit both files. Needs network access to the package index.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv-lock
.venv-lock/bin/pip install --quiet pip-tools==7.4.1
.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
  --output-file requirements.lock requirements.txt
rm -rf .venv-lock
echo "wrote requirements.lock"
