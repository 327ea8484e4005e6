//! Producing CMS SignedData (DER), attached or detached, and adding a signer to an
//! existing one (NCANode's `cms/sign/add`).

use chrono::{DateTime, Utc};

use super::algorithms;
use super::ber;
use super::parse::SignedData;
use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::oid::{
    ATTR_CONTENT_TYPE, ATTR_MESSAGE_DIGEST, ATTR_SIGNING_CERTIFICATE_V2, ATTR_SIGNING_TIME,
    ATTR_TIME_STAMP_TOKEN, ID_DATA, ID_SIGNED_DATA,
};
use crate::signature::{self, HashAlgorithm, SignatureAlgorithm, SignatureCheck};

/// A private key that signs. The keys module (PKCS#8 / PKCS#12), a token or an HSM
/// implements it; the CMS code never sees the key.
pub trait Signer {
    /// The algorithm [`Signer::sign`] produces (RSA PKCS#1 v1.5, RSASSA-PSS, ECDSA with
    /// DER signatures ...). Its hash is also the CMS digest algorithm.
    fn signature_algorithm(&self) -> SignatureAlgorithm;
    /// Sign `msg` (the message itself: the signer hashes it).
    fn sign(&self, msg: &[u8]) -> Result<Vec<u8>>;
}

/// A signature that does not verify with the certificate's key would make a document no one
/// can verify, naming a certificate whose key did not sign: refused (a key / certificate
/// mix-up), and so is one the library cannot check with that key. Every signer of the
/// library (CMS, XML, WS-Security) and the service's JWT checks what it made with this
/// (review 52 found the XML signers without it).
pub(crate) fn refuse_foreign_key(
    cert: &Certificate,
    alg: &SignatureAlgorithm,
    msg: &[u8],
    signature: &[u8],
) -> Result<()> {
    match signature::verify(cert.public_key(), alg, msg, signature) {
        SignatureCheck::Valid => Ok(()),
        SignatureCheck::Invalid => Err(Error::Unsupported(format!(
            "the signature produced ({alg}) does not verify with the public key of \"{}\": the signing key does not belong to this certificate",
            cert.subject()
        ))),
        // A key the library cannot verify with (review 53): nothing shows the signing key
        // is the certificate's, and no verifier of the library would accept what is made.
        SignatureCheck::Unsupported(why) => Err(Error::Unsupported(format!(
            "the signature produced ({alg}) cannot be checked with the public key of \"{}\" ({why}): the signing key is not shown to belong to this certificate",
            cert.subject()
        ))),
    }
}

/// Who signs and how.
#[derive(Clone, Copy, Debug)]
pub struct SignRequest<'a> {
    /// The signer's certificate (must hold the public key of the [`Signer`]).
    pub certificate: &'a Certificate,
    /// Further certificates to include (the issuing CA, ...). The signer's own
    /// certificate is always included.
    pub chain: &'a [Certificate],
    /// The signingTime attribute. Passed in: the library never reads the clock.
    pub signing_time: DateTime<Utc>,
    /// Detached (no eContent)? Ignored by [`SignedData::add_signer`], which keeps the
    /// form of the SignedData it extends.
    pub detached: bool,
}

