#!/usr/bin/env python3
"""Review 46 inputs (run from anywhere; reads test-vectors/pki, writes beside itself).

  same_serial_other_issuer.cer   a self-signed certificate (its own issuer name and key)
                                 carrying individual_sign.cer's serial number
  same_serial_forged_issuer.cer  issuer name of nca_rsa, signed by forged_ca's key (not
                                 nca_rsa's), carrying individual_sign.cer's serial number
  base_and_cut_delta.pem         nca_rsa_current.crl complete, then nca_rsa_delta.crl as a
                                 PEM block cut off before its END line (a download or
                                 concatenation cut short)
"""
from __future__ import annotations

import base64
import datetime as dt
import textwrap
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

HERE = Path(__file__).resolve().parent
PKI = HERE.parent.parent.parent / "test-vectors" / "pki"


def load_cert(name: str) -> x509.Certificate:
    data = (PKI / name).read_bytes()
    if data[:1] == b"\x30":
        return x509.load_der_x509_certificate(data)
    return x509.load_pem_x509_certificate(data)


def key(name: str):
    return serialization.load_pem_private_key((PKI / name).read_bytes(), password=None)


def pem(label: str, der: bytes) -> str:
    body = "\n".join(textwrap.wrap(base64.b64encode(der).decode(), 64))
    return f"-----BEGIN {label}-----\n{body}\n-----END {label}-----\n"


def main() -> None:
    good = load_cert("individual_sign.cer")
    forged_ca = load_cert("forged_ca.cer")
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    end = dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc)
    own = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "NOT ISSUED BY NCA_RSA"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, "IIN999999999999"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
        ]
    )
    for out, issuer, signer in [
        ("same_serial_other_issuer.cer", name, own),
        ("same_serial_forged_issuer.cer", forged_ca.subject, key("forged_ca.key.pem")),
    ]:
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(issuer)
            .public_key(own.public_key())
            .serial_number(good.serial_number)
            .not_valid_before(start)
            .not_valid_after(end)
            .sign(signer, hashes.SHA256())
        )
        (HERE / out).write_bytes(cert.public_bytes(serialization.Encoding.DER))
    base = (PKI / "nca_rsa_current.crl").read_bytes()
    delta = (PKI / "nca_rsa_delta.crl").read_bytes()
    cut = pem("X509 CRL", delta).split("-----END")[0]
    # Half the delta's body: the block ends mid-line, as a cut-off download does.
    lines = cut.splitlines()
    cut = "\n".join(lines[: max(2, len(lines) // 2)]) + "\n"
    (HERE / "base_and_cut_delta.pem").write_text(pem("X509 CRL", base) + cut)


if __name__ == "__main__":
    main()
