#!/usr/bin/env python3
"""Generate qoltanba's own test PKI and the table of expected verdicts.

Run from the repository root (or anywhere):

    python3 test-vectors/generate.py

Writes (overwriting) every file in test-vectors/pki/ and test-vectors/expected.json.
Requires Python >= 3.11, the `cryptography` package (tested with 48.0) and the
`openssl` CLI (3.x, with the legacy provider, for the NCA-style PKCS#12 files).

Keys are fresh on every run, so the output is not byte-for-byte reproducible, but
every date, serial number, name and extension is a fixed constant (the wall clock is
never read), so a regenerated set has exactly the same expected verdicts.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

HERE = Path(__file__).resolve().parent
OUT = HERE / "pki"
EXPECTED = HERE / "expected.json"


def utc(y: int, m: int, d: int) -> dt.datetime:
    return dt.datetime(y, m, d, tzinfo=dt.timezone.utc)


def rfc3339(t: dt.datetime) -> str:
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------------
# Fixed constants
# ---------------------------------------------------------------------------------

AT = utc(2026, 11, 23)  # judging time of the table
BASE_URL = "http://test.qoltanba.invalid"

ROOT_CN = "НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) QOLTANBA TEST"
NCA_CN = "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) QOLTANBA TEST"
EC_CA_CN = "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (ECDSA) QOLTANBA TEST"
SUB_CA_CN = "ҚОСАЛҚЫ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) QOLTANBA TEST"

OID_POLICY_SIGN = ObjectIdentifier("1.2.398.3.3.2.1")
OID_POLICY_AUTH = ObjectIdentifier("1.2.398.3.3.2.2")
OID_ROLE_INDIVIDUAL = ObjectIdentifier("1.2.398.3.3.4.1.1")
OID_ROLE_LEGAL = ObjectIdentifier("1.2.398.3.3.4.1.2")
OID_ROLE_FIRST_HEAD = ObjectIdentifier("1.2.398.3.3.4.1.2.1")
OID_ROLE_RIGHT_TO_SIGN = ObjectIdentifier("1.2.398.3.3.4.1.2.2")
OID_ROLE_EMPLOYEE = ObjectIdentifier("1.2.398.3.3.4.1.2.5")
OID_PRIVATE_CRITICAL = ObjectIdentifier("1.3.6.1.4.1.55555.1")

PKCS12_PASSWORD = "Qwerty12"

# Identifiers with a deliberately WRONG check digit (as in NCA's own test certificates).
IIN_BAD = "123456789011"
BIN_BAD = "123456789021"


# ---------------------------------------------------------------------------------
# IIN / BIN check digit
# ---------------------------------------------------------------------------------

def kz_check_digit(first11: str) -> int | None:
    """Check digit of a 12-digit IIN/BIN from its first 11 digits (None: no valid digit)."""
    digits = [int(c) for c in first11]
    assert len(digits) == 11
    s = sum(d * w for d, w in zip(digits, range(1, 12))) % 11
    if s == 10:
        s = sum(d * w for d, w in zip(digits, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
        if s == 10:
            return None
    return s


def kz_checksum_ok(ident: str) -> bool:
    if len(ident) != 12 or not ident.isdigit():
        return False
    c = kz_check_digit(ident[:11])
    return c is not None and c == int(ident[11])


def first_valid(prefix: str, serial_len: int, start: int = 0) -> str:
    for serial in range(start, 10**serial_len):
        first11 = prefix + str(serial).zfill(serial_len)
        c = kz_check_digit(first11)
        if c is not None:
            return first11 + str(c)
    raise AssertionError("no valid identifier for prefix " + prefix)


# IIN: YYMMDD, century+sex digit (3 = male born 1900-1999, 4 = female), 4-digit serial, check.
IIN_GOOD = first_valid("9001013", 4)  # 1990-01-01, male
IIN_GOOD_2 = first_valid("8505154", 4, start=1)  # 1985-05-15, female
# BIN: YYMM of registration, type (4 = resident legal entity), attribute (0 = head office),
# 5-digit serial, check.
BIN_GOOD = first_valid("050540", 5, start=1)

assert not kz_checksum_ok(IIN_BAD) and not kz_checksum_ok(BIN_BAD)
assert kz_checksum_ok(IIN_GOOD) and kz_checksum_ok(IIN_GOOD_2) and kz_checksum_ok(BIN_GOOD)


# ---------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------

def serial_for(label: str) -> int:
    """Deterministic positive 159-bit serial number (fits in 20 DER octets, like NCA's)."""
    h = hashlib.sha256(b"qoltanba-test-pki:" + label.encode()).digest()
    return (int.from_bytes(h[:20], "big") >> 1) or 1


def rsa_key(bits: int = 2048) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def ski_of(key) -> x509.SubjectKeyIdentifier:
    return x509.SubjectKeyIdentifier.from_public_key(key.public_key())


def aki_from(ski: x509.SubjectKeyIdentifier) -> x509.AuthorityKeyIdentifier:
    return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski)


def crldp(url: str) -> x509.CRLDistributionPoints:
    return x509.CRLDistributionPoints(
        [x509.DistributionPoint([x509.UniformResourceIdentifier(url)], None, None, None)]
    )


