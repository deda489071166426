#!/usr/bin/env bash
# Fails on an #include that runs against the layer order of ARCHITECTURE.md, one line per
# offence. Bottom: base/ (what every file users write shares) includes only itself. Top
# level: nothing but harness/ and bench/ includes harness/, and sip/ includes none of the
# other folders but base/. mediation/config/ (the mediation's configuration file format)
# sits beside sip/: it includes only base/, sip/ and itself, and any folder may include it.
# mediation/routing/ (the routing decisions) sits below the B2BUA: besides itself it includes
# only mediation/config/, sip/ and base/.
# The middle row (reports, simulators, mediation) does not include itself across folders
# but for the mediation's process test helper, and harness/ runs the mediation and sipsim
# as processes: it includes neither. scenarios/ holds suites, no code. Inside harness/ a
# room includes only itself and the rooms below it (cli > lab > judge > analysis >
# capture, manifest; capture and manifest do not include each other); testing/ may include
# any room, and only tests (*_test.cc, *_fuzz.cc) and testing/ itself include testing/.
# Inside sip/ a layer includes only itself and the layers below it (dialog > transaction >
# transport, sdp > message and rtp > base; transport and sdp do not include each other, nor
# do message and rtp). Inside reports/ render/ includes model/, never the reverse: the model
# is the contract, renderers are its readers.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A rank=([capture]=1 [manifest]=1 [analysis]=2 [judge]=3 [lab]=4 [cli]=5)
declare -A sip_rank=(
  [base]=1 [message]=2 [rtp]=2 [sdp]=3 [transport]=3 [transaction]=4 [dialog]=5)

bad=0
offence() {
  echo "$1: includes $2, which $3"
  bad=1
}

while IFS=: read -r file line text; do
  [[ $text =~ \"([^\"]+)\" ]] || continue
  target=${BASH_REMATCH[1]}
  from=${file%%/*} to=${target%%/*}
  if [[ $to == scenarios ]]; then
    offence "$file:$line" "$target" "is not code (scenarios/ holds suites; the manifest model is harness/manifest/)"
    continue
  fi
  if [[ $from == base ]]; then
    [[ $to == base ]] || offence "$file:$line" "$target" "is above it (base/ includes only itself)"
    continue
  fi
  [[ $to == base ]] && continue
  if [[ $to == harness && $from != harness && $from != bench ]] || [[ $from == sip && $to != sip ]]; then
    offence "$file:$line" "$target" \
      "is above it (order: harness > reports, simulators, mediation > sip > base)"
    continue
  fi
  if [[ $file == reports/model/* && $target == reports/render/* ]]; then
    offence "$file:$line" "$target" "is above it (order: reports/render > reports/model)"
    continue
  fi
  if [[ $from == sip ]]; then
    from_room=${file#sip/} to_room=${target#sip/}
    from_room=${from_room%%/*} to_room=${to_room%%/*}
    [[ $from_room == "$to_room" ]] && continue
    from_rank=${sip_rank[$from_room]:-0} to_rank=${sip_rank[$to_room]:-0}
    if ((from_rank == 0 || to_rank == 0)); then
      offence "$file:$line" "$target" "is outside the sip/ layers it knows (${!sip_rank[*]})"
    elif ((to_rank >= from_rank)); then
      offence "$file:$line" "$target" \
        "is not below it (order: dialog > transaction > transport, sdp > message and rtp > base)"
    fi
    continue
  fi
  if [[ $file == mediation/config/* ]]; then
    [[ $target == mediation/config/* || $to == sip ]] ||
      offence "$file:$line" "$target" "is above it (mediation/config/ includes only base/, sip/ and itself)"
    continue
  fi
  [[ $target == mediation/config/* ]] && continue
  if [[ $file == mediation/routing/* && $target == mediation/* && $target != mediation/routing/* ]]; then
    offence "$file:$line" "$target" \
      "is above it (mediation/routing/ includes only base/, sip/, mediation/config/ and itself)"
    continue
  fi
  if [[ $from == harness && ($to == mediation || $to == simulators) ]]; then
    offence "$file:$line" "$target" \
      "is run as a process, never linked (harness/ includes only mediation/config/ of it)"
    continue
  fi
  if [[ $from != "$to" && $from != harness && $from != bench && $to != harness && $to != sip ]]; then
    [[ $target == mediation/process_test_support.h &&
      ($file == simulators/process_test_support.h || $file =~ _test\.cc$) ]] ||
      offence "$file:$line" "$target" \
        "is beside it (reports, simulators and mediation do not include each other)"
    continue
  fi
  [[ $from == harness && $to == harness ]] || continue
  from_room=${file#*/} to_room=${target#*/}
  from_room=${from_room%%/*} to_room=${to_room%%/*}
  [[ $from_room == testing || $from_room == "$to_room" ]] && continue
  if [[ $to_room == testing ]]; then
    [[ $file =~ _(test|fuzz)\.cc$ ]] ||
      offence "$file:$line" "$target" "is test-only (production code never includes testing/)"
    continue
  fi
  from_rank=${rank[$from_room]:-0} to_rank=${rank[$to_room]:-0}
  if ((from_rank == 0 || to_rank == 0)); then
    offence "$file:$line" "$target" \
      "is outside the rooms it knows (cli > lab > judge > analysis > capture, manifest)"
  elif ((to_rank >= from_rank)); then
    offence "$file:$line" "$target" \
      "is not below it (order: cli > lab > judge > analysis > capture, manifest)"
  fi
done < <(git grep -n -E '^\s*#\s*include\s*"(base|harness|mediation|simulators|scenarios|reports|sip)/' \
  -- '*.h' '*.cc')
exit "$bad"
