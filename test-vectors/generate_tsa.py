#!/usr/bin/env python3
"""Generate the project's RFC 3161 time-stamp material (test-vectors/pki/tsa/) from the
committed test PKI: TSA certificates issued by nca_rsa, tokens and responses, and a CMS
signature to time-stamp (CAdES-T).

Run after generate.py, with the qoltanba binary built (it signs the CAdES-T signature the
way the library does, so the Rust tests can reproduce it byte for byte):

    cargo build --bin qoltanba
    python3 test-vectors/generate_tsa.py        # QOLTANBA=path/to/qoltanba to override

Needs Python >= 3.11 with `cryptography` and the `openssl` CLI 3.x. Writes in pki/tsa/:

- tsa.cer/.key.pem              the TSA: RSA-2048, issued by nca_rsa, 2026-01-01..2028-01-01,
                                extKeyUsage id-kp-timeStamping only, critical (RFC 3161
                                §2.3); keyUsage digitalSignature (critical); CRLDP nca_rsa.crl
- tsa_email_eku.cer/.key.pem    the same with extKeyUsage emailProtection (critical)
- tsa_noncritical_eku.cer/...   the same with id-kp-timeStamping not marked critical
- tsa_expired.cer/.key.pem      the TSA profile, valid 2025-01-01..2026-01-01
- data.txt                      the data time-stamped
- token_valid.tsr               TimeStampToken over SHA-256(data.txt), genTime
                                2026-11-20T10:00:00.25Z, accuracy 1 s, a nonce, tsa
                                [4] directoryName = the TSA's subject, signed by tsa
                                (openssl cms -cades: signingCertificateV2)
- response_valid.tsr            TimeStampResp granted, around token_valid.tsr
- token_bad_gentime.tsr         token_valid with genTime changed to 2026-11-21 (the
                                TSA's signature no longer covers it)
- token_bad_imprint.tsr         token_valid with one bit of hashedMessage flipped
- token_other_data.tsr          a genuine token of tsa over SHA-256 of other data
- token_email_eku.tsr           the TSTInfo of token_valid signed by tsa_email_eku
- token_noncritical_eku.tsr     ... by tsa_noncritical_eku
- token_expired_tsa.tsr         ... by tsa_expired
- response_openssl.tsr          `openssl ts -reply` by tsa over data.txt: genTime is the
                                time of the run (openssl reads the clock), policy
                                1.2.398.3.3.2.6.1, SHA-256
- response_rejected.tsr         a rejection: status 2, statusString, failInfo badAlg
- cades_content.txt             content of the CAdES-T signature
- cades_plain.cms               `qoltanba sign` of cades_content.txt by individual_sign,
                                signingTime 2026-11-20T09:59:00Z (attached, DER)
- cades_token.tsr               token of tsa over SHA-256 of that SignerInfo's signature
                                value, genTime 2026-11-20T10:00:00Z
- cades_token_other.tsr         the same TSTInfo but for the imprint (other 32 bytes),
                                validly signed: the same length as cades_token.tsr

Every date, serial, name and genTime is fixed but in response_openssl.tsr; keys are fresh
on every run.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate as g  # noqa: E402

PKI = HERE / "pki"
OUT = PKI / "tsa"
ROOT = HERE.parent

POLICY = "1.2.398.3.3.2.6.1"
GEN_TIME = b"20261120100000.25Z"
CADES_GEN_TIME = b"20261120100000Z"
CADES_SIGNING_TIME = "2026-11-20T09:59:00Z"
ID_TST_INFO = "1.2.840.113549.1.9.16.1.4"


# ---------------------------------------------------------------------------------
# DER, the little needed
# ---------------------------------------------------------------------------------

def tlv(tag: int, content: bytes) -> bytes:
    n = len(content)
    if n < 0x80:
        head = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + head + content


def seq(*parts: bytes) -> bytes:
    return tlv(0x30, b"".join(parts))


def oid(dotted: str) -> bytes:
    arcs = [int(a) for a in dotted.split(".")]
    body = [40 * arcs[0] + arcs[1]] + arcs[2:]
    out = bytearray()
    for a in body:
        chunk = [a & 0x7F]
        a >>= 7
        while a:
            chunk.append(0x80 | (a & 0x7F))
            a >>= 7
        out.extend(reversed(chunk))
    return tlv(0x06, bytes(out))


def integer(v: int) -> bytes:
    b = v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big", signed=True)
    return tlv(0x02, b)


def header(d: bytes, i: int) -> tuple[int, int, int]:
    """(tag, header length, content length) of the DER element at d[i:]."""
    tag, first = d[i], d[i + 1]
    if first < 0x80:
        return tag, 2, first
    n = first & 0x7F
    return tag, 2 + n, int.from_bytes(d[i + 2:i + 2 + n], "big")


def children(d: bytes, i: int) -> list[int]:
    """Offsets of the children of the constructed element at d[i:]."""
    _, h, n = header(d, i)
    out, j, end = [], i + h, i + h + n
    while j < end:
        out.append(j)
        _, hh, nn = header(d, j)
        j += hh + nn
    return out


def content(d: bytes, i: int) -> bytes:
    _, h, n = header(d, i)
    return d[i + h:i + h + n]


def signer_signature(cms: bytes) -> bytes:
    """The signature value of the (only) SignerInfo of a ContentInfo/SignedData."""
    sd = children(cms, children(cms, 0)[1])[0]
    signer_infos = children(cms, sd)[-1]
    si = children(cms, signer_infos)[0]
    sig = [c for c in children(cms, si) if cms[c] == 0x04][-1]
    return content(cms, sig)


def tst_info(imprint: bytes, serial_label: str, gen_time: bytes, tsa_subject: x509.Name,
             nonce: int) -> bytes:
    return seq(
        integer(1),
        oid(POLICY),
        seq(seq(oid("2.16.840.1.101.3.4.2.1"), b"\x05\x00"), tlv(0x04, imprint)),
        integer(g.serial_for("tsa/" + serial_label)),
        tlv(0x18, gen_time),
        seq(integer(1)),                      # accuracy: 1 second
        integer(nonce),
        tlv(0xA0, tlv(0xA4, tsa_subject.public_bytes())),
    )


def response(status: int, token: bytes | None = None, text: str | None = None,
             fail_bits: bytes | None = None) -> bytes:
    parts = [integer(status)]
    if text is not None:
        parts.append(seq(tlv(0x0C, text.encode())))
    if fail_bits is not None:
        parts.append(tlv(0x03, fail_bits))
    return seq(seq(*parts), *([token] if token else []))


# ---------------------------------------------------------------------------------
# Signing with openssl
# ---------------------------------------------------------------------------------

def openssl(*args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["openssl", *args], input=stdin, check=True,
                          capture_output=True).stdout


def sign_token(tst: bytes, cert: str, key: str) -> bytes:
    """A TimeStampToken: CMS SignedData over `tst` (eContentType id-ct-TSTInfo), SHA-256,
    signed attributes contentType, signingTime, messageDigest, signingCertificateV2."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "tst.der"
        src.write_bytes(tst)
        return openssl("cms", "-sign", "-binary", "-nodetach", "-cades", "-nosmimecap",
                       "-md", "sha256", "-econtent_type", ID_TST_INFO,
                       "-in", str(src), "-signer", str(OUT / cert),
                       "-inkey", str(OUT / key), "-outform", "DER")


