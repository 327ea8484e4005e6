#!/usr/bin/env bash
# Regenerate the seeds of the `cms` and `pkcs12` targets from the project's test PKI
# (run from the repository root after `cargo build`).
set -euo pipefail
P=test-vectors/pki
Q=target/debug/qoltanba
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p fuzz/corpus/cms fuzz/corpus/pkcs12
printf 'asdasd' >"$tmp/c.txt"
printf 'Qwerty12\n' >"$tmp/pw"
for m in "" "-noattr" "-stream"; do
    openssl cms -sign -binary -in "$tmp/c.txt" -signer $P/individual_sign.cer -inkey $P/individual_sign.key.pem \
        -outform DER $m -nodetach -out "fuzz/corpus/cms/openssl${m:-_attached}.der"
done
openssl cms -sign -binary -in "$tmp/c.txt" -signer $P/ecdsa_sign.cer -inkey $P/ecdsa_sign.key.pem \
    -outform PEM -out fuzz/corpus/cms/openssl_detached_ecdsa.pem
$Q sign "$tmp/c.txt" --key $P/legal_sign.p12 --password-file "$tmp/pw" --signing-time 2026-11-23T00:00:00Z \
    --base64 -o fuzz/corpus/cms/qoltanba_base64.txt
$Q sign "$tmp/c.txt" --key $P/individual_sign.p12 --password-file "$tmp/pw" --signing-time 2026-11-23T00:00:00Z \
    --detached -o fuzz/corpus/cms/qoltanba_detached.der
$Q sign fuzz/corpus/cms/qoltanba_base64.txt --add-signer --key $P/individual_sign.p12 --password-file "$tmp/pw" \
    --signing-time 2026-11-23T00:00:00Z -o fuzz/corpus/cms/qoltanba_two_signers.der
cp $P/individual_sign.p12 fuzz/corpus/pkcs12/individual_sign.p12
cp $P/individual_sign.key.pem fuzz/corpus/pkcs12/pkcs8.pem
openssl pkcs8 -topk8 -in $P/ecdsa_sign.key.pem -v2 aes-256-cbc -passout pass:Qwerty12 \
    -out fuzz/corpus/pkcs12/ecdsa_encrypted_pkcs8.pem
openssl pkcs12 -export -in $P/ecdsa_sign.cer -inkey $P/ecdsa_sign.key.pem -passout pass:Qwerty12 \
    -out fuzz/corpus/pkcs12/modern.p12
chmod 644 fuzz/corpus/pkcs12/*
