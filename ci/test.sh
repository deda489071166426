#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test.
# Usage: ci/test.sh [--sanitize] [extra ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

ci/deps.sh
dir=build
if [[ "${1:-}" == "--sanitize" ]]; then
  shift
  dir=build-asan
  ci/build.sh --sanitize
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  ci/build.sh
fi
ctest --test-dir "$dir" -j "$(nproc)" --output-on-failure --timeout 600 "$@"
