//! What a `ds:Signature` carries beyond XMLDSig's own structure. A whole-document
//! signature (`URI=""`, enveloped) leaves every Signature out of what it digests, so an
//! element put inside one (a `ds:Object` of any content, a foreign element in
//! `ds:KeyInfo`) is signed by no one, yet stands in the document a client reads: first in
//! document order, when the Signature is moved to the front. [`super::verified_octets`]
//! never hands it out; a caller that takes the document as sent (NCANode's `/xml/verify`)
//! must know it is there.
//!
//! [`super::verified_octets`]: super::XmlVerdict::verified_octets

use super::dom::{Element, Scope};
use super::reference::IdIndex;
use super::{children, Found, DSIG_NS, MAX_REFERENCES, WSSE_NS};

/// The XAdES namespace the verifier reads (1.3.2): a `QualifyingProperties` of it, a child
/// of a `ds:Object`, may hold its elements, XAdES 1.4.1's and XMLDSig's (review 86: one of
/// a namespace the verifier does not read is content, not structure).
const XADES_NS: &str = "http://uri.etsi.org/01903/v1.3.2#";
/// XAdES 1.4.1's namespace: its elements extend a 1.3.2 UnsignedSignatureProperties.
const XADES141_NS: &str = "http://uri.etsi.org/01903/v1.4.1#";

/// The element names XAdES 1.3.2 (ETSI TS 101 903) defines: another name in its namespace
/// is content of the signer's choosing or the attacker's (review 86).
const XADES_NAMES: &[&str] = &[
    "QualifyingProperties",
    "QualifyingPropertiesReference",
    "SignedProperties",
    "SignedSignatureProperties",
    "SignedDataObjectProperties",
    "UnsignedProperties",
    "UnsignedSignatureProperties",
    "UnsignedDataObjectProperties",
    "UnsignedDataObjectProperty",
    "SigningTime",
    "SigningCertificate",
    "SigningCertificateV2",
    "Cert",
    "CertDigest",
    "IssuerSerial",
    "IssuerSerialV2",
    "SignaturePolicyIdentifier",
    "SignaturePolicyId",
    "SignaturePolicyImplied",
    "SigPolicyId",
    "SigPolicyHash",
    "SigPolicyQualifiers",
    "SigPolicyQualifier",
    "SPURI",
    "SPUserNotice",
    "NoticeRef",
    "Organization",
    "NoticeNumbers",
    "int",
    "ExplicitText",
    "Identifier",
    "Description",
    "DocumentationReferences",
    "DocumentationReference",
    "SignatureProductionPlace",
    "SignatureProductionPlaceV2",
    "City",
    "StreetAddress",
    "StateOrProvince",
    "PostalCode",
    "CountryName",
    "SignerRole",
    "SignerRoleV2",
    "ClaimedRoles",
    "ClaimedRole",
    "CertifiedRoles",
    "CertifiedRole",
    "CertifiedRolesV2",
    "SignedAssertions",
    "SignedAssertion",
    "DataObjectFormat",
    "MimeType",
    "Encoding",
    "ObjectIdentifier",
    "CommitmentTypeIndication",
    "CommitmentTypeId",
    "ObjectReference",
    "AllSignedDataObjects",
    "CommitmentTypeQualifiers",
    "CommitmentTypeQualifier",
    "AllDataObjectsTimeStamp",
    "IndividualDataObjectsTimeStamp",
    "CounterSignature",
    "SignatureTimeStamp",
    "CompleteCertificateRefs",
    "CompleteRevocationRefs",
    "AttributeCertificateRefs",
    "AttributeRevocationRefs",
    "SigAndRefsTimeStamp",
    "RefsOnlyTimeStamp",
    "CertificateValues",
    "RevocationValues",
    "AttrAuthoritiesCertValues",
    "AttributeRevocationValues",
    "ArchiveTimeStamp",
    "EncapsulatedTimeStamp",
    "XMLTimeStamp",
    "Include",
    "ReferenceInfo",
    "EncapsulatedX509Certificate",
    "OtherCertificate",
    "CRLValues",
    "EncapsulatedCRLValue",
    "OCSPValues",
    "EncapsulatedOCSPValue",
    "OtherValues",
    "OtherValue",
    "CertRefs",
    "CRLRefs",
    "CRLRef",
    "DigestAlgAndValue",
    "CRLIdentifier",
    "Issuer",
    "IssueTime",
    "Number",
    "OCSPRefs",
    "OCSPRef",
    "OCSPIdentifier",
    "ResponderID",
    "ByName",
    "ByKey",
    "ProducedAt",
    "OtherRefs",
    "OtherRef",
];

