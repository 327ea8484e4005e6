#!/usr/bin/env python3
"""Regenerate the seed corpora of qoltanba's fuzz targets: fuzz/corpus/<target>/.

    python3 fuzz/make_seeds.py            # from the repository root, or anywhere

Requires Python >= 3.11 with `cryptography` (tested with 48.0); uses the `openssl` CLI
for two seeds when it is on PATH. Every seed directory is emptied and rewritten.

Keys and ECDSA signatures are fresh on every run, so the output is not byte-for-byte
reproducible; names, dates, serial numbers and extensions are fixed constants, so a
regenerated corpus covers the same structures. When the project's own test PKI exists
(test-vectors/pki/, made by test-vectors/generate.py) a few of its certificates and CRLs
are copied in as well.

Some seeds are deliberately hostile: certificates and CRLs rebuilt at the DER level
(GOST algorithm OIDs, a negative or empty serial, version 1, no nextUpdate, mismatched
algorithm identifiers ...) whose signatures no longer verify, truncations, PEM with
foreign labels, BOM, CRLF, absurd DER lengths. The whole corpus stays well under 1 MB.
"""

from __future__ import annotations

import base64
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.x509.general_name import DirectoryName, UniformResourceIdentifier
from cryptography.x509.name import _ASN1Type
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
PKI = HERE.parent / "test-vectors" / "pki"

T0 = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
T1 = dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc)
FAR = dt.datetime(2051, 6, 30, 12, 0, 0, tzinfo=dt.timezone.utc)  # GeneralizedTime
URL = "http://seed.qoltanba.invalid"

OID_NCA_INDIVIDUAL = ObjectIdentifier("1.2.398.3.3.4.1.1")
OID_NCA_LEGAL = ObjectIdentifier("1.2.398.3.3.4.1.2")
OID_NCA_FIRST_HEAD = ObjectIdentifier("1.2.398.3.3.4.1.2.1")
OID_NCA_OTHER = ObjectIdentifier("1.2.398.5.19.1.2.2.1")
OID_POLICY = ObjectIdentifier("1.2.398.3.3.2.1")


# ------------------------------------------------------------------------------------
# Small DER toolkit for the hand-rebuilt seeds (single-byte tags, definite lengths).
# ------------------------------------------------------------------------------------


def der_len(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag: int, content: bytes) -> bytes:
    return bytes([tag]) + der_len(len(content)) + content


def read_tlv(data: bytes, pos: int = 0) -> tuple[int, bytes, int]:
    """(tag, content, end) of the element at pos."""
    tag = data[pos]
    first = data[pos + 1]
    if first < 0x80:
        n, hdr = first, 2
    else:
        k = first & 0x7F
        n, hdr = int.from_bytes(data[pos + 2 : pos + 2 + k], "big"), 2 + k
    start = pos + hdr
    return tag, data[start : start + n], start + n


def children(content: bytes) -> list[bytes]:
    """The complete encodings of the elements of a constructed value."""
    out, pos = [], 0
    while pos < len(content):
        _, _, end = read_tlv(content, pos)
        out.append(content[pos:end])
        pos = end
    return out


def seq(*parts: bytes) -> bytes:
    return tlv(0x30, b"".join(parts))


def oid(dotted: str) -> bytes:
    arcs = [int(a) for a in dotted.split(".")]
    body = bytearray([arcs[0] * 40 + arcs[1]])
    for a in arcs[2:]:
        chunk = [a & 0x7F]
        a >>= 7
        while a:
            chunk.append(0x80 | (a & 0x7F))
            a >>= 7
        body.extend(reversed(chunk))
    return tlv(0x06, bytes(body))


def alg_id(dotted: str, params: bytes | None = None) -> bytes:
    return seq(oid(dotted), params or b"")


def split_signed(der: bytes) -> tuple[list[bytes], bytes, bytes]:
    """A certificate or CRL: (tbs children, signatureAlgorithm, signatureValue)."""
    _, outer, _ = read_tlv(der)
    tbs, sig_alg, sig = children(outer)
    _, tbs_content, _ = read_tlv(tbs)
    return children(tbs_content), sig_alg, sig


def join_signed(tbs_parts: list[bytes], sig_alg: bytes, sig: bytes) -> bytes:
    return seq(seq(*tbs_parts), sig_alg, sig)


# ------------------------------------------------------------------------------------
# Keys and builders
# ------------------------------------------------------------------------------------

RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC_KEY = ec.generate_private_key(ec.SECP256R1())
EC384_KEY = ec.generate_private_key(ec.SECP384R1())
ED_KEY = ed25519.Ed25519PrivateKey.generate()


def name(*attrs: tuple) -> x509.Name:
    out = []
    for a in attrs:
        if len(a) == 3:
            out.append(x509.NameAttribute(a[0], a[1], _type=a[2]))
        else:
            out.append(x509.NameAttribute(a[0], a[1]))
    return x509.Name(out)


CA_NAME = name(
    (NameOID.COMMON_NAME, "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (SEED)"),
    (NameOID.COUNTRY_NAME, "KZ"),
)
EC_CA_NAME = name((NameOID.COMMON_NAME, "SEED EC CA"), (NameOID.COUNTRY_NAME, "KZ"))


def ski(key) -> x509.SubjectKeyIdentifier:
    return x509.SubjectKeyIdentifier.from_public_key(key.public_key())


def aki(key) -> x509.AuthorityKeyIdentifier:
    return x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key())


def ku(**bits) -> x509.KeyUsage:
    names = [
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    ]
    args = {n: bits.get(n, False) for n in names}
    return x509.KeyUsage(**args)


def cert(
    subject: x509.Name,
    issuer: x509.Name,
    key,
    signer,
    serial: int,
    exts: list[tuple[x509.ExtensionType, bool]],
    alg=hashes.SHA256(),
    not_after: dt.datetime = T1,
    pss: bool = False,
) -> bytes:
    b = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(T0)
        .not_valid_after(not_after)
    )
    for e, crit in exts:
        b = b.add_extension(e, crit)
    kwargs = {}
    if pss:
        kwargs["rsa_padding"] = padding.PSS(
            mgf=padding.MGF1(hashes.SHA256()), salt_length=32
        )
    c = b.sign(signer, alg, **kwargs)
    return c.public_bytes(serialization.Encoding.DER)


def pem(label: str, der: bytes, eol: str = "\n") -> str:
    b64 = base64.b64encode(der).decode()
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return eol.join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"]) + eol


def b64_text(der: bytes, width: int = 76) -> str:
    b64 = base64.b64encode(der).decode()
    return "\n".join(b64[i : i + width] for i in range(0, len(b64), width)) + "\n"


class Seeds:
    def __init__(self, target: str):
        self.dir = CORPUS / target
        if self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True)

    def __setitem__(self, fname: str, data: bytes | str) -> None:
        if isinstance(data, str):
            data = data.encode()
        (self.dir / fname).write_bytes(data)


