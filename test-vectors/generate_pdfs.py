#!/usr/bin/env python3
"""PDFs from another producer (pyHanko's writer) for tests/pades.rs to sign.

    python3 test-vectors/generate_pdfs.py   (from the repository's root)

writes test-vectors/pdf/:
    classic.pdf      a classic xref table and trailer; a page with text and a link
                     annotation already in /Annots; an /Info dictionary
    xref-stream.pdf  a cross-reference stream (PDF 1.5+, as LibreOffice and Word write),
                     the catalog, the page tree (two levels) and the first page inside a
                     compressed object stream; an /AcroForm with a text field; the first
                     page's /Annots an indirect array
    encrypted.pdf    RC4/AES encrypted (owner and user password "secret"): refused
The fixtures are committed; the script is how they were made (ids are random, so each run
writes different bytes).
"""
import os

from pyhanko.pdf_utils import generic, writer
from pyhanko.pdf_utils.generic import pdf_name

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pdf")


def content(w, text):
    data = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    return w.add_object(generic.StreamObject(stream_data=data))


def font(w):
    return w.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/Type1"),
                pdf_name("/BaseFont"): pdf_name("/Helvetica"),
            }
        )
    )


def page_dict(parent, contents, font_ref, annots):
    d = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Page"),
            pdf_name("/Parent"): parent,
            pdf_name("/MediaBox"): generic.ArrayObject(
                [generic.NumberObject(0), generic.NumberObject(0), generic.NumberObject(595), generic.NumberObject(842)]
            ),
            pdf_name("/Contents"): contents,
            pdf_name("/Resources"): generic.DictionaryObject(
                {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font_ref})}
            ),
        }
    )
    if annots is not None:
        d[pdf_name("/Annots")] = annots
    return d


def link():
    return generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Link"),
            pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(x) for x in (72, 700, 200, 730)]),
            pdf_name("/Border"): generic.ArrayObject([generic.NumberObject(0)] * 3),
        }
    )


def classic():
    w = writer.PdfFileWriter(stream_xrefs=False)
    w.set_info(generic.DictionaryObject({pdf_name("/Producer"): generic.TextStringObject("pyHanko fixture (classic xref)")}))
    pages = w.root["/Pages"]
    link_ref = w.add_object(link())
    page = w.add_object(
        page_dict(pages, content(w, "Classic xref table"), font(w), generic.ArrayObject([link_ref]))
    )
    pages_obj = pages.get_object()
    pages_obj["/Kids"].append(page)
    pages_obj["/Count"] = generic.NumberObject(1)
    with open(os.path.join(OUT, "classic.pdf"), "wb") as f:
        w.write(f)


def xref_stream(encrypt=False):
    w = writer.PdfFileWriter(stream_xrefs=True, init_page_tree=False)
    stm = w.prepare_object_stream()
    f = font(w)
    # Reserve numbers to point at before the objects exist.
    root_ref = w.allocate_placeholder()
    top = w.allocate_placeholder()
    mid = w.allocate_placeholder()
    page = w.allocate_placeholder()
    page2 = w.allocate_placeholder()
    field_ref = w.allocate_placeholder()
    annots = w.add_object(generic.ArrayObject([field_ref]), obj_stream=stm)
    field = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): generic.TextStringObject("Signature1"),
            pdf_name("/V"): generic.TextStringObject("a field named as our first would be"),
            pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(x) for x in (72, 600, 300, 620)]),
            pdf_name("/P"): page,
        }
    )
    w.add_object(field, obj_stream=stm, idnum=field_ref.idnum)
    w.add_object(page_dict(mid, content(w, "Cross-reference stream"), f, annots), obj_stream=stm, idnum=page.idnum)
    w.add_object(page_dict(top, content(w, "Second page"), f, None), obj_stream=stm, idnum=page2.idnum)
    w.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Pages"),
                pdf_name("/Parent"): top,
                pdf_name("/Kids"): generic.ArrayObject([page]),
                pdf_name("/Count"): generic.NumberObject(1),
            }
        ),
        obj_stream=stm,
        idnum=mid.idnum,
    )
    w.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Pages"),
                pdf_name("/Kids"): generic.ArrayObject([mid, page2]),
                pdf_name("/Count"): generic.NumberObject(2),
            }
        ),
        obj_stream=stm,
        idnum=top.idnum,
    )
    w.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Catalog"),
                pdf_name("/Pages"): top,
                pdf_name("/AcroForm"): generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject([field_ref])}),
            }
        ),
        obj_stream=stm,
        idnum=root_ref.idnum,
    )
    w._root = root_ref
    name = "xref-stream.pdf"
    if encrypt:
        w.encrypt("secret", "secret")
        name = "encrypted.pdf"
    with open(os.path.join(OUT, name), "wb") as out:
        w.write(out)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    classic()
    xref_stream()
    xref_stream(encrypt=True)