impl<'a> SignRequest<'a> {
    /// Attached, no chain.
    pub fn new(certificate: &'a Certificate, signing_time: DateTime<Utc>) -> SignRequest<'a> {
        SignRequest {
            certificate,
            chain: &[],
            signing_time,
            detached: false,
        }
    }
    /// Include these certificates too.
    pub fn with_chain(mut self, chain: &'a [Certificate]) -> Self {
        self.chain = chain;
        self
    }
    /// Produce a detached signature.
    pub fn detached(mut self, detached: bool) -> Self {
        self.detached = detached;
        self
    }
}

fn attribute(oid: &str, value: Vec<u8>) -> Vec<u8> {
    ber::sequence(&[&ber::oid(oid), &ber::set_of(vec![value])])
}

/// SigningCertificateV2 with one ESSCertIDv2: SHA-256 (the default, so no
/// AlgorithmIdentifier), certHash, issuerSerial.
fn signing_certificate_v2(cert: &Certificate) -> Vec<u8> {
    let hash = HashAlgorithm::Sha256.digest(cert.der());
    let cert_id = ber::sequence(&[&ber::octet_string(&hash), &issuer_serial(cert)]);
    ber::sequence(&[&ber::sequence(&[&cert_id])])
}

/// The IssuerSerial naming `cert` (RFC 5035: its issuer as a directoryName, its serial),
/// as ESS signingCertificateV2 and XAdES's IssuerSerialV2 carry it.
pub(crate) fn issuer_serial(cert: &Certificate) -> Vec<u8> {
    let general_names = ber::sequence(&[&ber::der(0xA4, cert.issuer().der())]);
    ber::sequence(&[&general_names, &ber::integer_content(cert.serial())])
}

/// Build one SignerInfo over `content`; returns it and its digest AlgorithmIdentifier.
fn signer_info(
    content: &[u8],
    content_type: &str,
    request: &SignRequest<'_>,
    signer: &dyn Signer,
) -> Result<(Vec<u8>, Vec<u8>)> {
    signer_info_with(content, content_type, request, signer, true)
}

/// [`signer_info`], with or without the signingTime attribute.
fn signer_info_with(
    content: &[u8],
    content_type: &str,
    request: &SignRequest<'_>,
    signer: &dyn Signer,
    signing_time: bool,
) -> Result<(Vec<u8>, Vec<u8>)> {
    let alg = signer.signature_algorithm();
    let (hash, digest_id, signature_id) = algorithms::identifiers_for_signing(&alg)?;
    let cert = request.certificate;
    let mut attrs = vec![attribute(ATTR_CONTENT_TYPE, ber::oid(content_type))];
    if signing_time {
        attrs.push(attribute(
            ATTR_SIGNING_TIME,
            crate::time::encode(request.signing_time),
        ));
    }
    attrs.push(attribute(
        ATTR_MESSAGE_DIGEST,
        ber::octet_string(&hash.digest(content)),
    ));
    attrs.push(attribute(
        ATTR_SIGNING_CERTIFICATE_V2,
        signing_certificate_v2(cert),
    ));
    let signed = ber::set_of(attrs);
    let signature = signer.sign(&signed)?;
    refuse_foreign_key(cert, &alg, &signed, &signature)?;
    let mut implicit = signed;
    implicit[0] = 0xA0;
    let sid = ber::sequence(&[cert.issuer().der(), &ber::integer_content(cert.serial())]);
    let si = ber::sequence(&[
        &ber::small_integer(1),
        &sid,
        &digest_id,
        &implicit,
        &signature_id,
        &ber::octet_string(&signature),
    ]);
    Ok((si, digest_id))
}

struct Parts<'a> {
    version: u32,
    digest_ids: Vec<Vec<u8>>,
    content_type: &'a str,
    content: Option<&'a [u8]>,
    certificates: Vec<Vec<u8>>,
    crls: Vec<Vec<u8>>,
    signer_infos: Vec<Vec<u8>>,
}

fn encode(p: Parts<'_>) -> Vec<u8> {
    let eci = match p.content {
        Some(c) => ber::sequence(&[
            &ber::oid(p.content_type),
            &ber::der(0xA0, &ber::octet_string(c)),
        ]),
        None => ber::sequence(&[&ber::oid(p.content_type)]),
    };
    let mut fields = vec![
        ber::small_integer(p.version),
        ber::set_of(p.digest_ids),
        eci,
    ];
    if !p.certificates.is_empty() {
        fields.push(ber::der(0xA0, &ber::sorted_concat(p.certificates)));
    }
    if !p.crls.is_empty() {
        fields.push(ber::der(0xA1, &ber::sorted_concat(p.crls)));
    }
    fields.push(ber::set_of(p.signer_infos));
    let sd = ber::der(0x30, &fields.concat());
    ber::sequence(&[&ber::oid(ID_SIGNED_DATA), &ber::der(0xA0, &sd)])
}

