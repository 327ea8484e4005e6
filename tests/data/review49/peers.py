#!/usr/bin/env python3
"""Review 49's peer: pyHanko's verdict on every signature of a PDF, one line each.

    peers.py FILE.pdf ROOT.cer CA.cer

prints, per signature pyHanko finds (fields of /AcroForm reachable from the catalog):
    field=<name> intact=<bool> valid=<bool> coverage=<...> modification=<...>
    docmdp_ok=<bool|None> bottom_line=<bool>
or "no signature"; "error <message>" when pyHanko cannot read the file. Validation at
2026-11-23 (the tests' time), no revocation fetching.
"""
import datetime
import sys


def main(inp, root, ca):
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    vc = ValidationContext(
        trust_roots=[load_cert_from_pemder(root)],
        other_certs=[load_cert_from_pemder(ca)],
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=datetime.datetime(2026, 11, 23, tzinfo=datetime.timezone.utc),
    )
    try:
        with open(inp, "rb") as f:
            reader = PdfFileReader(f, strict=False)
            sigs = reader.embedded_signatures
            if not sigs:
                print("no signature")
                return
            for sig in sigs:
                try:
                    s = validate_pdf_signature(sig, vc)
                    print(
                        f"field={sig.field_name} intact={s.intact} valid={s.valid} "
                        f"coverage={s.coverage.name} "
                        f"modification={getattr(s.modification_level, 'name', None)} "
                        f"docmdp_ok={s.docmdp_ok} bottom_line={s.bottom_line}"
                    )
                except Exception as e:  # a signature pyHanko refuses outright
                    print(f"field={sig.field_name} error {type(e).__name__}: {e}")
    except Exception as e:
        print(f"error {type(e).__name__}: {e}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
