#!/usr/bin/env python3
"""OCSP responses for the project's test PKI (run after generate.py; reads its files).

Writes into test-vectors/pki/:
  ocsp_responder.cer / .key.pem  delegated responder of nca_rsa (id-kp-OCSPSigning,
                                 id-pkix-ocsp-nocheck), 2026-01-01..2027-01-01
  ocsp_good.der                  individual_sign.cer: good (thisUpdate 2026-11-22,
                                 nextUpdate 2026-11-29), signed by the responder, byName
  ocsp_revoked.der               revoked.cer: revoked 2026-06-01, keyCompromise
  ocsp_not_issued.der            serial 0x0BAD: the RFC 6960 non-issued idiom
                                 (revoked, certificateHold, 1970-01-01)
  ocsp_by_ca.der                 individual_sign.cer: good, signed by nca_rsa itself, byKey
  ocsp_hold_after_crl.der        individual_sign.cer: on hold since 2026-11-20, after the
                                 current CRL (thisUpdate 2026-11-01) that does not list it
  ocsp_unauthorised.der          individual_sign.cer: good, signed by legal_sign (a
                                 certificate without id-kp-OCSPSigning)

cryptography stamps producedAt with the time of the run; thisUpdate and nextUpdate are
fixed, and the tests judge at 2026-11-23T00:00:00Z.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PKI = Path(__file__).resolve().parent / "pki"


def utc(y: int, m: int, d: int) -> dt.datetime:
    return dt.datetime(y, m, d, tzinfo=dt.timezone.utc)


def load_cert(name: str) -> x509.Certificate:
    data = (PKI / name).read_bytes()
    if data[:1] == b"\x30":
        return x509.load_der_x509_certificate(data)
    return x509.load_pem_x509_certificate(data)


def load_key(name: str):
    return serialization.load_pem_private_key((PKI / name).read_bytes(), password=None)


def main() -> None:
    ca = load_cert("nca_rsa.cer")
    ca_key = load_key("nca_rsa.key.pem")
    good = load_cert("individual_sign.cer")
    revoked = load_cert("revoked.cer")
    legal = load_cert("legal_sign.cer")
    legal_key = load_key("legal_sign.key.pem")

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    responder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([
            x509.NameAttribute(NameOID.COMMON_NAME, "OCSP RESPONDER QOLTANBA TEST"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
        ]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(0x0C5B0001)
        .not_valid_before(utc(2026, 1, 1))
        .not_valid_after(utc(2027, 1, 1))
        .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), critical=False)
        .add_extension(x509.OCSPNoCheck(), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    (PKI / "ocsp_responder.cer").write_bytes(responder.public_bytes(serialization.Encoding.DER))
    (PKI / "ocsp_responder.key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))

    def response(cert, status, *, signer, signer_key, by_key=False, certs=None,
                 revocation_time=None, reason=None, serial=None) -> bytes:
        b = ocsp.OCSPResponseBuilder()
        if serial is None:
            b = b.add_response(
                cert=cert, issuer=ca, algorithm=hashes.SHA256(), cert_status=status,
                this_update=utc(2026, 11, 22), next_update=utc(2026, 11, 29),
                revocation_time=revocation_time, revocation_reason=reason)
        else:
            b = b.add_response_by_hash(
                issuer_name_hash=hash_of(ca.subject.public_bytes()),
                issuer_key_hash=hash_of(ca.public_key().public_bytes(
                    serialization.Encoding.DER, serialization.PublicFormat.PKCS1)),
                serial_number=serial, algorithm=hashes.SHA256(), cert_status=status,
                this_update=utc(2026, 11, 22), next_update=utc(2026, 11, 29),
                revocation_time=revocation_time, revocation_reason=reason)
        b = b.responder_id(ocsp.OCSPResponderEncoding.HASH if by_key else ocsp.OCSPResponderEncoding.NAME, signer)
        if certs:
            b = b.certificates(certs)
        return b.sign(signer_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    def hash_of(data: bytes) -> bytes:
        h = hashes.Hash(hashes.SHA256())
        h.update(data)
        return h.finalize()

    G, R = ocsp.OCSPCertStatus.GOOD, ocsp.OCSPCertStatus.REVOKED
    files = {
        "ocsp_good.der": response(good, G, signer=responder, signer_key=key, certs=[responder]),
        "ocsp_revoked.der": response(revoked, R, signer=responder, signer_key=key, certs=[responder],
                                     revocation_time=utc(2026, 6, 1), reason=x509.ReasonFlags.key_compromise),
        "ocsp_not_issued.der": response(None, R, signer=responder, signer_key=key, certs=[responder],
                                        revocation_time=utc(1970, 1, 1),
                                        reason=x509.ReasonFlags.certificate_hold, serial=0x0BAD),
        "ocsp_by_ca.der": response(good, G, signer=ca, signer_key=ca_key, by_key=True),
        "ocsp_hold_after_crl.der": response(good, R, signer=responder, signer_key=key, certs=[responder],
                                            revocation_time=utc(2026, 11, 20),
                                            reason=x509.ReasonFlags.certificate_hold),
        "ocsp_unauthorised.der": response(good, G, signer=legal, signer_key=legal_key, certs=[legal]),
    }
    for name, der in files.items():
        (PKI / name).write_bytes(der)
    print("wrote", ", ".join(["ocsp_responder.cer", *files]))


if __name__ == "__main__":
    main()
