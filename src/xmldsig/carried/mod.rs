//! What a `ds:Signature` carries beyond XMLDSig's own structure. A whole-document
//! signature (`URI=""`, enveloped) leaves every Signature out of what it digests, so an
//! element put inside one (a `ds:Object` of any content, a foreign element in
//! `ds:KeyInfo`) is signed by no one, yet stands in the document a client reads: first in
//! document order, when the Signature is moved to the front. [`super::verified_octets`]
//! never hands it out; a caller that takes the document as sent (NCANode's `/xml/verify`)
//! must know it is there.
//!
//! What counts as structure is a schema of parents ([`holds`]): each element of XMLDSig
//! and XAdES the verifier knows, with the elements it may hold and whether it holds text
//! (reviews 86 and 87 defeated lists of names, which took a name for structure wherever
//! it stood).
//!
//! [`super::verified_octets`]: super::XmlVerdict::verified_octets

mod mentions;
mod schema;

use super::dom::{Element, Scope};
use super::reference::IdIndex;
use super::xades::XADES_NS as XA;
use super::{children, Found, DSIG_NS as DS, MAX_REFERENCES};
use crate::certificate::Certificate;
use schema::{holds, Name, ONCE};

/// The certificates a Signature was judged with: what the certificates its structure
/// names must be ([`mentions`]).
#[derive(Default)]
pub(super) struct Known {
    /// Its signer's path, end-entity first: what its KeyInfo may name (review 90: the
    /// TSA's certificate first in KeyInfo was taken for the signer's).
    pub(super) path: Vec<Certificate>,
    /// Its time-stamps' TSA paths: what XAdES's unsigned properties may name beside the
    /// signer's path (their certificate values and references serve the time-stamps too).
    pub(super) stamps: Vec<Certificate>,
}

/// What the walk of one Signature knows: the elements its References cover, and the
/// certificates it was judged with.
struct Walk<'w, 'd> {
    covered: &'w [&'d Element],
    known: &'w Known,
}

/// The first element one of `found` (every signature of the document) carries that no
/// Reference of its own covers and that is not its structure ([`holds`]), in words
/// (`None` when each carries only its structure and what its References name by Id). Its
/// `ds:SignedInfo` is covered by its SignatureValue. Meaningful for a valid document only:
/// then each Reference by Id named one element, whose digest matched. `known[i]`: the
/// certificates `found[i]` was judged with; a certificate, name, serial, key or digest
/// its structure carries must be of them (reviews 88, 90). The walk's depth is the parser's
/// (`dom::limits::MAX_DEPTH`), its length the document's.
pub(super) fn unsigned_content(
    found: &[Found<'_>],
    ids: &IdIndex<'_>,
    known: &[Known],
) -> Option<String> {
    let none = Known::default();
    found.iter().enumerate().find_map(|(i, f)| {
        let known = known.get(i).unwrap_or(&none);
        let mut scope = Scope::inside(&f.ancestors);
        scope.within(f.signature, |s| {
            let covered = covered_by_id(f.signature, s, ids);
            // One QualifyingProperties of all its Objects (a second, first in the
            // document, would stand where a client reads the signing time).
            let objects: Vec<&Element> = f
                .signature
                .elements()
                .filter(|o| o.expanded_in(s) == (DS, "Object"))
                .collect();
            let qualifying = objects
                .into_iter()
                .map(|o| {
                    s.within(o, |s| {
                        o.elements()
                            .filter(|q| q.expanded_in(s) == (XA, "QualifyingProperties"))
                            .count()
                    })
                })
                .sum::<usize>();
            if qualifying > 1 {
                return Some("a second <xades:QualifyingProperties>".to_string());
            }
            let walk = Walk {
                covered: &covered,
                known,
            };
            holding(f.signature, s, (DS, "Signature"), &walk)
        })
    })
}

/// The elements `signature`'s own References name by Id (`URI="#id"`), each named by one
/// element of the document only: what its digests covered. `scope` is the signature's.
fn covered_by_id<'d>(
    signature: &'d Element,
    scope: &mut Scope<'d>,
    ids: &IdIndex<'d>,
) -> Vec<&'d Element> {
    let mut out = Vec::new();
    for si in children(signature, scope, "SignedInfo") {
        scope.within(si, |s| {
            for r in children(si, s, "Reference")
                .into_iter()
                .take(MAX_REFERENCES)
            {
                let Some(id) = r.attr("URI").and_then(|u| u.strip_prefix('#')) else {
                    continue;
                };
                if let Some((1, el, _)) = ids.found.get(id) {
                    out.push(*el);
                }
            }
        });
    }
    out
}

