//! Reading the DER of a BasicOCSPResponse: ResponseData, SingleResponses, the
//! certificates it carries. Nothing here is trusted: [`super::OcspResponse::check`]
//! proves it.

use super::*;

pub(super) fn oid(t: Tlv<'_>) -> Result<String> {
    crate::ber::oid_to_string(t.content).ok_or_else(|| malformed("invalid OBJECT IDENTIFIER"))
}

fn time(t: Tlv<'_>, what: &str) -> Result<DateTime<Utc>> {
    if t.tag != TAG_GENERALIZED_TIME {
        return Err(malformed(format!("{what} is not a GeneralizedTime")));
    }
    // Read as CRL times are (DER, or what x509-parser read), GeneralizedTime only.
    let time = crate::time::parse(t.tag, t.content, crate::time::Leniency::X509Parser)
        .ok_or_else(|| malformed(format!("{what}: invalid time")))?;
    timestamp(time.secs)
}

/// BasicOCSPResponse, from the responseBytes' OCTET STRING.
pub(super) fn read_basic(octets: Tlv<'_>) -> Result<Basic> {
    let mut r = octets.inner();
    let basic = r.expect(TAG_SEQUENCE, "BasicOCSPResponse")?;
    r.finish("BasicOCSPResponse")?;
    let mut b = basic.inner();
    let tbs = b.expect(TAG_SEQUENCE, "tbsResponseData")?;
    let alg = b.expect(TAG_SEQUENCE, "signatureAlgorithm")?;
    let signature_algorithm = match crate::signature::read_algorithm_identifier(alg, WHAT) {
        Ok((oid, params)) => SignatureAlgorithm::from_parts(&oid, params),
        Err(_) => {
            return Err(malformed(
                "signatureAlgorithm is not an AlgorithmIdentifier",
            ))
        }
    };
    let sig = b.expect(TAG_BIT_STRING, "signature")?;
    let signature = match sig.content.split_first() {
        Some((0, bits)) => bits.to_vec(),
        _ => return Err(malformed("the signature BIT STRING has unused bits")),
    };
    let mut certs = Vec::new();
    if let Some(list) = b.read_optional(0xA0, "certs")? {
        let mut outer = list.inner();
        let seq = outer.expect(TAG_SEQUENCE, "certs")?;
        outer.finish("certs")?;
        let mut c = seq.inner();
        while !c.is_empty() {
            if certs.len() >= limits::MAX_CERTS {
                return Err(Error::TooMany {
                    what: "certificates in an OCSP response",
                    limit: limits::MAX_CERTS,
                });
            }
            certs.push(Certificate::from_der(c.read("certificate")?.raw)?);
        }
    }
    b.finish("BasicOCSPResponse")?;

    // ResponseData.
    let mut t = tbs.inner();
    if let Some(v) = t.read_optional(0xA0, "version")? {
        let mut v = v.inner();
        let n = crate::der::expect_der_integer(&mut v, "version")?;
        if n.content != [0] {
            return Err(Error::Unsupported(
                "OCSP ResponseData version other than v1".into(),
            ));
        }
        v.finish("version")?;
    }
    let responder = match t.peek_tag() {
        Some(0xA1) => {
            let by_name = t.read("responderID")?;
            let mut n = by_name.inner();
            let name = n.expect(TAG_SEQUENCE, "responderID byName")?;
            n.finish("responderID")?;
            ResponderId::ByName(Name::from_der(name.raw)?)
        }
        Some(0xA2) => {
            let by_key = t.read("responderID")?;
            let mut k = by_key.inner();
            let hash = k.expect(TAG_OCTET_STRING, "responderID byKey")?;
            k.finish("responderID")?;
            ResponderId::ByKey(hash.content.to_vec())
        }
        _ => return Err(malformed("responderID is neither byName nor byKey")),
    };
    let produced_at = time(t.expect(TAG_GENERALIZED_TIME, "producedAt")?, "producedAt")?;
    let list = t.expect(TAG_SEQUENCE, "responses")?;
    let mut responses = Vec::new();
    let mut l = list.inner();
    while !l.is_empty() {
        if responses.len() >= limits::MAX_SINGLE_RESPONSES {
            return Err(Error::TooMany {
                what: "SingleResponses in an OCSP response",
                limit: limits::MAX_SINGLE_RESPONSES,
            });
        }
        responses.push(read_single(l.expect(TAG_SEQUENCE, "SingleResponse")?)?);
    }
    // responseExtensions [1]: only the nonce is read (a client checks it echoes its
    // request's); the others (the NCA's own) are not needed to judge a status.
    let nonce = match t.read_optional(0xA1, "responseExtensions")? {
        Some(exts) => response_nonce(exts)?,
        None => None,
    };
    t.finish("ResponseData")?;
    Ok(Basic {
        tbs: tbs.start..tbs.end(),
        responder,
        produced_at,
        responses,
        signature_algorithm,
        signature,
        certs,
        nonce,
    })
}

