#!/usr/bin/env python3
"""Review 40: differential testing of `qoltanba cert verify` against `openssl verify`.

Usage: diff.py QOLTANBA_BIN [quick]
Mutates the test PKI's individual_sign.cer (TBSCertificate, re-signed by nca_rsa's key and
not re-signed) and nca_rsa_current.crl (entries, re-signed) and prints every mutant where
qoltanba says valid (exit 0) and OpenSSL fails, or where qoltanba panics (exit 101).
"""
import os, subprocess, sys, tempfile, base64
sys.path.insert(0, os.path.dirname(__file__))
from der import *
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

HERE = os.path.dirname(os.path.abspath(__file__))
PKI = os.path.join(HERE, "..", "..", "..", "test-vectors", "pki")
Q = sys.argv[1]
QUICK = len(sys.argv) > 2
AT = "2026-11-23T00:00:00Z"
EPOCH = "1795392000"
TMP = tempfile.mkdtemp(prefix="r40-")

def rd(n):
    return open(os.path.join(PKI, n), "rb").read()

CA_KEY = serialization.load_pem_private_key(rd("nca_rsa.key.pem"), None)
CERT = rd("individual_sign.cer")
CRL = rd("nca_rsa_current.crl")
REVOKED = rd("revoked.cer")
SHA256RSA = seq(oid("1.2.840.113549.1.1.11"), b"\x05\x00")

def sign(tbs):
    sig = CA_KEY.sign(tbs, padding.PKCS1v15(), hashes.SHA256())
    return seq(tbs, SHA256RSA, tlv(0x03, b"\x00" + sig))

def pem(der, label):
    b = base64.encodebytes(der).decode().replace("\n", "")
    lines = [b[i:i + 64] for i in range(0, len(b), 64)]
    return ("-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label, "\n".join(lines), label)).encode()

def write(name, data):
    p = os.path.join(TMP, name)
    open(p, "wb").write(data)
    return p

ROOT_PEM = write("root.pem", pem(rd("root.cer"), "CERTIFICATE"))
CA_PEM = write("ca.pem", pem(rd("nca_rsa.cer"), "CERTIFICATE"))

def qv(cert, crl, purpose="sign"):
    c = write("q.cer", cert); l = write("q.crl", crl)
    r = subprocess.run([Q, "cert", "verify", c, "--trust", os.path.join(PKI, "root.cer"),
                        "--intermediate", os.path.join(PKI, "nca_rsa.cer"), "--crl", l,
                        "--at", AT, "--purpose", purpose], capture_output=True)
    return r.returncode

def ov(cert, crl, purpose="smimesign"):
    c = write("o.pem", pem(cert, "CERTIFICATE")); l = write("o.crl", pem(crl, "X509 CRL"))
    args = ["openssl", "verify", "-attime", EPOCH, "-CAfile", ROOT_PEM, "-untrusted", CA_PEM,
            "-CRLfile", l, "-crl_check"]
    if purpose:
        args += ["-purpose", purpose]
    r = subprocess.run(args + [c], capture_output=True)
    if r.returncode == 0:
        return "ok"
    lines = (r.stdout + r.stderr).decode(errors="replace").strip().splitlines() or [""]
    return "fail:" + " | ".join(lines[-2:])[:160]

findings = []
count = 0

def judge(label, cert, crl=CRL, purpose=("sign", "smimesign")):
    global count
    count += 1
    q = qv(cert, crl, purpose[0])
    if q == 101 or q not in (0, 1, 2, 3):
        findings.append(("PANIC", label, q))
        print("PANIC", label, q, flush=True)
        return
    if q == 0:
        o = ov(cert, crl, purpose[1])
        if o != "ok":
            findings.append(("FALSE-VALID?", label, o))
            print("FALSE-VALID?", label, o, flush=True)
            write("finding-%d.cer" % len(findings), cert)

def byte_mutants(tbs):
    """Structure-aware single-byte changes: every element's tag, length and value bytes."""
    seen = set()
    for off, h, l, path in elements(tbs):
        positions = [("tag", off)] + [("len", off + i) for i in range(1, h)]
        vals = range(off + h, off + h + l)
        if QUICK:
            vals = [v for v in vals][:2] + [v for v in vals][-1:]
        positions += [("val", v) for v in vals]
        for kind, pos in positions:
            old = tbs[pos]
            news = {old ^ 0x01, old ^ 0x80, 0x00, 0xFF} if kind != "val" or l <= 8 else {old ^ 0x01}
            for new in sorted(news - {old}):
                if (pos, new) in seen:
                    continue
                seen.add((pos, new))
                yield "%s@%d(%s) %02x->%02x" % (kind, pos, "/".join("%02x" % t for t in path), old, new), \
                    tbs[:pos] + bytes([new]) + tbs[pos + 1:]

def main():
    cert_kids = children(CERT)
    tbs = cert_kids[0]
    judge("honest", CERT)
    # 1. single-byte TBS mutants, re-signed by the issuing CA (parser strictness).
    for label, m in byte_mutants(tbs):
        judge("cert-resigned " + label, sign(m))
    # 2. the same, not re-signed (signature coverage).
    if not QUICK:
        for label, m in byte_mutants(tbs):
            judge("cert-unsigned " + label, seq(m, cert_kids[1], cert_kids[2]))
    # 3. CRL: the revoked certificate with the CRL's bytes mutated and re-signed.
    crl_kids = children(CRL)
    ctbs = crl_kids[0]
    for label, m in byte_mutants(ctbs):
        judge("crl-resigned " + label, REVOKED, sign(m))
    print("mutants judged:", count, "candidates:", len(findings))
    for f in findings:
        print(*f)

if os.environ.get("R40_NO_MAIN") != "1":
    main()