/// The first content below `el` (named `name`, its scope entered) that is neither its
/// structure nor covered, in words: text where it holds none, a child its schema does not
/// put there, a second of what it holds once, a certificate of no one it was judged with.
fn holding<'d>(
    el: &'d Element,
    scope: &mut Scope<'d>,
    name: Name,
    walk: &Walk<'_, 'd>,
) -> Option<String> {
    let Some(holds) = holds(name.0, name.1) else {
        return Some(named(el, name.0));
    };
    // Text is content wherever the schema holds none (review 87: text in XAdES unsigned
    // properties, in a ds:X509Data, after SignedInfo), as base64 text in a ds:Object is
    // XMLDSig's own way to carry a document (review 86).
    if !holds.text && el.text().chars().any(|c| !c.is_whitespace()) {
        return Some(format!("text in <{}>", el.name));
    }
    if let Some(what) = mentions::stranger(el, scope, name, walk.known) {
        return Some(what);
    }
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for c in el.elements() {
        let (ns, local) = c.expanded_in(scope);
        // SignedInfo is covered by the SignatureValue (the verifier read one only).
        if name == (DS, "Signature") && (ns, local) == (DS, "SignedInfo") {
            continue;
        }
        if ONCE.contains(&(ns, local)) {
            if seen.contains(&(ns, local)) {
                return Some(format!("a second <{}>", c.name));
            }
            seen.push((ns, local));
        }
        // XAdES's sequence: the unsigned properties after the signed ones (review 88: a
        // client reading the first of a name met the unsigned first).
        if name == (XA, "QualifyingProperties")
            && (ns, local) == (XA, "SignedProperties")
            && seen.contains(&(XA, "UnsignedProperties"))
        {
            return Some("<xades:UnsignedProperties> before the signed ones".to_string());
        }
        if walk.covered.iter().any(|k| std::ptr::eq(*k, c)) {
            continue;
        }
        let Some(child) = holds.elements.iter().find(|n| **n == (ns, local)) else {
            return Some(named(c, ns));
        };
        if let Some(what) = scope.within(c, |s| holding(c, s, *child, walk)) {
            return Some(what);
        }
    }
    None
}

/// An element in words.
fn named(el: &Element, ns: &str) -> String {
    if ns.is_empty() {
        format!("<{}> (no namespace)", el.name)
    } else {
        format!("<{}> (namespace {ns})", el.name)
    }
}

#[cfg(test)]
mod tests {
    use super::schema::XA141;
    use super::*;
    use crate::xmldsig::dom::parse;
    use crate::xmldsig::WSSE_NS as WSSE;

    const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
    const XADES: &str = "http://uri.etsi.org/01903/v1.3.2#";

    /// `unsigned_content` of the document `<doc><a>1</a>{signature}</doc>`.
    fn carried(signature: &str) -> Option<String> {
        let xml = format!("<doc xmlns:ds=\"{DS}\"><a Id=\"data\">1</a>{signature}</doc>");
        let doc = parse(xml.as_bytes()).unwrap();
        let mut found = Vec::new();
        let mut count = 0;
        crate::xmldsig::find_signatures(
            &doc.root,
            &mut Scope::default(),
            &mut Vec::new(),
            &mut found,
            &mut count,
        );
        let ids = IdIndex::build(&doc, &crate::xmldsig::reference::referenced_ids(&found));
        let path = vec![signer(), ca()];
        let known = Known {
            path,
            stamps: Vec::new(),
        };
        unsigned_content(&found, &ids, &[known])
    }