fn push_unique(list: &mut Vec<Vec<u8>>, item: &[u8]) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_vec());
    }
}

fn check_size(content: &[u8]) -> Result<()> {
    if content.len() > super::limits::MAX_CMS_INPUT_LEN {
        return Err(Error::TooLarge {
            what: "content to sign",
            len: content.len(),
            limit: super::limits::MAX_CMS_INPUT_LEN,
        });
    }
    Ok(())
}

/// Sign `content`: a DER ContentInfo holding SignedData (id-data; attached unless
/// `request.detached`), with signed attributes contentType, signingTime, messageDigest and
/// signingCertificateV2 (SHA-256), the signer's certificate and `request.chain`, and a
/// SignerInfo identified by issuerAndSerialNumber.
pub fn sign(content: &[u8], request: &SignRequest<'_>, signer: &dyn Signer) -> Result<Vec<u8>> {
    sign_inner(content, request, signer, true)
}

#[cfg(feature = "pdf-sign")]
/// [`sign`], detached, without the signingTime attribute: the CMS of a PAdES B-B
/// signature (ETSI EN 319 142-1 6.3: the claimed time is the signature dictionary's `/M`).
pub(crate) fn sign_without_signing_time(
    content: &[u8],
    request: &SignRequest<'_>,
    signer: &dyn Signer,
) -> Result<Vec<u8>> {
    sign_inner(content, &(*request).detached(true), signer, false)
}

fn sign_inner(
    content: &[u8],
    request: &SignRequest<'_>,
    signer: &dyn Signer,
    signing_time: bool,
) -> Result<Vec<u8>> {
    check_size(content)?;
    let (si, digest_id) = signer_info_with(content, ID_DATA, request, signer, signing_time)?;
    let mut certificates = Vec::new();
    push_unique(&mut certificates, request.certificate.der());
    for c in request.chain {
        push_unique(&mut certificates, c.der());
    }
    Ok(encode(Parts {
        version: 1,
        digest_ids: vec![digest_id],
        content_type: ID_DATA,
        content: (!request.detached).then_some(content),
        certificates,
        crls: Vec::new(),
        signer_infos: vec![si],
    }))
}

impl SignedData {
    /// Add a signer: a new SignerInfo over the same content (the encapsulated one, or
    /// `detached_content` for a detached SignedData), certificates merged, the existing
    /// SignerInfos kept as they are. Returns the new SignedData, DER. The existing
    /// signatures are not verified here.
    ///
    /// A detached SignedData does not carry its content, so the content given must be
    /// shown to be the one the existing signers signed: otherwise the new signature would
    /// cover other octets than theirs, a "co-signature" no verifier can accept whole. Each
    /// existing SignerInfo's messageDigest must equal the digest of `detached_content`
    /// under that SignerInfo's digest algorithm; a SignerInfo without signed attributes
    /// (whose signature alone binds the content: telling would mean finding its certificate
    /// and verifying it), or whose digest cannot be trusted to tell (SHA-1, an unknown
    /// algorithm, a malformed messageDigest), is refused as unprovable.
    pub fn add_signer(
        &self,
        detached_content: Option<&[u8]>,
        request: &SignRequest<'_>,
        signer: &dyn Signer,
    ) -> Result<Vec<u8>> {
        let content: &[u8] =
            match (&self.content, detached_content) {
                (Some(c), None) => c,
                (Some(c), Some(d)) if **c == *d => c,
                (Some(_), Some(_)) => return Err(Error::Unsupported(
                    "adding a signer: the content supplied differs from the encapsulated content"
                        .into(),
                )),
                (None, Some(d)) => {
                    self.check_detached_content(d)?;
                    d
                }
                (None, None) => {
                    return Err(Error::Unsupported(
                        "adding a signer to a detached SignedData needs its content".into(),
                    ))
                }
            };
        check_size(content)?;
        let (si, digest_id) = signer_info(content, &self.content_type, request, signer)?;
        let mut digest_ids: Vec<Vec<u8>> = self
            .digest_algorithms
            .iter()
            .map(|a| a.der.clone())
            .collect();
        let new_oid = algorithms::identifiers_for_signing(&signer.signature_algorithm())?
            .0
            .oid();
        if !self.digest_algorithms.iter().any(|a| a.oid == new_oid) {
            digest_ids.push(digest_id);
        }
        let mut certificates = self.certificate_choices.clone();
        push_unique(&mut certificates, request.certificate.der());
        for c in request.chain {
            push_unique(&mut certificates, c.der());
        }
        let mut signer_infos = self.signer_infos();
        signer_infos.push(si);
        Ok(encode(Parts {
            version: self.version.max(1),
            digest_ids,
            content_type: &self.content_type,
            content: self.content.as_deref(),
            certificates,
            crls: self.crls.clone(),
            signer_infos,
        }))
    }
}

