#!/usr/bin/env bash
# sipsim as UAS under SIPp load: each profile answers RATE calls/s for RUN_SECONDS seconds
# from SIPp's built-in UAC (`sipp -sn uac`), with SIPp's own UAS (`sipp -sn uas`) as the
# anchor under the same load in the same run. See bench/README.md ("sipsim").
#
# Usage: bench/sipsim/run.sh [BUILD_DIR]      (default: build)
# Environment:
#   RATE=1000                 calls per second
#   RUN_SECONDS=10            length of each run (RATE * RUN_SECONDS calls)
#   TRANSPORT=udp|tcp         SIP transport of both sides
#   PROFILES="lync ip-pbx pstn-gateway itsp"
#   MODE=signalling|shipped   signalling: answer at once, no RTP (what `sipp -sn uas` does);
#                             shipped: the profile as it is (ringing delay, early media, RTP)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
sipsim_bin=$build/simulators/sipsim
rate=${RATE:-1000}
run_seconds=${RUN_SECONDS:-10}
transport=${TRANSPORT:-udp}
profiles=${PROFILES:-"lync ip-pbx pstn-gateway itsp"}
mode=${MODE:-signalling}
calls=$(( rate * run_seconds ))

need() { command -v "$1" >/dev/null || { echo "run.sh: $1 not found: install $2" >&2; exit 1; }; }
need sipp sip-tester
[[ -x $sipsim_bin ]] || { echo "run.sh: $sipsim_bin not built (cmake --build $build --target sipsim)" >&2; exit 1; }
case $transport in udp) sipp_t=u1 ;; tcp) sipp_t=t1 ;; *) echo "run.sh: TRANSPORT is udp or tcp" >&2; exit 1 ;; esac
case $mode in
  signalling) overrides="answer_after_ms=0s,ring_after_ms=0s,rtp=false" ;;
  shipped) overrides="" ;;
  *) echo "run.sh: MODE is signalling or shipped" >&2; exit 1 ;;
esac

work=$(mktemp -d /tmp/sipconf-sipsim-bench-XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [[ -n $p ]] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# Two distinct random loopback addresses: the UAS under test and the SIPp caller.
mapfile -t addr < <(shuf -i 10-250 -n 2 | sed 's/^/127.0.0./')
uas=${addr[0]} uac=${addr[1]}
# A port nobody uses on that address (UDP and TCP). Ports 20000-29999 lie below the
# ephemeral range, so only an explicit bind could hold one; ss (iproute2) checks when present.
free_port() {
  local a=$1 p
  for p in $(shuf -i 20000-29999 -n 100); do
    if ! command -v ss >/dev/null ||
       { ! ss -Hlnu "src $a:$p" | grep -q . && ! ss -Hlnt "src $a:$p" | grep -q .; }; then
      echo "$p"
      return
    fi
  done
  echo "run.sh: no free port on $a" >&2
  exit 1
}

# CPU seconds (user + system) a process has used so far (it must still be running).
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}

# Column NAME of the last line of a SIPp -trace_stat file.
stat_col() {
  local file=$1 name=$2 header last n
  header=$(head -1 "$file")
  last=$(tail -1 "$file")
  n=$(echo "$header" | tr ';' '\n' | grep -nx -- "$name" | cut -d: -f1)
  echo "$last" | cut -d';' -f"$n"
}