/// Most responseExtensions read.
const MAX_RESPONSE_EXTENSIONS: usize = 32;

/// id-pkix-ocsp-nonce (1.3.6.1.5.5.7.48.1.2).
pub(crate) const OID_NONCE: &str = "1.3.6.1.5.5.7.48.1.2";

/// The extnValue octets of the nonce extension among `[1] EXPLICIT Extensions`.
fn response_nonce(explicit: Tlv<'_>) -> Result<Option<Vec<u8>>> {
    const W: &str = "responseExtensions";
    let mut outer = explicit.inner();
    let list = outer.expect(TAG_SEQUENCE, W)?;
    outer.finish(W)?;
    let mut l = list.inner();
    let mut nonce = None;
    let mut count = 0;
    while !l.is_empty() {
        count += 1;
        if count > MAX_RESPONSE_EXTENSIONS {
            return Err(Error::TooMany {
                what: "responseExtensions",
                limit: MAX_RESPONSE_EXTENSIONS,
            });
        }
        let mut e = l.expect(TAG_SEQUENCE, W)?.inner();
        let id = oid(e.expect(TAG_OID, W)?)?;
        e.read_optional(TAG_BOOLEAN, W)?;
        let value = e.expect(TAG_OCTET_STRING, W)?.content;
        e.finish(W)?;
        if id == OID_NONCE {
            if nonce.is_some() {
                return Err(Error::MalformedDer {
                    what: W,
                    reason: "two nonces".into(),
                });
            }
            nonce = Some(value.to_vec());
        }
    }
    Ok(nonce)
}

fn read_single(s: Tlv<'_>) -> Result<SingleResponse> {
    let mut r = s.inner();
    let id = r.expect(TAG_SEQUENCE, "certID")?;
    let mut c = id.inner();
    let alg = c.expect(TAG_SEQUENCE, "hashAlgorithm")?;
    let hash_oid = oid(alg.inner().expect(TAG_OID, "hashAlgorithm")?)?;
    let cert_id = CertId {
        hash_oid,
        issuer_name_hash: c
            .expect(TAG_OCTET_STRING, "issuerNameHash")?
            .content
            .to_vec(),
        issuer_key_hash: c
            .expect(TAG_OCTET_STRING, "issuerKeyHash")?
            .content
            .to_vec(),
        // DER: one serial number, one encoding (compared through `serial_key` anyway).
        serial: crate::der::expect_der_integer(&mut c, "serialNumber")?
            .content
            .to_vec(),
    };
    c.finish("CertID")?;
    let status = match r.peek_tag() {
        Some(0x80) => {
            r.read("certStatus good")?;
            ResponderStatus::Good
        }
        Some(0xA1) => {
            let info = r.read("certStatus revoked")?;
            let mut i = info.inner();
            let time = time(
                i.expect(TAG_GENERALIZED_TIME, "revocationTime")?,
                "revocationTime",
            )?;
            let reason = match i.read_optional(0xA0, "revocationReason")? {
                None => None,
                Some(t) => {
                    let mut e = t.inner();
                    let code = e.expect(0x0A, "revocationReason")?;
                    e.finish("revocationReason")?;
                    match code.content {
                        [c] => Some(RevocationReason::from_code(*c).ok_or_else(|| {
                            malformed(format!("revocationReason {c} is not a CRLReason"))
                        })?),
                        _ => return Err(malformed("revocationReason is not one octet")),
                    }
                }
            };
            i.finish("RevokedInfo")?;
            ResponderStatus::Revoked { time, reason }
        }
        Some(0x82) => {
            r.read("certStatus unknown")?;
            ResponderStatus::Unknown
        }
        _ => return Err(malformed("certStatus is neither good, revoked nor unknown")),
    };
    let this_update = time(r.expect(TAG_GENERALIZED_TIME, "thisUpdate")?, "thisUpdate")?;
    let next_update = match r.read_optional(0xA0, "nextUpdate")? {
        None => None,
        Some(t) => {
            let mut n = t.inner();
            let v = time(n.expect(TAG_GENERALIZED_TIME, "nextUpdate")?, "nextUpdate")?;
            n.finish("nextUpdate")?;
            Some(v)
        }
    };
    r.read_optional(0xA1, "singleExtensions")?;
    r.finish("SingleResponse")?;
    Ok(SingleResponse {
        cert_id,
        status,
        this_update,
        next_update,
    })
}
