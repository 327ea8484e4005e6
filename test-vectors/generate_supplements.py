#!/usr/bin/env python3
"""Generate supplementary test material from the committed test PKI: weak keys
(test-vectors/pki/weak/) and officials' certificates (test-vectors/pki/roles/).

Run from anywhere, after generate.py (it signs with the committed root.key.pem and
nca_rsa.key.pem, so the rest of the PKI is left as it is):

    python3 test-vectors/generate_supplements.py

Writes in weak/:
- rsa1024_sign.cer/.key.pem  an individual's signing certificate with an RSA-1024 key,
                              issued by nca_rsa (RSA-2048)
- rsa512_sign.cer/.key.pem   the same with an RSA-512 key
- rsa1024_ca.cer/.key.pem    an issuing CA with an RSA-1024 key, issued by the root
- rsa1024_ca_sign.cer/.key.pem  an RSA-2048 signing certificate issued by that weak CA
- rsa1024_ca.crl             the weak CA's CRL (signed with its RSA-1024 key; empty)
- rsa1024_sign.cms           attached CMS SignedData over b"weak" by rsa1024_sign
- rsa1024_ca_sign.cms        attached CMS SignedData over b"weak" by rsa1024_ca_sign
- exponent_3_sign.cer/.key.pem  RSA-2048 with public exponent 3 (accepted: small, odd)

Writes in roles/ (signing certificates of legal entities' staff, issued by nca_rsa, valid
2026-01-01..2027-01-01; BINs and IINs with valid check digits):
- centre_operator     an employee (role 1.2.398.3.3.4.1.2.5) of the service centre, BIN CENTRE_BIN
- provider_employee   an employee of the provider, BIN PROVIDER_BIN
- provider_head       the provider's first head (role .2.1, not the employee role)
- other_employee      an employee of another organisation, BIN OTHER_BIN

Every date, serial and name is fixed; keys are fresh on every run.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import ExtendedKeyUsageOID

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate as g  # noqa: E402

PKI = HERE / "pki"
OUT = PKI / "weak"
ROLES = PKI / "roles"

# The organisations of the roles/ certificates (valid check digits).
CENTRE_BIN = g.first_valid("160440", 5, start=7)
PROVIDER_BIN = g.first_valid("020240", 5, start=3)
OTHER_BIN = g.first_valid("990340", 5, start=1)


def load_key(name: str):
    return serialization.load_pem_private_key((PKI / name).read_bytes(), password=None)


def load_cert(name: str) -> x509.Certificate:
    return x509.load_der_x509_certificate((PKI / name).read_bytes())


def write(name: str, data: bytes, out: Path = OUT) -> None:
    (out / name).write_bytes(data)


def write_key(name: str, key, out: Path = OUT) -> None:
    write(name, key.private_bytes(serialization.Encoding.PEM,
                                  serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()), out)


def main() -> None:
    # Kazakh CA names exceed X.520's 64-character upper bound, as the NCA's own do.
    warnings.filterwarnings("ignore", message="Attribute's length")
    OUT.mkdir(parents=True, exist_ok=True)
    root_key = load_key("root.key.pem")
    root = load_cert("root.cer")
    nca_key = load_key("nca_rsa.key.pem")
    nca = load_cert("nca_rsa.cer")
    root_ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    nca_ski = nca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value

    def ee(name: str, key, issuer: x509.Certificate, issuer_key, issuer_ski,
           crl_url: str) -> x509.Certificate:
        c = g.build_cert(
            subject=g.person_name(g.IIN_BAD, cn="ӘЛСІЗ КІЛТ"),
            issuer=issuer.subject,
            public_key=key.public_key(),
            signer=issuer_key,
            serial=g.serial_for("weak/" + name),
            not_before=g.utc(2026, 1, 1),
            not_after=g.utc(2027, 1, 1),
            extensions=[
                (g.KU_SIGN, True),
                (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION,
                                        g.OID_ROLE_INDIVIDUAL]), False),
                (g.policies(g.OID_POLICY_SIGN), False),
                (g.ski_of(key), False),
                (g.aki_from(issuer_ski), False),
                (g.crldp(crl_url), False),
            ],
        )
        write(name + ".cer", g.der_cert(c))
        write_key(name + ".key.pem", key)
        return c

    def cms(name: str, cert: x509.Certificate, key) -> None:
        data = (pkcs7.PKCS7SignatureBuilder().set_data(b"weak")
                .add_signer(cert, key, hashes.SHA256())
                .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))
        write(name + ".cms", data)

    nca_crl_url = g.BASE_URL + "/nca_rsa.crl"
    k1024 = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    c1024 = ee("rsa1024_sign", k1024, nca, nca_key, nca_ski, nca_crl_url)
    cms("rsa1024_sign", c1024, k1024)
    # `cryptography` refuses to generate keys under 1024 bits: the openssl CLI does.
    k512 = serialization.load_pem_private_key(subprocess.run(
        ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:512"],
        check=True, capture_output=True).stdout, password=None)
    ee("rsa512_sign", k512, nca, nca_key, nca_ski, nca_crl_url)
    k_e3 = rsa.generate_private_key(public_exponent=3, key_size=2048)
    ee("exponent_3_sign", k_e3, nca, nca_key, nca_ski, nca_crl_url)

    # An issuing CA with an RSA-1024 key under the (RSA-3072) root.
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    ca_name = g.ca_name("ӘЛСІЗ ОРТАЛЫҚ (RSA-1024) QOLTANBA TEST")
    ca_ski = g.ski_of(ca_key)
    ca = g.build_cert(
        subject=ca_name,
        issuer=root.subject,
        public_key=ca_key.public_key(),
        signer=root_key,
        serial=g.serial_for("weak/rsa1024_ca"),
        not_before=g.utc(2024, 1, 1),
        not_after=g.utc(2034, 1, 1),
        extensions=[
            (x509.BasicConstraints(ca=True, path_length=0), True),
            (g.KU_CA, True),
            (ca_ski, False),
            (g.aki_from(root_ski), False),
            (g.policies(g.OID_POLICY_SIGN), False),
            (g.crldp(g.BASE_URL + "/root_rsa.crl"), False),
        ],
    )
    write("rsa1024_ca.cer", g.der_cert(ca))
    write_key("rsa1024_ca.key.pem", ca_key)
    ca_crl_url = g.BASE_URL + "/weak_rsa1024_ca.crl"
    ee_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ee_cert = ee("rsa1024_ca_sign", ee_key, ca, ca_key, ca_ski, ca_crl_url)
    cms("rsa1024_ca_sign", ee_cert, ee_key)
    crl = g.build_crl(issuer=ca_name, issuer_ski=ca_ski, signer=ca_key, number=1,
                      this_update=g.utc(2026, 11, 1), next_update=g.utc(2027, 5, 1),
                      entries=[])
    write("rsa1024_ca.crl", crl.public_bytes(serialization.Encoding.DER))

    # ---- roles/: officials of legal entities ---------------------------------------------
    ROLES.mkdir(parents=True, exist_ok=True)

    def official(name: str, iin_prefix: str, bin_: str, org: str, role) -> None:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        c = g.build_cert(
            subject=g.person_name(g.first_valid(iin_prefix, 4, start=1), cn="ҚЫЗМЕТКЕР ТЕСТ",
                                  surname="ҚЫЗМЕТКЕР", locality=("АСТАНА", "АСТАНА"),
                                  org=org, bin_=bin_),
            issuer=nca.subject,
            public_key=key.public_key(),
            signer=nca_key,
            serial=g.serial_for("roles/" + name),
            not_before=g.utc(2026, 1, 1),
            not_after=g.utc(2027, 1, 1),
            extensions=[
                (g.KU_SIGN, True),
                (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION,
                                        g.OID_ROLE_LEGAL, role]), False),
                (g.policies(g.OID_POLICY_SIGN), False),
                (g.ski_of(key), False),
                (g.aki_from(nca_ski), False),
                (g.crldp(nca_crl_url), False),
            ],
        )
        write(name + ".cer", g.der_cert(c), ROLES)
        write_key(name + ".key.pem", key, ROLES)

    official("centre_operator", "9203154", CENTRE_BIN, 'НАО "ТЕСТ ОРТАЛЫҒЫ"', g.OID_ROLE_EMPLOYEE)
    official("provider_employee", "8811203", PROVIDER_BIN, 'ГУ "ТЕСТ БӨЛІМІ"', g.OID_ROLE_EMPLOYEE)
    official("provider_head", "7507073", PROVIDER_BIN, 'ГУ "ТЕСТ БӨЛІМІ"', g.OID_ROLE_FIRST_HEAD)
    official("other_employee", "9512124", OTHER_BIN, 'ТОО "БАСҚА"', g.OID_ROLE_EMPLOYEE)
    (ROLES / "bins.txt").write_text(
        f"centre {CENTRE_BIN}\nprovider {PROVIDER_BIN}\nother {OTHER_BIN}\n")


if __name__ == "__main__":
    main()
