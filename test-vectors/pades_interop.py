#!/usr/bin/env python3
"""PAdES interop with pyHanko (tests/pades.rs): sign a PDF, or validate one.

    pades_interop.py sign IN.pdf OUT.pdf KEY.pem CERT.pem CA.pem
        adds a PAdES B-B signature (SubFilter ETSI.CAdES.detached) as an incremental
        update: a PDF already signed keeps its signature over its earlier revision.
    pades_interop.py verify IN.pdf ROOT.pem CA.pem
        validates every signature (trust: ROOT, CA as an intermediate; no revocation
        check), prints one line per signature "intact=<bool> valid=<bool> coverage=<...>",
        exits 0 when every signature is intact and valid.
"""
import sys


def sign(inp, out, key, cert, ca):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load(key, cert, ca_chain_files=(ca,))
    with open(inp, "rb") as f:
        writer = IncrementalPdfFileWriter(f)
        meta = signers.PdfSignatureMetadata(
            field_name="PyHanko", subfilter=fields.SigSeedSubFilter.PADES
        )
        with open(out, "wb") as o:
            signers.sign_pdf(writer, meta, signer=signer, output=o)


def verify(inp, root, ca):
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    vc = ValidationContext(
        trust_roots=[load_cert_from_pemder(root)],
        other_certs=[load_cert_from_pemder(ca)],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    ok = True
    with open(inp, "rb") as f:
        reader = PdfFileReader(f)
        if not reader.embedded_signatures:
            print("no signature")
            return 1
        for sig in reader.embedded_signatures:
            status = validate_pdf_signature(sig, vc)
            print(
                f"intact={status.intact} valid={status.valid} trusted={status.trusted} coverage={status.coverage.name}"
            )
            ok = ok and status.intact and status.valid
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1] == "sign":
        sign(*sys.argv[2:7])
    elif sys.argv[1] == "verify":
        sys.exit(verify(*sys.argv[2:5]))
    else:
        sys.exit(2)
