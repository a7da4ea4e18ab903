#!/usr/bin/env bash
# Builds rearview and runs every test (unit, golden, integration, end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
# playwright-core drives the system's Chromium and axe-core checks accessibility.
if [[ ! -d tests/browser/node_modules/playwright-core || ! -d tests/browser/node_modules/axe-core ]]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
ctest --test-dir build --output-on-failure --parallel "$(nproc)" "$@"