    fn pki(name: &str) -> Certificate {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-vectors/pki")
            .join(name);
        Certificate::from_input(&std::fs::read(path).unwrap()).unwrap()
    }

    /// The signer the walk knows (with its CA).
    fn signer() -> Certificate {
        pki("individual_sign.cer")
    }

    fn ca() -> Certificate {
        pki("nca_rsa.cer")
    }

    fn b64(der: &[u8]) -> String {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(der)
    }

    /// A certificate's serial in decimal.
    fn decimal(serial: &[u8]) -> String {
        let mut digits = vec![0u8];
        for &b in serial {
            let mut carry = u32::from(b);
            for d in digits.iter_mut() {
                let v = u32::from(*d) * 256 + carry;
                *d = (v % 10) as u8;
                carry = v / 10;
            }
            while carry > 0 {
                digits.push((carry % 10) as u8);
                carry /= 10;
            }
        }
        digits.iter().rev().map(|d| char::from(b'0' + d)).collect()
    }

    const SIGNED_INFO: &str = "<ds:SignedInfo><ds:Reference URI=\"\"/><ds:Reference URI=\"#props\"/></ds:SignedInfo><ds:SignatureValue>AA==</ds:SignatureValue>";

    /// A Kalkan signature (KeyInfo/X509Data/X509Certificate), one with XAdES
    /// QualifyingProperties in an Object, a WS-Security token reference in KeyInfo, and
    /// an Object whose content a Reference names: structure only.
    #[test]
    fn a_signature_of_xmldsig_and_xades_structure_carries_nothing() {
        let cert = b64(signer().der());
        let kalkan = format!(
            "<ds:Signature>{SIGNED_INFO}<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>"
        );
        assert_eq!(carried(&kalkan), None);
        let xades = format!(
            "<ds:Signature>{SIGNED_INFO}<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:SignedProperties Id=\"props\"><x:SignedSignatureProperties><x:SigningTime>t</x:SigningTime></x:SignedSignatureProperties></x:SignedProperties><x:UnsignedProperties><x:UnsignedSignatureProperties><x:SignatureTimeStamp><x:EncapsulatedTimeStamp>AA==</x:EncapsulatedTimeStamp></x:SignatureTimeStamp></x:UnsignedSignatureProperties></x:UnsignedProperties></x:QualifyingProperties></ds:Object></ds:Signature>"
        );
        assert_eq!(carried(&xades), None);
        let token = format!(
            "<ds:Signature>{SIGNED_INFO}<ds:KeyInfo><wsse:SecurityTokenReference xmlns:wsse=\"{WSSE}\"><wsse:Reference URI=\"#t\"/></wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature>"
        );
        assert_eq!(carried(&token), None);
        let referenced = format!(
            "<ds:Signature>{SIGNED_INFO}<ds:Object><amount Id=\"props\">1000000</amount></ds:Object></ds:Signature>"
        );
        assert_eq!(carried(&referenced), None);
    }