# ------------------------------------------------------------------------------------
# certificate
# ------------------------------------------------------------------------------------


def make_certificates() -> dict[str, bytes]:
    """Generate the certificate seeds; returns a few DERs for the input corpus."""
    s = Seeds("certificate")

    ca_exts = [
        (x509.BasicConstraints(ca=True, path_length=1), True),
        (ku(key_cert_sign=True, crl_sign=True), True),
        (ski(RSA_KEY), False),
    ]
    root = cert(CA_NAME, CA_NAME, RSA_KEY, RSA_KEY, 0x1001, ca_exts)
    s["rsa2048_ca_selfsigned.der"] = root

    # An NCA-style individual signing certificate: IIN in serialNumber, Cyrillic names.
    individual = name(
        (NameOID.COMMON_NAME, "ТЕСТОВ ТЕСТ"),
        (NameOID.SURNAME, "ТЕСТОВ"),
        (NameOID.SERIAL_NUMBER, "IIN123456789011", _ASN1Type.PrintableString),
        (NameOID.COUNTRY_NAME, "KZ"),
        (NameOID.GIVEN_NAME, "ТЕСТОВИЧ"),
        (NameOID.EMAIL_ADDRESS, "test@example.kz"),
    )
    ee_exts = [
        (ku(digital_signature=True, content_commitment=True), True),
        (
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.EMAIL_PROTECTION, OID_NCA_INDIVIDUAL]
            ),
            False,
        ),
        (ski(EC_KEY), False),
        (aki(RSA_KEY), False),
        (
            x509.CertificatePolicies(
                [x509.PolicyInformation(OID_POLICY, [f"{URL}/cps"])]
            ),
            False,
        ),
        (
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        [UniformResourceIdentifier(f"{URL}/nca.crl")], None, None, None
                    )
                ]
            ),
            False,
        ),
        (
            x509.FreshestCRL(
                [
                    x509.DistributionPoint(
                        [UniformResourceIdentifier(f"{URL}/nca_d.crl")], None, None, None
                    )
                ]
            ),
            False,
        ),
        (
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        x509.oid.AuthorityInformationAccessOID.CA_ISSUERS,
                        UniformResourceIdentifier(f"{URL}/nca.cer"),
                    )
                ]
            ),
            False,
        ),
    ]
    ind = cert(individual, CA_NAME, EC_KEY, RSA_KEY, 0x2002, ee_exts)
    s["nca_individual_iin.der"] = ind

    # Legal entity: BIN in OU, organisation, roles, auth + signing bits, odd DP forms.
    legal = name(
        (NameOID.COMMON_NAME, "ИВАНОВ ИВАН"),
        (NameOID.SERIAL_NUMBER, "IIN900101300007", _ASN1Type.PrintableString),
        (NameOID.ORGANIZATION_NAME, "ТОО \"ҚОЛТАҢБА\""),
        (NameOID.ORGANIZATIONAL_UNIT_NAME, "BIN123456789021", _ASN1Type.PrintableString),
        (NameOID.LOCALITY_NAME, "АСТАНА"),
        (NameOID.STATE_OR_PROVINCE_NAME, "АСТАНА"),
        (NameOID.BUSINESS_CATEGORY, "Private Organization"),
        (NameOID.DOMAIN_COMPONENT, "kz", _ASN1Type.IA5String),
        (NameOID.COUNTRY_NAME, "KZ"),
    )
    legal_exts = [
        (ku(digital_signature=True, key_encipherment=True, content_commitment=True), True),
        (
            x509.ExtendedKeyUsage(
                [
                    ExtendedKeyUsageOID.CLIENT_AUTH,
                    OID_NCA_LEGAL,
                    OID_NCA_FIRST_HEAD,
                    OID_NCA_OTHER,
                ]
            ),
            False,
        ),
        (
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        None,
                        x509.RelativeDistinguishedName(
                            [x509.NameAttribute(NameOID.COMMON_NAME, "CRL1")]
                        ),
                        frozenset(
                            [x509.ReasonFlags.key_compromise, x509.ReasonFlags.superseded]
                        ),
                        None,
                    ),
                    x509.DistributionPoint(
                        [UniformResourceIdentifier(f"{URL}/indirect.crl")],
                        None,
                        None,
                        [DirectoryName(EC_CA_NAME)],
                    ),
                ]
            ),
            False,
        ),
        (
            x509.SubjectAlternativeName(
                [x509.RFC822Name("legal@example.kz"), x509.DNSName("example.kz")]
            ),
            False,
        ),
    ]
    s["nca_legal_bin.der"] = cert(legal, CA_NAME, RSA_KEY, RSA_KEY, 0x3003, legal_exts)

    # Cyrillic UTF8String CN, EC P-256 self-signed, also as PEM and base64 text.
    cyr = name((NameOID.COMMON_NAME, "Қолтаңба тексеру Ғ Ү Ұ Ә Ө І Һ"))
    ec_self = cert(
        cyr,
        cyr,
        EC_KEY,
        EC_KEY,
        1,
        [(x509.BasicConstraints(ca=False, path_length=None), False)],
    )
    s["ec_p256_cyrillic_cn.der"] = ec_self
    s["ec_p256_cyrillic_cn.pem"] = pem("CERTIFICATE", ec_self)
    s["ec_p256_cyrillic_cn.b64"] = b64_text(ec_self)
    s["ec_p256_cyrillic_cn_oneline.b64"] = base64.b64encode(ec_self) + b"\r\n"
    s["ec_p256_urlsafe_unpadded.b64"] = base64.urlsafe_b64encode(ec_self).rstrip(b"=")

    # P-384 with SHA-384, GeneralizedTime notAfter, 20-octet serial.
    s["ec_p384_generalized_time.der"] = cert(
        EC_CA_NAME,
        EC_CA_NAME,
        EC384_KEY,
        EC384_KEY,
        (1 << 159) - 12345,
        [(x509.BasicConstraints(ca=True, path_length=0), True)],
        alg=hashes.SHA384(),
        not_after=FAR,
    )

    # Ed25519, RSA-PSS.
    s["ed25519.der"] = cert(
        name((NameOID.COMMON_NAME, "ed")), CA_NAME, ED_KEY, ED_KEY, 7, [], alg=None
    )
    s["rsa_pss.der"] = cert(
        name((NameOID.COMMON_NAME, "pss")), CA_NAME, RSA_KEY, RSA_KEY, 8, [], pss=True
    )

    # Name string types: BMPString, TeletexString (Latin-1), UniversalString, numeric.
    odd_names = name(
        (NameOID.COMMON_NAME, "BMP Ұлттық", _ASN1Type.BMPString),
        (NameOID.ORGANIZATION_NAME, "Teletex caf\u00e9", _ASN1Type.T61String),
        (NameOID.LOCALITY_NAME, "Univ Ә", _ASN1Type.UniversalString),
        (NameOID.SERIAL_NUMBER, "IIN000229500128"),
    )
    s["name_string_types.der"] = cert(odd_names, odd_names, EC_KEY, EC_KEY, 9, [])

    # Unknown critical extension; an unparsable processed extension.
    s["unknown_critical_extension.der"] = cert(
        name((NameOID.COMMON_NAME, "crit")),
        CA_NAME,
        EC_KEY,
        RSA_KEY,
        10,
        [(x509.UnrecognizedExtension(ObjectIdentifier("1.2.3.4.5.6"), b"\x05\x00"), True)],
    )

    # A PEM bundle of two (from_input refuses it, all_from_input reads both), with a key.
    s["bundle_two.pem"] = pem("CERTIFICATE", root) + pem("CERTIFICATE", ind)
    s["bundle_with_key_crlf_bom.pem"] = (
        b"\xef\xbb\xbf"
        + pem("CERTIFICATE", ind, "\r\n").encode()
        + pem("PRIVATE KEY", b"\x30\x03\x02\x01\x00", "\r\n").encode()
        + pem("X509 CERTIFICATE", ec_self, "\r\n").encode()
    )

    # Truncations.
    s["truncated_half.der"] = ind[: len(ind) // 2]
    s["truncated_last_byte.der"] = ind[:-1]
    s["truncated.pem"] = pem("CERTIFICATE", ind)[:300]

    # Hand-rebuilt hostile variants (signatures no longer verify).
    tbs, sig_alg, sig = split_signed(ec_self)
    # tbs: [0] version, serial, signature, issuer, validity, subject, spki, [3] extensions
    version, serial, inner_alg, issuer, validity, subject, spki = tbs[:7]
    rest = tbs[7:]

    gost_sig = alg_id("1.2.398.3.10.1.1.2.3.2")
    gost_spki = seq(
        alg_id("1.2.398.3.10.1.1.2.3.2", seq(oid("1.2.398.3.10.1.1.2.1.1"))),
        tlv(0x03, b"\x00" + tlv(0x04, bytes(range(64)))),
    )
    s["gost_algorithms.der"] = join_signed(
        [version, serial, gost_sig, issuer, validity, subject, gost_spki, *rest],
        gost_sig,
        tlv(0x03, b"\x00" + bytes(64)),
    )
    s["v1_no_extensions.der"] = join_signed(
        [serial, inner_alg, issuer, validity, subject, spki], sig_alg, sig
    )
    s["negative_serial.der"] = join_signed(
        [version, tlv(0x02, b"\xff\x01"), inner_alg, issuer, validity, subject, spki, *rest],
        sig_alg,
        sig,
    )
    s["zero_serial_leading_zeros.der"] = join_signed(
        [version, tlv(0x02, b"\x00\x00\x00"), inner_alg, issuer, validity, subject, spki, *rest],
        sig_alg,
        sig,
    )
    s["mismatched_algorithms.der"] = join_signed(
        tbs, alg_id("1.2.840.10045.4.3.3"), sig
    )
    s["empty_names.der"] = join_signed(
        [version, serial, inner_alg, seq(), validity, seq(), spki, *rest], sig_alg, sig
    )
    s["empty_rdn_set.der"] = join_signed(
        [version, serial, inner_alg, seq(tlv(0x31, b"")), validity, subject, spki, *rest],
        sig_alg,
        sig,
    )
    gt = lambda t: tlv(0x18, t)  # noqa: E731
    s["validity_extremes.der"] = join_signed(
        [
            version,
            serial,
            inner_alg,
            issuer,
            seq(gt(b"00000101000000Z"), gt(b"99991231235959Z")),
            subject,
            spki,
            *rest,
        ],
        sig_alg,
        sig,
    )
    s["validity_reversed.der"] = join_signed(
        [
            version,
            serial,
            inner_alg,
            issuer,
            seq(tlv(0x17, b"491231235959Z"), tlv(0x17, b"500101000000Z")),
            subject,
            spki,
            *rest,
        ],
        sig_alg,
        sig,
    )
    s["rsa_params_not_null.der"] = join_signed(
        [version, serial, alg_id("1.2.840.113549.1.1.11", oid("1.2.3")), issuer, validity,
         subject, spki, *rest],
        alg_id("1.2.840.113549.1.1.11", oid("1.2.3")),
        sig,
    )

    # Project test PKI, when present: real chains in the NCA shape.
    for f in [
        "individual_sign.cer",
        "legal_sign.cer",
        "nca_rsa.cer",
        "ecdsa_sign.cer",
        "rsa_pss_sign.cer",
        "unknown_critical_ext.cer",
        "chain.pem",
        "root.pem",
    ]:
        if (PKI / f).is_file():
            shutil.copyfile(PKI / f, s.dir / f"pki_{f}")

    # openssl-made seeds, when the CLI is there.
    if shutil.which("openssl"):
        with tempfile.TemporaryDirectory() as tmp:
            t = Path(tmp)
            key = t / "k.pem"
            out = t / "c.der"
            subprocess.run(
                ["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout",
                 "-out", str(key)],
                check=True, capture_output=True,
            )
            subprocess.run(
                ["openssl", "req", "-x509", "-key", str(key), "-outform", "DER",
                 "-out", str(out), "-days", "30", "-set_serial", "0x00ff",
                 "-subj", "/CN=openssl seed/serialNumber=IIN123456789011"
                 "/OU=BIN123456789021/C=KZ",
                 "-addext", "keyUsage=critical,digitalSignature,nonRepudiation",
                 "-addext", "extendedKeyUsage=emailProtection,1.2.398.3.3.4.1.1",
                 "-addext", "crlDistributionPoints=URI:http://a.invalid/x.crl",
                 "-addext", "certificatePolicies=1.2.398.3.3.2.1"],
                check=True, capture_output=True,
            )
            s["openssl_req_x509.der"] = out.read_bytes()

    return {"root": root, "individual": ind, "ec_self": ec_self}


# ------------------------------------------------------------------------------------
# crl
# ------------------------------------------------------------------------------------


def revoked(serial: int, when: dt.datetime, *exts: tuple[x509.ExtensionType, bool]):
    b = x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when)
    for e, crit in exts:
        b = b.add_extension(e, crit)
    return b.build()