/// The element names XAdES 1.4.1 adds in its own namespace.
const XADES141_NAMES: &[&str] = &[
    "TimeStampValidationData",
    "ArchiveTimeStamp",
    "RenewedDigests",
];

/// The element names XMLDSig 1.0 defines (§4, §5) beside a KeyInfo's ([`KEY_INFO_NAMES`]):
/// a `ds:` element of neither is content of the signer's choosing or the attacker's, not
/// the signature's structure.
const DSIG_NAMES: [&str; 20] = [
    "Signature",
    "SignedInfo",
    "CanonicalizationMethod",
    "SignatureMethod",
    "HMACOutputLength",
    "Reference",
    "Transforms",
    "Transform",
    "XPath",
    "DigestMethod",
    "DigestValue",
    "SignatureValue",
    "KeyInfo",
    "PGPKeyID",
    "PGPKeyPacket",
    "SPKISexp",
    "Object",
    "Manifest",
    "SignatureProperties",
    "SignatureProperty",
];

/// The elements of a `ds:KeyInfo` (XMLDSig 1.0 §4.4): anywhere else in a Signature they
/// are no structure of it.
const KEY_INFO_NAMES: [&str; 25] = [
    "KeyName",
    "KeyValue",
    "DSAKeyValue",
    "P",
    "Q",
    "G",
    "Y",
    "J",
    "Seed",
    "PgenCounter",
    "RSAKeyValue",
    "Modulus",
    "Exponent",
    "RetrievalMethod",
    "X509Data",
    "X509IssuerSerial",
    "X509IssuerName",
    "X509SerialNumber",
    "X509SKI",
    "X509SubjectName",
    "X509Certificate",
    "X509CRL",
    "PGPData",
    "SPKIData",
    "MgmtData",
];

/// The XMLDSig elements XAdES 1.3.2 uses in its properties (digests, issuer serials, a
/// policy's transforms, a time-stamp's canonicalization): no other stands there (review 87).
const XADES_DSIG_NAMES: [&str; 8] = [
    "CanonicalizationMethod",
    "DigestMethod",
    "DigestValue",
    "X509IssuerName",
    "X509SerialNumber",
    "Transforms",
    "Transform",
    "XPath",
];

/// What a KeyInfo's RetrievalMethod holds beside KeyInfo's own elements.
const RETRIEVAL_NAMES: [&str; 3] = ["Transforms", "Transform", "XPath"];

/// The XMLDSig elements whose content is a value (text); text anywhere else in a
/// Signature is content (review 87).
const DSIG_LEAVES: [&str; 24] = [
    "SignatureValue",
    "DigestValue",
    "X509Certificate",
    "X509CRL",
    "X509IssuerName",
    "X509SerialNumber",
    "X509SKI",
    "X509SubjectName",
    "KeyName",
    "MgmtData",
    "XPath",
    "Modulus",
    "Exponent",
    "P",
    "Q",
    "G",
    "Y",
    "J",
    "Seed",
    "PgenCounter",
    "HMACOutputLength",
    "PGPKeyID",
    "PGPKeyPacket",
    "SPKISexp",
];

