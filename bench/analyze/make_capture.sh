#!/bin/sh
# Generates the capture the analyze benchmark reads: SIPp calls through Kamailio (the
# transaction-stateful relay of bench/cps/kamailio.cfg) over loopback, each call with 8 s
# of G.711 played from a pcap plus RFC 2833 DTMF, echoed back by the SIPp UAS
# (-rtp_echo), captured with dumpcap until the file reaches the wanted size. Like a field
# capture, most frames are RTP. Only UDP is captured: the caller's pcap player does not
# listen for the echo, and the ICMP port-unreachable storm that draws is no field traffic.
#
#   bench/analyze/make_capture.sh OUT.pcap [SIZE_MB]     (default 100 MB; needs root)
#
# Needs: kamailio, sipp (sip-tester), dumpcap (tshark). Installed by ci/deps.sh --bench.
set -eu

out=${1:?usage: make_capture.sh OUT.pcap [SIZE_MB]}
size_mb=${2:-100}
here=$(cd "$(dirname "$0")" && pwd)

for tool in kamailio sipp dumpcap ss; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool not found: run ci/deps.sh --bench"; exit 2; }
done
audio=/usr/share/sip-tester/g711a.pcap
[ -r "$audio" ] || { echo "$audio missing: apt-get install sip-tester"; exit 2; }

# Three loopback addresses of our own, and free ports on them (never fixed ones).
base=$(( 100 + $$ % 100 ))
uac_ip=127.0.0.$base
proxy_ip=127.0.0.$((base + 1))
uas_ip=127.0.0.$((base + 2))
# A UDP port nobody listens on at that address, probed with ss (iproute2).
free_port() {
  port=$(( 20000 + ($$ * 7 + $2) % 20000 ))
  while ss -Huln "src $1:$port" | grep -q .; do port=$((port + 1)); done
  echo "$port"
}
proxy_port=$(free_port "$proxy_ip" 1)
uas_port=$(free_port "$uas_ip" 2)
uac_port=$(free_port "$uac_ip" 3)

work=$(mktemp -d)
pids=""
cleanup() {
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir "$work/pcap"
cp /usr/share/sip-tester/g711a.pcap /usr/share/sip-tester/dtmf_2833_1.pcap "$work/pcap/"
sed -e "s/@LISTEN@/$proxy_ip:$proxy_port/" -e "s/@TARGET@/sip:$uas_ip:$uas_port/" \
  -e "s/@CHILDREN@/2/" "$here/../cps/kamailio.cfg" > "$work/kamailio.cfg"

kamailio -f "$work/kamailio.cfg" -P "$work/kamailio.pid" -Y "$work" -w "$work" -DD -E \
  >"$work/kamailio.log" 2>&1 &
pids="$pids $!"

dumpcap -q -i lo -f "udp and (host $uac_ip or host $proxy_ip or host $uas_ip)" \
  -B 64 -a "filesize:$((size_mb * 1000))" -P -w "$out" 2>"$work/dumpcap.log" &
dumpcap_pid=$!
pids="$pids $dumpcap_pid"
sleep 1

cd "$work"
sipp -sn uas -i "$uas_ip" -p "$uas_port" -mi "$uas_ip" -rtp_echo -nostdin \
  -trace_err >"$work/uas.log" 2>&1 &
pids="$pids $!"
sleep 0.5
# ~117 kB per call: enough calls to fill the file, at a rate two shared cores sustain.
calls=$((size_mb * 10))
sipp -sn uac_pcap "$proxy_ip:$proxy_port" -s 14255550100 -i "$uac_ip" -p "$uac_port" \
  -mi "$uac_ip" -r 12 -l 150 -m "$calls" -nostdin -trace_err \
  -timeout $((calls / 8 + 60))s >"$work/uac.log" 2>&1 || true

# dumpcap stops by itself at the size; give it a moment if the calls ended first.
for _ in 1 2 3 4 5; do kill -0 "$dumpcap_pid" 2>/dev/null || break; sleep 1; done
kill "$dumpcap_pid" 2>/dev/null || true
wait "$dumpcap_pid" 2>/dev/null || true
ls -l "$out"
