#!/usr/bin/env python3
"""Review 40: CMS SignedData made by `openssl cms -sign` with the test PKI's
individual_sign key, its SignerInfo mutated (signed attributes re-signed by the signer's
key, or not), judged by `qoltanba verify` and `openssl cms -verify`.
Usage: cms.py QOLTANBA_BIN [quick]"""
import os, subprocess, sys, json
os.environ["R40_NO_MAIN"] = "1"
sys.path.insert(0, os.path.dirname(__file__))
import diff
from der import *
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

KEY = serialization.load_pem_private_key(diff.rd("individual_sign.key.pem"), None)
DOC = b"review 40 document\n"
DOCP = diff.write("doc.txt", DOC)

def make(detached):
    out = os.path.join(diff.TMP, "base%d.cms" % detached)
    args = ["openssl", "cms", "-sign", "-binary", "-in", DOCP, "-signer", os.path.join(diff.PKI, "individual_sign.cer"),
            "-inkey", os.path.join(diff.PKI, "individual_sign.key.pem"), "-certfile", diff.CA_PEM,
            "-md", "sha256", "-outform", "DER", "-out", out]
    if not detached:
        args.append("-nodetach")
    subprocess.run(args, check=True)
    return open(out, "rb").read()

def q(cms, detached):
    p = diff.write("m.cms", cms)
    args = [diff.Q, "verify", p, "--trust", os.path.join(diff.PKI, "root.cer"), "--intermediate",
            os.path.join(diff.PKI, "nca_rsa.cer"), "--crl", os.path.join(diff.PKI, "nca_rsa_current.crl"),
            "--at", diff.AT, "--json"]
    if detached:
        args += ["--content", DOCP]
    r = subprocess.run(args, capture_output=True)
    return r.returncode, r.stdout

def o(cms, detached):
    p = diff.write("o.cms", cms)
    args = ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", p, "-CAfile", diff.ROOT_PEM,
            "-certfile", diff.CA_PEM, "-attime", diff.EPOCH, "-purpose", "any", "-out", os.path.join(diff.TMP, "o.out")]
    if detached:
        args += ["-content", DOCP]
    r = subprocess.run(args, capture_output=True)
    return "ok" if r.returncode == 0 else "fail: " + r.stderr.decode(errors="replace").strip().replace("\n", " | ")[:200]

# Paths: ContentInfo -> [0] -> SignedData -> fields; signerInfos is the last SET.
def split(cms):
    ci = children(cms)
    sd = children(ci[1])[0]
    f = list(children(sd))
    si = list(children(f[-1])[0:1])[0]
    return ci, f, si

def rebuild(ci, f, si):
    f = list(f)
    f[-1] = tlv(0x31, si)
    return seq(ci[0], tlv(0xa0, seq(*f)))

def si_fields(si):
    return list(children(si))

def resign(sif):
    """Re-sign the SignerInfo's signedAttrs (the [0] field, index 3) in its SET form."""
    sa = sif[3]
    to_sign = b"\x31" + sa[1:]
    sig = KEY.sign(to_sign, padding.PKCS1v15(), hashes.SHA256())
    sif = list(sif)
    sif[5] = tlv(0x04, sig)
    return sif

count = 0
flags = []

def judge(label, cms, detached):
    global count
    count += 1
    qc, out = q(cms, detached)
    if qc not in (0, 1, 2, 3):
        print("PANIC", label, qc, flush=True); flags.append(label); return
    if qc == 0 or label.startswith("named"):
        oo = o(cms, detached)
        flag = "FALSE-VALID?" if qc == 0 and oo != "ok" else ""
        if flag or label.startswith("named"):
            print("%-12s q=%d %-40s openssl=%s" % (flag, qc, label, oo), flush=True)
        if flag:
            flags.append(label)
            diff.write("cms-finding-%d.cms" % len(flags), cms)

