#!/usr/bin/env bash
# Builds the libFuzzer targets (the clang ASan+UBSan build in build-asan/, which the
# sanitizer tests share) and runs each for a bounded time, one target per core at a time.
# A target that fails prints its whole output, a clean one its final statistics; any failure
# fails the script.
# Usage: ci/fuzz.sh [seconds-per-target]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}

mapfile -t fuzzers < <(git ls-files '*_fuzz.cc' | xargs -r -n1 basename | sed 's/\.cc$//')
[[ ${#fuzzers[@]} -eq 0 ]] && { echo "ci/fuzz.sh: no fuzz targets"; exit 0; }
ci/build.sh --sanitize "${fuzzers[@]}"

run_one() {
  local f=$1 src seeds work
  src=$(git ls-files "*/$f.cc")
  seeds="$(dirname "$src")/testdata/fuzz/${f%_fuzz}"
  work="build-asan/corpus/$f"
  mkdir -p "$work"
  local log="build-asan/corpus/$f.log" status=0
  "build-asan/$(dirname "$src")/$f" -max_total_time="$seconds" -max_len=65536 \
    -print_final_stats=1 "$work" "$seeds" >"$log" 2>&1 || status=$?
  { echo "ci/fuzz.sh: $f for ${seconds}s (seeds: $seeds): exit $status"; cat "$log"; } \
    | if [[ $status -eq 0 ]]; then grep -E '^ci/fuzz.sh|^stat::|^Done|^INFO: Seed' ; else cat; fi
  return "$status"
}
export -f run_one
export seconds
printf '%s\n' "${fuzzers[@]}" | xargs -P "$(nproc)" -I{} bash -c 'run_one {}'
