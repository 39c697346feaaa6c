#!/usr/bin/env bash
# `npm start`: install, build the workbook and serve it on localhost with cross-origin isolation.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
echo "Building the workbook..." >&2
npx astro build >&2
port="${PORT:-4321}"
echo >&2
echo "Benchmark Carpentry is ready: open http://localhost:${port}/ (Ctrl+C stops the server)" >&2
exec npx astro preview --host 127.0.0.1 --port "$port"
