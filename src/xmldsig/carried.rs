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

use super::dom::{Element, Scope};
use super::reference::IdIndex;
use super::xades::XADES_NS as XA;
use super::{children, Found, DSIG_NS as DS, MAX_REFERENCES, WSSE_NS as WSSE};

/// XAdES 1.4.1's namespace: its elements extend a 1.3.2 UnsignedSignatureProperties.
const XA141: &str = "http://uri.etsi.org/01903/v1.4.1#";
/// Exclusive C14N's namespace: its InclusiveNamespaces stands in a Transform or a
/// CanonicalizationMethod.
const EC: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";

/// An element by namespace and local name.
type Name = (&'static str, &'static str);

/// What an element of a Signature's subtree may hold: the elements its schema puts below
/// it (each by name: review 87 found XAdES names accepted under any XAdES parent, a
/// SignedProperties with a forged SigningTime in the unsigned ones), and whether text.
/// Only what the verifier reads or what XMLDSig and XAdES define as a value: an `any`
/// content (a SignatureProperty's, an UnsignedDataObjectProperty's, a CounterSignature's
/// Signature, an XSLT Transform's) is content of the signer's choosing or the attacker's.
#[derive(Clone, Copy)]
struct Holds {
    elements: &'static [Name],
    text: bool,
}

/// Holds these elements, no text.
const fn of(elements: &'static [Name]) -> Holds {
    Holds {
        elements,
        text: false,
    }
}

/// A value: text, no element.
const VALUE: Holds = Holds {
    elements: &[],
    text: true,
};

/// Neither (attributes only).
const EMPTY: Holds = of(&[]);

/// The children a Signature's structure may hold once at most under one parent: a second
/// (first in document order) is what a client would read in the signed one's place.
const ONCE: [Name; 7] = [
    (DS, "SignatureValue"),
    (DS, "KeyInfo"),
    (XA, "QualifyingProperties"),
    (XA, "SignedProperties"),
    (XA, "UnsignedProperties"),
    (XA, "UnsignedSignatureProperties"),
    (XA, "UnsignedDataObjectProperties"),
];

const DIGEST: &[Name] = &[(DS, "DigestMethod"), (DS, "DigestValue")];
const TRANSFORM: &[Name] = &[(DS, "XPath"), (EC, "InclusiveNamespaces")];
/// XAdESTimeStampType (1.3.2 §7.1.4.3).
const TIME_STAMP: &[Name] = &[
    (XA, "Include"),
    (XA, "ReferenceInfo"),
    (DS, "CanonicalizationMethod"),
    (XA, "EncapsulatedTimeStamp"),
    (XA, "XMLTimeStamp"),
];
const CERTIFICATE_VALUES: &[Name] = &[
    (XA, "EncapsulatedX509Certificate"),
    (XA, "OtherCertificate"),
];
const REVOCATION_VALUES: &[Name] = &[(XA, "CRLValues"), (XA, "OCSPValues"), (XA, "OtherValues")];
const REVOCATION_REFS: &[Name] = &[(XA, "CRLRefs"), (XA, "OCSPRefs"), (XA, "OtherRefs")];

