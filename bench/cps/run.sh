#!/usr/bin/env bash
# Call rate, INVITE transit time and memory per call of the mediation, against Kamailio
# (transaction-stateful relay, tm) under the same SIPp load: UAC -> element -> UAS, UDP,
# zero call hold. See bench/README.md ("cps").
#
# Usage: bench/cps/run.sh [BUILD_DIR]      (default: build)
# Environment:
#   STEPS="250 500 1000 ..."   call rates to step through (calls/s)
#   STEP_SECONDS=10            length of each step
#   TRANSIT_RATE=500           rate of the transit-time capture (0 skips it)
#   HELD_CALLS=10000           calls held for the memory figure (0 skips it)
#   HELD_RATE=500              setup rate of those calls (calls/s)
#   KAMAILIO_CHILDREN=2        Kamailio UDP worker processes (one per core here)
#   ONLY=mediation|kamailio|memory    run one element only, or only the memory figure
#   ONLY=floor                 only the transit through a stateless Kamailio relay (forward()):
#                              what the loopback path costs when an element does next to nothing
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
mediation_bin=$build/mediation/mediation
steps=${STEPS:-"1000 2000 3000 3500 4000 4500 5000 5500 6000 7000 8000"}
step_seconds=${STEP_SECONDS:-10}
transit_rate=${TRANSIT_RATE:-500}
held_calls=${HELD_CALLS:-10000}
held_rate=${HELD_RATE:-500}
children=${KAMAILIO_CHILDREN:-2}
only=${ONLY:-}

need() { command -v "$1" >/dev/null || { echo "run.sh: $1 not found: install $2 (ci/deps.sh --bench)" >&2; exit 1; }; }
need sipp sip-tester
need kamailio kamailio
need tshark tshark
[[ -x $mediation_bin ]] || { echo "run.sh: $mediation_bin not built (cmake --build $build --target mediation)" >&2; exit 1; }

