//! What an input holds, named for a message (see [`super::sniff`]).

use base64::Engine as _;
use zeroize::Zeroizing;

use crate::ber::{tag, Class, Tlv};
use crate::oid::{ID_CT_TST_INFO, ID_DATA, ID_SIGNED_DATA};

const W: &str = "input kind";
/// PEM blocks looked at.
const MAX_PEM_BLOCKS: usize = 64;
/// Children of one element looked at.
const MAX_CHILDREN: usize = 8;

/// Up to [`MAX_CHILDREN`] children of a constructed element.
fn children<'a>(t: &Tlv<'a>) -> Option<Vec<Tlv<'a>>> {
    t.children(W)
        .ok()?
        .take(MAX_CHILDREN)
        .collect::<crate::Result<Vec<_>>>()
        .ok()
}

fn is(t: Option<&Tlv<'_>>, number: u32) -> bool {
    t.is_some_and(|t| t.is_universal(number))
}

fn is_time(t: &Tlv<'_>) -> bool {
    t.is_universal(tag::UTC_TIME) || t.is_universal(tag::GENERALIZED_TIME)
}

fn oid(t: Option<&Tlv<'_>>) -> Option<String> {
    t.and_then(|t| t.oid(W).ok())
}

/// The first child's OID of a SEQUENCE (an AlgorithmIdentifier, a ContentInfo).
fn first_oid(t: Option<&Tlv<'_>>) -> Option<String> {
    let t = t.filter(|t| t.is_universal(tag::SEQUENCE))?;
    oid(children(t)?.first())
}

fn small_int(t: Option<&Tlv<'_>>) -> Option<u32> {
    t.and_then(|t| t.small_uint(W).ok())
}

pub(super) fn der(input: &[u8]) -> Option<&'static str> {
    let (top, _) = Tlv::read(input, W).ok()?;
    if !top.is_universal(tag::SEQUENCE) || !top.constructed {
        return None;
    }
    let kids = children(&top)?;
    let first = kids.first()?;
    let second = kids.get(1);
    if first.is_universal(tag::OID) {
        return content_info(&kids);
    }
    if first.is_universal(10) {
        // ENUMERATED responseStatus.
        return Some("an OCSP response");
    }
    if first.is_universal(tag::INTEGER) {
        let version = small_int(Some(first));
        return match version {
            Some(3) if matches!(first_oid(second).as_deref(), Some(ID_DATA | ID_SIGNED_DATA)) => {
                Some("a PKCS#12 key store")
            }
            Some(0 | 1) if first_oid(second).is_some() && is(kids.get(2), tag::OCTET_STRING) => {
                Some("a PKCS#8 private key")
            }
            Some(0) if is(second, tag::INTEGER) => Some("an RSA private key (PKCS#1)"),
            Some(1) if is(second, tag::OCTET_STRING) => Some("an EC private key"),
            Some(1)
                if second.is_some_and(|s| {
                    s.is_universal(tag::SEQUENCE)
                        && children(s).is_some_and(|c| is(c.get(1), tag::OCTET_STRING))
                }) =>
            {
                Some("a time-stamp request")
            }
            _ => None,
        };
    }
    if !first.is_universal(tag::SEQUENCE) {
        return None;
    }
    let inner = children(first)?;
    match kids.len() {
        2 if inner.first().is_some_and(|t| t.is_universal(tag::OID)) => {
            if is(second, tag::OCTET_STRING) {
                Some("an encrypted PKCS#8 private key")
            } else if is(second, tag::BIT_STRING) {
                Some("a public key")
            } else {
                None
            }
        }
        1 | 2
            if is(inner.first(), tag::INTEGER)
                && (kids.len() == 1 || first_oid(second).as_deref() == Some(ID_SIGNED_DATA)) =>
        {
            // PKIStatusInfo, then the token.
            Some("a time-stamp response")
        }
        3 if first_oid(second).is_some() && is(kids.get(2), tag::BIT_STRING) => signed(&inner),
        _ => None,
    }
}