/// The XAdES 1.3.2 elements whose content is a value (text, or any content).
const XADES_LEAVES: [&str; 33] = [
    "SigningTime",
    "EncapsulatedTimeStamp",
    "EncapsulatedX509Certificate",
    "EncapsulatedCRLValue",
    "EncapsulatedOCSPValue",
    "OtherCertificate",
    "OtherValue",
    "Identifier",
    "Description",
    "SPURI",
    "ExplicitText",
    "Organization",
    "int",
    "City",
    "StreetAddress",
    "StateOrProvince",
    "PostalCode",
    "CountryName",
    "ClaimedRole",
    "CertifiedRole",
    "SignedAssertion",
    "MimeType",
    "Encoding",
    "IssueTime",
    "Number",
    "ProducedAt",
    "ByName",
    "ByKey",
    "IssuerSerialV2",
    "DocumentationReference",
    "XMLTimeStamp",
    "OtherRef",
    "SigPolicyQualifier",
];

/// Where in a Signature the walk stands: which foreign structure is allowed there.
#[derive(Clone, Copy, PartialEq)]
enum Within {
    /// The Signature's own children: a SignatureValue, one KeyInfo, Objects.
    Signature,
    /// XMLDSig's own elements only (not a KeyInfo's, an Object, a Signature).
    Dsig,
    /// A `ds:KeyInfo`: also a WS-Security `SecurityTokenReference` (what the verifier reads
    /// a token by Id from).
    KeyInfo,
    /// A `wsse:SecurityTokenReference`: WS-Security's elements.
    TokenReference,
    /// A `ds:Object`: also a XAdES `QualifyingProperties`.
    Object,
    /// A XAdES `QualifyingProperties`: XAdES's elements and XMLDSig's.
    Xades,
}

