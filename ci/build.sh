#!/usr/bin/env bash
# Configures and builds sipconf. Usage: ci/build.sh [--sanitize] [target...]
# The plain build (GCC) goes to build/. --sanitize builds with clang into build-asan/: every
# object with ASan+UBSan and libFuzzer's coverage hooks, so that one build serves the
# sanitizer tests and the fuzz targets (ci/fuzz.sh).
# With ccache installed, a fresh clone in another folder reuses what an earlier build of the
# same sources compiled (cmake/sipconf.cmake); nothing depends on the cache.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build
# -g1 (functions and line tables, no locals) keeps backtraces and profiles readable: full -g
# made the -O2 compile about 1.6x slower.
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG"
       -DSIPCONF_WERROR=ON)
if [[ "${1:-}" == "--sanitize" ]]; then
  shift
  dir=build-asan
  # -O1 with line tables, as sanitizer builds usually are: stack traces keep file and line.
  flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIPCONF_WERROR=ON
         -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
         "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG"
         -DSIPCONF_SANITIZE=ON -DSIPCONF_FUZZ=ON -DSIPCONF_BENCH=OFF)
fi
[[ -f "$dir/build.ninja" ]] || cmake -S . -B "$dir" -G Ninja "${flags[@]}"
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build "$dir" -j "$(nproc)" "${targets[@]}"