def crl(
    issuer: x509.Name,
    signer,
    entries: list,
    exts: list[tuple[x509.ExtensionType, bool]],
    alg=hashes.SHA256(),
    last: dt.datetime = T0,
    nxt: dt.datetime = T1,
) -> bytes:
    b = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer)
        .last_update(last)
        .next_update(nxt)
    )
    for e in entries:
        b = b.add_revoked_certificate(e)
    for e, crit in exts:
        b = b.add_extension(e, crit)
    return b.sign(signer, alg).public_bytes(serialization.Encoding.DER)


def make_crls() -> dict[str, bytes]:
    s = Seeds("crl")
    R = x509.ReasonFlags
    number = lambda n: (x509.CRLNumber(n), False)  # noqa: E731
    rsa_aki = (aki(RSA_KEY), False)

    empty = crl(CA_NAME, RSA_KEY, [], [number(1), rsa_aki])
    s["empty_rsa.der"] = empty

    reasons = [
        R.unspecified,
        R.key_compromise,
        R.ca_compromise,
        R.affiliation_changed,
        R.superseded,
        R.cessation_of_operation,
        R.certificate_hold,
        R.privilege_withdrawn,
        R.aa_compromise,
    ]
    entries = [
        revoked(0x2002 + i, T0 + dt.timedelta(days=i), (x509.CRLReason(r), False))
        for i, r in enumerate(reasons)
    ]
    entries.append(revoked(0x3003, T0))  # no reason code
    entries.append(
        revoked(
            0x4004,
            T0,
            (x509.CRLReason(R.key_compromise), False),
            (x509.InvalidityDate(dt.datetime(2024, 12, 1)), False),
        )
    )
    entries.append(revoked((1 << 159) - 1, FAR))  # 20-octet serial, GeneralizedTime
    full = crl(CA_NAME, RSA_KEY, entries, [number(42), rsa_aki])
    s["entries_all_reasons.der"] = full
    s["entries_all_reasons.pem"] = pem("X509 CRL", full)
    s["entries_all_reasons.b64"] = b64_text(full)
    s["entries_all_reasons_crlf_bom.pem"] = b"\xef\xbb\xbf" + pem("X509 CRL", full, "\r\n").encode()

    # Delta CRL: hold lifted (removeFromCRL), a new hold.
    delta = crl(
        CA_NAME,
        RSA_KEY,
        [
            revoked(0x2008, T0, (x509.CRLReason(R.remove_from_crl), False)),
            revoked(0x5005, T0, (x509.CRLReason(R.certificate_hold), False)),
        ],
        [number(43), (x509.DeltaCRLIndicator(42), True), rsa_aki],
    )
    s["delta.der"] = delta

    # Issuing distribution point forms.
    s["idp_full_name_user_certs.der"] = crl(
        CA_NAME,
        RSA_KEY,
        entries[:2],
        [
            number(2),
            (
                x509.IssuingDistributionPoint(
                    full_name=[UniformResourceIdentifier(f"{URL}/nca.crl")],
                    relative_name=None,
                    only_contains_user_certs=True,
                    only_contains_ca_certs=False,
                    only_some_reasons=frozenset([R.key_compromise, R.ca_compromise]),
                    indirect_crl=False,
                    only_contains_attribute_certs=False,
                ),
                True,
            ),
        ],
    )
    s["idp_relative_name_ca_certs.der"] = crl(
        CA_NAME,
        RSA_KEY,
        [],
        [
            number(3),
            (
                x509.IssuingDistributionPoint(
                    full_name=None,
                    relative_name=x509.RelativeDistinguishedName(
                        [x509.NameAttribute(NameOID.COMMON_NAME, "CRL1")]
                    ),
                    only_contains_user_certs=False,
                    only_contains_ca_certs=True,
                    only_some_reasons=None,
                    indirect_crl=False,
                    only_contains_attribute_certs=False,
                ),
                True,
            ),
        ],
    )

    # Indirect CRL: entries for another issuer through certificateIssuer.
    s["indirect_certificate_issuer.der"] = crl(
        EC_CA_NAME,
        EC_KEY,
        [
            revoked(0x1, T0),  # the CRL issuer's own certificate
            revoked(
                0x2002,
                T0,
                (x509.CertificateIssuer([DirectoryName(CA_NAME)]), True),
                (x509.CRLReason(R.superseded), False),
            ),
            revoked(0x2003, T0),  # inherits the certificate issuer of the entry before
            revoked(
                0x2004,
                T0,
                (x509.CertificateIssuer([UniformResourceIdentifier(f"{URL}/x")]), True),
            ),
        ],
        [
            number(5),
            (
                x509.IssuingDistributionPoint(
                    full_name=[UniformResourceIdentifier(f"{URL}/indirect.crl")],
                    relative_name=None,
                    only_contains_user_certs=False,
                    only_contains_ca_certs=False,
                    only_some_reasons=None,
                    indirect_crl=True,
                    only_contains_attribute_certs=False,
                ),
                True,
            ),
        ],
        alg=hashes.SHA256(),
    )

    # Unknown critical extensions, on the CRL and on an entry; freshestCRL.
    s["unknown_critical.der"] = crl(
        CA_NAME,
        RSA_KEY,
        [
            revoked(
                0x77,
                T0,
                (x509.UnrecognizedExtension(ObjectIdentifier("1.2.3.4.7"), b"\x05\x00"), True),
            )
        ],
        [
            number(6),
            (x509.UnrecognizedExtension(ObjectIdentifier("1.2.3.4.8"), b"\x01\x01\xff"), True),
            (
                x509.FreshestCRL(
                    [
                        x509.DistributionPoint(
                            [UniformResourceIdentifier(f"{URL}/d.crl")], None, None, None
                        )
                    ]
                ),
                False,
            ),
        ],
    )

    # Ed25519 and P-384 signed, GeneralizedTime dates.
    s["ed25519.der"] = crl(CA_NAME, ED_KEY, entries[:1], [number(7)], alg=None)
    s["ec_p384_generalized_time.der"] = crl(
        EC_CA_NAME, EC384_KEY, entries[-1:], [number(8)], alg=hashes.SHA384(), last=FAR,
        nxt=FAR + dt.timedelta(days=1),
    )

    # Many entries (lookup tables), kept small.
    many = [revoked(i * 7919 + 1, T0) for i in range(300)]
    s["many_entries.der"] = crl(CA_NAME, EC_KEY, many, [number(9)])

    # Bundles.
    s["bundle_two.pem"] = pem("X509 CRL", full) + pem("X509 CRL", delta)
    s["bundle_crl_label_and_cert.pem"] = pem("CRL", empty) + pem("CERTIFICATE", empty)

    # Truncations.
    s["truncated_half.der"] = full[: len(full) // 2]
    s["truncated.pem"] = pem("X509 CRL", full)[:200]

    # Hand-rebuilt hostile variants (signatures no longer verify).
    tbs, sig_alg, sig = split_signed(full)
    # tbs: version, signature, issuer, thisUpdate, nextUpdate, revokedCertificates, [0] exts
    version, inner_alg, issuer, this_u, next_u, revs, exts = tbs
    s["no_next_update.der"] = join_signed(
        [version, inner_alg, issuer, this_u, revs, exts], sig_alg, sig
    )
    s["v1_no_extensions.der"] = join_signed([inner_alg, issuer, this_u, next_u, revs], sig_alg, sig)
    s["empty_revoked_sequence.der"] = join_signed(
        [version, inner_alg, issuer, this_u, next_u, seq(), exts], sig_alg, sig
    )
    s["mismatched_algorithms.der"] = join_signed(tbs, alg_id("1.2.840.10045.4.3.2"), sig)
    s["gost_algorithm.der"] = join_signed(
        [version, alg_id("1.2.398.3.10.1.1.2.3.2"), issuer, this_u, next_u, revs, exts],
        alg_id("1.2.398.3.10.1.1.2.3.2"),
        tlv(0x03, b"\x00" + bytes(64)),
    )
    _, revs_content, _ = read_tlv(revs)
    rev_list = children(revs_content)
    neg = seq(tlv(0x02, b"\x80"), tlv(0x17, b"250101000000Z"))
    zero_len = seq(tlv(0x02, b""), tlv(0x17, b"250101000000Z"))
    s["odd_entry_serials.der"] = join_signed(
        [version, inner_alg, issuer, this_u, next_u, seq(neg, zero_len, *rev_list[:2]), exts],
        sig_alg,
        sig,
    )
    s["reason_code_out_of_range.der"] = join_signed(
        [
            version,
            inner_alg,
            issuer,
            this_u,
            next_u,
            seq(
                seq(
                    tlv(0x02, b"\x01"),
                    tlv(0x17, b"250101000000Z"),
                    seq(seq(oid("2.5.29.21"), tlv(0x04, tlv(0x0A, b"\x07")))),
                ),
                seq(
                    tlv(0x02, b"\x02"),
                    tlv(0x17, b"250101000000Z"),
                    seq(seq(oid("2.5.29.21"), tlv(0x04, tlv(0x0A, b"\xff")))),
                ),
            ),
            exts,
        ],
        sig_alg,
        sig,
    )

    for f in [
        "root.crl",
        "ecdsa_ca.crl",
        "nca_rsa_delta.crl",
        "nca_rsa_stale.crl",
        "nca_rsa_current.pem.crl",
        "revoked_ca_root.crl",
    ]:
        if (PKI / f).is_file():
            shutil.copyfile(PKI / f, s.dir / f"pki_{f}")

    if shutil.which("openssl"):
        with tempfile.TemporaryDirectory() as tmp:
            t = Path(tmp)
            (t / "index.txt").write_text(
                "R\t270101000000Z\t250102000000Z,keyCompromise\t1A2B\tunknown\t/CN=x\n"
                "R\t270101000000Z\t250103000000Z,certificateHold\t1A2C\tunknown\t/CN=y\n"
            )
            (t / "crlnumber").write_text("0100\n")
            key = t / "ca.key"
            key.write_bytes(
                EC_KEY.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
            ca = t / "ca.pem"
            ca.write_bytes(
                pem("CERTIFICATE", cert(EC_CA_NAME, EC_CA_NAME, EC_KEY, EC_KEY, 1, [])).encode()
            )
            (t / "ca.cnf").write_text(
                "[ca]\ndefault_ca=CA\n[CA]\n"
                f"database={t / 'index.txt'}\ncrlnumber={t / 'crlnumber'}\n"
                "default_md=sha256\ndefault_crl_days=30\n"
            )
            out = t / "out.crl"
            subprocess.run(
                ["openssl", "ca", "-gencrl", "-config", str(t / "ca.cnf"), "-keyfile", str(key),
                 "-cert", str(ca), "-out", str(out)],
                check=True, capture_output=True,
            )
            s["openssl_ca_gencrl.pem"] = out.read_bytes()

    return {"full": full, "delta": delta, "empty": empty}


# ------------------------------------------------------------------------------------
# identity
# ------------------------------------------------------------------------------------

W1 = list(range(1, 12))
W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]


def check_digit(first11: str) -> int | None:
    d = [int(c) for c in first11]
    c = sum(a * b for a, b in zip(d, W1)) % 11
    if c == 10:
        c = sum(a * b for a, b in zip(d, W2)) % 11
        if c == 10:
            return None
    return c


def valid(first11: str) -> str:
    c = check_digit(first11)
    assert c is not None, first11
    return first11 + str(c)


def make_identity() -> None:
    s = Seeds("identity")
    s["nca_test_iin.txt"] = "123456789011"
    s["nca_test_bin.txt"] = "123456789021"
    s["iin_prefixed.txt"] = "IIN123456789011"
    s["bin_prefixed.txt"] = "BIN123456789021"
    s["iin_valid_1990_male.txt"] = valid("90010130000")
    s["iin_valid_2000_leap_female.txt"] = valid("00022960123")
    s["iin_valid_1800s.txt"] = valid("85031510006")
    s["iin_foreign_digit7_zero.txt"] = valid("95123100556")
    s["iin_bad_date_feb30.txt"] = valid("95023040556")
    s["iin_month13.txt"] = "951331405569"
    s["bin_valid_head_office.txt"] = valid("23014000123")
    s["bin_branch_nonresident.txt"] = valid("19115100007")
    s["no_valid_check_digit.txt"] = "850315400610"
    s["whitespace_around.txt"] = " \t900101300007\r\n"
    s["inner_space.txt"] = "900101 300007"
    s["eleven_digits.txt"] = "90010130000"
    s["thirteen_digits.txt"] = "9001013000071"
    s["empty.txt"] = ""
    s["only_whitespace.txt"] = " \n\t "
    s["nbsp_around.txt"] = "\u00a0900101300007\u00a0"
    s["arabic_indic_digits.txt"] = "١٢٣٤٥٦٧٨٩٠١١"
    s["fullwidth_digits.txt"] = "１２３４５６７８９０１１"
    s["devanagari_digits.txt"] = "१२३४५६७८९०११"
    s["superscript_digits.txt"] = "¹²³⁴⁵⁶⁷⁸⁹⁰¹¹"
    s["cyrillic_letters.txt"] = "ЖСН123456789011"
    s["zero_width.txt"] = "1234567890\u200b11"
    s["nul_bytes.bin"] = b"12345678\x009011"
    s["invalid_utf8.bin"] = b"1234\xff\xfe56789011"
    s["raw_values_over_9.bin"] = bytes([0, 9, 10, 200, 255, 1, 2, 3, 4, 5, 6, 7])
    s["long_digits.txt"] = "1" * 4096
    s["long_mixed.txt"] = ("IIN" + valid("90010130000") + " ") * 200
    s["all_zeros.txt"] = "000000000000"
    s["all_nines.txt"] = "999999999999"
    s["plus_sign.txt"] = "+90010130000"


# ------------------------------------------------------------------------------------
# input
# ------------------------------------------------------------------------------------


def make_input(certs: dict[str, bytes], crls: dict[str, bytes]) -> None:
    s = Seeds("input")
    c, r = certs["individual"], crls["delta"]
    s["cert.der"] = c
    s["crl.der"] = r
    s["cert_der_trailing_crlf.der"] = c + b"\r\n"
    s["cert_der_trailing_garbage.der"] = c + b"\x00"
    s["cert.pem"] = pem("CERTIFICATE", c)
    s["crl.pem"] = pem("X509 CRL", r)
    s["crl_label_crl.pem"] = pem("CRL", r)
    s["cert.b64"] = b64_text(c)
    s["cert_urlsafe_unpadded.b64"] = base64.urlsafe_b64encode(c).rstrip(b"=")
    s["bom_crlf.pem"] = b"\xef\xbb\xbf" + pem("CERTIFICATE", c, "\r\n").encode()
    s["mixed_labels.pem"] = (
        "leading junk\n"
        + pem("EC PARAMETERS", b"\x06\x08\x2a\x86\x48\xce\x3d\x03\x01\x07")
        + pem("CERTIFICATE", c)
        + pem("PRIVATE KEY", b"\x30\x03\x02\x01\x00")
        + pem("X509 CRL", r)
        + pem("X509 CERTIFICATE", certs["ec_self"])
        + "trailing junk\n"
    )
    s["only_other_labels.pem"] = pem("PUBLIC KEY", b"\x30\x00") + pem("PKCS7", b"\x30\x00")
    s["pem_with_headers.pem"] = (
        "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,00\n\n"
        + b64_text(c, 64)
        + "-----END CERTIFICATE-----\n"
    )
    s["pem_mismatched_end.pem"] = pem("CERTIFICATE", c).replace("END CERTIFICATE", "END X509 CRL")
    s["pem_unterminated.pem"] = "-----BEGIN CERTIFICATE-----\n" + b64_text(c, 64)
    s["pem_glued_blocks.pem"] = pem("CERTIFICATE", c).rstrip("\n") + pem("CERTIFICATE", c)
    s["pem_nested_begin.pem"] = (
        "-----BEGIN CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n"
        + b64_text(c, 64)
        + "-----END CERTIFICATE-----\n"
    )
    s["pem_trailing_data_in_block.pem"] = pem("CERTIFICATE", c + b"\x00\x00")
    s["pem_non_sequence.pem"] = pem("CERTIFICATE", b"\x02\x01\x05")
    s["pem_bad_base64.pem"] = "-----BEGIN CERTIFICATE-----\nMII*&^%\n-----END CERTIFICATE-----\n"
    s["empty.bin"] = b""
    s["whitespace.txt"] = " \r\n\t \n"
    s["bom_only.bin"] = b"\xef\xbb\xbf"
    s["seq_len_0x84_ffffffff.der"] = b"\x30\x84\xff\xff\xff\xff"
    s["seq_len_0x88.der"] = b"\x30\x88\x00\x00\x00\x00\x00\x00\x00\x10" + bytes(16)
    s["seq_indefinite.der"] = b"\x30\x80\x02\x01\x05\x00\x00"
    s["seq_non_minimal.der"] = b"\x30\x81\x03\x02\x01\x05"
    s["seq_long_form_zero.der"] = b"\x30\x82\x00\x03\x02\x01\x05"
    s["high_tag_number.der"] = b"\x1f\x81\x00\x00"
    s["tiny_seq.der"] = b"\x30\x03\x02\x01\x05"
    s["tiny_seq_base64.txt"] = base64.b64encode(b"\x30\x03\x02\x01\x05")
    s["base64_not_sequence.txt"] = base64.b64encode(b"\x02\x01\x05")
    s["base64_trailing.txt"] = base64.b64encode(b"\x30\x03\x02\x01\x05\x00")
    s["base64_bad_padding.txt"] = "MAMCAQU===\n"
    s["base64_mixed_alphabets.txt"] = "MA-CAQ/="
    s["utf16le_pem.bin"] = pem("CERTIFICATE", b"\x30\x03\x02\x01\x05").encode("utf-16-le")
    s["binary_not_der.bin"] = bytes(range(1, 64))
    s["big_bundle.pem"] = pem("CERTIFICATE", b"\x30\x03\x02\x01\x05") * 300


# ------------------------------------------------------------------------------------
# ocsp
# ------------------------------------------------------------------------------------

# The target judges every serial a response names, at 2026-11-23T00:00:00Z, against the
# test PKI's nca_rsa.cer: these seeds are signed by nca_rsa's key or by a responder it
# issued, so that mutants reach the status decisions, not only the parser. Built at the
# DER level with fixed dates and the test PKI's keys (RSA PKCS#1 v1.5 signatures are
# deterministic): the same PKI gives the same bytes. A few more come from `openssl ocsp`
# (an index file, a request for several serials), stamped with the time of the run.

OID_OCSP_BASIC = "1.3.6.1.5.5.7.48.1.1"
OID_OCSP_NONCE = "1.3.6.1.5.5.7.48.1.2"
OID_SHA256_RSA = "1.2.840.113549.1.1.11"
CERTID_HASHES = {
    "sha1": ("1.3.14.3.2.26", hashes.SHA1()),
    "sha256": ("2.16.840.1.101.3.4.2.1", hashes.SHA256()),
    "sha384": ("2.16.840.1.101.3.4.2.2", hashes.SHA384()),
    "sha512": ("2.16.840.1.101.3.4.2.3", hashes.SHA512()),
    "sha224": ("2.16.840.1.101.3.4.2.4", hashes.SHA224()),
}


def utc(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=dt.timezone.utc)


def gen_time(t: dt.datetime) -> bytes:
    return tlv(0x18, t.strftime("%Y%m%d%H%M%SZ").encode())


def der_int(n: int) -> bytes:
    return tlv(0x02, n.to_bytes(n.bit_length() // 8 + 1, "big", signed=True))


def digest(h, data: bytes) -> bytes:
    d = hashes.Hash(h)
    d.update(data)
    return d.finalize()


def key_bits(c: x509.Certificate) -> bytes:
    """The subjectPublicKey BIT STRING's octets (an RSA key's PKCS#1 encoding)."""
    return c.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)


def extension(dotted: str, value: bytes, critical: bool = False) -> bytes:
    return seq(oid(dotted), tlv(0x01, b"\xff") if critical else b"", tlv(0x04, value))


def cert_id(issuer: x509.Certificate, serial: int, alg: str = "sha256") -> bytes:
    dotted, h = CERTID_HASHES[alg]
    return seq(
        alg_id(dotted, tlv(0x05, b"")),
        tlv(0x04, digest(h, issuer.subject.public_bytes())),
        tlv(0x04, digest(h, key_bits(issuer))),
        der_int(serial),
    )


def single(issuer, serial, status="good", *, alg="sha256", this_update=None, next_update=None,
           revoked_at=None, reason=None, exts=()) -> bytes:
    """A SingleResponse; `next_update=False` leaves nextUpdate out."""
    this_update = this_update or utc(2026, 11, 22)
    if next_update is None:
        next_update = this_update + dt.timedelta(days=7)
    if status == "good":
        st = b"\x80\x00"
    elif status == "unknown":
        st = b"\x82\x00"
    else:
        st = tlv(0xA1, gen_time(revoked_at) + (tlv(0xA0, tlv(0x0A, bytes([reason]))) if reason is not None else b""))
    return seq(
        cert_id(issuer, serial, alg),
        st,
        gen_time(this_update),
        tlv(0xA0, gen_time(next_update)) if next_update else b"",
        tlv(0xA1, seq(*exts)) if exts else b"",
    )


def basic_ocsp(singles, signer: x509.Certificate, key, *, by_key=False, certs=(),
               produced_at=None, response_exts=(), tamper=False) -> bytes:
    """An OCSPResponse (successful, id-pkix-ocsp-basic) signed with SHA-256 and RSA."""
    produced_at = produced_at or utc(2026, 11, 22, 12)
    responder = (
        tlv(0xA2, tlv(0x04, digest(hashes.SHA1(), key_bits(signer))))
        if by_key
        else tlv(0xA1, signer.subject.public_bytes())
    )
    tbs = seq(
        responder,
        gen_time(produced_at),
        seq(*singles),
        tlv(0xA1, seq(*response_exts)) if response_exts else b"",
    )
    sig = key.sign(tbs, padding.PKCS1v15(), hashes.SHA256())
    if tamper:
        sig = bytes([sig[0] ^ 1]) + sig[1:]
    basic = seq(
        tbs,
        alg_id(OID_SHA256_RSA, tlv(0x05, b"")),
        tlv(0x03, b"\x00" + sig),
        tlv(0xA0, seq(*(c.public_bytes(serialization.Encoding.DER) for c in certs))) if certs else b"",
    )
    return seq(tlv(0x0A, b"\x00"), tlv(0xA0, seq(oid(OID_OCSP_BASIC), tlv(0x04, basic))))


def delegated(ca, ca_key, key, cn: str, serial: int, *, eku=True, nocheck=True,
              digital_signature=True, not_before=None, not_after=None) -> x509.Certificate:
    """A responder certificate issued by `ca` (deterministic: fixed fields, RSA signature)."""
    b = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
        ]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(not_before or utc(2026, 1, 1))
        .not_valid_after(not_after or utc(2027, 1, 1))
        .add_extension(ku(digital_signature=digital_signature, key_cert_sign=not digital_signature), critical=True)
    )
    if eku:
        b = b.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), critical=False)
    if nocheck:
        b = b.add_extension(x509.OCSPNoCheck(), critical=False)
    return b.sign(ca_key, hashes.SHA256())