impl SignedData {
    /// This SignedData without its encapsulated content: a detached signature over the same
    /// content, DER (the certificates, CRLs and SignerInfos kept as they are; nothing signed
    /// changes, since a signature covers the content's octets, not where they are carried).
    /// A detached SignedData is returned re-encoded.
    pub fn detach(&self) -> Vec<u8> {
        self.reencoded(None, self.signer_infos())
    }

    /// This SignedData carrying `content` as its encapsulated content, DER. For a detached
    /// SignedData the content must be shown to be what every SignerInfo signed, by its
    /// messageDigest, as [`SignedData::add_signer`] demands (a SignerInfo without signed
    /// attributes, or whose digest cannot tell, is refused as unprovable): a CMS that
    /// carries other octets than its signers signed is not made. An attached SignedData
    /// takes only its own content.
    pub fn attach(&self, content: &[u8]) -> Result<Vec<u8>> {
        match &self.content {
            Some(c) if **c == *content => {}
            Some(_) => {
                return Err(Error::Unsupported(
                    "attaching content: the SignedData already carries other content".into(),
                ))
            }
            None => self.check_detached_content(content)?,
        }
        Ok(self.reencoded(Some(content), self.signer_infos()))
    }

    /// This SignedData's SignerInfos, DER as carried.
    fn signer_infos(&self) -> Vec<Vec<u8>> {
        self.signers.iter().map(|s| s.encoding().to_vec()).collect()
    }

    /// The SignedData with `content` as its encapsulated content (or none) and
    /// `signer_infos`, the rest as carried.
    fn reencoded(&self, content: Option<&[u8]>, signer_infos: Vec<Vec<u8>>) -> Vec<u8> {
        encode(Parts {
            version: self.version,
            digest_ids: self
                .digest_algorithms
                .iter()
                .map(|a| a.der.clone())
                .collect(),
            content_type: &self.content_type,
            content,
            certificates: self.certificate_choices.clone(),
            crls: self.crls.clone(),
            signer_infos,
        })
    }

