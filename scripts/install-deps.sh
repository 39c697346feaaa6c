#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than package.json / the lockfile.
# `npm install`, not `npm ci`: this registry lacks other platforms' optional binaries (see DESIGN.md).
# onnxruntime-node's postinstall would fetch CUDA add-ons from outside the npm registry: npm >= 11.16
# skips it (package.json "allowScripts": false); ONNXRUNTIME_NODE_INSTALL=skip, which that script reads
# itself, covers older npm. (An .npmrc key would do the same, but npm 11 warns on every command for it.)
set -euo pipefail
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "Installing dependencies (npm install)..." >&2
  ONNXRUNTIME_NODE_INSTALL="${ONNXRUNTIME_NODE_INSTALL:-skip}" npm install --no-audit --no-fund >&2
fi