/// What `(ns, local)` holds as part of a Signature's structure (XMLDSig 1.0 §4-5 less
/// SignedInfo, which its SignatureValue covers; a KeyInfo's WS-Security token reference;
/// XAdES 1.3.2's QualifyingProperties with 1.4.1's unsigned additions). `None`: no
/// structure the verifier knows. A SignedProperties is absent: reached by the walk it is
/// covered by no Reference, and signed properties no one signed are content.
fn holds(ns: &str, local: &str) -> Option<Holds> {
    Some(match (ns, local) {
        (DS, "Signature") => of(&[(DS, "SignatureValue"), (DS, "KeyInfo"), (DS, "Object")]),
        (DS, "KeyInfo") => of(&[
            (DS, "KeyName"),
            (DS, "KeyValue"),
            (DS, "RetrievalMethod"),
            (DS, "X509Data"),
            (DS, "PGPData"),
            (DS, "SPKIData"),
            (DS, "MgmtData"),
            (WSSE, "SecurityTokenReference"),
        ]),
        (DS, "KeyValue") => of(&[(DS, "DSAKeyValue"), (DS, "RSAKeyValue")]),
        (DS, "DSAKeyValue") => of(&[
            (DS, "P"),
            (DS, "Q"),
            (DS, "G"),
            (DS, "Y"),
            (DS, "J"),
            (DS, "Seed"),
            (DS, "PgenCounter"),
        ]),
        (DS, "RSAKeyValue") => of(&[(DS, "Modulus"), (DS, "Exponent")]),
        (DS, "RetrievalMethod") => of(&[(DS, "Transforms")]),
        (DS, "X509Data") => of(&[
            (DS, "X509IssuerSerial"),
            (DS, "X509SKI"),
            (DS, "X509SubjectName"),
            (DS, "X509Certificate"),
            (DS, "X509CRL"),
        ]),
        (DS, "X509IssuerSerial") => of(&[(DS, "X509IssuerName"), (DS, "X509SerialNumber")]),
        (DS, "PGPData") => of(&[(DS, "PGPKeyID"), (DS, "PGPKeyPacket")]),
        (DS, "SPKIData") => of(&[(DS, "SPKISexp")]),
        (WSSE, "SecurityTokenReference") => of(&[(WSSE, "Reference")]),
        (WSSE, "Reference") => EMPTY,
        (DS, "Object") => of(&[
            (DS, "Manifest"),
            (DS, "SignatureProperties"),
            (XA, "QualifyingProperties"),
        ]),
        (DS, "Manifest") => of(&[(DS, "Reference")]),
        (DS, "Reference") => of(&[
            (DS, "Transforms"),
            (DS, "DigestMethod"),
            (DS, "DigestValue"),
        ]),
        (DS, "Transforms") => of(&[(DS, "Transform")]),
        (DS, "Transform") => of(TRANSFORM),
        (DS, "CanonicalizationMethod") => of(&[(EC, "InclusiveNamespaces")]),
        (DS, "SignatureProperties") => of(&[(DS, "SignatureProperty")]),
        (DS, "DigestMethod" | "SignatureProperty") | (EC, "InclusiveNamespaces") => EMPTY,
        (
            DS,
            "SignatureValue" | "DigestValue" | "X509Certificate" | "X509CRL" | "X509IssuerName"
            | "X509SerialNumber" | "X509SKI" | "X509SubjectName" | "KeyName" | "MgmtData" | "XPath"
            | "Modulus" | "Exponent" | "P" | "Q" | "G" | "Y" | "J" | "Seed" | "PgenCounter"
            | "PGPKeyID" | "PGPKeyPacket" | "SPKISexp",
        ) => VALUE,
        (XA, "QualifyingProperties") => of(&[(XA, "SignedProperties"), (XA, "UnsignedProperties")]),
        (XA, "UnsignedProperties") => of(&[
            (XA, "UnsignedSignatureProperties"),
            (XA, "UnsignedDataObjectProperties"),
        ]),
        (XA, "UnsignedSignatureProperties") => of(&[
            (XA, "SignatureTimeStamp"),
            (XA, "CompleteCertificateRefs"),
            (XA, "CompleteRevocationRefs"),
            (XA, "AttributeCertificateRefs"),
            (XA, "AttributeRevocationRefs"),
            (XA, "SigAndRefsTimeStamp"),
            (XA, "RefsOnlyTimeStamp"),
            (XA, "CertificateValues"),
            (XA, "RevocationValues"),
            (XA, "AttrAuthoritiesCertValues"),
            (XA, "AttributeRevocationValues"),
            (XA, "ArchiveTimeStamp"),
            (XA141, "TimeStampValidationData"),
            (XA141, "ArchiveTimeStamp"),
        ]),
        // Its UnsignedDataObjectProperty is of any content.
        (XA, "UnsignedDataObjectProperties") => EMPTY,
        (
            XA,
            "SignatureTimeStamp" | "SigAndRefsTimeStamp" | "RefsOnlyTimeStamp" | "ArchiveTimeStamp",
        )
        | (XA141, "ArchiveTimeStamp") => of(TIME_STAMP),
        (XA, "Include") => EMPTY,
        (XA, "ReferenceInfo" | "CertDigest" | "DigestAlgAndValue") => of(DIGEST),
        (XA, "CompleteCertificateRefs" | "AttributeCertificateRefs") => of(&[(XA, "CertRefs")]),
        (XA, "CertRefs") => of(&[(XA, "Cert")]),
        (XA, "Cert") => of(&[
            (XA, "CertDigest"),
            (XA, "IssuerSerial"),
            (XA, "IssuerSerialV2"),
        ]),
        (XA, "IssuerSerial") => of(&[(DS, "X509IssuerName"), (DS, "X509SerialNumber")]),
        (XA, "CompleteRevocationRefs" | "AttributeRevocationRefs") => of(REVOCATION_REFS),
        (XA, "CRLRefs") => of(&[(XA, "CRLRef")]),
        (XA, "CRLRef") => of(&[(XA, "DigestAlgAndValue"), (XA, "CRLIdentifier")]),
        (XA, "CRLIdentifier") => of(&[(XA, "Issuer"), (XA, "IssueTime"), (XA, "Number")]),
        (XA, "OCSPRefs") => of(&[(XA, "OCSPRef")]),
        (XA, "OCSPRef") => of(&[(XA, "OCSPIdentifier"), (XA, "DigestAlgAndValue")]),
        (XA, "OCSPIdentifier") => of(&[(XA, "ResponderID"), (XA, "ProducedAt")]),
        (XA, "ResponderID") => of(&[(XA, "ByName"), (XA, "ByKey")]),
        (XA, "OtherRefs") => of(&[(XA, "OtherRef")]),
        (XA, "CertificateValues" | "AttrAuthoritiesCertValues") => of(CERTIFICATE_VALUES),
        (XA, "RevocationValues" | "AttributeRevocationValues") => of(REVOCATION_VALUES),
        (XA, "CRLValues") => of(&[(XA, "EncapsulatedCRLValue")]),
        (XA, "OCSPValues") => of(&[(XA, "EncapsulatedOCSPValue")]),
        (XA, "OtherValues") => of(&[(XA, "OtherValue")]),
        (XA141, "TimeStampValidationData") => {
            of(&[(XA, "CertificateValues"), (XA, "RevocationValues")])
        }
        (
            XA,
            "EncapsulatedTimeStamp"
            | "XMLTimeStamp"
            | "EncapsulatedX509Certificate"
            | "OtherCertificate"
            | "EncapsulatedCRLValue"
            | "EncapsulatedOCSPValue"
            | "OtherValue"
            | "OtherRef"
            | "IssuerSerialV2"
            | "Issuer"
            | "IssueTime"
            | "Number"
            | "ProducedAt"
            | "ByName"
            | "ByKey",
        ) => VALUE,
        _ => return None,
    })
}