    /// Is `content` what every existing SignerInfo signed, by its messageDigest? `Err`
    /// names the first SignerInfo for which that is not shown (the reasons at
    /// [`SignedData::add_signer`]). Bounded: the content is hashed once per distinct digest
    /// algorithm, whatever the number of signers.
    fn check_detached_content(&self, content: &[u8]) -> Result<()> {
        check_size(content)?;
        let refuse = |i: usize, why: String| {
            Err(Error::Unsupported(format!(
                "a detached SignedData: the content given is not shown to be what SignerInfo #{i} signed: {why}"
            )))
        };
        let mut digests: Vec<(HashAlgorithm, Vec<u8>)> = Vec::new();
        for (i, si) in self.signers.iter().enumerate() {
            let Some(attrs) = si.signed_attributes() else {
                return refuse(
                    i,
                    "it has no signed attributes, so no messageDigest to compare (its signature alone binds the content)".into(),
                );
            };
            let carried = match super::attribute_checks::carried_message_digest(attrs) {
                Ok(d) => d,
                Err((_, why)) => return refuse(i, why),
            };
            let h = match si.digest_hash() {
                Ok(h) => h,
                Err(why) => return refuse(i, why.to_string()),
            };
            if let Err(why) = algorithms::hash_acceptable(h) {
                return refuse(i, why);
            }
            if !digests.iter().any(|(a, _)| *a == h) {
                digests.push((h, h.digest(content)));
            }
            if !digests.iter().any(|(a, d)| *a == h && *d == carried) {
                return refuse(
                    i,
                    format!(
                        "its messageDigest differs from the {} digest of the content given",
                        h.name()
                    ),
                );
            }
        }
        Ok(())
    }

    /// Add an RFC 3161 time-stamp token to SignerInfo number `signer_index` as the
    /// unsigned attribute id-aa-timeStampToken (CAdES-T): the token must time-stamp that
    /// signer's signature value (its messageImprint the digest of the signature's octets).
    /// The other unsigned attributes are kept, and the SignedData is re-encoded as DER
    /// (nothing signed changes: unsigned attributes are outside every signature). The
    /// token itself is not verified here ([`crate::tsp::TimeStampToken::verify`]).
    pub fn add_timestamp_token(&self, signer_index: usize, token: &[u8]) -> Result<Vec<u8>> {
        const W: &str = "CMS SignerInfo";
        let si = self.signers.get(signer_index).ok_or_else(|| {
            Error::Unsupported(format!(
                "adding a time-stamp token: there is no SignerInfo #{signer_index} ({} signer(s))",
                self.signers.len()
            ))
        })?;
        let token = crate::tsp::TimeStampToken::from_ber(token)?;
        let imprint = token.tst_info().message_imprint();
        let h = imprint.hash().map_err(|r| {
            Error::Unsupported(format!(
                "adding a time-stamp token: its messageImprint: {r}"
            ))
        })?;
        if h.digest(si.signature()) != imprint.hashed_message() {
            return Err(Error::Unsupported(format!(
                "adding a time-stamp token: its messageImprint is not the {} digest of the signature value of SignerInfo #{signer_index}: it time-stamps something else",
                h.name()
            )));
        }
        let encoding = ber::Tlv::read_exact(si.encoding(), W)?;
        let mut fields: Vec<Vec<u8>> = Vec::new();
        let mut unsigned: Vec<Vec<u8>> = Vec::new();
        for part in encoding.children_vec(7, W)? {
            if part.is_context(1) && part.constructed {
                for attr in part.children_vec(super::limits::MAX_ATTRIBUTES, W)? {
                    unsigned.push(attr.to_definite()?.into_owned());
                }
            } else {
                fields.push(part.to_definite()?.into_owned());
            }
        }
        if unsigned.len() >= super::limits::MAX_ATTRIBUTES {
            return Err(Error::TooMany {
                what: "unsigned attributes",
                limit: super::limits::MAX_ATTRIBUTES,
            });
        }
        unsigned.push(attribute(ATTR_TIME_STAMP_TOKEN, token.der().to_vec()));
        fields.push(ber::der(0xA1, &ber::sorted_concat(unsigned)));
        let new_si = ber::der(0x30, &fields.concat());
        let signer_infos = self
            .signers
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if i == signer_index {
                    new_si.clone()
                } else {
                    s.encoding().to_vec()
                }
            })
            .collect();
        Ok(self.reencoded(self.content.as_deref(), signer_infos))
    }
}
