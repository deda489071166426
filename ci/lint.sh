#!/usr/bin/env bash
# Checks formatting (clang-format) and runs the project's clang-tidy checks.
#   ci/lint.sh         every production unit, and the test units that changed since the commit
#                      in ci/tidy-baseline (what CI runs)
#   ci/lint.sh --full  every unit, afresh (run it before moving ci/tidy-baseline forward)
# clang-tidy also skips a unit whose inputs are those of an earlier clean run (ci/tidy.py).
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t sources < <(git ls-files '*.cc' '*.h')
[[ ${#sources[@]} -eq 0 ]] && exit 0
clang-format --dry-run -Werror "${sources[@]}"
ci/build.sh  # a no-op when built; the dependency record must be current (ci/tidy.py)
mapfile -t units < <(git ls-files '*.cc' | grep -v '_fuzz\.cc$')
if [[ "${1:-}" == "--full" ]]; then
  ci/tidy.py -p build --no-cache "${units[@]}"
  exit
fi

# Test units hold half the units and most of clang-tidy's time; one that did not change since
# the baseline passed a full run then. Without a usable baseline (a shallow clone, a commit
# that is not here) every test unit is checked.
baseline=$(grep -v '^#' ci/tidy-baseline | head -n 1 || true)
production=()
tests=()
for unit in "${units[@]}"; do
  if [[ "$unit" == *_test.cc ]]; then tests+=("$unit"); else production+=("$unit"); fi
done
if [[ -n "$baseline" ]] && git cat-file -e "$baseline^{commit}" 2>/dev/null; then
  mapfile -t tests < <(git diff --name-only --diff-filter=d "$baseline" -- '*_test.cc')
  echo "ci/lint.sh: clang-tidy over ${#production[@]} production units and ${#tests[@]} test" \
    "units changed since ${baseline:0:12} (ci/tidy-baseline; ci/lint.sh --full checks all)"
fi
ci/tidy.py -p build "${production[@]}" "${tests[@]}"
