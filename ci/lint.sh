#!/usr/bin/env bash
# Checks formatting (clang-format) and runs the project's clang-tidy checks.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t sources < <(git ls-files '*.cc' '*.h')
[[ ${#sources[@]} -eq 0 ]] && exit 0
clang-format --dry-run -Werror "${sources[@]}"
[[ -f build/compile_commands.json ]] || ci/build.sh
mapfile -t units < <(git ls-files '*.cc' | grep -v '_fuzz\.cc$')
printf '%s\n' "${units[@]}" | xargs -P "$(nproc)" -n 8 clang-tidy -p build --quiet 2>/dev/null