/// The TBS part of a signed X.509 structure: a certificate has a validity (a SEQUENCE
/// of two times), a CRL a thisUpdate (a time), a request its attributes `[0]`.
fn signed(tbs: &[Tlv<'_>]) -> Option<&'static str> {
    if tbs.iter().any(is_time) {
        return Some("a CRL");
    }
    let validity = |t: &Tlv<'_>| {
        t.is_universal(tag::SEQUENCE)
            && children(t).is_some_and(|c| c.len() == 2 && c.iter().all(is_time))
    };
    if tbs.iter().any(validity) {
        return Some("a certificate");
    }
    let attributes = tbs
        .last()
        .is_some_and(|t| t.class == Class::Context && t.number == 0);
    if is(tbs.first(), tag::INTEGER) && attributes {
        return Some("a certificate request (PKCS#10)");
    }
    None
}

/// A ContentInfo: SignedData (a time-stamp token when it holds a TSTInfo), or another
/// CMS content type.
fn content_info(kids: &[Tlv<'_>]) -> Option<&'static str> {
    let content_type = oid(kids.first())?;
    if !content_type.starts_with("1.2.840.113549.1.7.") {
        return None;
    }
    if content_type != ID_SIGNED_DATA {
        return Some("a CMS message");
    }
    let signed = kids
        .get(1)
        .filter(|t| t.class == Class::Context && t.number == 0)
        .and_then(|t| t.explicit_inner(W).ok());
    let econtent_type = signed
        .as_ref()
        .and_then(children)
        .and_then(|c| first_oid(c.get(2)));
    Some(if econtent_type.as_deref() == Some(ID_CT_TST_INFO) {
        "a time-stamp token"
    } else {
        "a CMS SignedData"
    })
}

/// PEM text: its blocks' labels, all of one kind. Key blocks are named by their label
/// only, never decoded; a CMS block is decoded to tell a time-stamp token.
pub(super) fn pem(text: &str) -> Option<&'static str> {
    let mut found: Option<&'static str> = None;
    for (i, rest) in text.split("-----BEGIN ").skip(1).enumerate() {
        if i >= MAX_PEM_BLOCKS {
            break;
        }
        let label = rest.split("-----").next()?;
        let kind = match label {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => "a certificate",
            "X509 CRL" | "CRL" => "a CRL",
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => "a certificate request (PKCS#10)",
            "PRIVATE KEY" => "a PKCS#8 private key",
            "ENCRYPTED PRIVATE KEY" => "an encrypted PKCS#8 private key",
            "RSA PRIVATE KEY" => "an RSA private key (PKCS#1)",
            "EC PRIVATE KEY" => "an EC private key",
            "PUBLIC KEY" | "RSA PUBLIC KEY" => "a public key",
            "PKCS12" => "a PKCS#12 key store",
            "CMS" | "PKCS7" | "PKCS #7 SIGNED DATA" => {
                let body = rest.split("-----END ").next()?;
                let body = body.get(body.find('\n').unwrap_or(body.len())..)?;
                base64(body)
                    .and_then(|d| der(&d))
                    .unwrap_or("a CMS message")
            }
            _ => return None,
        };
        match found {
            Some(k) if k != kind => return None,
            _ => found = Some(kind),
        }
    }
    found
}

/// Bare base64 text (whitespace ignored; standard or URL-safe, padded or not), decoded
/// into a buffer zeroized on drop.
pub(super) fn base64(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    let mut compact = Zeroizing::new(Vec::with_capacity(text.len()));
    compact.extend(text.bytes().filter(|b| !b.is_ascii_whitespace()));
    if compact.is_empty()
        || !compact
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_' | b'='))
    {
        return None;
    }
    let unpadded = compact
        .iter()
        .rposition(|&b| b != b'=')
        .map_or(&compact[..0], |end| &compact[..=end]);
    let engine = if unpadded.iter().any(|b| matches!(b, b'-' | b'_')) {
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
    } else {
        &base64::engine::general_purpose::STANDARD_NO_PAD
    };
    let mut out = Zeroizing::new(vec![0u8; unpadded.len() / 4 * 3 + 3]);
    let n = engine.decode_slice(unpadded, &mut out[..]).ok()?;
    out.truncate(n);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::sniff;
    use base64::Engine as _;

    fn vector(name: &str) -> Vec<u8> {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-vectors/pki")
            .join(name);
        std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    #[test]
    fn sniff_names_what_the_test_vectors_hold() {
        for (file, kind) in [
            ("root.cer", "a certificate"),
            ("root.pem", "a certificate"),
            ("chain.pem", "a certificate"),
            ("nca_rsa_current.crl", "a CRL"),
            ("nca_rsa_current.pem.crl", "a CRL"),
            ("nca_rsa_current.b64", "a CRL"),
            ("individual_sign.p12", "a PKCS#12 key store"),
            ("nca_rsa.key.pem", "a PKCS#8 private key"),
            ("ecdsa_ca.key.pem", "a PKCS#8 private key"),
            ("ocsp_good.der", "an OCSP response"),
            ("tsa/token_valid.tsr", "a time-stamp token"),
            ("tsa/response_valid.tsr", "a time-stamp response"),
            ("tsa/response_rejected.tsr", "a time-stamp response"),
            ("tsa/cades_plain.cms", "a CMS SignedData"),
            ("tsa/data.txt", ""),
        ] {
            let got = sniff(&vector(file)).unwrap_or("");
            assert_eq!(got, kind, "{file}");
        }
    }

    #[test]
    fn sniff_reads_pem_and_base64_forms_of_der() {
        let token = vector("tsa/token_valid.tsr");
        let b64 = base64::engine::general_purpose::STANDARD.encode(&token);
        assert_eq!(sniff(b64.as_bytes()), Some("a time-stamp token"));
        let url = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&token);
        assert_eq!(sniff(url.as_bytes()), Some("a time-stamp token"));
        let pem = pem::encode(&pem::Pem::new("CMS", token));
        assert_eq!(sniff(pem.as_bytes()), Some("a time-stamp token"));
        let cms = pem::encode(&pem::Pem::new("PKCS7", vector("tsa/cades_plain.cms")));
        assert_eq!(sniff(cms.as_bytes()), Some("a CMS SignedData"));
        // A key and a certificate in one PEM file: no one kind.
        let mixed = [vector("root.pem"), vector("nca_rsa.key.pem")].concat();
        assert_eq!(sniff(&mixed), None);
        let unknown = b"-----BEGIN SOMETHING-----\nAAAA\n-----END SOMETHING-----\n";
        assert_eq!(sniff(unknown), None);
    }

    #[test]
    fn sniff_names_keys_requests_and_other_formats() {
        // EncryptedPrivateKeyInfo: SEQUENCE { AlgorithmIdentifier, OCTET STRING }.
        let encrypted = [
            0x30, 0x0a, 0x30, 0x04, 0x06, 0x02, 0x2a, 0x03, 0x04, 0x02, 0x01, 0x02,
        ];
        assert_eq!(sniff(&encrypted), Some("an encrypted PKCS#8 private key"));
        // SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier, BIT STRING }.
        let spki = [
            0x30, 0x0a, 0x30, 0x04, 0x06, 0x02, 0x2a, 0x03, 0x03, 0x02, 0x00, 0x01,
        ];
        assert_eq!(sniff(&spki), Some("a public key"));
        // RSAPrivateKey: SEQUENCE { INTEGER 0, INTEGER n, ... }.
        let rsa = [0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x05];
        assert_eq!(sniff(&rsa), Some("an RSA private key (PKCS#1)"));
        // TimeStampReq: SEQUENCE { INTEGER 1, MessageImprint { AlgId, OCTET STRING } }.
        let req = [
            0x30, 0x0f, 0x02, 0x01, 0x01, 0x30, 0x0a, 0x30, 0x04, 0x06, 0x02, 0x2a, 0x03, 0x04,
            0x02, 0xaa, 0xbb,
        ];
        assert_eq!(sniff(&req), Some("a time-stamp request"));
        // An OCSP response that is only a status (e.g. unauthorized).
        assert_eq!(
            sniff(&[0x30, 0x03, 0x0a, 0x01, 0x06]),
            Some("an OCSP response")
        );
        assert_eq!(
            sniff(b"\xEF\xBB\xBF <?xml version=\"1.0\"?><a/>"),
            Some("an XML document")
        );
        assert_eq!(sniff(b" {\"favor_id\": 1}"), Some("a JSON document"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("a PNG image"));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Some("a JPEG image"));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("a PDF document"));
        assert_eq!(sniff(b"PK\x03\x04...."), Some("a ZIP archive"));
        let req_pem =
            b"-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----";
        assert_eq!(sniff(req_pem), Some("a certificate request (PKCS#10)"));
    }

    #[test]
    fn sniff_never_panics_and_stays_bounded() {
        for input in [
            &b""[..],
            b"   ",
            b"hello world!",
            b"\xff\xfe",
            b"\x30",
            b"\x30\x80",
            b"\x30\x84\xff\xff\xff\xff",
            b"\x30\x80\x00\x00",
            b"-----BEGIN ",
            b"-----BEGIN CMS-----",
            b"-----BEGIN CMS-----\n%%%\n-----END CMS-----",
            b"====",
            b"MA",
        ] {
            let _ = sniff(input);
        }
        // Nesting far below the reader's depth bound: refused, not a stack overflow.
        let deep: Vec<u8> = [0x30, 0x80].repeat(100_000);
        assert_eq!(sniff(&deep), None);
        // Every truncation and every single-byte change of real inputs.
        for file in [
            "root.cer",
            "individual_sign.p12",
            "ocsp_good.der",
            "tsa/response_valid.tsr",
        ] {
            let v = vector(file);
            for n in 0..v.len() {
                let _ = sniff(&v[..n]);
            }
            for i in (0..v.len()).step_by(7) {
                let mut w = v.clone();
                w[i] ^= 0xA5;
                let _ = sniff(&w);
            }
        }
    }
}