def make_ocsp() -> None:
    s = Seeds("ocsp")
    # The project's own responses (test-vectors/generate_ocsp.py).
    for f in ["ocsp_good.der", "ocsp_revoked.der", "ocsp_not_issued.der", "ocsp_by_ca.der",
              "ocsp_hold_after_crl.der", "ocsp_unauthorised.der"]:
        if (PKI / f).is_file():
            shutil.copyfile(PKI / f, s.dir / f)
    needed = ["nca_rsa.cer", "nca_rsa.key.pem", "ocsp_responder.cer", "ocsp_responder.key.pem",
              "individual_sign.cer", "revoked.cer", "on_hold.cer", "root.cer", "root.key.pem"]
    if not all((PKI / f).is_file() for f in needed):
        return

    def load_cert(f: str) -> x509.Certificate:
        data = (PKI / f).read_bytes()
        return x509.load_der_x509_certificate(data) if data[:1] == b"\x30" else x509.load_pem_x509_certificate(data)

    def load_key(f: str):
        return serialization.load_pem_private_key((PKI / f).read_bytes(), password=None)

    ca, ca_key = load_cert("nca_rsa.cer"), load_key("nca_rsa.key.pem")
    rsp, rsp_key = load_cert("ocsp_responder.cer"), load_key("ocsp_responder.key.pem")
    root, root_key = load_cert("root.cer"), load_key("root.key.pem")
    good = load_cert("individual_sign.cer").serial_number
    revoked_sn = load_cert("revoked.cer").serial_number
    hold_sn = load_cert("on_hold.cer").serial_number
    KEY_COMPROMISE, SUPERSEDED, HOLD = 1, 4, 6
    nonce = extension(OID_OCSP_NONCE, tlv(0x04, bytes(range(16))))
    invalidity = extension("2.5.29.24", gen_time(utc(2026, 5, 15)))
    unknown_ext = "1.2.398.3.3.99.1"

    def by_ca(*singles, **kw) -> bytes:
        return basic_ocsp(singles, ca, ca_key, **kw)

    def by_rsp(*singles, **kw) -> bytes:
        kw.setdefault("certs", [rsp])
        return basic_ocsp(singles, rsp, rsp_key, **kw)

    # Statuses of the serial asked about, signed by the CA itself.
    s["d_good_sha1_ca_by_key.der"] = by_ca(single(ca, good, alg="sha1"), by_key=True)
    s["d_good_sha256_ca_by_name.der"] = by_ca(single(ca, good))
    s["d_good_sha384_certid.der"] = by_ca(single(ca, good, alg="sha384"))
    s["d_good_sha512_certid.der"] = by_ca(single(ca, good, alg="sha512"), by_key=True)
    s["d_good_sha224_certid.der"] = by_ca(single(ca, good, alg="sha224"))
    s["d_good_no_next_update_fresh.der"] = by_ca(
        single(ca, good, this_update=utc(2026, 11, 22, 6), next_update=False))
    s["d_good_no_next_update_stale.der"] = by_ca(
        single(ca, good, this_update=utc(2026, 11, 20), next_update=False))
    s["d_good_stale.der"] = by_ca(single(ca, good, this_update=utc(2026, 10, 1)))
    s["d_good_after_time_judged.der"] = by_ca(
        single(ca, good, this_update=utc(2026, 11, 24)), produced_at=utc(2026, 11, 24, 1))
    s["d_good_this_update_after_produced_at.der"] = by_ca(
        single(ca, good, this_update=utc(2026, 11, 22, 18)))
    s["d_revoked_invalidity_date.der"] = by_ca(
        single(ca, revoked_sn, "revoked", revoked_at=utc(2026, 6, 1), reason=KEY_COMPROMISE,
               exts=[invalidity]), by_key=True)
    s["d_revoked_no_reason_sha1.der"] = by_ca(
        single(ca, revoked_sn, "revoked", alg="sha1", revoked_at=utc(2026, 6, 1), next_update=False))
    s["d_revoked_after_time_judged.der"] = by_ca(
        single(ca, revoked_sn, "revoked", revoked_at=utc(2026, 12, 1), reason=SUPERSEDED,
               this_update=utc(2026, 12, 2)), produced_at=utc(2026, 12, 2, 1))
    s["d_hold_fresh.der"] = by_ca(
        single(ca, hold_sn, "revoked", revoked_at=utc(2026, 11, 10), reason=HOLD))
    s["d_hold_stale.der"] = by_ca(
        single(ca, hold_sn, "revoked", revoked_at=utc(2026, 11, 1), reason=HOLD,
               this_update=utc(2026, 11, 10), next_update=utc(2026, 11, 11)))
    s["d_unknown.der"] = by_ca(single(ca, good, "unknown"), by_key=True)
    # Several SingleResponses: several serials; one serial with agreeing, disagreeing
    # and permanent statuses; another issuer's CertID beside this one's.
    s["d_several_serials_nonce.der"] = by_rsp(
        single(ca, good),
        single(ca, revoked_sn, "revoked", alg="sha1", revoked_at=utc(2026, 6, 1), reason=KEY_COMPROMISE),
        single(ca, hold_sn, "revoked", revoked_at=utc(2026, 11, 10), reason=HOLD, next_update=False),
        single(ca, 0x0BAD, "unknown", alg="sha1"),
        by_key=True, response_exts=[nonce])
    s["d_same_serial_agree.der"] = by_ca(
        single(ca, good, this_update=utc(2026, 11, 21)), single(ca, good, alg="sha1"))
    s["d_same_serial_disagree.der"] = by_rsp(
        single(ca, good), single(ca, good, "revoked", revoked_at=utc(2026, 11, 20), reason=HOLD))
    s["d_same_serial_permanent_wins.der"] = by_rsp(
        single(ca, good), single(ca, good, "revoked", alg="sha1", revoked_at=utc(2026, 9, 1),
                                 reason=KEY_COMPROMISE),
        single(ca, good, "revoked", revoked_at=utc(2026, 12, 1), reason=SUPERSEDED))
    s["d_other_issuer_certid.der"] = by_ca(single(root, good), single(ca, revoked_sn, "unknown"))
    # Extensions: a critical nonce (processed), critical ones not processed.
    s["d_nonce_critical.der"] = by_ca(
        single(ca, good), response_exts=[extension(OID_OCSP_NONCE, tlv(0x04, b"\x07" * 32), True)])
    s["d_critical_response_extension.der"] = by_ca(
        single(ca, good), response_exts=[nonce, extension(unknown_ext, tlv(0x05, b""), True)])
    s["d_critical_single_extension.der"] = by_ca(
        single(ca, good, exts=[extension(unknown_ext, tlv(0x05, b""), True)]))
    s["d_noncritical_single_extension.der"] = by_ca(
        single(ca, good, exts=[extension(unknown_ext, tlv(0x05, b""))]))
    s["d_bad_signature.der"] = by_ca(single(ca, good), tamper=True)
    # Delegated responders (all with the test responder's key, distinct names).
    s["d_delegated_by_name.der"] = by_rsp(single(ca, good, alg="sha1"))
    s["d_delegated_by_key.der"] = by_rsp(single(ca, revoked_sn, "revoked", revoked_at=utc(2026, 6, 1),
                                                reason=KEY_COMPROMISE), by_key=True)
    s["d_delegated_not_embedded.der"] = by_rsp(single(ca, good), certs=[])
    s["d_delegated_ca_and_responder_embedded.der"] = by_rsp(single(ca, good), certs=[ca, rsp])
    variants = {
        "no_eku": dict(eku=False),
        "no_nocheck": dict(nocheck=False),
        "no_eku_no_nocheck": dict(eku=False, nocheck=False),
        "no_digital_signature": dict(digital_signature=False),
        "expired": dict(not_before=utc(2025, 1, 1), not_after=utc(2026, 1, 1)),
    }
    for i, (label, kw) in enumerate(variants.items()):
        r = delegated(ca, ca_key, rsp_key, f"OCSP RESPONDER {label.upper()} QOLTANBA TEST", 0x0C5B0101 + i, **kw)
        s[f"d_delegated_{label}.der"] = basic_ocsp([single(ca, good)], r, rsp_key, certs=[r])
    foreign = delegated(root, root_key, rsp_key, "OCSP RESPONDER OF ROOT QOLTANBA TEST", 0x0C5B0201)
    s["d_delegated_by_another_ca.der"] = basic_ocsp([single(ca, good)], foreign, rsp_key, certs=[foreign])
    s["d_try_later.der"] = tlv(0x30, tlv(0x0A, b"\x03"))

    if not shutil.which("openssl"):
        return
    # openssl ocsp: a request for several serials (SHA-1 or SHA-256 CertIDs, a nonce), an
    # index file (valid, revoked, on hold), answered by the responder or the CA.
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for f, c in [("ca.pem", ca), ("rsp.pem", rsp)]:
            (t / f).write_bytes(c.public_bytes(serialization.Encoding.PEM))
        for f, k in [("ca.key", "nca_rsa.key.pem"), ("rsp.key", "ocsp_responder.key.pem")]:
            shutil.copyfile(PKI / k, t / f)
        (t / "index.txt").write_text(
            f"V\t270101000000Z\t\t{good:X}\tunknown\t/CN=good\n"
            f"R\t270101000000Z\t260601000000Z,keyCompromise\t{revoked_sn:X}\tunknown\t/CN=revoked\n"
            f"R\t270101000000Z\t261110000000Z,certificateHold\t{hold_sn:X}\tunknown\t/CN=hold\n"
        )
        runs = [
            ("openssl_responder_sha1_nonce.der", ["-sha1"], ["-rsigner", "rsp.pem", "-rkey", "rsp.key", "-ndays", "7"]),
            ("openssl_responder_sha256_by_key.der", ["-sha256"],
             ["-rsigner", "rsp.pem", "-rkey", "rsp.key", "-resp_key_id", "-rmd", "sha256", "-nmin", "600"]),
            ("openssl_ca_no_certs_no_next_update.der", ["-sha256", "-no_nonce"],
             ["-rsigner", "ca.pem", "-rkey", "ca.key", "-resp_no_certs"]),
        ]
        for fname, req_opts, resp_opts in runs:
            serials = [x for sn in (good, revoked_sn, hold_sn, 0x0BAD) for x in ("-serial", f"0x{sn:X}")]
            subprocess.run(["openssl", "ocsp", "-issuer", "ca.pem", *req_opts, *serials, "-reqout", "req.der"],
                           cwd=t, check=True, capture_output=True)
            subprocess.run(["openssl", "ocsp", "-index", "index.txt", "-CA", "ca.pem", *resp_opts,
                            "-reqin", "req.der", "-respout", "resp.der"],
                           cwd=t, check=True, capture_output=True)
            s[fname] = (t / "resp.der").read_bytes()


def main() -> None:
    # `make_seeds.py ocsp`: only the OCSP seeds (they depend on the test PKI alone).
    if sys.argv[1:] == ["ocsp"]:
        make_ocsp()
    else:
        certs = make_certificates()
        crls = make_crls()
        make_identity()
        make_input(certs, crls)
        make_ocsp()
    total = 0
    for d in sorted(CORPUS.iterdir()):
        files = list(d.iterdir())
        size = sum(f.stat().st_size for f in files)
        total += size
        print(f"{d.name}: {len(files)} seeds, {size} bytes")
    print(f"total {total} bytes")


if __name__ == "__main__":
    main()
