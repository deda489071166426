#!/usr/bin/env bash
# Builds the libFuzzer targets (the clang ASan+UBSan build in build-asan/, which the
# sanitizer tests share) and runs each for a bounded time.
# Usage: ci/fuzz.sh [seconds-per-target]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}

mapfile -t fuzzers < <(git ls-files '*_fuzz.cc' | xargs -r -n1 basename | sed 's/\.cc$//')
[[ ${#fuzzers[@]} -eq 0 ]] && { echo "ci/fuzz.sh: no fuzz targets"; exit 0; }
ci/build.sh --sanitize "${fuzzers[@]}"
for f in "${fuzzers[@]}"; do
  src=$(git ls-files "*/$f.cc")
  seeds="$(dirname "$src")/testdata/fuzz/${f%_fuzz}"
  work="build-asan/corpus/$f"
  mkdir -p "$work"
  echo "ci/fuzz.sh: $f for ${seconds}s (seeds: $seeds)"
  "build-asan/$(dirname "$src")/$f" -max_total_time="$seconds" -max_len=65536 \
    -print_final_stats=1 "$work" "$seeds"
done
