#!/usr/bin/env bash
# Regenerates the test PKI of the TLS transport tests (sip/transport/transport_tls_test.cc).
# Everything is valid for 100 years, so the checked-in files do not expire under CI.
#   ca.pem                    test CA ("sipconf Test CA"); its key is thrown away
#   server.pem/.key           mediation.test.example (SAN DNS + localhost + IP 127.0.0.1)
#   client.pem/.key           gw1.test.example (SAN DNS and SAN URI sip:gw1.test.example)
#   client-cn-only.pem/.key   gw2.test.example in the subject CN only, no subjectAltName
#   other-ca.pem              an unrelated CA
#   other-client.pem/.key     gw1.test.example again, but issued by other-ca
# Usage: sip/testdata/tls/make-certs.sh   (needs the openssl command-line tool)
set -euo pipefail
cd "$(dirname "$0")"
command -v openssl >/dev/null || { echo "make-certs.sh: install openssl (apt-get install openssl)" >&2; exit 1; }

days=36500
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# new_ca <file-stem> <common name>: the certificate goes to <stem>.pem, the key stays in $tmp.
new_ca() {
  new_key "$tmp/$1.key"
  openssl req -x509 -new -key "$tmp/$1.key" -sha256 -days "$days" \
    -subj "/O=sipconf test/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$1.pem"
}

# new_leaf <file-stem> <common name> <subjectAltName or ""> <ca stem>
new_leaf() {
  new_key "$1.key"
  openssl req -new -key "$1.key" -subj "/O=sipconf test/CN=$2" -out "$tmp/$1.csr"
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature"
    echo "extendedKeyUsage=serverAuth,clientAuth"
    [[ -n "$3" ]] && echo "subjectAltName=$3"
  } > "$tmp/$1.ext"
  openssl x509 -req -in "$tmp/$1.csr" -CA "$4.pem" -CAkey "$tmp/$4.key" \
    -set_serial "0x$(openssl rand -hex 8)" -days "$days" -sha256 \
    -extfile "$tmp/$1.ext" -out "$1.pem" 2>/dev/null
}

new_ca ca "sipconf Test CA"
new_leaf server mediation.test.example "DNS:mediation.test.example,DNS:localhost,IP:127.0.0.1" ca
new_leaf client gw1.test.example "DNS:gw1.test.example,URI:sip:gw1.test.example" ca
new_leaf client-cn-only gw2.test.example "" ca
new_ca other-ca "Unrelated Test CA"
new_leaf other-client gw1.test.example "DNS:gw1.test.example" other-ca
echo "make-certs.sh: wrote $(ls ./*.pem ./*.key | wc -l) files in $(pwd)"
