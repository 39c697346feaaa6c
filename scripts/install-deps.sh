#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than package.json / the lockfile.
# `npm install`, not `npm ci`: this registry lacks other platforms' optional binaries (see DESIGN.md).
set -euo pipefail
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "Installing dependencies (npm install)..." >&2
  npm install --no-audit --no-fund >&2
fi