/// The first element one of `found` (every signature of the document) carries that no
/// Reference of its own covers and that is not its structure, in words (`None` when each
/// carries only XMLDSig's elements, a WS-Security token reference in its KeyInfo, XAdES
/// QualifyingProperties in a `ds:Object`, and what its References name by Id). Its
/// `ds:SignedInfo` is covered by its SignatureValue. Meaningful for a valid document only:
/// then each Reference by Id named one element, whose digest matched. The walk's depth is
/// the parser's (`dom::limits::MAX_DEPTH`), its length the document's.
pub(super) fn unsigned_content(found: &[Found<'_>], ids: &IdIndex<'_>) -> Option<String> {
    found.iter().find_map(|f| {
        let mut scope = Scope::inside(&f.ancestors);
        scope.within(f.signature, |s| {
            let covered = covered_by_id(f.signature, s, ids);
            let rest: Vec<&Element> = f
                .signature
                .elements()
                .filter(|c| c.expanded_in(s) != (DSIG_NS, "SignedInfo"))
                .collect();
            // One KeyInfo (review 87: a second, first in the document, held another
            // person's certificate).
            let key_infos = rest
                .iter()
                .filter(|c| c.expanded_in(s) == (DSIG_NS, "KeyInfo"))
                .count();
            if key_infos > 1 {
                return Some("a second <ds:KeyInfo>".to_string());
            }
            // Text directly in the Signature is content too.
            if f.signature.text().chars().any(|c| !c.is_whitespace()) {
                return Some(format!("text in <{}>", f.signature.name));
            }
            rest.into_iter()
                .find_map(|c| s.within(c, |s| foreign(c, s, Within::Signature, &covered)))
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

/// The first element at or below `el` (its scope entered) that is neither allowed
/// `within` nor covered, in words.
fn foreign<'d>(
    el: &'d Element,
    scope: &mut Scope<'d>,
    within: Within,
    covered: &[&'d Element],
) -> Option<String> {
    if covered.iter().any(|c| std::ptr::eq(*c, el)) {
        return None;
    }
    let (ns, local) = el.expanded(scope);
    let inner = if ns == DSIG_NS && (DSIG_NAMES.contains(&local) || KEY_INFO_NAMES.contains(&local))
    {
        match (within, local) {
            (Within::Signature, "KeyInfo") => Some(Within::KeyInfo),
            (Within::Signature, "Object") => Some(Within::Object),
            (Within::Signature, "SignatureValue") => Some(Within::Dsig),
            // Review 87: a KeyInfo's elements, an Object or a Signature anywhere but their
            // place (below a Manifest, a SignatureProperty, XAdES properties, a token
            // reference, a KeyInfo) were structure: a certificate there was the document's
            // first ds:X509Certificate.
            (Within::Signature, _) => None,
            (Within::Xades, l) if XADES_DSIG_NAMES.contains(&l) => Some(Within::Xades),
            (Within::Xades | Within::TokenReference, _) => None,
            (Within::KeyInfo, l) if KEY_INFO_NAMES.contains(&l) || RETRIEVAL_NAMES.contains(&l) => {
                Some(Within::KeyInfo)
            }
            (Within::KeyInfo, _) => None,
            (_, l) if KEY_INFO_NAMES.contains(&l) => None,
            (_, "KeyInfo" | "Object" | "Signature" | "SignedInfo") => None,
            // In an Object, XMLDSig's own content only: a Manifest, SignatureProperties.
            (Within::Object, "Manifest" | "SignatureProperties") => Some(Within::Dsig),
            (Within::Object, _) => None,
            _ => Some(Within::Dsig),
        }
    } else {
        match within {
            Within::KeyInfo if (ns, local) == (WSSE_NS, "SecurityTokenReference") => {
                Some(Within::TokenReference)
            }
            Within::TokenReference if ns == WSSE_NS => Some(Within::TokenReference),
            Within::Object if (ns, local) == (XADES_NS, "QualifyingProperties") => {
                Some(Within::Xades)
            }
            Within::Xades
                if (ns == XADES_NS && XADES_NAMES.contains(&local))
                    || (ns == XADES141_NS && XADES141_NAMES.contains(&local)) =>
            {
                Some(Within::Xades)
            }
            _ => None,
        }
    };
    let Some(inner) = inner else {
        return Some(if ns.is_empty() {
            format!("<{}> (no namespace)", el.name)
        } else {
            format!("<{}> (namespace {ns})", el.name)
        });
    };
    // Text is content wherever the schema holds none (review 87: text in XAdES unsigned
    // properties, in a ds:X509Data, after SignedInfo), as base64 text in a ds:Object is
    // XMLDSig's own way to carry a document (review 86).
    let leaf = (ns == DSIG_NS && DSIG_LEAVES.contains(&local))
        || (ns == XADES_NS && XADES_LEAVES.contains(&local))
        || ns == WSSE_NS;
    if !leaf && el.text().chars().any(|c| !c.is_whitespace()) {
        return Some(format!("text in <{}>", el.name));
    }
    el.elements()
        .find_map(|c| scope.within(c, |s| foreign(c, s, inner, covered)))
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
            "<ds:Signature>{SIGNED_INFO}<ds:KeyInfo><wsse:SecurityTokenReference xmlns:wsse=\"{WSSE_NS}\"><wsse:Reference URI=\"#t\"/></wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature>"
        );
        assert_eq!(carried(&token), None);
        let referenced = format!(
            "<ds:Signature>{SIGNED_INFO}<ds:Object><amount Id=\"props\">1000000</amount></ds:Object></ds:Signature>"
        );
        assert_eq!(carried(&referenced), None);
    }

    /// Content no Reference names, wherever in the Signature: an Object's, a foreign
    /// element in KeyInfo or in XAdES properties, a `ds:` element XMLDSig does not define.
    #[test]
    fn a_signature_carrying_unsigned_elements_is_found_out() {
        for inner in [
            "<ds:Object><amount>1000000</amount></ds:Object>".to_string(),
            "<ds:Object><ds:Manifest><amount>1</amount></ds:Manifest></ds:Object>".to_string(),
            "<ds:KeyInfo><amount>1000000</amount></ds:KeyInfo>".to_string(),
            format!("<ds:KeyInfo><wsse:SecurityTokenReference xmlns:wsse=\"{WSSE_NS}\"><amount/></wsse:SecurityTokenReference></ds:KeyInfo>"),
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