def main() -> None:
    warnings.filterwarnings("ignore", message="Attribute's length")
    OUT.mkdir(parents=True, exist_ok=True)
    nca_key = serialization.load_pem_private_key((PKI / "nca_rsa.key.pem").read_bytes(), None)
    nca = x509.load_der_x509_certificate((PKI / "nca_rsa.cer").read_bytes())
    nca_ski = nca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value

    def write(name: str, data: bytes) -> None:
        (OUT / name).write_bytes(data)

    def tsa(name: str, eku: list, eku_critical: bool, not_before, not_after) -> x509.Certificate:
        key = g.rsa_key()
        # One subject for the four: the tokens' tsa field names every one of them.
        subject = x509.Name([
            g.attr(NameOID.COMMON_NAME, "УАҚЫТ БЕЛГІСІ ҚЫЗМЕТІ QOLTANBA TEST"),
            g.attr(NameOID.COUNTRY_NAME, "KZ"),
        ])
        c = g.build_cert(
            subject=subject,
            issuer=nca.subject,
            public_key=key.public_key(),
            signer=nca_key,
            serial=g.serial_for("tsa/cert/" + name),
            not_before=not_before,
            not_after=not_after,
            extensions=[
                (g.key_usage(ds=True), True),
                (x509.ExtendedKeyUsage(eku), eku_critical),
                (g.ski_of(key), False),
                (g.aki_from(nca_ski), False),
                (g.crldp(g.BASE_URL + "/nca_rsa.crl"), False),
            ],
        )
        write(name + ".cer", g.der_cert(c))
        write(name + ".key.pem", key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
        return c

    ts = [ExtendedKeyUsageOID.TIME_STAMPING]
    good = tsa("tsa", ts, True, g.utc(2026, 1, 1), g.utc(2028, 1, 1))
    tsa("tsa_email_eku", [ExtendedKeyUsageOID.EMAIL_PROTECTION], True,
        g.utc(2026, 1, 1), g.utc(2028, 1, 1))
    tsa("tsa_noncritical_eku", ts, False, g.utc(2026, 1, 1), g.utc(2028, 1, 1))
    tsa("tsa_expired", ts, True, g.utc(2025, 1, 1), g.utc(2026, 1, 1))

    data = "qoltanba: уақыт белгісі қойылған деректер / time-stamped data\n".encode()
    write("data.txt", data)
    tst = tst_info(hashlib.sha256(data).digest(), "token/valid", GEN_TIME, good.subject,
                   0x0102030405060708)
    token = sign_token(tst, "tsa.cer", "tsa.key.pem")
    write("token_valid.tsr", token)
    write("response_valid.tsr", response(0, token))

    assert token.count(GEN_TIME) == 1
    write("token_bad_gentime.tsr", token.replace(GEN_TIME, b"20261121100000.25Z"))
    digest = hashlib.sha256(data).digest()
    assert token.count(digest) == 1
    write("token_bad_imprint.tsr",
          token.replace(digest, bytes([digest[0] ^ 1]) + digest[1:]))
    other = tst_info(hashlib.sha256(b"other data").digest(), "token/other", GEN_TIME,
                     good.subject, 0x0102030405060709)
    write("token_other_data.tsr", sign_token(other, "tsa.cer", "tsa.key.pem"))
    for name in ("tsa_email_eku", "tsa_noncritical_eku"):
        write("token_" + name.removeprefix("tsa_") + ".tsr",
              sign_token(tst, name + ".cer", name + ".key.pem"))
    write("token_expired_tsa.tsr", sign_token(tst, "tsa_expired.cer", "tsa_expired.key.pem"))

    # openssl's own TSA (its genTime is the clock's).
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "serial").write_text("01\n")
        (t / "tsa.pem").write_bytes(g.pem_cert(good))  # openssl ts reads PEM only
        (t / "ts.cnf").write_text(f"""
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = {t / 'serial'}
signer_cert = {t / 'tsa.pem'}
signer_key = {OUT / 'tsa.key.pem'}
signer_digest = sha256
default_policy = {POLICY}
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_alg = sha256
""")
        query = openssl("ts", "-query", "-data", str(OUT / "data.txt"), "-sha256", "-cert")
        (t / "q.tsq").write_bytes(query)
        write("response_openssl.tsr",
              openssl("ts", "-reply", "-config", str(t / "ts.cnf"), "-queryfile",
                      str(t / "q.tsq")))
    write("response_rejected.tsr",
          response(2, text="unsupported hash algorithm", fail_bits=b"\x07\x80"))

    # CAdES-T: a signature made as the library makes it, then a token over its value.
    cades = "анықтама / справка: time-stamped signature\n".encode()
    write("cades_content.txt", cades)
    qoltanba = os.environ.get("QOLTANBA", str(ROOT / "target" / "debug" / "qoltanba"))
    subprocess.run([qoltanba, "sign", str(OUT / "cades_content.txt"),
                    "--key", str(PKI / "individual_sign.key.pem"),
                    "--cert", str(PKI / "individual_sign.cer"),
                    "--signing-time", CADES_SIGNING_TIME,
                    "-o", str(OUT / "cades_plain.cms")], check=True,
                   env={k: v for k, v in os.environ.items() if k != "QOLTANBA_PASSWORD"})
    signature = signer_signature((OUT / "cades_plain.cms").read_bytes())
    imprint = hashlib.sha256(signature).digest()
    write("cades_token.tsr", sign_token(
        tst_info(imprint, "token/cades", CADES_GEN_TIME, good.subject, 0x0A0B0C0D),
        "tsa.cer", "tsa.key.pem"))
    write("cades_token_other.tsr", sign_token(
        tst_info(hashlib.sha256(b"not the signature").digest(), "token/cades",
                 CADES_GEN_TIME, good.subject, 0x0A0B0C0D),
        "tsa.cer", "tsa.key.pem"))
    print(f"wrote {len(list(OUT.iterdir()))} files in {OUT}")


if __name__ == "__main__":
    main()
