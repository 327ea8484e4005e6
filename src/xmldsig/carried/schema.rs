//! The schema of a Signature's structure: each element of XMLDSig 1.0 and XAdES 1.3.2
//! (with 1.4.1's unsigned additions) the verifier knows, the elements it may hold and
//! whether it holds text ([`holds`]), and what it holds once at most ([`ONCE`]).

use crate::xmldsig::xades::XADES_NS as XA;
use crate::xmldsig::{DSIG_NS as DS, WSSE_NS as WSSE};

/// XAdES 1.4.1's namespace: its elements extend a 1.3.2 UnsignedSignatureProperties.
pub(super) const XA141: &str = "http://uri.etsi.org/01903/v1.4.1#";
/// Exclusive C14N's namespace: its InclusiveNamespaces stands in a Transform or a
/// CanonicalizationMethod.
const EC: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";

/// An element by namespace and local name.
pub(super) type Name = (&'static str, &'static str);

/// What an element of a Signature's subtree may hold: the elements its schema puts below
/// it (each by name: review 87 found XAdES names accepted under any XAdES parent, a
/// SignedProperties with a forged SigningTime in the unsigned ones), and whether text.
/// Only what the verifier reads or what XMLDSig and XAdES define as a value: an `any`
/// content (a SignatureProperty's, an UnsignedDataObjectProperty's, a CounterSignature's
/// Signature, an XSLT Transform's) is content of the signer's choosing or the attacker's.
#[derive(Clone, Copy)]
pub(super) struct Holds {
    pub(super) elements: &'static [Name],
    pub(super) text: bool,
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
pub(super) const ONCE: [Name; 16] = [
    (DS, "SignatureValue"),
    (DS, "KeyInfo"),
    (DS, "KeyValue"),
    // Review 90: a second serial or issuer after the signer's (a JAXB client keeps the
    // last); likewise a digest's parts, a Cert's, an RSA key's.
    (DS, "X509IssuerName"),
    (DS, "X509SerialNumber"),
    (DS, "DigestMethod"),
    (DS, "DigestValue"),
    (DS, "Modulus"),
    (DS, "Exponent"),
    (XA, "CertDigest"),
    (XA, "IssuerSerial"),
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
pub(super) fn holds(ns: &str, local: &str) -> Option<Holds> {
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