    /// What XMLDSig and XAdES hold in their places stays structure: a PGP and an SPKI
    /// KeyInfo, a key value, a Manifest's Reference with exclusive C14N's
    /// InclusiveNamespaces, a XAdES-LT's references and values, XAdES 1.4.1's validation
    /// data and a time-stamp's canonicalization.
    #[test]
    fn what_the_schemas_put_in_their_places_is_structure() {
        let (signer, ca) = (signer(), ca());
        let (cert, ca_cert) = (b64(signer.der()), b64(ca.der()));
        let (issuer, serial) = (signer.issuer().to_string(), decimal(signer.serial()));
        let subject = signer.subject().to_string();
        let digest = b64(&crate::signature::HashAlgorithm::Sha256.digest(ca.der()));
        let ski = b64(ca.subject_key_id().unwrap());
        let (n, e) = signer.public_key().rsa_components().unwrap();
        let (n, e) = (b64(n), b64(e));
        let issuer_serial = format!("<ds:X509IssuerName>{issuer}</ds:X509IssuerName><ds:X509SerialNumber>{serial}</ds:X509SerialNumber>");
        let key_info = format!("<ds:KeyInfo><ds:KeyName>k</ds:KeyName><ds:KeyValue><ds:RSAKeyValue><ds:Modulus>{n}</ds:Modulus><ds:Exponent>{e}</ds:Exponent></ds:RSAKeyValue></ds:KeyValue><ds:X509Data><ds:X509IssuerSerial>{issuer_serial}</ds:X509IssuerSerial><ds:X509IssuerSerial/><ds:X509SubjectName>{subject}</ds:X509SubjectName><ds:X509SKI>{ski}</ds:X509SKI><ds:X509Certificate>{ca_cert}</ds:X509Certificate><ds:X509Certificate>{cert}</ds:X509Certificate></ds:X509Data><ds:PGPData><ds:PGPKeyID>AA==</ds:PGPKeyID></ds:PGPData><ds:SPKIData><ds:SPKISexp>AA==</ds:SPKISexp></ds:SPKIData></ds:KeyInfo>");
        let manifest = "<ds:Object><ds:Manifest><ds:Reference URI=\"#a\"><ds:Transforms><ds:Transform><ec:InclusiveNamespaces xmlns:ec=\"http://www.w3.org/2001/10/xml-exc-c14n#\" PrefixList=\"\"/></ds:Transform></ds:Transforms><ds:DigestMethod/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference></ds:Manifest></ds:Object>";
        let stamp = "<x:SignatureTimeStamp><ds:CanonicalizationMethod/><x:EncapsulatedTimeStamp>AA==</x:EncapsulatedTimeStamp></x:SignatureTimeStamp>";
        let values = format!("<x:CertificateValues><x:EncapsulatedX509Certificate>{ca_cert}</x:EncapsulatedX509Certificate></x:CertificateValues><x:RevocationValues><x:CRLValues><x:EncapsulatedCRLValue>AA==</x:EncapsulatedCRLValue></x:CRLValues><x:OCSPValues><x:EncapsulatedOCSPValue>AA==</x:EncapsulatedOCSPValue></x:OCSPValues></x:RevocationValues>");
        let refs = format!("<x:CompleteCertificateRefs><x:CertRefs><x:Cert><x:CertDigest><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>{digest}</ds:DigestValue></x:CertDigest><x:IssuerSerial>{issuer_serial}</x:IssuerSerial></x:Cert></x:CertRefs></x:CompleteCertificateRefs><x:CompleteRevocationRefs><x:CRLRefs><x:CRLRef><x:DigestAlgAndValue><ds:DigestMethod/><ds:DigestValue>AA==</ds:DigestValue></x:DigestAlgAndValue><x:CRLIdentifier><x:Issuer>CN=a</x:Issuer><x:IssueTime>t</x:IssueTime></x:CRLIdentifier></x:CRLRef></x:CRLRefs><x:OCSPRefs><x:OCSPRef><x:OCSPIdentifier><x:ResponderID><x:ByKey>AA==</x:ByKey></x:ResponderID><x:ProducedAt>t</x:ProducedAt></x:OCSPIdentifier></x:OCSPRef></x:OCSPRefs></x:CompleteRevocationRefs>");
        let v141 = format!(
            "<v:TimeStampValidationData xmlns:v=\"{XA141}\">{values}</v:TimeStampValidationData>"
        );
        let xades = format!(
            "<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:SignedProperties Id=\"props\"/><x:UnsignedProperties><x:UnsignedSignatureProperties>{stamp}{refs}{values}{v141}</x:UnsignedSignatureProperties></x:UnsignedProperties></x:QualifyingProperties></ds:Object>"
        );
        let signature =
            format!("<ds:Signature>{SIGNED_INFO}{key_info}{manifest}{xades}</ds:Signature>");
        assert_eq!(carried(&signature), None);
    }

