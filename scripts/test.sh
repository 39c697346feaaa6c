#!/usr/bin/env bash
# `npm test`: every check, in the order a failure is cheapest to find.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
CHROMIUM_PATH="$(bash scripts/ensure-chromium.sh)"
export CHROMIUM_PATH
step() { printf '\n== %s\n' "$1"; }
step "format and lint the code (biome ci; npx biome lint . also lists warnings)"; npx biome ci --diagnostic-level=error .
step "lint lessons (workbook lint)";   npx workbook lint
step "validate specs (workbook validate)"; npx workbook validate lessons/specs
step "type check (astro check; the engine core without DOM or Node types)"; npx astro check --minimumSeverity warning; npx tsc -p runtime/tsconfig.core.json
step "unit tests (vitest)";            npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
step "build the site (astro build)";   npx astro build
step "check dist (sizes, duplicates, ORT wasm, icons)"; node scripts/check-dist.ts dist
step "browser tests (playwright, $CHROMIUM_PATH)"; npx playwright test
step "summary";                        node scripts/test-summary.ts