# Runs the SIPp UAC against whatever listens on $uas:$1; prints
# "<successful> <failed> <retransmissions> <calls/s> <% answered within 10 ms> <seconds> <exit>".
load() {
  local port=$1 name=$2 start end rc=0
  start=$(date +%s.%N)
  sipp -sn uac -t "$sipp_t" -i "$uac" -p "$(free_port "$uac")" -bind_local -mi "$uac" \
       -mp "$(free_port "$uac")" -cp "$(free_port "$uac")" -nostdin -s +14255550100 \
       -r "$rate" -m "$calls" -l $(( rate * 4 )) -d 0 -timeout $(( run_seconds * 3 + 30 )) \
       -timeout_error -trace_stat -stf "$work/$name-uac.csv" "$uas:$port" \
       > "$work/$name-uac.out" 2>&1 || rc=$?
  end=$(date +%s.%N)
  local csv=$work/$name-uac.csv response
  # SIPp times INVITE -> 200 in whole milliseconds, so its mean of sub-millisecond answers
  # reads 0; the share of calls answered within 10 ms (its first histogram bin) says more.
  response=$(awk -v n="$(stat_col "$csv" 'ResponseTimeRepartition1_<10')" \
                 -v all="$(stat_col "$csv" 'SuccessfulCall(C)')" \
                 'BEGIN { printf "%.2f", (all > 0) ? 100 * n / all : 0 }')
  echo "$(stat_col "$csv" 'SuccessfulCall(C)') $(stat_col "$csv" 'FailedCall(C)')" \
       "$(stat_col "$csv" 'Retransmissions(C)')" \
       "$(awk -v c="$calls" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", c / (b - a) }')" \
       "$response" "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')" "$rc"
}

results=()
report() {  # name, load line, cpu seconds, uas-side figures
  local name=$1 line=$2 cpu=$3 side=$4
  read -r ok failed retrans cps response seconds rc <<< "$line"
  results+=("$(printf '%-26s %7s %7s %7s %7s %9s %10s %8s  %s' "$name" "$calls" "$ok" "$failed" \
               "$retrans" "$cps" "$response" "$cpu" "$side")")
  echo "   $name: $ok successful, $failed failed, $retrans retransmissions, $cps calls/s," \
       "${response} % answered within 10 ms, UAS CPU ${cpu} s, sipp exit $rc; $side"
}

bench_sipp_uas() {
  local port
  port=$(free_port "$uas")
  sipp -sn uas -t "$sipp_t" -i "$uas" -p "$port" -bind_local -mi "$uas" -mp "$(free_port "$uas")" \
       -cp "$(free_port "$uas")" -nostdin -timeout $(( run_seconds * 4 + 30 )) \
       > "$work/anchor-uas.out" 2>&1 &
  local pid=$!
  pids+=("$pid")
  sleep 0.5
  local line cpu
  line=$(load "$port" anchor)
  cpu=$(cpu_seconds "$pid")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  report "anchor: sipp -sn uas" "$line" "$cpu" "-"
}

bench_profile() {
  local profile=$1 port
  port=$(free_port "$uas")
  # calls=0: it runs until stopped, so that its CPU time can be read after the load.
  local args=(--profile "$profile" --listen "$uas:$port/$transport" --behaviour "calls=0"
              --summary "$work/$profile-summary.json" --duration "$(( run_seconds * 4 + 30 ))s"
              --log-level info)
  [[ -n $overrides ]] && args+=(--behaviour "$overrides")
  "$sipsim_bin" "${args[@]}" > "$work/$profile.out" 2>&1 &
  local pid=$!
  pids+=("$pid")
  sleep 0.5
  kill -0 "$pid" 2>/dev/null || { echo "run.sh: sipsim did not start:" >&2; cat "$work/$profile.out" >&2; exit 1; }
  local line cpu
  line=$(load "$port" "$profile")
  cpu=$(cpu_seconds "$pid")
  kill -INT "$pid" 2>/dev/null || true  # a graceful stop: the summary is written
  local rc=0
  wait "$pid" || rc=$?
  # sipsim's own account (its last log line): calls received and answered, and any that
  # did not go as intended.
  local side
  side="sipsim: $(grep -o '[0-9]* received, .*' "$work/$profile.out" | tail -1), exit $rc"
  report "sipsim $profile" "$line" "$cpu" "$side"
}

echo "sipsim bench: $rate calls/s for $run_seconds s ($calls calls) over $transport, mode $mode;" \
     "UAS on $uas, SIPp UAC on $uac; files in $work"
bench_sipp_uas
for profile in $profiles; do bench_profile "$profile"; done

echo
printf '%-26s %7s %7s %7s %7s %9s %10s %8s  %s\n' "UAS" "calls" "ok" "failed" "retrans" \
       "calls/s" "<10ms %" "CPU s" "UAS-side account"
for line in "${results[@]}"; do echo "$line"; done
