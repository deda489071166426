#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time.
# Usage: ci/fuzz.sh [seconds-per-target]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}

if [[ ! -f build-fuzz/build.ninja ]]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSIPCONF_FUZZ=ON -DSIPCONF_BENCH=OFF
fi
mapfile -t fuzzers < <(git ls-files '*_fuzz.cc' | xargs -r -n1 basename | sed 's/\.cc$//')
[[ ${#fuzzers[@]} -eq 0 ]] && { echo "ci/fuzz.sh: no fuzz targets"; exit 0; }
cmake --build build-fuzz -j "$(nproc)" $(printf -- '--target %s ' "${fuzzers[@]}")
for f in "${fuzzers[@]}"; do
  src=$(git ls-files "*/$f.cc")
  seeds="$(dirname "$src")/testdata/fuzz/${f%_fuzz}"
  work="build-fuzz/corpus/$f"
  mkdir -p "$work"
  echo "ci/fuzz.sh: $f for ${seconds}s (seeds: $seeds)"
  "build-fuzz/$(dirname "$src")/$f" -max_total_time="$seconds" -max_len=65536 \
    -print_final_stats=1 "$work" "$seeds"
done
