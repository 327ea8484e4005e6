#!/usr/bin/env python3
"""Review 40: named, re-signed mutants (certificates, CA certificates, CRLs) compared
between `qoltanba cert verify` and `openssl verify`. Usage: semantic.py QOLTANBA_BIN.
Prints, per mutant: qoltanba's exit code (0 valid, 1 invalid, 2 error, 3 indeterminate)
and OpenSSL's result, flagging qoltanba-valid / OpenSSL-fail."""
import os, subprocess, sys
sys.path.insert(0, os.path.dirname(__file__))
os.environ["R40_NO_MAIN"] = "1"
import diff
from der import *
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

ROOT_KEY = serialization.load_pem_private_key(diff.rd("root.key.pem"), None)

def sign_with(key, tbs):
    sig = key.sign(tbs, padding.PKCS1v15(), hashes.SHA256())
    return seq(tbs, diff.SHA256RSA, tlv(0x03, b"\x00" + sig))

def fields(cert):
    return list(children(children(cert)[0]))

def exts_of(f):
    return list(children(children(f[7])[0]))

def with_exts(f, exts):
    f = list(f)
    f[7] = tlv(0xA3, seq(*exts))
    return f

def tbs(f):
    return seq(*f)

def ee(edit):
    f = fields(diff.CERT)
    f = edit(f)
    return diff.sign(tbs(f))

def ext_oid(e):
    return children(e)[0]

KU = oid("2.5.29.15"); EKU = oid("2.5.29.37"); BC = oid("2.5.29.19"); NC = oid("2.5.29.30")

def replace_ext(f, o, new):
    ex = [new if ext_oid(e) == o else e for e in exts_of(f)]
    return with_exts(f, ex)

def drop_ext(f, o):
    return with_exts(f, [e for e in exts_of(f) if ext_oid(e) != o])

def add_ext(f, e):
    return with_exts(f, exts_of(f) + [e])

def bits(b, unused):
    return tlv(0x03, bytes([unused]) + b)

RESULTS = []

def run(label, cert, crl=None, ca=None, purpose=("sign", "smimesign")):
    crl = crl if crl is not None else diff.CRL
    ca_path = os.path.join(diff.PKI, "nca_rsa.cer")
    ca_pem = diff.CA_PEM
    if ca is not None:
        ca_path = diff.write("ca-m.cer", ca)
        ca_pem = diff.write("ca-m.pem", diff.pem(ca, "CERTIFICATE"))
    c = diff.write("q.cer", cert); l = diff.write("q.crl", crl)
    r = subprocess.run([diff.Q, "cert", "verify", c, "--trust", os.path.join(diff.PKI, "root.cer"),
                        "--intermediate", ca_path, "--crl", l, "--crl", os.path.join(diff.PKI, "root.crl"),
                        "--at", diff.AT, "--purpose", purpose[0], "--json"], capture_output=True)
    q = r.returncode
    oc = diff.write("o.pem", diff.pem(cert, "CERTIFICATE")); ol = diff.write("o.crl", diff.pem(crl, "X509 CRL"))
    args = ["openssl", "verify", "-attime", diff.EPOCH, "-CAfile", diff.ROOT_PEM, "-untrusted", ca_pem,
            "-CRLfile", ol, "-crl_check"]
    if purpose[1]:
        args += ["-purpose", purpose[1]]
    o = subprocess.run(args + [oc], capture_output=True)
    os_ = "ok" if o.returncode == 0 else "fail: " + (o.stdout + o.stderr).decode(errors="replace").strip().replace("\n", " | ")[-150:]
    flag = "FALSE-VALID?" if q == 0 and o.returncode != 0 else ("PANIC" if q not in (0, 1, 2, 3) else "")
    print("%-12s q=%d %-45s openssl=%s" % (flag, q, label, os_), flush=True)
    if flag:
        diff.write("sem-%s.cer" % label, cert); diff.write("sem-%s.crl" % label, crl)
        if ca is not None:
            diff.write("sem-%s-ca.cer" % label, ca)
        try:
            import json
            j = json.loads(r.stdout)
            print("   ", json.dumps(j)[:600])
        except Exception:
            print("   ", r.stdout[:300], r.stderr[:300])
    RESULTS.append((label, q, os_))

def ca_edit(edit):
    f = fields(diff.rd("nca_rsa.cer"))
    return sign_with(ROOT_KEY, tbs(edit(f)))

def crl_edit(edit, entries_edit=None):
    f = list(children(children(diff.CRL)[0]))
    return diff.sign(tbs(edit(f)))

