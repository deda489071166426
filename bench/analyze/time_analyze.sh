#!/bin/sh
# Times `sipconf analyze` against `tshark -q -z sip,stat` on the same capture, in the
# same run, and prints both figures and their ratio.
#
#   bench/analyze/time_analyze.sh SIPCONF CAPTURE.pcap [RUNS]
#
# SIPCONF is the sipconf binary (e.g. build/harness/sipconf). If CAPTURE.pcap does not
# exist it is generated first with make_capture.sh (100 MB; needs root, kamailio, sipp).
# Ours is the best of RUNS runs (default 5), tshark's the best of 2, page cache warm for
# both. Wall time and CPU time (user + system) are both reported: on a shared machine
# the CPU time is the steadier figure.
set -eu

sipconf=${1:?usage: time_analyze.sh SIPCONF CAPTURE.pcap [RUNS]}
capture=${2:?usage: time_analyze.sh SIPCONF CAPTURE.pcap [RUNS]}
runs=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)

command -v tshark >/dev/null 2>&1 || { echo "tshark not found: apt-get install tshark"; exit 2; }
[ -x "$sipconf" ] || { echo "$sipconf: not an executable (build the sipconf target)"; exit 2; }
[ -f "$capture" ] || "$here/make_capture.sh" "$capture" 100

bytes=$(stat -c %s "$capture")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

# Runs a command once; prints "wall_seconds cpu_seconds".
measure() {
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>&1
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$work/time"
}

# Best of N: the smallest wall time with its CPU time.
best_of() {
  n=$1
  shift
  for _ in $(seq "$n"); do measure "$@"; done | sort -n | head -1
}

cat "$capture" >/dev/null  # warm the page cache
ours=$(best_of "$runs" "$sipconf" analyze -q "$capture")
theirs=$(best_of 2 tshark -q -z sip,stat -r "$capture")

echo "$ours $theirs" | awk -v bytes="$bytes" -v file="$capture" '{
  mb = bytes / 1e6
  printf "capture: %s, %.1f MB\n", file, mb
  printf "%-34s %8s %8s %10s %10s\n", "", "wall s", "cpu s", "MB/s wall", "MB/s cpu"
  printf "%-34s %8.3f %8.3f %10.0f %10.0f\n", "sipconf analyze", $1, $2, mb / $1, mb / $2
  printf "%-34s %8.3f %8.3f %10.0f %10.0f\n", "anchor: tshark -q -z sip,stat", $3, $4, mb / $3, mb / $4
  printf "sipconf analyze is %.1fx faster than tshark (wall), %.1fx (cpu)\n", $3 / $1, $4 / $2
}'

# The two must agree on what they counted.
ours_count=$("$sipconf" analyze "$capture" | sed -n 's/^SIP: \([0-9]*\) messages.*/\1/p')
tshark_count=$(tshark -q -z sip,stat -r "$capture" 2>/dev/null | sed -n 's/^Number of SIP messages: //p')
echo "SIP messages: sipconf $ours_count, tshark $tshark_count"
