#!/usr/bin/env bash
# Cross-check test-vectors/expected.json against `openssl verify`.
#
# For every row it builds, in a temporary directory, PEM bundles of the row's files
#   {trust}     <- row.trust          (-CAfile)
#   {untrusted} <- row.intermediates  (-untrusted)
#   {crls}      <- row.crls           (-CRLfile; DER, PEM or bare base64 input)
#   {cert}      <- row.cert
# runs `openssl <row.openssl_args>` with those placeholders substituted, and prints
# the outcome ("ok" / "fail" plus openssl's error line). Rows whose "openssl" field is
# null (openssl cannot express them: delta CRLs, IIN/BIN checks, ...) are run too but
# only reported as "info". Exit status is 1 if any non-null row disagrees.
#
# Usage: test-vectors/check_openssl.sh [row-name ...]    (needs bash, openssl, python3)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pki="$here/pki"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# to_pem FILE -> path of a PEM copy of FILE (certificate or CRL; DER, PEM or base64)
to_pem() {
    local src="$pki/$1" dst="$tmp/conv/$1.pem" kind=x509
    case "$1" in *.crl | *.b64) kind=crl ;; esac
    mkdir -p "$tmp/conv"
    if [[ ! -f "$dst" ]]; then
        if grep -q -- '-----BEGIN' "$src"; then
            cp "$src" "$dst"
        elif ! openssl "$kind" -inform DER -in "$src" -out "$dst" 2>/dev/null; then
            base64 -d <"$src" >"$tmp/conv/$1.der"
            openssl "$kind" -inform DER -in "$tmp/conv/$1.der" -out "$dst"
        fi
    fi
    printf '%s\n' "$dst"
}

# bundle OUT FILE... -> concatenated PEM
bundle() {
    local out="$1" f
    shift
    : >"$out"
    for f in "$@"; do cat "$(to_pem "$f")" >>"$out"; done
}

mismatches=0
checked=0
# One line per row, '|'-separated: name, expected, cert, trust, intermediates, crls
# (comma-separated), args.
rows="$(python3 - "$here/expected.json" "$@" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
only = set(sys.argv[2:])
for r in rows:
    if only and r["name"] not in only:
        continue
    exp = r["openssl"] if r["openssl"] is not None else "null"
    print("|".join([r["name"], exp, r["cert"], ",".join(r["trust"]),
                     ",".join(r["intermediates"]), ",".join(r["crls"]), " ".join(r["openssl_args"])]))
EOF
)"

while IFS='|' read -r name expected cert trust inter crls args; do
    d="$tmp/row"
    rm -rf "$d" && mkdir -p "$d"
    IFS=, read -r -a t <<<"$trust"
    IFS=, read -r -a i <<<"$inter"
    IFS=, read -r -a c <<<"$crls"
    bundle "$d/trust.pem" "${t[@]}"
    bundle "$d/untrusted.pem" ${i[@]+"${i[@]}"}
    bundle "$d/crls.pem" ${c[@]+"${c[@]}"}
    cp "$(to_pem "$cert")" "$d/cert.pem"
    read -r -a argv <<<"$args"
    for k in "${!argv[@]}"; do
        case "${argv[$k]}" in
            '{trust}') argv[$k]="$d/trust.pem" ;;
            '{untrusted}') argv[$k]="$d/untrusted.pem" ;;
            '{crls}') argv[$k]="$d/crls.pem" ;;
            '{cert}') argv[$k]="$d/cert.pem" ;;
        esac
    done
    if out="$(openssl "${argv[@]}" 2>&1)"; then got=ok; else got=fail; fi
    reason="$(printf '%s\n' "$out" | grep -m1 -E '^error [0-9]+ at' || true)"
    if [[ "$expected" == null ]]; then
        status="info"
    elif [[ "$expected" == "$got" ]]; then
        status="OK  "
        checked=$((checked + 1))
    else
        status="MISMATCH"
        mismatches=$((mismatches + 1))
        checked=$((checked + 1))
    fi
    printf '%-8s %-48s expected=%-4s openssl=%-4s %s\n' "$status" "$name" "$expected" "$got" "$reason"
done <<<"$rows"

echo "checked $checked rows against openssl, $mismatches mismatches"
[[ $mismatches -eq 0 ]]
