#!/usr/bin/env bash
# Makes sure the system tools the tests use are on PATH. Where apt-get exists
# (Debian/Ubuntu, as on CI) missing ones are installed; elsewhere the script
# stops with a message naming what to install.
#
#   scripts/system-deps.sh            check/install everything the test run needs
#   scripts/system-deps.sh kubectl    only the named tools
set -euo pipefail

# tool on PATH -> Debian package that provides it
declare -A PACKAGE_OF=(
  [kubectl]=kubectl
  [python3]=python3
  [shellcheck]=shellcheck
  [yamllint]=yamllint
  [chromium]=chromium
  [pg_ctlcluster]=postgresql
  [redis-server]=redis-server
  [sklearn]=python3-sklearn
  [pyyaml]=python3-yaml
  [mkdocs]=mkdocs
  [mkdocs-material]=mkdocs-material
  [pymdownx]=python3-pymdownx
)
ALL_TOOLS=(kubectl python3 sklearn pyyaml shellcheck yamllint chromium pg_ctlcluster redis-server mkdocs mkdocs-material pymdownx)

# The Python that runs mkdocs (its shebang), not whichever python3 is first on PATH.
mkdocs_python() {
  local mkdocs
  mkdocs=$(command -v mkdocs) || return 1
  "$(head -1 "$mkdocs" | sed 's/^#! *//; s/ .*//')" "$@"
}

has_tool() {
  case "$1" in
    sklearn) /usr/bin/python3 -c 'import sklearn' >/dev/null 2>&1 || python3 -c 'import sklearn' >/dev/null 2>&1 ;;
    pyyaml) /usr/bin/python3 -c 'import yaml' >/dev/null 2>&1 || python3 -c 'import yaml' >/dev/null 2>&1 ;;
    # The demo profile's TechDocs are built with mkdocs and its Material theme
    # (scripts/build-demo-docs.js).
    mkdocs-material) mkdocs_python -c 'import sys; from mkdocs.utils import get_theme_names; sys.exit("material" not in get_theme_names())' >/dev/null 2>&1 ;;
    pymdownx) mkdocs_python -c 'import pymdownx' >/dev/null 2>&1 ;;
    pg_ctlcluster) command -v pg_ctlcluster >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

tools=("$@")
[ ${#tools[@]} -gt 0 ] || tools=("${ALL_TOOLS[@]}")

missing=()
for tool in "${tools[@]}"; do
  has_tool "$tool" || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] && exit 0

packages=()
for tool in "${missing[@]}"; do packages+=("${PACKAGE_OF[$tool]:-$tool}"); done

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing tools: ${missing[*]}." >&2
  echo "Install these packages with your system's package manager and run again: ${packages[*]}" >&2
  exit 1
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "==> apt-get install ${packages[*]}"
for attempt in 1 2 3 4 5; do
  # apt can meet a lock held by another apt run: retry after a few seconds.
  if $SUDO apt-get update -qq >/dev/null 2>&1 &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null; then
    exit 0
  fi
  echo "apt-get failed (attempt $attempt), retrying in 5 s" >&2
  sleep 5
done
echo "error: could not install ${packages[*]} with apt-get" >&2
exit 1
