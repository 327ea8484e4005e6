import sys, os
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
PKI = sys.argv[1]
src, out, name = sys.argv[2], sys.argv[3], sys.argv[4]
signer = signers.SimpleSigner.load(os.path.join(PKI, "individual_sign.key.pem"), os.path.join(PKI, "individual_sign.cer"), ca_chain_files=(os.path.join(PKI, "nca_rsa.cer"),))
with open(src, "rb") as f:
    w = IncrementalPdfFileWriter(f)
    meta = signers.PdfSignatureMetadata(field_name=name, subfilter=fields.SigSeedSubFilter.PADES)
    with open(out, "wb") as o:
        signers.sign_pdf(w, meta, signer=signer, output=o)
