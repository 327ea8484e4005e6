#!/usr/bin/env python3
"""Generate the project's XAdES-T sample (test-vectors/pki/xades/) from the committed test
PKI and TSA (run generate.py and generate_tsa.py first; neither is re-run here, so no key
changes):

    cargo build --bin qoltanba
    python3 test-vectors/generate_xades.py      # QOLTANBA=path/to/qoltanba to override

Needs Python >= 3.11 with `cryptography` and `lxml`, and the `openssl` CLI 3.x. Writes:

- request.xml       a request with an Id'd element and an unsigned note
- xades_b.xml       `qoltanba sign --xml --xades` of request.xml by individual_sign,
                    SigningTime 2026-11-20T09:59:00Z (XAdES-B, the whole document)
- xades_t.xml       xades_b.xml with a xades:SignatureTimeStamp: a token of tsa (genTime
                    2026-11-20T10:00:00Z) over SHA-256 of the ds:SignatureValue element in
                    Canonical XML 1.0 (lxml's), in UnsignedSignatureProperties
- token_other.tsr   a genuine token of tsa with the same genTime over other data
"""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from cryptography import x509
from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate_tsa as tsa  # noqa: E402  (its helpers: tst_info, sign_token)

OUT = HERE / "pki" / "xades"
PKI = HERE / "pki"
DS = "http://www.w3.org/2000/09/xmldsig#"
SIGNING_TIME = "2026-11-20T09:59:00Z"
GEN_TIME = b"20261120100000Z"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    good = x509.load_der_x509_certificate((PKI / "tsa" / "tsa.cer").read_bytes())
    request = ('<?xml version="1.0" encoding="UTF-8"?>\n<request xmlns="urn:qoltanba:request">'
               '<data Id="data-1"><iin>123456789011</iin><service>справка</service></data>'
               '<note>not signed by Id</note></request>\n')
    (OUT / "request.xml").write_text(request, encoding="utf-8")
    qoltanba = os.environ.get("QOLTANBA", str(HERE.parent / "target" / "debug" / "qoltanba"))
    subprocess.run([qoltanba, "sign", str(OUT / "request.xml"), "--xml", "--xades",
                    "--key", str(PKI / "individual_sign.key.pem"),
                    "--cert", str(PKI / "individual_sign.cer"),
                    "--signing-time", SIGNING_TIME, "-o", str(OUT / "xades_b.xml")],
                   check=True,
                   env={k: v for k, v in os.environ.items() if k != "QOLTANBA_PASSWORD"})
    signed = (OUT / "xades_b.xml").read_bytes()
    doc = etree.fromstring(signed)
    value = doc.find(f".//{{{DS}}}SignatureValue")
    canonical = etree.tostring(value, method="c14n")
    imprint = hashlib.sha256(canonical).digest()
    token = tsa.sign_token(tsa.tst_info(imprint, "token/xades", GEN_TIME, good.subject,
                                        0x0A0B0C0E), "tsa.cer", "tsa.key.pem")
    other = tsa.sign_token(tsa.tst_info(hashlib.sha256(b"not the signature value").digest(),
                                        "token/xades", GEN_TIME, good.subject, 0x0A0B0C0E),
                           "tsa.cer", "tsa.key.pem")
    (OUT / "token_other.tsr").write_bytes(other)
    unsigned = ("<xades:UnsignedProperties>\n<xades:UnsignedSignatureProperties>\n"
                "<xades:SignatureTimeStamp>\n"
                '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>\n'
                f"<xades:EncapsulatedTimeStamp>{base64.b64encode(token).decode()}"
                "</xades:EncapsulatedTimeStamp>\n</xades:SignatureTimeStamp>\n"
                "</xades:UnsignedSignatureProperties>\n</xades:UnsignedProperties>\n")
    end = b"</xades:QualifyingProperties>"
    assert signed.count(end) == 1
    (OUT / "xades_t.xml").write_bytes(signed.replace(end, unsigned.encode() + end))
    print(f"wrote {len(list(OUT.iterdir()))} files in {OUT}")


if __name__ == "__main__":
    main()
