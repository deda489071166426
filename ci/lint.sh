#!/usr/bin/env bash
# Checks formatting (clang-format) and runs the project's clang-tidy checks over every unit.
# clang-tidy skips a unit whose inputs are those of an earlier clean run (ci/tidy.py);
# `ci/lint.sh --full` checks every unit afresh.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t sources < <(git ls-files '*.cc' '*.h')
[[ ${#sources[@]} -eq 0 ]] && exit 0
clang-format --dry-run -Werror "${sources[@]}"
ci/build.sh  # a no-op when built; the dependency record must be current (ci/tidy.py)
mapfile -t units < <(git ls-files '*.cc' | grep -v '_fuzz\.cc$')
cache=()
[[ "${1:-}" == "--full" ]] && cache=(--no-cache)
ci/tidy.py -p build "${cache[@]}" "${units[@]}"