    /// Content no Reference names, wherever in the Signature: an Object's, a foreign
    /// element in KeyInfo or in XAdES properties, a `ds:` element XMLDSig does not define.
    #[test]
    fn a_signature_carrying_unsigned_elements_is_found_out() {
        for inner in [
            "<ds:Object><amount>1000000</amount></ds:Object>".to_string(),
            "<ds:Object><ds:Manifest><amount>1</amount></ds:Manifest></ds:Object>".to_string(),
            "<ds:KeyInfo><amount>1000000</amount></ds:KeyInfo>".to_string(),
            format!("<ds:KeyInfo><wsse:SecurityTokenReference xmlns:wsse=\"{WSSE}\"><amount/></wsse:SecurityTokenReference></ds:KeyInfo>"),
            format!("<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:UnsignedProperties><amount>1</amount></x:UnsignedProperties></x:QualifyingProperties></ds:Object>"),
            // QualifyingProperties outside an Object.
            format!("<x:QualifyingProperties xmlns:x=\"{XADES}\"/>"),
            "<ds:amount>1000000</ds:amount>".to_string(),
            "<ds:SignatureValue>AA==<amount>1</amount></ds:SignatureValue>".to_string(),
            // Review 86: base64 text in an Object, a KeyInfo's element outside it.
            "<ds:Object Encoding=\"http://www.w3.org/2000/09/xmldsig#base64\">PGE+PC9hPg==</ds:Object>".to_string(),
            "<ds:Object><ds:X509Data><ds:X509Certificate>AA==</ds:X509Certificate></ds:X509Data></ds:Object>".to_string(),
            "<ds:Object><ds:Manifest><ds:X509Data/></ds:Manifest></ds:Object>".to_string(),
            "<ds:Object><ds:SignedInfo/></ds:Object>".to_string(),
            format!("<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:amount>1</x:amount></x:QualifyingProperties></ds:Object>"),
            "<ds:Object><x:QualifyingProperties xmlns:x=\"http://uri.etsi.org/01903/v1.1.1#\"/></ds:Object>".to_string(),
            // Review 87: a KeyInfo's elements in XAdES properties or below a Manifest, a
            // second KeyInfo, text where no schema holds text.
            format!("<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:UnsignedProperties><ds:X509Data/></x:UnsignedProperties></x:QualifyingProperties></ds:Object>"),
            "<ds:Object><ds:Manifest><ds:KeyInfo/></ds:Manifest></ds:Object>".to_string(),
            "<ds:KeyInfo/><ds:KeyInfo/>".to_string(),
            "<ds:KeyInfo><ds:X509Data>amount=1</ds:X509Data></ds:KeyInfo>".to_string(),
            format!("<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:UnsignedProperties>amount=1</x:UnsignedProperties></x:QualifyingProperties></ds:Object>"),
            // Review 87, findings 4: XAdES names only under their schema parents; what
            // the schema holds once, once; signed properties no Reference covers.
            format!("<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:UnsignedProperties><x:UnsignedSignatureProperties><x:SignedProperties><x:SignedSignatureProperties><x:SigningTime>2020-01-01T00:00:00Z</x:SigningTime></x:SignedSignatureProperties></x:SignedProperties></x:UnsignedSignatureProperties></x:UnsignedProperties></x:QualifyingProperties></ds:Object>"),
            format!("<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:UnsignedProperties><x:SigningTime>t</x:SigningTime></x:UnsignedProperties></x:QualifyingProperties></ds:Object>"),
            format!("<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:UnsignedProperties/><x:UnsignedProperties/></x:QualifyingProperties></ds:Object>"),
            format!("<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:SignedProperties/></x:QualifyingProperties></ds:Object>"),
            format!("<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"/></ds:Object><ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"/></ds:Object>"),
            format!("<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:UnsignedProperties><x:UnsignedDataObjectProperties><x:UnsignedDataObjectProperty>1</x:UnsignedDataObjectProperty></x:UnsignedDataObjectProperties></x:UnsignedProperties></x:QualifyingProperties></ds:Object>"),
            format!("<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:UnsignedProperties><x:UnsignedSignatureProperties><x:CounterSignature/></x:UnsignedSignatureProperties></x:UnsignedProperties></x:QualifyingProperties></ds:Object>"),
            "<ds:SignatureValue>AA==</ds:SignatureValue>".to_string(),
            // A token reference holds wsse:Reference only (what the verifier reads).
            format!("<ds:KeyInfo><wsse:SecurityTokenReference xmlns:wsse=\"{WSSE}\"><wsse:KeyIdentifier>AA==</wsse:KeyIdentifier></wsse:SecurityTokenReference></ds:KeyInfo>"),
            // An any-content Transform (XSLT) or SignatureProperty.
            "<ds:Object><ds:Manifest><ds:Reference><ds:Transforms><ds:Transform><xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"/></ds:Transform></ds:Transforms></ds:Reference></ds:Manifest></ds:Object>".to_string(),
            "<ds:Object><ds:SignatureProperties><ds:SignatureProperty><ds:DigestValue>AA==</ds:DigestValue></ds:SignatureProperty></ds:SignatureProperties></ds:Object>".to_string(),
        ] {
            let signature = format!("<ds:Signature>{SIGNED_INFO}{inner}</ds:Signature>");
            assert!(carried(&signature).is_some(), "{inner}");
        }
        // Review 88: a certificate, name, serial, key identifier or digest of no
        // certificate the signature was judged with; unsigned properties first.
        let other = pki("revoked.cer");
        let (o_cert, o_subject) = (b64(other.der()), other.subject().to_string());
        let signer = signer();
        let serial = decimal(signer.serial());
        let issuer = signer.issuer().to_string();
        for inner in [
            format!("<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{o_cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"),
            format!("<ds:KeyInfo><ds:X509Data><ds:X509SubjectName>{o_subject}</ds:X509SubjectName></ds:X509Data></ds:KeyInfo>"),
            format!("<ds:KeyInfo><ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>{issuer}</ds:X509IssuerName><ds:X509SerialNumber>42</ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data></ds:KeyInfo>"),
            format!("<ds:KeyInfo><ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>CN=Other</ds:X509IssuerName><ds:X509SerialNumber>{serial}</ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data></ds:KeyInfo>"),
            format!("<ds:KeyInfo><ds:X509Data><ds:X509IssuerSerial><ds:X509SerialNumber>{serial}</ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data></ds:KeyInfo>"),
            "<ds:KeyInfo><ds:X509Data><ds:X509SKI>AAEC</ds:X509SKI></ds:X509Data></ds:KeyInfo>".to_string(),
            "<ds:KeyInfo><ds:KeyValue><ds:RSAKeyValue><ds:Modulus>AA==</ds:Modulus><ds:Exponent>AQAB</ds:Exponent></ds:RSAKeyValue></ds:KeyValue></ds:KeyInfo>".to_string(),
            format!("<ds:KeyInfo><ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>{issuer}</ds:X509IssuerName><ds:X509SerialNumber>{serial}</ds:X509SerialNumber><ds:X509SerialNumber>42</ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data></ds:KeyInfo>"),
            format!("<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:UnsignedProperties><x:UnsignedSignatureProperties><x:CertificateValues><x:EncapsulatedX509Certificate>{o_cert}</x:EncapsulatedX509Certificate></x:CertificateValues></x:UnsignedSignatureProperties></x:UnsignedProperties></x:QualifyingProperties></ds:Object>"),
            format!("<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:UnsignedProperties><x:UnsignedSignatureProperties><x:CompleteCertificateRefs><x:CertRefs><x:Cert><x:CertDigest><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>AA==</ds:DigestValue></x:CertDigest></x:Cert></x:CertRefs></x:CompleteCertificateRefs></x:UnsignedSignatureProperties></x:UnsignedProperties></x:QualifyingProperties></ds:Object>"),
            format!("<ds:Object><x:QualifyingProperties xmlns:x=\"{XADES}\"><x:UnsignedProperties/><x:SignedProperties Id=\"props\"/></x:QualifyingProperties></ds:Object>"),
        ] {
            let signature = format!("<ds:Signature>{SIGNED_INFO}{inner}</ds:Signature>");
            assert!(carried(&signature).is_some(), "{inner}");
        }
        // An Id a Reference names twice covers nothing.
        let twice = format!(
            "<ds:Signature>{SIGNED_INFO}<ds:Object><amount Id=\"props\">1</amount><b Id=\"props\"/></ds:Object></ds:Signature>"
        );
        assert!(carried(&twice).unwrap().contains("amount"));
    }
}
