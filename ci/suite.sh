#!/usr/bin/env bash
# The main job: installs what is missing, builds sipconf, the reference mediation and
# sipsim, then runs a conformance suite against the built-in mediation and writes
#   out/results.json, out/report.html (open it in a browser), out/junit.xml
# and each case's pcap, SIPp traces and mediation log under out/.
#
# Usage: ci/suite.sh [SUITE_OR_CASE...] [sipconf run options]
#   default suite: scenarios/starter; e.g. `ci/suite.sh scenarios/sipsim --jobs 1`
# Environment: SIPCONF_OUT=DIR puts the outputs in DIR instead of out/.
# Exit status: 0 when every case passed (or failed as expected), as `sipconf run`.
set -euo pipefail
cd "$(dirname "$0")/.."

ci/deps.sh
ci/build.sh sipconf mediation sipsim

out=${SIPCONF_OUT:-out}
args=("$@")
if [[ ${#args[@]} -eq 0 || ${args[0]} == -* ]]; then
  args=(scenarios/starter "${args[@]}")
fi
exec build/harness/sipconf run "${args[@]}" -o "$out" --html "$out/report.html" \
  --junit "$out/junit.xml"