def aia(ca_file: str) -> x509.AuthorityInformationAccess:
    return x509.AuthorityInformationAccess(
        [
            x509.AccessDescription(
                x509.oid.AuthorityInformationAccessOID.OCSP,
                x509.UniformResourceIdentifier(BASE_URL + "/ocsp"),
            ),
            x509.AccessDescription(
                x509.oid.AuthorityInformationAccessOID.CA_ISSUERS,
                x509.UniformResourceIdentifier(BASE_URL + "/" + ca_file),
            ),
        ]
    )


def policies(*oids: ObjectIdentifier) -> x509.CertificatePolicies:
    return x509.CertificatePolicies([x509.PolicyInformation(o, None) for o in oids])


def key_usage(*, ds=False, nr=False, ke=False, cert_sign=False, crl_sign=False) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=ds,
        content_commitment=nr,
        key_encipherment=ke,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=crl_sign,
        encipher_only=False,
        decipher_only=False,
    )


KU_SIGN = key_usage(ds=True, nr=True)
KU_AUTH = key_usage(ds=True, ke=True)
KU_CA = key_usage(cert_sign=True, crl_sign=True)


def attr(oid: ObjectIdentifier, value: str) -> x509.NameAttribute:
    """A name attribute. The CA common names are 49 characters but 74 UTF-8 bytes: within
    RFC 5280's ub-common-name of 64 *characters*, but `cryptography` counts bytes, so its
    length check is switched off (its warning silenced)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return x509.NameAttribute(oid, value, _validate=False)


def ca_name(cn: str) -> x509.Name:
    return x509.Name(
        [attr(NameOID.COMMON_NAME, cn), attr(NameOID.COUNTRY_NAME, "KZ")]
    )


def person_name(
    iin: str,
    *,
    cn: str = "ТЕСТОВ ТЕСТ",
    surname: str = "ТЕСТОВ",
    given: str = "ТЕСТОВИЧ",
    email: str | None = None,
    locality: tuple[str, str] | None = None,
    org: str | None = None,
    bin_: str | None = None,
    business_category: str | None = None,
) -> x509.Name:
    """Subject in the order NCA RK uses: CN, SN, SERIALNUMBER, C, L, ST, O, OU, G, E."""
    a = [
        attr(NameOID.COMMON_NAME, cn),
        attr(NameOID.SURNAME, surname),
        attr(NameOID.SERIAL_NUMBER, "IIN" + iin),
        attr(NameOID.COUNTRY_NAME, "KZ"),
    ]
    if locality:
        a.append(attr(NameOID.LOCALITY_NAME, locality[0]))
        a.append(attr(NameOID.STATE_OR_PROVINCE_NAME, locality[1]))
    if org:
        a.append(attr(NameOID.ORGANIZATION_NAME, org))
    if bin_:
        a.append(attr(NameOID.ORGANIZATIONAL_UNIT_NAME, "BIN" + bin_))
    if business_category:
        a.append(attr(NameOID.BUSINESS_CATEGORY, business_category))
    a.append(attr(NameOID.GIVEN_NAME, given))
    if email:
        a.append(attr(NameOID.EMAIL_ADDRESS, email))
    return x509.Name(a)


def build_cert(
    *,
    subject: x509.Name,
    issuer: x509.Name,
    public_key,
    signer,
    serial: int,
    not_before: dt.datetime,
    not_after: dt.datetime,
    extensions: list[tuple[x509.ExtensionType, bool]],
    pss: bool = False,
) -> x509.Certificate:
    b = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
    )
    for ext, critical in extensions:
        b = b.add_extension(ext, critical=critical)
    if pss:
        return b.sign(
            signer,
            hashes.SHA256(),
            rsa_padding=padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
        )
    return b.sign(signer, hashes.SHA256())


def revoked_entry(serial: int, when: dt.datetime, reason: x509.ReasonFlags | None,
                  invalidity: dt.datetime | None = None) -> x509.RevokedCertificate:
    b = x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when)
    if reason is not None:
        b = b.add_extension(x509.CRLReason(reason), critical=False)
    if invalidity is not None:
        b = b.add_extension(x509.InvalidityDate(invalidity), critical=False)
    return b.build()


def build_crl(
    *,
    issuer: x509.Name,
    issuer_ski: x509.SubjectKeyIdentifier,
    signer,
    number: int,
    this_update: dt.datetime,
    next_update: dt.datetime,
    entries: list[x509.RevokedCertificate],
    delta_base: int | None = None,
) -> x509.CertificateRevocationList:
    b = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer)
        .last_update(this_update)
        .next_update(next_update)
        .add_extension(aki_from(issuer_ski), critical=False)
        .add_extension(x509.CRLNumber(number), critical=False)
    )
    if delta_base is not None:
        b = b.add_extension(x509.DeltaCRLIndicator(delta_base), critical=True)
    for e in entries:
        b = b.add_revoked_certificate(e)
    return b.sign(signer, hashes.SHA256())


def filler_entries(count: int, label: str) -> list[x509.RevokedCertificate]:
    """Unrelated revoked serials with a spread of reasons (and some without a reason)."""
    reasons = [
        None,
        x509.ReasonFlags.key_compromise,
        x509.ReasonFlags.affiliation_changed,
        x509.ReasonFlags.superseded,
        x509.ReasonFlags.cessation_of_operation,
        x509.ReasonFlags.privilege_withdrawn,
        x509.ReasonFlags.unspecified,
    ]
    out = []
    for i in range(count):
        when = utc(2026, 1, 5) + dt.timedelta(days=5 * i, hours=i % 24, minutes=(7 * i) % 60)
        invalidity = when - dt.timedelta(days=2) if i % 9 == 4 else None
        out.append(revoked_entry(serial_for(f"{label}-filler-{i}"), when, reasons[i % len(reasons)], invalidity))
    return out


# ---------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------

def der_cert(c: x509.Certificate) -> bytes:
    return c.public_bytes(serialization.Encoding.DER)


def pem_cert(c: x509.Certificate) -> bytes:
    return c.public_bytes(serialization.Encoding.PEM)


def write(name: str, data: bytes) -> None:
    (OUT / name).write_bytes(data)


def write_key(name: str, key) -> None:
    write(
        name,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


def write_pkcs12_legacy(name: str, cert: x509.Certificate, key, friendly: str) -> None:
    """NCA-style PKCS#12: pbeWithSHA1And3-KeyTripleDES-CBC (key), pbeWithSHA1And40BitRC2-CBC
    (certificates), SHA-1 MAC; made with the openssl CLI because `cryptography` cannot
    produce RC2-40 bags."""
    with tempfile.TemporaryDirectory() as tmp:
        kp, cp = Path(tmp) / "k.pem", Path(tmp) / "c.pem"
        kp.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        cp.write_bytes(pem_cert(cert))
        subprocess.run(
            [
                "openssl", "pkcs12", "-export", "-legacy",
                "-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-RC2-40",
                "-macalg", "sha1", "-iter", "2048",
                "-inkey", str(kp), "-in", str(cp), "-name", friendly,
                "-passout", "pass:" + PKCS12_PASSWORD,
                "-out", str(OUT / name),
            ],
            check=True,
        )


# ---------------------------------------------------------------------------------
# The PKI
# ---------------------------------------------------------------------------------

def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        if old.is_file():
            old.unlink()

    # ---- root ------------------------------------------------------------------
    root_key = rsa_key(3072)
    root_name = ca_name(ROOT_CN)
    root_ski = ski_of(root_key)
    root = build_cert(
        subject=root_name,
        issuer=root_name,
        public_key=root_key.public_key(),
        signer=root_key,
        serial=serial_for("root"),
        not_before=utc(2024, 1, 1),
        not_after=utc(2044, 1, 1),
        extensions=[
            (x509.BasicConstraints(ca=True, path_length=None), True),
            (KU_CA, True),
            (root_ski, False),
        ],
    )

    def intermediate(cn: str, key, serial_label: str) -> x509.Certificate:
        return build_cert(
            subject=ca_name(cn),
            issuer=root_name,
            public_key=key.public_key(),
            signer=root_key,
            serial=serial_for(serial_label),
            not_before=utc(2024, 1, 1),
            not_after=utc(2034, 1, 1),
            extensions=[
                (x509.BasicConstraints(ca=True, path_length=0), True),
                (KU_CA, True),
                (ski_of(key), False),
                (aki_from(root_ski), False),
                (policies(OID_POLICY_SIGN), False),
                # A CA certificate points at the CRL that can revoke IT: the root's CRL.
                (crldp(BASE_URL + "/root_rsa.crl"), False),
            ],
        )

    # ---- intermediate (issuing CA) -------------------------------------------------
    nca_key = rsa_key()
    nca_name = ca_name(NCA_CN)
    nca_ski = ski_of(nca_key)
    nca = intermediate(NCA_CN, nca_key, "nca_rsa")

    # ---- ECDSA issuing CA (P-256 key, certificate signed by the RSA root) ------------
    ec_ca_key = ec.generate_private_key(ec.SECP256R1())
    ec_ca_name = ca_name(EC_CA_CN)
    ec_ca_ski = ski_of(ec_ca_key)
    ec_ca = intermediate(EC_CA_CN, ec_ca_key, "ecdsa_ca")

    # ---- forged CA: same subject, issuer, SKI and AKI as the real intermediate, but its
    # own key; its certificate is signed with that key (so the root's signature is fake).
    forged_key = rsa_key()
    forged_ca = build_cert(
        subject=nca_name,
        issuer=root_name,
        public_key=forged_key.public_key(),
        signer=forged_key,
        serial=serial_for("nca_rsa"),
        not_before=utc(2024, 1, 1),
        not_after=utc(2034, 1, 1),
        extensions=[
            (x509.BasicConstraints(ca=True, path_length=0), True),
            (KU_CA, True),
            (nca_ski, False),  # copied key identifier: only the signatures tell them apart
            (aki_from(root_ski), False),
            (policies(OID_POLICY_SIGN), False),
            (crldp(BASE_URL + "/root_rsa.crl"), False),
        ],
    )

    # ---- sub-CA under the intermediate (violates the intermediate's pathLen:0) --------
    sub_ca_key = rsa_key()
    sub_ca_name = ca_name(SUB_CA_CN)
    sub_ca_ski = ski_of(sub_ca_key)
    sub_ca = build_cert(
        subject=sub_ca_name,
        issuer=nca_name,
        public_key=sub_ca_key.public_key(),
        signer=nca_key,
        serial=serial_for("sub_ca"),
        not_before=utc(2025, 1, 1),
        not_after=utc(2030, 1, 1),
        extensions=[
            (x509.BasicConstraints(ca=True, path_length=None), True),
            (KU_CA, True),
            (sub_ca_ski, False),
            (aki_from(nca_ski), False),
            (crldp(BASE_URL + "/nca_rsa.crl"), False),
        ],
    )

    # ---- end entities -------------------------------------------------------------
    certs: dict[str, x509.Certificate] = {}
    keys: dict[str, object] = {}

    def ee(
        name: str,
        subject: x509.Name,
        *,
        ku: x509.KeyUsage = KU_SIGN,
        eku: list[ObjectIdentifier],
        policy: ObjectIdentifier = OID_POLICY_SIGN,
        not_before: dt.datetime = utc(2026, 1, 1),
        not_after: dt.datetime = utc(2027, 1, 1),
        issuer_name: x509.Name = nca_name,
        issuer_key=nca_key,
        issuer_ski: x509.SubjectKeyIdentifier | None = nca_ski,
        issuer_file: str = "nca_rsa.cer",
        crl_url: str = BASE_URL + "/nca_rsa.crl",
        freshest_url: str | None = BASE_URL + "/nca_d_rsa.crl",
        key=None,
        extra: list[tuple[x509.ExtensionType, bool]] = (),
        pss: bool = False,
    ) -> x509.Certificate:
        key = key or rsa_key()
        exts: list[tuple[x509.ExtensionType, bool]] = [
            (ku, True),
            (x509.ExtendedKeyUsage(eku), False),
            (policies(policy), False),
            (ski_of(key), False),
        ]
        if issuer_ski is not None:
            exts.append((aki_from(issuer_ski), False))
        exts += [(crldp(crl_url), False), (aia(issuer_file), False)]
        if freshest_url:
            # NCA certificates point at their delta CRL too (Freshest CRL, non-critical).
            exts.append((x509.FreshestCRL([x509.DistributionPoint(
                [x509.UniformResourceIdentifier(freshest_url)], None, None, None)]), False))
        exts += list(extra)
        c = build_cert(
            subject=subject,
            issuer=issuer_name,
            public_key=key.public_key(),
            signer=issuer_key,
            serial=serial_for(name),
            not_before=not_before,
            not_after=not_after,
            extensions=exts,
            pss=pss,
        )
        certs[name] = c
        keys[name] = key
        return c

    EMAIL = ExtendedKeyUsageOID.EMAIL_PROTECTION
    CLIENT = ExtendedKeyUsageOID.CLIENT_AUTH
    ALMATY = ("АЛМАТЫ", "АЛМАТЫ")
    ASTANA = ("АСТАНА", "АСТАНА")
    ORG = 'АО "ТЕСТ"'

    ee("individual_sign", person_name(IIN_BAD, email="test@qoltanba.invalid"),
       eku=[EMAIL, OID_ROLE_INDIVIDUAL])
    ee("individual_sign_valid_iin",
       person_name(IIN_GOOD, cn="ДҰРЫСОВ ТЕСТ", surname="ДҰРЫСОВ", locality=ASTANA),
       eku=[EMAIL, OID_ROLE_INDIVIDUAL])
    ee("legal_sign",
       person_name(IIN_BAD, email="head@qoltanba.invalid", locality=ALMATY, org=ORG, bin_=BIN_BAD),
       eku=[EMAIL, OID_ROLE_LEGAL, OID_ROLE_FIRST_HEAD])
    ee("legal_sign_valid_bin",
       person_name(IIN_GOOD_2, cn="ДҰРЫСОВА ТЕСТ", surname="ДҰРЫСОВА", given="ТЕСТҚЫЗЫ",
                   locality=ASTANA, org=ORG, bin_=BIN_GOOD,
                   business_category="АКЦИОНЕРЛІК ҚОҒАМ"),
       eku=[EMAIL, OID_ROLE_LEGAL, OID_ROLE_RIGHT_TO_SIGN])
    ee("individual_auth", person_name(IIN_BAD, email="test@qoltanba.invalid"),
       ku=KU_AUTH, eku=[CLIENT, OID_ROLE_INDIVIDUAL], policy=OID_POLICY_AUTH)
    ee("expired", person_name(IIN_BAD), eku=[EMAIL, OID_ROLE_INDIVIDUAL],
       not_before=utc(2025, 1, 1), not_after=utc(2026, 1, 1))
    ee("not_yet_valid", person_name(IIN_BAD), eku=[EMAIL, OID_ROLE_INDIVIDUAL],
       not_before=utc(2027, 1, 1), not_after=utc(2028, 1, 1))
    ee("revoked", person_name(IIN_BAD), eku=[EMAIL, OID_ROLE_INDIVIDUAL])
    ee("on_hold", person_name(IIN_BAD), eku=[EMAIL, OID_ROLE_INDIVIDUAL])
    ee("hold_by_delta", person_name(IIN_BAD), eku=[EMAIL, OID_ROLE_INDIVIDUAL])
    ee("forged_issuer", person_name(IIN_BAD), eku=[EMAIL, OID_ROLE_INDIVIDUAL],
       issuer_key=forged_key)  # issuer name and AKI are the real intermediate's
    ee("wrong_key_usage", person_name(IIN_BAD), eku=[EMAIL, OID_ROLE_INDIVIDUAL],
       ku=key_usage(ke=True))
    ee("unknown_critical_ext", person_name(IIN_BAD), eku=[EMAIL, OID_ROLE_INDIVIDUAL],
       extra=[(x509.UnrecognizedExtension(OID_PRIVATE_CRITICAL, b"\x05\x00"), True)])
    ee("ecdsa_sign", person_name(IIN_BAD), eku=[EMAIL, OID_ROLE_INDIVIDUAL],
       key=ec.generate_private_key(ec.SECP256R1()),
       issuer_name=ec_ca_name, issuer_key=ec_ca_key, issuer_ski=ec_ca_ski,
       issuer_file="ecdsa_ca.cer", crl_url=BASE_URL + "/nca_ec.crl", freshest_url=None)
    ee("rsa_pss_sign", person_name(IIN_BAD), eku=[EMAIL, OID_ROLE_INDIVIDUAL], pss=True)
    ee("legal_employee_auth",
       person_name(IIN_BAD, locality=ALMATY, org=ORG, bin_=BIN_BAD),
       ku=KU_AUTH, eku=[CLIENT, OID_ROLE_LEGAL, OID_ROLE_EMPLOYEE], policy=OID_POLICY_AUTH)
    # issued by an end-entity certificate (individual_sign: no basicConstraints, no keyCertSign)
    ee("issued_by_ee", person_name(IIN_BAD, cn="НЕМЕРЕ ТЕСТ", surname="НЕМЕРЕ"),
       eku=[EMAIL, OID_ROLE_INDIVIDUAL],
       issuer_name=certs["individual_sign"].subject, issuer_key=keys["individual_sign"],
       issuer_ski=ski_of(keys["individual_sign"]), issuer_file="individual_sign.cer", freshest_url=None)
    # issued by sub_ca, which the intermediate's pathLen:0 forbids
    ee("pathlen_violation", person_name(IIN_BAD), eku=[EMAIL, OID_ROLE_INDIVIDUAL],
       issuer_name=sub_ca_name, issuer_key=sub_ca_key, issuer_ski=sub_ca_ski,
       issuer_file="sub_ca.cer", freshest_url=None)

    # bad_signature: a copy of individual_sign with one bit of the signature value flipped.
    bad_sig_der = bytearray(der_cert(certs["individual_sign"]))
    bad_sig_der[-1] ^= 0x01
    x509.load_der_x509_certificate(bytes(bad_sig_der))  # still parses

    # ---- CRLs ---------------------------------------------------------------------
    s = {n: c.serial_number for n, c in certs.items()}
    current_entries = filler_entries(50, "nca_rsa")
    current_entries.insert(17, revoked_entry(s["revoked"], utc(2026, 6, 1), x509.ReasonFlags.key_compromise,
                                             invalidity=utc(2026, 5, 28)))
    current_entries.insert(33, revoked_entry(s["on_hold"], utc(2026, 10, 1), x509.ReasonFlags.certificate_hold))
    crl_current = build_crl(issuer=nca_name, issuer_ski=nca_ski, signer=nca_key, number=100,
                            this_update=utc(2026, 11, 1), next_update=utc(2027, 5, 1),
                            entries=current_entries)
    crl_stale = build_crl(issuer=nca_name, issuer_ski=nca_ski, signer=nca_key, number=90,
                          this_update=utc(2026, 5, 1), next_update=utc(2026, 6, 1),
                          entries=filler_entries(20, "nca_rsa"))
    crl_delta = build_crl(
        issuer=nca_name, issuer_ski=nca_ski, signer=nca_key, number=101,
        this_update=utc(2026, 11, 15), next_update=utc(2026, 12, 15), delta_base=100,
        entries=[
            revoked_entry(s["on_hold"], utc(2026, 11, 12), x509.ReasonFlags.remove_from_crl),
            revoked_entry(s["hold_by_delta"], utc(2026, 11, 10), x509.ReasonFlags.certificate_hold),
        ],
    )
    # forged CRL: the intermediate's name and key identifier, signed with the forged key;
    # higher CRL number, fresh, and it does NOT list revoked.cer.
    crl_forged = build_crl(issuer=nca_name, issuer_ski=nca_ski, signer=forged_key, number=200,
                           this_update=utc(2026, 11, 20), next_update=utc(2027, 5, 1), entries=[])
    crl_root = build_crl(issuer=root_name, issuer_ski=root_ski, signer=root_key, number=1,
                         this_update=utc(2026, 11, 1), next_update=utc(2027, 11, 1), entries=[])
    crl_root_revoked_ca = build_crl(
        issuer=root_name, issuer_ski=root_ski, signer=root_key, number=2,
        this_update=utc(2026, 11, 10), next_update=utc(2027, 11, 1),
        entries=[revoked_entry(nca.serial_number, utc(2026, 11, 5), x509.ReasonFlags.ca_compromise)],
    )
    crl_ec = build_crl(issuer=ec_ca_name, issuer_ski=ec_ca_ski, signer=ec_ca_key, number=1,
                       this_update=utc(2026, 11, 1), next_update=utc(2027, 5, 1),
                       entries=filler_entries(3, "ecdsa_ca"))

    # ---- write --------------------------------------------------------------------
    for name, c in [("root", root), ("nca_rsa", nca), ("ecdsa_ca", ec_ca), ("forged_ca", forged_ca),
                    ("sub_ca", sub_ca)]:
        write(name + ".cer", der_cert(c))
    write("root.pem", pem_cert(root))
    write("nca_rsa.pem", pem_cert(nca))
    write("chain.pem", pem_cert(nca) + pem_cert(root))
    for name, k in [("root", root_key), ("nca_rsa", nca_key), ("ecdsa_ca", ec_ca_key),
                    ("forged_ca", forged_key), ("sub_ca", sub_ca_key)]:
        write_key(name + ".key.pem", k)
    for name, c in certs.items():
        write(name + ".cer", der_cert(c))
        write_key(name + ".key.pem", keys[name])
    write("bad_signature.cer", bytes(bad_sig_der))

    der = serialization.Encoding.DER
    write("nca_rsa_current.crl", crl_current.public_bytes(der))
    write("nca_rsa_current.pem.crl", crl_current.public_bytes(serialization.Encoding.PEM))
    write("nca_rsa_current.b64", base64.b64encode(crl_current.public_bytes(der)) + b"\n")
    write("nca_rsa_stale.crl", crl_stale.public_bytes(der))
    write("nca_rsa_delta.crl", crl_delta.public_bytes(der))
    write("nca_rsa_forged.crl", crl_forged.public_bytes(der))
    write("root.crl", crl_root.public_bytes(der))
    write("revoked_ca_root.crl", crl_root_revoked_ca.public_bytes(der))
    write("ecdsa_ca.crl", crl_ec.public_bytes(der))

    write_pkcs12_legacy("individual_sign.p12", certs["individual_sign"], keys["individual_sign"],
                        "individual_sign")
    write_pkcs12_legacy("legal_sign.p12", certs["legal_sign"], keys["legal_sign"], "legal_sign")

    rows = expected_rows()
    EXPECTED.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    # sanity: every file a row mentions exists
    for r in rows:
        for f in [r["cert"], *r["trust"], *r["intermediates"], *r["crls"]]:
            assert (OUT / f).is_file(), (r["name"], f)
    print(f"wrote {len(list(OUT.iterdir()))} files to {OUT} and {len(rows)} rows to {EXPECTED}")
    print(f"IIN_GOOD={IIN_GOOD} IIN_GOOD_2={IIN_GOOD_2} BIN_GOOD={BIN_GOOD}")


# ---------------------------------------------------------------------------------
# Expected verdicts
# ---------------------------------------------------------------------------------

CHECKS = {"validity", "chain", "revocation", "key_usage", "critical_extensions",
          "iin_match", "bin_match", "checksum"}
OPENSSL_PURPOSE = {"sign": "smimesign", "auth": "sslclient", "any": None}


def expected_rows() -> list[dict]:
    rows: list[dict] = []

    def row(
        name: str,
        cert: str,
        verdict: str,
        note: str,
        *,
        failed: list[str] = (),
        unknown: list[str] = (),
        trust: list[str] = ("root.cer",),
        intermediates: list[str] = ("nca_rsa.cer",),
        crls: list[str] = ("nca_rsa_current.crl",),
        at: dt.datetime = AT,
        purpose: str = "sign",
        iin: str | None = None,
        bin_: str | None = None,
        strict: bool = False,
        scope: str = "end-entity",
        openssl: str | None | bool = True,
    ) -> None:
        failed, unknown = list(failed), list(unknown)
        assert set(failed) <= CHECKS and set(unknown) <= CHECKS
        assert verdict in ("valid", "invalid", "indeterminate")
        assert (verdict == "valid") == (not failed and not unknown)
        assert (verdict == "invalid") == bool(failed)
        assert scope in ("end-entity", "chain") and purpose in OPENSSL_PURPOSE
        assert name not in {r["name"] for r in rows}, name
        # openssl=True: derive the expected `openssl verify` outcome from the verdict
        # (valid <=> "ok"); None: openssl cannot express the row.
        if openssl is True:
            openssl = "ok" if verdict == "valid" else "fail"
        trust, intermediates, crls = list(trust), list(intermediates), list(crls)
        args = ["verify", "-attime", str(int(at.timestamp())), "-CAfile", "{trust}"]
        if intermediates:
            args += ["-untrusted", "{untrusted}"]
        if crls:
            args += ["-CRLfile", "{crls}"]
        args.append("-crl_check_all" if scope == "chain" else "-crl_check")
        if any(t not in ("root.cer", "root.pem") for t in trust):
            args.append("-partial_chain")
        if OPENSSL_PURPOSE[purpose]:
            args += ["-purpose", OPENSSL_PURPOSE[purpose]]
        args.append("{cert}")
        rows.append(
            {
                "name": name,
                "cert": cert,
                "trust": trust,
                "intermediates": intermediates,
                "crls": crls,
                "at": rfc3339(at),
                "purpose": purpose,
                "iin": iin,
                "bin": bin_,
                "strict_checksum": strict,
                "revocation_scope": scope,
                "verdict": verdict,
                "failed_checks": failed,
                "unknown_checks": unknown,
                "openssl": openssl,
                "openssl_args": args,
                "note": note,
            }
        )

    CUR, ROOTCRL, DELTA, STALE = "nca_rsa_current.crl", "root.crl", "nca_rsa_delta.crl", "nca_rsa_stale.crl"

    # -- the good certificates -----------------------------------------------------
    row("individual_sign", "individual_sign.cer", "valid",
        "individual signing certificate, current CRL, lenient checksum")
    row("individual_sign_iin_match", "individual_sign.cer", "valid",
        "IIN given and equal to the certificate's (checksum-invalid IIN, but lenient)",
        iin=IIN_BAD)
    row("individual_sign_valid_iin_strict", "individual_sign_valid_iin.cer", "valid",
        f"checksum-valid IIN {IIN_GOOD}; valid even with strict checksum", iin=IIN_GOOD, strict=True)
    row("legal_sign", "legal_sign.cer", "valid",
        "first head of a legal entity; IIN and BIN both match", iin=IIN_BAD, bin_=BIN_BAD)
    row("legal_sign_valid_bin_strict", "legal_sign_valid_bin.cer", "valid",
        f"right-to-sign employee; checksum-valid IIN {IIN_GOOD_2} and BIN {BIN_GOOD}, strict checksum",
        iin=IIN_GOOD_2, bin_=BIN_GOOD, strict=True)
    row("individual_auth_purpose_auth", "individual_auth.cer", "valid",
        "authentication certificate used for authentication", purpose="auth")
    row("individual_auth_purpose_any", "individual_auth.cer", "valid",
        "purpose any: key usage is not judged", purpose="any")
    row("legal_employee_auth", "legal_employee_auth.cer", "valid",
        "legal-entity employee authentication certificate; BIN matches", purpose="auth",
        bin_=BIN_BAD)
    row("ecdsa_sign", "ecdsa_sign.cer", "valid",
        "P-256 / ecdsa-with-SHA256 end entity under the ECDSA CA (itself RSA-signed by the root)",
        intermediates=["ecdsa_ca.cer"], crls=["ecdsa_ca.crl"])
    row("ecdsa_sign_chain_scope", "ecdsa_sign.cer", "valid",
        "ECDSA chain, revocation of the whole chain (root.crl covers ecdsa_ca)",
        intermediates=["ecdsa_ca.cer"], crls=["ecdsa_ca.crl", ROOTCRL], scope="chain")
    row("rsa_pss_sign", "rsa_pss_sign.cer", "valid",
        "certificate signed by the intermediate with RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32)")

    # -- CRL encodings ---------------------------------------------------------------
    row("revoked_pem_crl", "revoked.cer", "invalid",
        "current CRL given as PEM", failed=["revocation"], crls=["nca_rsa_current.pem.crl"])
    row("revoked_base64_crl", "revoked.cer", "invalid",
        "current CRL given as bare base64 text", failed=["revocation"], crls=["nca_rsa_current.b64"])

    # -- purpose / key usage ---------------------------------------------------------
    row("individual_auth_purpose_sign", "individual_auth.cer", "invalid",
        "authentication certificate (digitalSignature+keyEncipherment, no nonRepudiation) used for signing",
        failed=["key_usage"])
    row("wrong_key_usage", "wrong_key_usage.cer", "invalid",
        "signing-profile certificate whose keyUsage is keyEncipherment only", failed=["key_usage"])
    row("wrong_key_usage_purpose_any", "wrong_key_usage.cer", "valid",
        "purpose any: key usage is not judged", purpose="any")

    # -- validity --------------------------------------------------------------------
    row("expired", "expired.cer", "invalid",
        "validity 2025-01-01..2026-01-01; the current CRL, issued after the expiry without "
        "ExpiredCertsOnCRL, cannot prove its status", failed=["validity"], unknown=["revocation"])
    row("not_yet_valid", "not_yet_valid.cer", "invalid",
        "validity 2027-01-01..2028-01-01; the CRL (2026-11-01) predates it, so says nothing of it",
        failed=["validity"], unknown=["revocation"])

    # -- revocation ------------------------------------------------------------------
    row("revoked", "revoked.cer", "invalid",
        "on the current CRL: keyCompromise, revoked 2026-06-01", failed=["revocation"])
    row("revoked_at_2026_05_01", "revoked.cer", "valid",
        "judged at 2026-05-01 (before revocation) with the current CRL: issued later "
        "(2026-11-01), it dates the revocation 2026-06-01, so the certificate was good then "
        "(openssl refuses a CRL issued after the time judged)",
        at=utc(2026, 5, 1), openssl=None)
    row("revoked_at_2026_05_15_stale_crl", "revoked.cer", "valid",
        "judged at 2026-05-15 with CRL #90 (2026-05-01..2026-06-01), fresh then and not listing it",
        crls=[STALE], at=utc(2026, 5, 15))
    row("revoked_forged_crl_only", "revoked.cer", "indeterminate",
        "only a CRL forged in the intermediate's name (bad signature) that omits the serial",
        unknown=["revocation"], crls=["nca_rsa_forged.crl"])
    row("revoked_current_and_forged_crl", "revoked.cer", "invalid",
        "genuine current CRL plus a forged, higher-numbered CRL that omits the serial",
        failed=["revocation"], crls=[CUR, "nca_rsa_forged.crl"])
    row("individual_sign_stale_crl_only", "individual_sign.cer", "indeterminate",
        "only CRL #90, whose nextUpdate 2026-06-01 has passed", unknown=["revocation"], crls=[STALE])
    row("individual_sign_no_crl", "individual_sign.cer", "indeterminate",
        "no CRL at all", unknown=["revocation"], crls=[])
    row("individual_sign_stale_and_current_crl", "individual_sign.cer", "valid",
        "stale and current CRL together: the current one decides", crls=[STALE, CUR])

    # -- hold and delta CRLs -----------------------------------------------------------
    row("on_hold_base_only", "on_hold.cer", "invalid",
        "certificateHold on the base CRL (2026-10-01)", failed=["revocation"])
    row("on_hold_base_delta", "on_hold.cer", "valid",
        "the delta CRL #101 releases the hold (removeFromCRL)", crls=[CUR, DELTA], openssl=None)
    row("hold_by_delta_base_only", "hold_by_delta.cer", "valid",
        "not on the base CRL", crls=[CUR])
    row("hold_by_delta_base_delta", "hold_by_delta.cer", "invalid",
        "put on hold by the delta CRL #101 (2026-11-10)", failed=["revocation"],
        crls=[CUR, DELTA], openssl=None)
    row("individual_sign_base_delta", "individual_sign.cer", "valid",
        "base + delta, not listed on either", crls=[CUR, DELTA], openssl=None)
    row("individual_sign_delta_only", "individual_sign.cer", "indeterminate",
        "a delta CRL alone cannot establish status", unknown=["revocation"], crls=[DELTA],
        openssl=None)

    # -- chain -----------------------------------------------------------------------
    row("partial_chain_intermediate_anchor", "individual_sign.cer", "valid",
        "the intermediate itself is the trust anchor (as with NCA's published certificates)",
        trust=["nca_rsa.cer"], intermediates=[])
    row("partial_chain_intermediate_anchor_chain_scope", "individual_sign.cer", "valid",
        "intermediate as trust anchor, chain scope: a trust anchor is not revocation-checked, "
        "so only the end entity's CRL is needed",
        trust=["nca_rsa.cer"], intermediates=[], scope="chain", openssl=None)
    row("forged_issuer", "forged_issuer.cer", "invalid",
        "signed by a forged CA with the intermediate's name and key identifier; offered the real "
        "intermediate, the signature does not verify",
        failed=["chain"], unknown=["revocation"])
    row("forged_issuer_with_forged_ca", "forged_issuer.cer", "invalid",
        "the forged CA is offered as intermediate: its own signature does not verify with the root "
        "(openssl reports 'CRL signature failure' first: it checks revocation before signatures)",
        failed=["chain"], unknown=["revocation"], intermediates=["forged_ca.cer"])
    row("forged_issuer_with_both_cas", "forged_issuer.cer", "invalid",
        "real and forged intermediates both offered: neither path verifies",
        failed=["chain"], unknown=["revocation"], intermediates=["nca_rsa.cer", "forged_ca.cer"])
    row("bad_signature", "bad_signature.cer", "invalid",
        "individual_sign with one bit of the signature flipped",
        failed=["chain"], unknown=["revocation"])
    row("no_intermediate", "individual_sign.cer", "indeterminate",
        "root trusted but the intermediate is not supplied: no path can be found, "
        "nothing is proven wrong (ETSI EN 319 102-1 NO_CERTIFICATE_CHAIN_FOUND)",
        unknown=["chain", "revocation"], intermediates=[])
    row("issued_by_ee", "issued_by_ee.cer", "invalid",
        "issued by the end-entity certificate individual_sign (not a CA)",
        failed=["chain"], unknown=["revocation"], intermediates=["nca_rsa.cer", "individual_sign.cer"])
    row("pathlen_violation", "pathlen_violation.cer", "invalid",
        "issued by sub_ca, a CA under the intermediate whose pathLen is 0",
        failed=["chain"], unknown=["revocation"], intermediates=["nca_rsa.cer", "sub_ca.cer"])
    row("unknown_critical_ext", "unknown_critical_ext.cer", "invalid",
        "critical private extension 1.3.6.1.4.1.55555.1", failed=["critical_extensions"])

    # -- revocation scope: the whole chain -----------------------------------------------
    row("chain_scope_without_root_crl", "individual_sign.cer", "indeterminate",
        "the intermediate's status needs the root's CRL, which is missing",
        unknown=["revocation"], scope="chain")
    row("chain_scope_with_root_crl", "individual_sign.cer", "valid",
        "root.crl (empty) covers the intermediate", crls=[CUR, ROOTCRL], scope="chain")
    row("revoked_intermediate", "individual_sign.cer", "invalid",
        "root CRL #2 lists the intermediate (cACompromise, 2026-11-05)",
        failed=["revocation"], crls=[CUR, "revoked_ca_root.crl"], scope="chain")
    row("revoked_intermediate_legal", "legal_sign.cer", "invalid",
        "root CRL #2 lists the intermediate (cACompromise, 2026-11-05)",
        failed=["revocation"], crls=[CUR, "revoked_ca_root.crl"], scope="chain")
    row("revoked_intermediate_both_root_crls", "individual_sign.cer", "invalid",
        "root CRLs #1 and #2 both supplied: the newer #2 lists the intermediate",
        failed=["revocation"], crls=[CUR, ROOTCRL, "revoked_ca_root.crl"], scope="chain")

    # -- identity ------------------------------------------------------------------
    row("iin_mismatch", "individual_sign.cer", "invalid",
        "expected IIN differs from the certificate's", failed=["iin_match"], iin="111111111111",
        openssl=None)
    row("bin_mismatch", "legal_sign.cer", "invalid",
        "expected BIN differs from the certificate's", failed=["bin_match"], iin=IIN_BAD,
        bin_="123456789012", openssl=None)
    row("bin_required_individual", "individual_sign.cer", "invalid",
        "a BIN is expected but an individual's certificate has none", failed=["bin_match"],
        bin_=BIN_BAD, openssl=None)
    row("strict_checksum_bad_iin", "individual_sign.cer", "invalid",
        "strict checksum: IIN 123456789011 has a wrong check digit (should be 3)",
        failed=["checksum"], strict=True, openssl=None)
    row("strict_checksum_bad_iin_bin", "legal_sign.cer", "invalid",
        "strict checksum: IIN 123456789011 and BIN 123456789021 both have wrong check digits",
        failed=["checksum"], strict=True, openssl=None)
    return rows


if __name__ == "__main__":
    os.chdir(HERE.parent)
    sys.exit(main())