def main():
    O = diff.CERT
    run("honest", O)
    run("honest-revoked", diff.REVOKED)
    # --- end-entity extensions ---
    run("ku-dup-second-kE", ee(lambda f: add_ext(f, ext("2.5.29.15", True, bits(b"\x20", 5)))))
    run("ku-dup-first-kE", ee(lambda f: with_exts(f, [ext("2.5.29.15", True, bits(b"\x20", 5))] + exts_of(f))))
    run("eku-dup-clientauth", ee(lambda f: add_ext(f, ext("2.5.29.37", False, seq(oid("1.3.6.1.5.5.7.3.2"))))))
    run("ku-absent", ee(lambda f: drop_ext(f, KU)))
    run("ku-empty-bits", ee(lambda f: replace_ext(f, KU, ext("2.5.29.15", True, bits(b"", 0)))))
    run("ku-nonminimal-bits", ee(lambda f: replace_ext(f, KU, ext("2.5.29.15", True, bits(b"\xc0\x00", 0)))))
    run("ku-unused-bits-set", ee(lambda f: replace_ext(f, KU, ext("2.5.29.15", True, bits(b"\xc1", 6)))))
    run("ku-bad-unused8", ee(lambda f: replace_ext(f, KU, ext("2.5.29.15", True, bits(b"\xc0", 8)))))
    run("eku-only-clientauth", ee(lambda f: replace_ext(f, EKU, ext("2.5.29.37", False, seq(oid("1.3.6.1.5.5.7.3.2"))))))
    run("eku-empty", ee(lambda f: replace_ext(f, EKU, ext("2.5.29.37", False, seq()))))
    run("eku-critical-ocspsign", ee(lambda f: replace_ext(f, EKU, ext("2.5.29.37", True, seq(oid("1.3.6.1.5.5.7.3.9"))))))
    run("unknown-critical", ee(lambda f: add_ext(f, ext("1.3.6.1.4.1.55555.1", True, b"\x05\x00"))))
    run("critical-false-explicit", ee(lambda f: add_ext(f, seq(oid("1.3.6.1.4.1.55555.2"), b"\x01\x01\x00", tlv(0x04, b"\x05\x00")))))
    run("critical-bool-0x01", ee(lambda f: add_ext(f, seq(oid("1.3.6.1.4.1.55555.3"), b"\x01\x01\x01", tlv(0x04, b"\x05\x00")))))
    run("ee-bc-ca-true", ee(lambda f: add_ext(f, ext("2.5.29.19", True, seq(b"\x01\x01\xff")))))
    run("ee-bc-garbage-critical", ee(lambda f: add_ext(f, ext("2.5.29.19", True, b"\x05\x00"))))
    run("ku-garbage-critical", ee(lambda f: replace_ext(f, KU, ext("2.5.29.15", True, b"\x05\x00"))))
    run("eku-garbage", ee(lambda f: replace_ext(f, EKU, ext("2.5.29.37", False, b"\x05\x00"))))
    run("ext-trailing-bytes-in-value", ee(lambda f: replace_ext(f, KU, ext("2.5.29.15", True, bits(b"\xc0", 6) + b"\x05\x00"))))
    run("exts-empty-seq", ee(lambda f: with_exts(f, [])))
    run("san-critical-garbage", ee(lambda f: add_ext(f, ext("2.5.29.17", True, b"\x30\x03\x82\x01"))))
    run("policy-constraints-critical", ee(lambda f: add_ext(f, ext("2.5.29.36", True, seq(tlv(0x80, b"\x00"))))))
    run("nc-on-ee-critical", ee(lambda f: add_ext(f, ext("2.5.29.30", True, seq(tlv(0xa1, seq(tlv(0x80 | 0x20 | 0, b""))))))))
    # --- serials / versions / unique ids ---
    def ser(content):
        return lambda f: f[:1] + [tlv(0x02, content)] + f[2:]
    run("serial-zero", ee(ser(b"\x00")))
    run("serial-negative", ee(ser(b"\xff\x6e\xdd")))
    run("serial-21-bytes", ee(ser(b"\x01" * 21)))
    run("serial-leading-zero", ee(ser(b"\x00" + content(fields(O)[1]))))
    run("serial-empty", ee(ser(b"")))
    run("v1-with-exts", ee(lambda f: f[1:]))
    run("v2-with-exts", ee(lambda f: [tlv(0xa0, b"\x02\x01\x01")] + f[1:]))
    run("v4-version", ee(lambda f: [tlv(0xa0, b"\x02\x01\x03")] + f[1:]))
    run("version-explicit-v1", ee(lambda f: [tlv(0xa0, b"\x02\x01\x00")] + f[1:]))
    run("issuerUID", ee(lambda f: f[:7] + [tlv(0x81, b"\x00\x01")] + f[7:]))
    run("issuerUID-v1", ee(lambda f: f[1:7] + [tlv(0x81, b"\x00\x01")]))
    run("inner-sigalg-md5", ee(lambda f: f[:2] + [seq(oid("1.2.840.113549.1.1.4"), b"\x05\x00")] + f[3:]))
    run("inner-sigalg-noNULL", ee(lambda f: f[:2] + [seq(oid("1.2.840.113549.1.1.11"))] + f[3:]))
    run("inner-sigalg-pss", ee(lambda f: f[:2] + [seq(oid("1.2.840.113549.1.1.10"), seq())] + f[3:]))
    # --- validity encodings ---
    def val(nb, na):
        return lambda f: f[:4] + [seq(nb, na)] + f[5:]
    U = lambda s: tlv(0x17, s.encode()); G = lambda s: tlv(0x18, s.encode())
    run("validity-gen-2026", ee(val(G("20260101000000Z"), G("20270101000000Z"))))
    run("validity-utc-noseconds", ee(val(U("2601010000Z"), U("2701010000Z"))))
    run("validity-utc-offset", ee(val(U("260101000000+0600"), U("270101000000+0600"))))
    run("validity-utc-no-Z", ee(val(U("260101000000"), U("270101000000"))))
    run("validity-gen-fraction", ee(val(G("20260101000000.5Z"), G("20270101000000.5Z"))))
    run("validity-inverted", ee(val(U("270101000000Z"), U("260101000000Z"))))
    run("validity-utc-49", ee(val(U("260101000000Z"), U("490101000000Z"))))
    run("validity-utc-50-is-1950", ee(val(U("260101000000Z"), U("500101000000Z"))))
    run("validity-gen-9999", ee(val(U("260101000000Z"), G("99991231235959Z"))))
    run("validity-month-13", ee(val(U("261301000000Z"), U("270101000000Z"))))
    run("validity-feb-30", ee(val(U("260101000000Z"), U("270230000000Z"))))
    run("validity-sec-60", ee(val(U("260101000060Z"), U("270101000000Z"))))
    run("validity-hour-24", ee(val(U("260101240000Z"), U("270101000000Z"))))
    run("validity-utc-lowercase-z", ee(val(U("260101000000z"), U("270101000000z"))))
    # --- issuer name mismatch ---
    run("issuer-case-changed", ee(lambda f: f[:3] + [f[3].replace(b"QOLTANBA", b"qoltanba")] + f[4:]))
    run("issuer-printable-vs-utf8-C", ee(lambda f: f[:3] + [f[3].replace(b"\x13\x02KZ", b"\x0c\x02KZ")] + f[4:]))
    # --- CA mutants (re-signed by the root) ---
    def ca_ku(b, unused):
        return lambda f: replace_ext(f, KU, ext("2.5.29.15", True, bits(b, unused)))
    run("ca-ku-crlsign-only", O, ca=ca_edit(ca_ku(b"\x02", 1)))
    run("ca-ku-certsign-only", O, ca=ca_edit(ca_ku(b"\x04", 2)))
    run("ca-ku-absent", O, ca=ca_edit(lambda f: drop_ext(f, KU)))
    run("ca-bc-absent", O, ca=ca_edit(lambda f: drop_ext(f, BC)))
    run("ca-bc-false", O, ca=ca_edit(lambda f: replace_ext(f, BC, ext("2.5.29.19", True, seq()))))
    run("ca-bc-false-explicit", O, ca=ca_edit(lambda f: replace_ext(f, BC, ext("2.5.29.19", True, seq(b"\x01\x01\x00")))))
    run("ca-bc-dup-false", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.19", True, seq()))))
    run("ca-bc-dup-false-first", O, ca=ca_edit(lambda f: with_exts(f, [ext("2.5.29.19", True, seq())] + exts_of(f))))
    run("ca-bc-pathlen-negative", O, ca=ca_edit(lambda f: replace_ext(f, BC, ext("2.5.29.19", True, seq(b"\x01\x01\xff", b"\x02\x01\xff")))))
    run("ca-v1", O, ca=ca_edit(lambda f: f[1:7]))
    run("ca-v1-with-exts", O, ca=ca_edit(lambda f: f[1:]))
    run("ca-unknown-critical", O, ca=ca_edit(lambda f: add_ext(f, ext("1.3.6.1.4.1.55555.1", True, b"\x05\x00"))))
    run("ca-eku-clientauth-only", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.37", False, seq(oid("1.3.6.1.5.5.7.3.2"))))))
    # name constraints on the CA
    email = lambda v: tlv(0x81, v)  # rfc822Name [1]
    dn = lambda v: tlv(0xa4, v)      # directoryName [4]
    sub = lambda gn: seq(gn)         # GeneralSubtree
    ee_subject = fields(O)[5]
    run("nc-excluded-ee-dn", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", True, seq(tlv(0xa1, sub(dn(ee_subject))))))))
    run("nc-permitted-other-dn", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", True, seq(tlv(0xa0, sub(dn(seq(tlv(0x31, seq(oid("2.5.4.6"), tlv(0x13, b"RU"))))))))))))
    run("nc-excluded-email-domain", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", True, seq(tlv(0xa1, sub(email(b"qoltanba.invalid"))))))))
    run("nc-excluded-email-dotdomain", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", True, seq(tlv(0xa1, sub(email(b".invalid"))))))))
    run("nc-permitted-email-other", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", True, seq(tlv(0xa0, sub(email(b"example.kz"))))))))
    run("nc-excluded-email-mailbox", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", True, seq(tlv(0xa1, sub(email(b"test@qoltanba.invalid"))))))))
    run("nc-excluded-uri-host", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", True, seq(tlv(0xa1, sub(tlv(0x86, b"test.qoltanba.invalid"))))))))
    run("nc-permitted-dns-only", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", True, seq(tlv(0xa0, sub(tlv(0x82, b"example.kz"))))))))
    run("nc-noncritical-excluded-dn", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", False, seq(tlv(0xa1, sub(dn(ee_subject))))))))
    run("nc-excluded-dn-C-KZ", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", True, seq(tlv(0xa1, sub(dn(seq(tlv(0x31, seq(oid("2.5.4.6"), tlv(0x13, b"KZ"))))))))))))
    run("nc-excluded-dn-C-KZ-utf8", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", True, seq(tlv(0xa1, sub(dn(seq(tlv(0x31, seq(oid("2.5.4.6"), tlv(0x0c, b"KZ"))))))))))))
    run("nc-excluded-dn-C-kz-lower", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", True, seq(tlv(0xa1, sub(dn(seq(tlv(0x31, seq(oid("2.5.4.6"), tlv(0x13, b"kz"))))))))))))
    run("nc-garbage-critical", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", True, b"\x05\x00"))))
    run("nc-empty-critical", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", True, seq()))))
    run("nc-excluded-otherName", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.30", True, seq(tlv(0xa1, sub(tlv(0xa0, oid("1.2.3.4") + tlv(0xa0, tlv(0x0c, b"x"))))))))))
    run("policy-constraints-requireExplicit0-ca", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.36", True, seq(tlv(0x80, b"\x00"))))))
    run("inhibit-anypolicy-ca", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.54", True, b"\x02\x01\x00"))))
    run("policy-mappings-ca", O, ca=ca_edit(lambda f: add_ext(f, ext("2.5.29.33", True, seq(seq(oid("1.2.398.3.3.2.1"), oid("1.2.3.4")))))))
    # --- CRL mutants: the revoked certificate against a re-signed CRL ---
    R = diff.REVOKED
    rser = content(fields(R)[1])
    crlf = list(children(children(diff.CRL)[0]))
    entries = list(children(crlf[5]))
    idx = [i for i, e in enumerate(entries) if content(children(e)[0]) == rser][0]
    def with_entry(new, extra_crl_ext=None, version=None, drop_ext_oids=()):
        def edit(f):
            es = list(entries); es[idx] = new
            f = list(f); f[5] = seq(*es)
            if extra_crl_ext is not None or drop_ext_oids:
                ex = [e for e in children(children(f[6])[0]) if ext_oid(e) not in drop_ext_oids]
                if extra_crl_ext is not None:
                    ex.append(extra_crl_ext)
                f[6] = tlv(0xa0, seq(*ex))
            if version is not None:
                f = version(f)
            return f
        return crl_edit(edit)
    rentry = entries[idx]
    rk = children(rentry)
    run("crl-honest", R, crl=with_entry(rentry))
    run("crl-serial-leading-zero", R, crl=with_entry(seq(tlv(0x02, b"\x00" + rser), *rk[1:])))
    run("crl-serial-two-leading-zeros", R, crl=with_entry(seq(tlv(0x02, b"\x00\x00" + rser), *rk[1:])))
    run("crl-serial-negative-twin", R, crl=with_entry(seq(tlv(0x02, bytes([rser[0] | 0x80]) + rser[1:]), *rk[1:])))
    run("crl-serial-long-len", R, crl=with_entry(b"\x30" + enc_len(len(rentry) - 2 + 1)[0:] [:0] + rentry[1:2] if False else seq(b"\x02\x81" + bytes([len(rser)]) + rser, *rk[1:])))
    run("crl-entry-critical-unknown", R, crl=with_entry(seq(*rk[:2], seq(ext("1.3.6.1.4.1.55555.9", True, b"\x05\x00")))))
    other = entries[0 if idx else 1]
    ok_ = children(other)
    def with_other(new, **kw):
        def edit(f):
            es = list(entries); es[0 if idx else 1] = new
            f = list(f); f[5] = seq(*es); return f
        return crl_edit(edit)
    run("crl-other-entry-critical-unknown", O, crl=with_other(seq(*ok_[:2], seq(ext("1.3.6.1.4.1.55555.9", True, b"\x05\x00")))))
    run("crl-other-entry-certIssuer-critical", O, crl=with_other(seq(*ok_[:2], seq(ext("2.5.29.29", True, seq(tlv(0xa4, fields(diff.rd("root.cer"))[5])))))))
    run("crl-entry-certIssuer-other-ca", R, crl=with_entry(seq(*rk[:2], seq(ext("2.5.29.29", True, seq(tlv(0xa4, fields(diff.rd("root.cer"))[5])))))))
    run("crl-entry-reason-removeFromCRL", R, crl=with_entry(seq(*rk[:2], seq(ext("2.5.29.21", False, tlv(0x0a, b"\x08"))))))
    run("crl-entry-reason-7-unused", R, crl=with_entry(seq(*rk[:2], seq(ext("2.5.29.21", False, tlv(0x0a, b"\x07"))))))
    run("crl-entry-reason-garbage", R, crl=with_entry(seq(*rk[:2], seq(ext("2.5.29.21", False, b"\x05\x00")))))
    run("crl-entry-dup-reason", R, crl=with_entry(seq(*rk[:2], seq(ext("2.5.29.21", False, tlv(0x0a, b"\x01")), ext("2.5.29.21", False, tlv(0x0a, b"\x08"))))))
    run("crl-entry-date-gentime", R, crl=with_entry(seq(rk[0], tlv(0x18, b"20260601000000Z"), *rk[2:])))
    run("crl-entry-date-bad", R, crl=with_entry(seq(rk[0], tlv(0x17, b"261301000000Z"), *rk[2:])))
    run("crl-entry-date-noZ", R, crl=with_entry(seq(rk[0], tlv(0x17, b"260601000000"), *rk[2:])))
    run("crl-entry-future-dated-kc", R, crl=with_entry(seq(rk[0], tlv(0x17, b"261201000000Z"), seq(ext("2.5.29.21", False, tlv(0x0a, b"\x01"))))))
    run("crl-entry-future-dated-noreason", R, crl=with_entry(seq(rk[0], tlv(0x17, b"261201000000Z"))))
    run("crl-entry-future-dated-hold", R, crl=with_entry(seq(rk[0], tlv(0x17, b"261201000000Z"), seq(ext("2.5.29.21", False, tlv(0x0a, b"\x06"))))))
    rm = seq(rk[0], tlv(0x17, b"260501000000Z"), seq(ext("2.5.29.21", False, tlv(0x0a, b"\x08"))))
    others_ = entries[:idx] + entries[idx + 1:]
    run("crl-dup-remove-then-kc", R, crl=crl_edit(lambda f: f[:5] + [seq(*([rm] + others_ + [rentry]))] + f[6:]))
    run("crl-dup-kc-then-remove", R, crl=crl_edit(lambda f: f[:5] + [seq(*([rentry] + others_ + [rm]))] + f[6:]))
    run("crl-entry-exts-empty-seq", R, crl=with_entry(seq(*rk[:2], seq())))
    run("crl-idp-only-ca", O, crl=with_entry(rentry, ext("2.5.29.28", True, seq(tlv(0x82, b"\xff")))))
    run("crl-idp-only-ca-revoked", R, crl=with_entry(rentry, ext("2.5.29.28", True, seq(tlv(0x82, b"\xff")))))
    run("crl-idp-only-attr", O, crl=with_entry(rentry, ext("2.5.29.28", True, seq(tlv(0x85, b"\xff")))))
    run("crl-idp-indirect", O, crl=with_entry(rentry, ext("2.5.29.28", True, seq(tlv(0x84, b"\xff")))))
    run("crl-idp-somereasons-kc", O, crl=with_entry(rentry, ext("2.5.29.28", True, seq(tlv(0x83, b"\x06\x40")))))
    run("crl-idp-other-dp", O, crl=with_entry(rentry, ext("2.5.29.28", True, seq(tlv(0xa0, tlv(0xa0, tlv(0x86, b"http://other.invalid/x.crl")))))))
    run("crl-idp-garbage", O, crl=with_entry(rentry, ext("2.5.29.28", True, b"\x05\x00")))
    run("crl-delta-indicator", O, crl=with_entry(rentry, ext("2.5.29.27", True, b"\x02\x01\x63")))
    run("crl-delta-indicator-noncritical", O, crl=with_entry(rentry, ext("2.5.29.27", False, b"\x02\x01\x63")))
    run("crl-unknown-critical", O, crl=with_entry(rentry, ext("1.3.6.1.4.1.55555.8", True, b"\x05\x00")))
    run("crl-freshest-critical", O, crl=with_entry(rentry, ext("2.5.29.46", True, seq(seq(tlv(0xa0, tlv(0xa0, tlv(0x86, b"http://x.invalid/d.crl"))))))))
    run("crl-dup-crlnumber", O, crl=with_entry(rentry, ext("2.5.29.20", False, b"\x02\x01\x05")))
    run("crl-no-crlnumber", O, crl=with_entry(rentry, drop_ext_oids=(oid("2.5.29.20"),)))
    run("crl-v1-with-exts", O, crl=with_entry(rentry, version=lambda f: f[1:]))
    run("crl-v1-with-exts-revoked", R, crl=with_entry(rentry, version=lambda f: f[1:]))
    run("crl-version-v3", O, crl=with_entry(rentry, version=lambda f: [b"\x02\x01\x02"] + f[1:]))
    run("crl-inner-sigalg-md5", O, crl=with_entry(rentry, version=lambda f: f[:1] + [seq(oid("1.2.840.113549.1.1.4"), b"\x05\x00")] + f[2:]))
    run("crl-thisupdate-gentime-noZ", O, crl=with_entry(rentry, version=lambda f: f[:3] + [tlv(0x18, b"20261101000000")] + f[4:]))
    run("crl-nextupdate-absent", O, crl=with_entry(rentry, version=lambda f: f[:4] + f[5:]))
    run("crl-nextupdate-before-this", O, crl=with_entry(rentry, version=lambda f: f[:4] + [tlv(0x17, b"261001000000Z")] + f[5:]))
    run("crl-empty-revoked-seq", O, crl=crl_edit(lambda f: f[:5] + [seq()] + f[6:]))
    run("crl-revoked-entries-dup", R, crl=crl_edit(lambda f: f[:5] + [seq(*(entries + [seq(rk[0], tlv(0x17, b"261201000000Z"))]))] + f[6:]))
    run("crl-issuer-case", O, crl=crl_edit(lambda f: f[:2] + [f[2].replace(b"QOLTANBA", b"qoltanba")] + f[3:]))
    run("crl-issuer-case-revoked", R, crl=crl_edit(lambda f: f[:2] + [f[2].replace(b"QOLTANBA", b"qoltanba")] + f[3:]))
    run("crl-aki-other", O, crl=crl_edit(lambda f: f[:6] + [tlv(0xa0, seq(*[ext("2.5.29.35", False, seq(tlv(0x80, b"\x11" * 20))) if ext_oid(e) == oid("2.5.29.35") else e for e in children(children(f[6])[0])]))]))
    # CRL signed by a CA whose keyUsage lacks cRLSign
    ca_nocrl = ca_edit(ca_ku(b"\x04", 2))
    run("ca-no-crlsign-revoked", R, ca=ca_nocrl)
    run("ca-no-crlsign-good", O, ca=ca_nocrl)
    flagged = [r for r in RESULTS if r[1] == 0 and not r[2].startswith("ok")]
    print("named mutants:", len(RESULTS), "qoltanba-valid/openssl-fail:", len(flagged))

if __name__ == "__main__":
    main()
