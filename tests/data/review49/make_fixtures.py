#!/usr/bin/env python3
"""Review 49: the fixed inputs made by pyHanko (a peer, as a real producer), once.

    cd tests/data/review49 && python3 make_fixtures.py

writes, from test-vectors/pdf/classic.pdf and the test PKI's individual_sign key:
    lock_p1.pdf       an approval signature (PAdES) on a field whose /Lock is
                      << /Action /All /P 1 >> (PDF 2.0: no change after this signature);
                      pyHanko writes the signature's /Reference as one FieldMDP entry
                      carrying /P 1, and no DocMDP.
    certified_p2.pdf  a certification signature, /DocMDP /P 2 (form filling and
                      signing allowed; nothing else).
    certified_p1_lock.pdf  a certification signature /P 1 on a locked field (pyHanko
                      writes DocMDP first, then FieldMDP).
"""
import os

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import FieldMDPAction, FieldMDPSpec, MDPPerm, SigFieldSpec

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
PKI = os.path.join(ROOT, "test-vectors", "pki")
SOURCE = os.path.join(ROOT, "test-vectors", "pdf", "classic.pdf")


def make(out, certify, perm, lock):
    signer = signers.SimpleSigner.load(
        os.path.join(PKI, "individual_sign.key.pem"),
        os.path.join(PKI, "individual_sign.cer"),
        ca_chain_files=(os.path.join(PKI, "nca_rsa.cer"),),
    )
    with open(SOURCE, "rb") as f:
        w = IncrementalPdfFileWriter(f)
        if lock:
            fields.append_signature_field(
                w,
                SigFieldSpec(
                    "Cert",
                    field_mdp_spec=FieldMDPSpec(FieldMDPAction.ALL),
                    doc_mdp_update_value=MDPPerm(perm),
                ),
            )
        meta = signers.PdfSignatureMetadata(
            field_name="Cert",
            subfilter=fields.SigSeedSubFilter.PADES,
            certify=certify,
            docmdp_permissions=MDPPerm(perm),
        )
        with open(out, "wb") as o:
            signers.sign_pdf(w, meta, signer=signer, output=o)


if __name__ == "__main__":
    make("lock_p1.pdf", False, 1, True)
    make("certified_p2.pdf", True, 2, False)
    make("certified_p1_lock.pdf", True, 1, True)