/// The first element one of `found` (every signature of the document) carries that no
/// Reference of its own covers and that is not its structure ([`holds`]), in words
/// (`None` when each carries only its structure and what its References name by Id). Its
/// `ds:SignedInfo` is covered by its SignatureValue. Meaningful for a valid document only:
/// then each Reference by Id named one element, whose digest matched. The walk's depth is
/// the parser's (`dom::limits::MAX_DEPTH`), its length the document's.
pub(super) fn unsigned_content(found: &[Found<'_>], ids: &IdIndex<'_>) -> Option<String> {
    found.iter().find_map(|f| {
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
            holding(f.signature, s, (DS, "Signature"), &covered)
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
/// put there, a second of what it holds once.
fn holding<'d>(
    el: &'d Element,
    scope: &mut Scope<'d>,
    name: Name,
    covered: &[&'d Element],
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
        if covered.iter().any(|k| std::ptr::eq(*k, c)) {
            continue;
        }
        let Some(child) = holds.elements.iter().find(|n| **n == (ns, local)) else {
            return Some(named(c, ns));
        };
        if let Some(what) = scope.within(c, |s| holding(c, s, *child, covered)) {
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
    use super::*;
    use crate::xmldsig::dom::parse;

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
        unsigned_content(&found, &ids)
    }

    const SIGNED_INFO: &str = "<ds:SignedInfo><ds:Reference URI=\"\"/><ds:Reference URI=\"#props\"/></ds:SignedInfo><ds:SignatureValue>AA==</ds:SignatureValue>";

    /// A Kalkan signature (KeyInfo/X509Data/X509Certificate), one with XAdES
    /// QualifyingProperties in an Object, a WS-Security token reference in KeyInfo, and
    /// an Object whose content a Reference names: structure only.
    #[test]
    fn a_signature_of_xmldsig_and_xades_structure_carries_nothing() {
        let kalkan = format!(
            "<ds:Signature>{SIGNED_INFO}<ds:KeyInfo><ds:X509Data><ds:X509Certificate>AA==</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>"
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
        let key_info = "<ds:KeyInfo><ds:KeyName>k</ds:KeyName><ds:KeyValue><ds:RSAKeyValue><ds:Modulus>AA==</ds:Modulus><ds:Exponent>AQAB</ds:Exponent></ds:RSAKeyValue></ds:KeyValue><ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>CN=a</ds:X509IssuerName><ds:X509SerialNumber>1</ds:X509SerialNumber></ds:X509IssuerSerial><ds:X509Certificate>AA==</ds:X509Certificate></ds:X509Data><ds:PGPData><ds:PGPKeyID>AA==</ds:PGPKeyID></ds:PGPData><ds:SPKIData><ds:SPKISexp>AA==</ds:SPKISexp></ds:SPKIData></ds:KeyInfo>";
        let manifest = "<ds:Object><ds:Manifest><ds:Reference URI=\"#a\"><ds:Transforms><ds:Transform><ec:InclusiveNamespaces xmlns:ec=\"http://www.w3.org/2001/10/xml-exc-c14n#\" PrefixList=\"\"/></ds:Transform></ds:Transforms><ds:DigestMethod/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference></ds:Manifest></ds:Object>";
        let stamp = "<x:SignatureTimeStamp><ds:CanonicalizationMethod/><x:EncapsulatedTimeStamp>AA==</x:EncapsulatedTimeStamp></x:SignatureTimeStamp>";
        let values = "<x:CertificateValues><x:EncapsulatedX509Certificate>AA==</x:EncapsulatedX509Certificate></x:CertificateValues><x:RevocationValues><x:CRLValues><x:EncapsulatedCRLValue>AA==</x:EncapsulatedCRLValue></x:CRLValues><x:OCSPValues><x:EncapsulatedOCSPValue>AA==</x:EncapsulatedOCSPValue></x:OCSPValues></x:RevocationValues>";
        let refs = "<x:CompleteCertificateRefs><x:CertRefs><x:Cert><x:CertDigest><ds:DigestMethod/><ds:DigestValue>AA==</ds:DigestValue></x:CertDigest><x:IssuerSerial><ds:X509IssuerName>CN=a</ds:X509IssuerName><ds:X509SerialNumber>1</ds:X509SerialNumber></x:IssuerSerial></x:Cert></x:CertRefs></x:CompleteCertificateRefs><x:CompleteRevocationRefs><x:CRLRefs><x:CRLRef><x:DigestAlgAndValue><ds:DigestMethod/><ds:DigestValue>AA==</ds:DigestValue></x:DigestAlgAndValue><x:CRLIdentifier><x:Issuer>CN=a</x:Issuer><x:IssueTime>t</x:IssueTime></x:CRLIdentifier></x:CRLRef></x:CRLRefs><x:OCSPRefs><x:OCSPRef><x:OCSPIdentifier><x:ResponderID><x:ByKey>AA==</x:ByKey></x:ResponderID><x:ProducedAt>t</x:ProducedAt></x:OCSPIdentifier></x:OCSPRef></x:OCSPRefs></x:CompleteRevocationRefs>";
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
        // An Id a Reference names twice covers nothing.
        let twice = format!(
            "<ds:Signature>{SIGNED_INFO}<ds:Object><amount Id=\"props\">1</amount><b Id=\"props\"/></ds:Object></ds:Signature>"
        );
        assert!(carried(&twice).unwrap().contains("amount"));
    }
}
