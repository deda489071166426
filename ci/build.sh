#!/usr/bin/env bash
# Configures and builds sipconf. Usage: ci/build.sh [--sanitize] [target...]
# The plain build goes to build/, the ASan+UBSan build to build-asan/.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIPCONF_WERROR=ON)
if [[ "${1:-}" == "--sanitize" ]]; then
  shift
  dir=build-asan
  flags+=(-DSIPCONF_SANITIZE=ON -DSIPCONF_BENCH=OFF)
fi
[[ -f "$dir/build.ninja" ]] || cmake -S . -B "$dir" -G Ninja "${flags[@]}"
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build "$dir" -j "$(nproc)" "${targets[@]}"
