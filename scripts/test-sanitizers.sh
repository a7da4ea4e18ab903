#!/usr/bin/env bash
# Builds the whole test suite once more under AddressSanitizer and
# UndefinedBehaviorSanitizer (g++, build-asan/) and runs it: any memory error
# or undefined behaviour fails the test it happens in.
#   scripts/test-sanitizers.sh [CTEST ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${REARVIEW_ASAN_BUILD:-build-asan}"
scripts/install-deps.sh
flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREARVIEW_BUILD_BENCHMARKS=OFF \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build "$build" --parallel "$(nproc)"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_stack_use_after_return=1:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/sanitizers/lsan.supp}"
# playwright-core for the browser tier, as in scripts/test.sh.
if [[ ! -d tests/browser/node_modules/playwright-core ]]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)" "$@"
