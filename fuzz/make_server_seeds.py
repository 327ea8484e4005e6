#!/usr/bin/env python3
"""Seeds of the `server` fuzz target (fuzz/corpus/server/): one request a route, in
NCANode's request shapes, built from the test PKI (test-vectors/pki). Each file is the
route's path, a line break, and the JSON body. Run from the repository root."""

import base64
import json
import pathlib
import subprocess
import tempfile

PKI = pathlib.Path("test-vectors/pki")
OUT = pathlib.Path("fuzz/corpus/server")


def b64(name: str) -> str:
    return base64.b64encode((PKI / name).read_bytes()).decode()


def openssl_cms(detached: bool) -> str:
    """A CMS signed by `openssl cms -sign` with the test PKI's individual key, base64."""
    with tempfile.TemporaryDirectory() as d:
        data = pathlib.Path(d) / "data"
        data.write_bytes(b"request")
        args = ["openssl", "cms", "-sign", "-binary", "-in", str(data), "-signer",
                str(PKI / "individual_sign.cer"), "-inkey", str(PKI / "individual_sign.key.pem"),
                "-outform", "DER", "-md", "sha256"]
        if not detached:
            args.append("-nodetach")
        der = subprocess.run(args, check=True, capture_output=True).stdout
        return base64.b64encode(der).decode()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    key = {"key": b64("individual_sign.p12"), "password": "Qwerty12"}
    cert = b64("individual_sign.cer")
    seeds = {
        "x509_info": ("/x509/info", {"certs": [cert], "revocationCheck": ["CRL"]}),
        "x509_verify": ("/x509/verify", {"cert": cert, "revocationCheck": ["CRL"]}),
        "cms_sign": ("/cms/sign", {"data": base64.b64encode(b"request").decode(), "signers": [key], "withTsp": False, "detached": True}),
        "cms_verify_junk": ("/cms/verify", {"cms": base64.b64encode(b"0\x80\x06\x09*\x86H\x86\xf7\r\x01\x07\x02").decode(), "revocationCheck": ["CRL"]}),
        "cms_extract": ("/cms/extract", {"cms": ""}),
        "xml_sign": ("/xml/sign", {"xml": "<a><b>request</b></a>", "signers": [key], "clearSignatures": False, "trimXml": False}),
        "xml_verify": ("/xml/verify", {"xml": "<a Id=\"x\"><b/></a>", "revocationCheck": ["CRL"]}),
        "wsse_sign": ("/wsse/sign", {"xml": "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>x</soap:Body></soap:Envelope>", "key": key["key"], "password": "Qwerty12", "trimXml": False}),
        "pkcs12_info": ("/pkcs12/info", {"keys": [key], "revocationCheck": ["CRL"]}),
        "pkcs12_aliases": ("/pkcs12/aliases", {"keys": [key]}),
        "jwt_decode": ("/jwt/decode", {"jwt": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"}),
        "v1_verify": ("/v1/verify", {"cms": "", "profile": "none"}),
    }
    attached, detached = openssl_cms(False), openssl_cms(True)
    seeds["cms_verify"] = ("/cms/verify", {"cms": attached, "revocationCheck": ["CRL"]})
    seeds["cms_verify_detached"] = ("/cms/verify", {"cms": detached, "data": base64.b64encode(b"request").decode(), "revocationCheck": ["CRL"]})
    seeds["cms_extract_signed"] = ("/cms/extract", {"cms": attached})
    seeds["cms_sign_add"] = ("/cms/sign/add", {"cms": attached, "signers": [key], "withTsp": False})
    seeds["v1_verify_signed"] = ("/v1/verify", {"cms": attached})
    for name, (path, body) in seeds.items():
        (OUT / f"{name}.txt").write_text(path + "\n" + json.dumps(body))


if __name__ == "__main__":
    main()