def main():
    for detached in (False, True):
        base = make(detached)
        ci, f, si = split(base)
        sif = si_fields(si)
        assert sif[3][0] == 0xA0, "signed attributes expected"
        judge("named honest d=%d" % detached, base, detached)
        attrs = list(children(sif[3]))
        for a in attrs:
            print("   attr", children(a)[0].hex())
        # single-byte mutants of the signed attributes, re-signed
        sa = sif[3]
        for label, m in diff.byte_mutants(sa):
            s2 = list(sif); s2[3] = m
            judge("sa-resigned d=%d %s" % (detached, label), rebuild(ci, f, seq(*resign(s2))), detached)
        # single-byte mutants of the SignerInfo (not re-signed), excluding the signature value
        body = seq(*sif[:5])
        for label, m in diff.byte_mutants(body):
            try:
                kids = children(m)
            except Exception:
                continue
            judge("si-unsigned d=%d %s" % (detached, label), rebuild(ci, f, tlv(0x30, content(m) + sif[5] + b"".join(sif[6:]))), detached)
        # named mutants
        def with_attrs(new_attrs, sorted_=True, raw=None):
            s2 = list(sif)
            items = sorted(new_attrs) if sorted_ else new_attrs
            s2[3] = raw if raw is not None else tlv(0xa0, b"".join(items))
            return rebuild(ci, f, seq(*resign(s2)))
        by = {children(a)[0]: a for a in attrs}
        CT = oid("1.2.840.113549.1.9.3"); MD = oid("1.2.840.113549.1.9.4"); ST = oid("1.2.840.113549.1.9.5")
        AP = oid("1.2.840.113549.1.9.52")
        md = by[MD]
        mdv = content(children(md)[1])  # the OCTET STRING(s)
        rest = [a for a in attrs if children(a)[0] != MD]
        wrong = tlv(0x04, b"\x00" * 32)
        judge("named md-two-values-good-first d=%d" % detached, with_attrs(rest + [seq(MD, tlv(0x31, mdv + wrong))]), detached)
        judge("named md-two-values-wrong-first d=%d" % detached, with_attrs(rest + [seq(MD, tlv(0x31, wrong + mdv))]), detached)
        judge("named md-dup-attr d=%d" % detached, with_attrs(attrs + [seq(MD, tlv(0x31, wrong))]), detached)
        judge("named md-dup-attr-same d=%d" % detached, with_attrs(attrs + [md]), detached)
        judge("named md-missing d=%d" % detached, with_attrs(rest), detached)
        judge("named ct-missing d=%d" % detached, with_attrs([a for a in attrs if children(a)[0] != CT]), detached)
        judge("named ct-wrong-signedData d=%d" % detached, with_attrs([seq(CT, tlv(0x31, oid("1.2.840.113549.1.7.2"))) if children(a)[0] == CT else a for a in attrs]), detached)
        judge("named ct-dup-attr d=%d" % detached, with_attrs(attrs + [seq(CT, tlv(0x31, oid("1.2.840.113549.1.7.2")))]), detached)
        judge("named ct-two-values d=%d" % detached, with_attrs([seq(CT, tlv(0x31, oid("1.2.840.113549.1.7.1") + oid("1.2.840.113549.1.7.2"))) if children(a)[0] == CT else a for a in attrs]), detached)
        judge("named st-dup-attr d=%d" % detached, with_attrs(attrs + [seq(ST, tlv(0x31, tlv(0x17, b"261122000000Z")))]), detached)
        judge("named st-after-at d=%d" % detached, with_attrs([seq(ST, tlv(0x31, tlv(0x17, b"261201000000Z"))) if children(a)[0] == ST else a for a in attrs]), detached)
        judge("named st-garbage d=%d" % detached, with_attrs([seq(ST, tlv(0x31, tlv(0x17, b"2611"))) if children(a)[0] == ST else a for a in attrs]), detached)
        judge("named st-empty-set d=%d" % detached, with_attrs([seq(ST, tlv(0x31, b"")) if children(a)[0] == ST else a for a in attrs]), detached)
        judge("named unsorted-attrs d=%d" % detached, with_attrs(list(reversed(sorted(attrs))), sorted_=False), detached)
        judge("named unknown-attr d=%d" % detached, with_attrs(attrs + [seq(oid("1.3.6.1.4.1.55555.7"), tlv(0x31, b"\x05\x00"))]), detached)
        judge("named empty-attr-values d=%d" % detached, with_attrs(attrs + [seq(oid("1.3.6.1.4.1.55555.7"), tlv(0x31, b""))]), detached)
        if AP in by:
            ap_bad = seq(AP, tlv(0x31, seq(seq(oid("2.16.840.1.101.3.4.2.3"), b"\x05\x00"), tlv(0xa1, seq(oid("1.2.840.113549.1.1.11"), b"\x05\x00")))))
            judge("named algprot-mismatch-digest d=%d" % detached, with_attrs([ap_bad if children(a)[0] == AP else a for a in attrs]), detached)
            ap_bad2 = seq(AP, tlv(0x31, seq(seq(oid("2.16.840.1.101.3.4.2.1"), b"\x05\x00"), tlv(0xa1, seq(oid("1.2.840.113549.1.1.13"), b"\x05\x00")))))
            judge("named algprot-mismatch-sig d=%d" % detached, with_attrs([ap_bad2 if children(a)[0] == AP else a for a in attrs]), detached)
            judge("named algprot-dup d=%d" % detached, with_attrs(attrs + [ap_bad]), detached)
        # SignerInfo fields
        def si_edit(fn, resign_=True):
            s2 = fn(list(sif))
            return rebuild(ci, f, seq(*(resign(s2) if resign_ else s2)))
        judge("named si-version-3-with-issuerserial d=%d" % detached, si_edit(lambda s: [b"\x02\x01\x03"] + s[1:]), detached)
        judge("named si-digestalg-sha512 d=%d" % detached, si_edit(lambda s: s[:2] + [seq(oid("2.16.840.1.101.3.4.2.3"))] + s[3:]), detached)
        judge("named si-sigalg-sha256rsa d=%d" % detached, si_edit(lambda s: s[:4] + [diff.SHA256RSA] + s[5:]), detached)
        judge("named si-sigalg-sha1rsa d=%d" % detached, si_edit(lambda s: s[:4] + [seq(oid("1.2.840.113549.1.1.5"), b"\x05\x00")] + s[5:]), detached)
        judge("named si-sigalg-md5rsa d=%d" % detached, si_edit(lambda s: s[:4] + [seq(oid("1.2.840.113549.1.1.4"), b"\x05\x00")] + s[5:]), detached)
        judge("named si-unsignedattrs-garbage d=%d" % detached, si_edit(lambda s: s[:6] + [tlv(0xa1, b"\x05\x00")]), detached)
        judge("named si-unsignedattrs-empty d=%d" % detached, si_edit(lambda s: s[:6] + [tlv(0xa1, b"")]), detached)
        rser = content(fields_of(diff.REVOKED)[1])
        judge("named si-sid-other-serial d=%d" % detached, si_edit(lambda s: s[:1] + [seq(children(s[1])[0], tlv(0x02, rser))] + s[2:]), detached)
        # SignedData-level
        def sd_edit(fn):
            return seq(ci[0], tlv(0xa0, seq(*fn(list(f)))))
        judge("named sd-digestalgs-empty d=%d" % detached, sd_edit(lambda g: g[:1] + [tlv(0x31, b"")] + g[2:]), detached)
        judge("named sd-digestalgs-md5 d=%d" % detached, sd_edit(lambda g: g[:1] + [tlv(0x31, seq(oid("1.2.840.113549.2.5"), b"\x05\x00"))] + g[2:]), detached)
        judge("named sd-version-5 d=%d" % detached, sd_edit(lambda g: [b"\x02\x01\x05"] + g[1:]), detached)
        judge("named sd-econtent-type-data-other d=%d" % detached, sd_edit(lambda g: g[:2] + [seq(oid("1.2.840.113549.1.7.2"), *children(g[2])[1:])] + g[3:]), detached)
        judge("named sd-two-signerinfos-dup d=%d" % detached, sd_edit(lambda g: g[:-1] + [tlv(0x31, si + si)]), detached)
        judge("named sd-signerinfos-empty d=%d" % detached, sd_edit(lambda g: g[:-1] + [tlv(0x31, b"")]), detached)
        if QUICK:
            break
    print("CMS mutants judged:", count, "flags:", len(flags))

def fields_of(cert):
    return list(children(children(cert)[0]))

QUICK = diff.QUICK
main()
