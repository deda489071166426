#!/usr/bin/env bash
# Installs the Debian packages sipconf needs, and only those that are missing.
# Usage: ci/deps.sh [--bench]   (--bench adds the benchmark anchors)
set -euo pipefail

packages=(
  cmake ninja-build ccache g++ clang libclang-rt-14-dev clang-format clang-tidy pkg-config
  libgtest-dev libgmock-dev libbenchmark-dev
  libboost1.74-dev libboost-filesystem1.74-dev libssl-dev libpugixml-dev
  nlohmann-json3-dev libfmt-dev libspdlog-dev libcli11-dev libpcap-dev libsrtp2-dev libjemalloc-dev
  libosip2-dev
  sip-tester tshark openssl chromium python3
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(kamailio hyperfine)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "ci/deps.sh: run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "ci/deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