work=$(mktemp -d /tmp/sipconf-cps-XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [[ -n $p ]] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# Three distinct random loopback addresses: element, caller, callee.
mapfile -t addr < <(shuf -i 10-250 -n 3 | sed 's/^/127.0.0./')
element=${addr[0]} uac=${addr[1]} uas=${addr[2]}
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
port=$(free_port "$element") out_port=$(free_port "$element") internal_port=$(free_port "$element")
metrics_port=$(free_port "$element") uac_port=$(free_port "$uac") uas_port=$(free_port "$uas")

# GET /metrics with bash's /dev/tcp (no curl needed).
scrape() {
  local body
  exec 3<>"/dev/tcp/$element/$metrics_port" || return 1
  printf 'GET /metrics HTTP/1.1\r\nHost: %s\r\n\r\n' "$element" >&3
  body=$(cat <&3)
  exec 3<&-
  printf '%s\n' "$body" | tr -d '\r' | sed '1,/^$/d'
}

element_pid=
start_mediation() {
  sed -e "s/@ELEMENT@/$element/g" -e "s/@UAC@/$uac/g" -e "s/@UAS@/$uas/g" \
      -e "s/@PORT@/$port/g" -e "s/@OUT_PORT@/$out_port/g" -e "s/@INTERNAL_PORT@/$internal_port/g" \
      -e "s/@METRICS_PORT@/$metrics_port/g" -e "s/@UAC_PORT@/$uac_port/g" -e "s/@UAS_PORT@/$uas_port/g" \
      "$here/mediation.xml" > "$work/mediation.xml"
  "$mediation_bin" --config "$work/mediation.xml" > "$work/mediation.log" 2>&1 &
  element_pid=$!
  pids+=("$element_pid")
  for _ in $(seq 100); do
    scrape >/dev/null 2>&1 && return
    sleep 0.1
  done
  echo "run.sh: mediation did not start:" >&2; cat "$work/mediation.log" >&2; exit 1
}
start_kamailio() {
  sed -e "s/@LISTEN@/$element:$port/" -e "s/@TARGET@/sip:$uas:$uas_port/" \
      -e "s/@CHILDREN@/$children/" "$here/${kamailio_cfg:-kamailio.cfg}" > "$work/kamailio.cfg"
  kamailio -f "$work/kamailio.cfg" -DD -E -m 512 -M 32 -P "$work/kamailio.pid" \
      -Y "$work" > "$work/kamailio.log" 2>&1 &
  element_pid=$!
  pids+=("$element_pid")
  sleep 2
  kill -0 "$element_pid" 2>/dev/null || { echo "run.sh: kamailio did not start:" >&2; cat "$work/kamailio.log" >&2; exit 1; }
}
stop_element() {
  kill "$element_pid" 2>/dev/null || true
  wait "$element_pid" 2>/dev/null || true
  element_pid=
  sleep 1
}

# CPU time (user + system, clock ticks) of the element and its worker processes.
element_ticks() {
  local p total=0
  for p in "$element_pid" $(pgrep -P "$element_pid" || true); do
    [[ -r /proc/$p/stat ]] || continue
    total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$p/stat") ))
  done
  echo "$total"
}

# Datagrams the kernel dropped because a UDP socket's receive buffer was full (all sockets:
# the element's and both SIPp's), from /proc/net/snmp.
udp_drops() {
  awk '/^Udp:/ { if (!h) { for (i = 2; i <= NF; i++) col[$i] = i; h = 1 } else print $col["RcvbufErrors"] }' \
      /proc/net/snmp
}

# One load step: prints "ok|fail <successful> <failed> <retransmissions> <seconds>
# <element CPU us per call> <UDP receive-buffer drops>".
# SIPp's sockets get the same 4 MiB buffers (-buff_size) for both elements, so that a
# descheduled SIPp does not drop what the element sent it.
# -abortunexp off on the caller: a relay with several worker processes may deliver a 180
# after the 200, which is no failure of the call. Off on the callee too: SIPp's callee
# aborts a call on an INVITE retransmission that reaches it after its 200 (an element that
# was descheduled past T1 resends the INVITE, as it must) instead of resending the 200; its
# own 200 retransmissions then finish the call, which still counts only if it completes.
run_step() {
  local rate=$1 calls=$(( $1 * step_seconds )) name=$2
  sipp -sn uas -i "$uas" -p "$uas_port" -bind_local -mi "$uas" -mp "$(free_port "$uas")" \
       -cp "$(free_port "$uas")" -nostdin -timeout $(( step_seconds * 4 + 30 )) \
       -buff_size 4194304 -default_behaviors all,-abortunexp > "$work/$name-uas.out" 2>&1 &
  local uas_pid=$!
  pids+=("$uas_pid")
  sleep 0.5
  local start end rc=0 ticks_before ticks_after drops_before drops
  ticks_before=$(element_ticks)
  drops_before=$(udp_drops)
  start=$(date +%s.%N)
  sipp -sf "$here/uac.xml" -i "$uac" -p "$uac_port" -bind_local -mi "$uac" \
       -mp "$(free_port "$uac")" -cp "$(free_port "$uac")" -nostdin \
       -r "$rate" -m "$calls" -l $(( rate * 4 )) -d 0 -timeout $(( step_seconds * 3 + 20 )) \
       -buff_size 4194304 -default_behaviors all,-abortunexp \
       -timeout_error -trace_stat -stf "$work/$name-uac.csv" "$element:$port" \
       > "$work/$name-uac.out" 2>&1 || rc=$?
  end=$(date +%s.%N)
  ticks_after=$(element_ticks)
  drops=$(( $(udp_drops) - drops_before ))
  # No -m on the callee: a late INVITE retransmission would count as a call of its own there.
  kill -KILL "$uas_pid" 2>/dev/null || true
  wait "$uas_pid" 2>/dev/null || true
  # The last statistics line: successful and failed calls, retransmissions (cumulative).
  local header last ok failed retrans
  header=$(head -1 "$work/$name-uac.csv")
  last=$(tail -1 "$work/$name-uac.csv")
  col() { echo "$header" | tr ';' '\n' | grep -n "^$1\$" | cut -d: -f1; }
  ok=$(echo "$last" | cut -d';' -f"$(col SuccessfulCall\(C\))")
  failed=$(echo "$last" | cut -d';' -f"$(col FailedCall\(C\))")
  retrans=$(echo "$last" | cut -d';' -f"$(col Retransmissions\(C\))")
  local seconds cpu_per_call
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  cpu_per_call=$(awk -v t=$(( ticks_after - ticks_before )) -v hz="$(getconf CLK_TCK)" \
                     -v n="$calls" 'BEGIN { printf "%.0f", t / hz * 1e6 / n }')
  # Clean: every call succeeded and the element kept pace (the step did not drag on).
  if [[ $rc -eq 0 && $failed -eq 0 && $ok -eq $calls ]] &&
     awk -v s="$seconds" -v l="$step_seconds" 'BEGIN { exit !(s < l + 5) }'; then
    echo "ok $ok $failed $retrans $seconds $cpu_per_call $drops"
  else
    echo "fail $ok $failed $retrans $seconds $cpu_per_call $drops"
  fi
}

# INVITE transit (in -> out) at a fixed rate from a loopback capture, in microseconds.
measure_transit() {
  local name=$1 pcap=$work/$1-transit.pcap
  [[ $transit_rate -gt 0 ]] || { echo "0 - -"; return; }
  tshark -i lo -f "udp and host $element" -w "$pcap" -q > "$work/$name-tshark.log" 2>&1 &
  local tshark_pid=$!
  pids+=("$tshark_pid")
  sleep 2
  run_step "$transit_rate" "$name-transit" > "$work/$name-transit.result"
  sleep 1
  kill -INT "$tshark_pid" 2>/dev/null || true
  wait "$tshark_pid" 2>/dev/null || true
  tshark -r "$pcap" -d "udp.port==$port,sip" -d "udp.port==$out_port,sip" -d "udp.port==$uas_port,sip" \
         -Y 'sip.Method == "INVITE"' -T fields -e frame.time_epoch -e ip.src -e ip.dst \
         -e sip.r-uri.user 2>/dev/null |
    awk -v e="$element" -v c="$uac" -v s="$uas" '
      $2 == c && $3 == e && !($4 in tin)  { tin[$4] = $1 }
      $2 == e && $3 == s && !($4 in tout) { tout[$4] = $1 }
      END { for (u in tin) if (u in tout) printf "%.1f\n", (tout[u] - tin[u]) * 1e6 }' |
    sort -n > "$work/$name-transit.us"
  local n p50 p99
  n=$(wc -l < "$work/$name-transit.us")
  [[ $n -gt 0 ]] || { echo "0 - -"; return; }
  p50=$(sed -n "$(( (n * 50 + 99) / 100 ))p" "$work/$name-transit.us")
  p99=$(sed -n "$(( (n * 99 + 99) / 100 ))p" "$work/$name-transit.us")
  echo "$n $p50 $p99"
}

declare -A clean transit
bench_element() {
  local name=$1
  "start_$name"
  echo "== $name"
  local best=0 rate result
  for rate in $steps; do
    result=$(run_step "$rate" "$name-$rate")
    echo "   $rate calls/s: $result (status successful failed retransmissions seconds cpu-us/call udp-drops)"
    [[ $result == ok* ]] || break
    best=$rate
  done
  clean[$name]=$best
  # A fresh element: the last (failed) step leaves calls behind that are still being ended.
  stop_element
  "start_$name"
  transit[$name]=$(measure_transit "$name")
  echo "   transit at $transit_rate calls/s (INVITEs paired, p50 us, p99 us): ${transit[$name]}" \
       "(step: $(cut -d' ' -f1,6 "$work/$name-transit.result" 2>/dev/null) cpu-us/call)"
  stop_element
}

held_memory() {
  start_mediation
  local rss_idle rss_held
  rss_idle=$(awk '/VmRSS/ {print $2}' "/proc/$element_pid/status")
  sipp -sn uas -i "$uas" -p "$uas_port" -bind_local -mi "$uas" -mp "$(free_port "$uas")" \
       -cp "$(free_port "$uas")" -nostdin > "$work/held-uas.out" 2>&1 &
  pids+=("$!")
  local uas_pid=$!
  sleep 0.5
  sipp -sf "$here/uac.xml" -i "$uac" -p "$uac_port" -bind_local -mi "$uac" \
       -mp "$(free_port "$uac")" -cp "$(free_port "$uac")" -nostdin \
       -r "$held_rate" -m "$held_calls" -l "$held_calls" -d 3600000 "$element:$port" \
       > "$work/held-uac.out" 2>&1 &
  pids+=("$!")
  local uac_pid=$!
  local metrics
  for _ in $(seq $(( held_calls / held_rate * 2 + 240 ))); do
    metrics=$(scrape 2>/dev/null || true)
    if echo "$metrics" | grep -q "^sipconf_mediation_active_calls $held_calls\$" &&
       echo "$metrics" | grep -q "^sipconf_mediation_active_transactions 0\$"; then
      break
    fi
    sleep 0.5
  done
  echo "$metrics" | grep -E "^sipconf_mediation_active_(calls|dialogs|transactions) " | sed 's/^/   /'
  # jemalloc returns freed pages on a decay of about 10 s.
  sleep 12
  rss_held=$(awk '/VmRSS/ {print $2}' "/proc/$element_pid/status")
  echo "== memory: RSS idle ${rss_idle} KiB, with $held_calls held calls (set up at $held_rate/s)" \
       "${rss_held} KiB," \
       "$(( (rss_held - rss_idle) * 1024 / held_calls )) bytes per call"
  kill "$uac_pid" "$uas_pid" 2>/dev/null || true
  stop_element
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg); element $element, work $work"
if [[ -z $only || $only == mediation ]]; then bench_element mediation; fi
if [[ -z $only || $only == kamailio ]]; then bench_element kamailio; fi
if [[ -z $only ]]; then
  echo "== clean rate: mediation ${clean[mediation]} calls/s, kamailio ${clean[kamailio]} calls/s"
  echo "== transit at $transit_rate calls/s (n p50 p99 us): mediation ${transit[mediation]}," \
       "kamailio ${transit[kamailio]}"
fi
if [[ $only == floor ]]; then
  kamailio_cfg=kamailio-stateless.cfg children=1 start_kamailio
  echo "== transit at $transit_rate calls/s through a stateless relay (n p50 p99 us):" \
       "$(measure_transit kamailio)"
  stop_element
fi
if [[ $held_calls -gt 0 && ( -z $only || $only == mediation || $only == memory ) ]]; then
  held_memory
fi
