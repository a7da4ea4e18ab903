#!/usr/bin/env bash
# Builds rearview and runs every test (unit, golden, integration, end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)" "$@"
