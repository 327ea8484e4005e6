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
    // responseExtensions [1]: the nonce is read (a client checks it echoes its request's);
    // the others (the NCA's own) are not needed to judge a status, unless critical: a
    // critical one not processed leaves the response proving nothing.
    let (nonce, unprocessed_critical) = match t.read_optional(0xA1, "responseExtensions")? {
        Some(exts) => response_extensions(exts)?,
        None => (None, None),
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
        unprocessed_critical,
    })
}

/// Most extensions read in one list (responseExtensions, one SingleResponse's
/// singleExtensions).
const MAX_EXTENSIONS: usize = 32;

/// id-pkix-ocsp-nonce (1.3.6.1.5.5.7.48.1.2).
pub(crate) const OID_NONCE: &str = "1.3.6.1.5.5.7.48.1.2";

/// id-ce-invalidityDate (2.5.29.24): a CRL entry extension (RFC 5280 §5.3.2), a
/// singleExtension in OCSP (RFC 6960 §4.4).
const OID_INVALIDITY_DATE: &str = "2.5.29.24";

/// One Extension: its extnID (dotted), critical flag and extnValue octets.
struct Extension<'a> {
    id: String,
    critical: bool,
    value: &'a [u8],
}

/// The Extensions of `[n] EXPLICIT Extensions`, at most [`MAX_EXTENSIONS`].
fn read_extensions<'a>(explicit: Tlv<'a>, what: &'static str) -> Result<Vec<Extension<'a>>> {
    let mut outer = explicit.inner();
    let list = outer.expect(TAG_SEQUENCE, what)?;
    outer.finish(what)?;
    let mut l = list.inner();
    let mut out = Vec::new();
    while !l.is_empty() {
        if out.len() >= MAX_EXTENSIONS {
            return Err(Error::TooMany {
                what,
                limit: MAX_EXTENSIONS,
            });
        }
        let mut e = l.expect(TAG_SEQUENCE, what)?.inner();
        let id = oid(e.expect(TAG_OID, what)?)?;
        // Read as CRL entry extensions are: any non-zero octet is TRUE.
        let critical = match e.read_optional(TAG_BOOLEAN, what)? {
            None => false,
            Some(b) => match b.content {
                [v] => *v != 0,
                _ => {
                    return Err(malformed(format!(
                        "{what}: the critical flag is not a one-octet BOOLEAN"
                    )))
                }
            },
        };
        let value = e.expect(TAG_OCTET_STRING, what)?.content;
        e.finish(what)?;
        out.push(Extension {
            id,
            critical,
            value,
        });
    }
    Ok(out)
}

/// responseExtensions: the nonce's extnValue octets, and the first critical extension
/// this library does not process (any but the nonce).
fn response_extensions(explicit: Tlv<'_>) -> Result<(Option<Vec<u8>>, Option<String>)> {
    const W: &str = "responseExtensions";
    let mut nonce = None;
    let mut unprocessed = None;
    for e in read_extensions(explicit, W)? {
        if e.id == OID_NONCE {
            if nonce.is_some() {
                return Err(Error::MalformedDer {
                    what: W,
                    reason: "two nonces".into(),
                });
            }
            nonce = Some(e.value.to_vec());
        } else if e.critical && unprocessed.is_none() {
            unprocessed = Some(e.id);
        }
    }
    Ok((nonce, unprocessed))
}

/// singleExtensions: the invalidityDate, and the first critical extension this library
/// does not process (any but invalidityDate).
fn single_extensions(explicit: Tlv<'_>) -> Result<(Option<DateTime<Utc>>, Option<String>)> {
    const W: &str = "singleExtensions";
    let mut invalidity_date = None;
    let mut unprocessed = None;
    for e in read_extensions(explicit, W)? {
        if e.id == OID_INVALIDITY_DATE {
            if invalidity_date.is_some() {
                return Err(malformed("two invalidityDate singleExtensions"));
            }
            let mut v = Reader::named(e.value, WHAT);
            let t = v.expect(TAG_GENERALIZED_TIME, "invalidityDate")?;
            v.finish("invalidityDate")?;
            invalidity_date = Some(time(t, "invalidityDate")?);
        } else if e.critical && unprocessed.is_none() {
            unprocessed = Some(e.id);
        }
    }
    Ok((invalidity_date, unprocessed))
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
    let (invalidity_date, unprocessed_critical) = match r.read_optional(0xA1, "singleExtensions")? {
        Some(exts) => single_extensions(exts)?,
        None => (None, None),
    };
    r.finish("SingleResponse")?;
    Ok(SingleResponse {
        cert_id,
        status,
        this_update,
        next_update,
        invalidity_date,
        unprocessed_critical,
    })
}

#[cfg(test)]
mod tests {
    //! singleExtensions and responseExtensions: the invalidityDate read, a critical
    //! extension not processed leaving the response proving nothing, a non-critical one
    //! ignored.

    use super::*;

    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let n = content.len();
        let mut out = vec![tag];
        if n < 0x80 {
            out.push(n as u8);
        } else if n < 0x100 {
            out.extend([0x81, n as u8]);
        } else {
            out.extend([0x82, (n >> 8) as u8, n as u8]);
        }
        out.extend_from_slice(content);
        out
    }

    fn seq(parts: &[&[u8]]) -> Vec<u8> {
        tlv(TAG_SEQUENCE, &parts.concat())
    }

    fn gen_time(t: &str) -> Vec<u8> {
        tlv(TAG_GENERALIZED_TIME, t.as_bytes())
    }

    /// An Extension; `critical` as the BOOLEAN's content octets, when present.
    fn ext(oid: &[u8], critical: Option<&[u8]>, value: &[u8]) -> Vec<u8> {
        let mut parts = tlv(TAG_OID, oid);
        if let Some(c) = critical {
            parts.extend(tlv(TAG_BOOLEAN, c));
        }
        parts.extend(tlv(TAG_OCTET_STRING, value));
        tlv(TAG_SEQUENCE, &parts)
    }

    const OID_INVALIDITY: &[u8] = &[0x55, 0x1d, 0x18];
    const OID_UNKNOWN: &[u8] = &[0x2a, 0x03, 0x04];
    const OID_NONCE_DER: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02];
    const CRITICAL: Option<&[u8]> = Some(&[0xff]);

    fn invalidity(t: &str) -> Vec<u8> {
        ext(OID_INVALIDITY, None, &gen_time(t))
    }

    fn pki(name: &str) -> Certificate {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-vectors/pki")
            .join(name);
        Certificate::from_input(&std::fs::read(path).unwrap()).unwrap()
    }

    /// A SingleResponse about `serial` of `issuer` (SHA-256 CertID): revoked for
    /// keyCompromise since 2026-11-25 (or good), thisUpdate 2026-11-26, these
    /// singleExtensions.
    fn single(issuer: &Certificate, serial: &[u8], revoked: bool, exts: &[Vec<u8>]) -> Vec<u8> {
        let h = HashAlgorithm::Sha256;
        let cert_id = seq(&[
            &seq(&[
                &tlv(
                    TAG_OID,
                    &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01],
                ),
                &[0x05, 0x00],
            ]),
            &tlv(TAG_OCTET_STRING, &h.digest(issuer.subject().der())),
            &tlv(TAG_OCTET_STRING, &h.digest(issuer.public_key().key_bytes())),
            &tlv(0x02, serial),
        ]);
        let status = if revoked {
            tlv(
                0xA1,
                &[gen_time("20261125000000Z"), tlv(0xA0, &[0x0A, 0x01, 0x01])].concat(),
            )
        } else {
            vec![0x80, 0x00]
        };
        let mut parts = vec![cert_id, status, gen_time("20261126000000Z")];
        if !exts.is_empty() {
            parts.push(tlv(0xA1, &tlv(TAG_SEQUENCE, &exts.concat())));
        }
        tlv(TAG_SEQUENCE, &parts.concat())
    }

    /// An OCSPResponse (successful, basic, ResponderID byKey, unsigned: a zero
    /// signature) with these SingleResponses and responseExtensions.
    fn response(singles: &[Vec<u8>], response_exts: &[Vec<u8>]) -> Vec<u8> {
        let mut tbs = vec![
            tlv(0xA2, &tlv(TAG_OCTET_STRING, &[0x11; 20])),
            gen_time("20261126000000Z"),
            tlv(TAG_SEQUENCE, &singles.concat()),
        ];
        if !response_exts.is_empty() {
            tbs.push(tlv(0xA1, &tlv(TAG_SEQUENCE, &response_exts.concat())));
        }
        let sha256_rsa = seq(&[
            &tlv(
                TAG_OID,
                &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b],
            ),
            &[0x05, 0x00],
        ]);
        let basic = seq(&[
            &tlv(TAG_SEQUENCE, &tbs.concat()),
            &sha256_rsa,
            &tlv(TAG_BIT_STRING, &[0x00; 257]),
        ]);
        seq(&[
            &[0x0A, 0x01, 0x00],
            &tlv(
                0xA0,
                &seq(&[
                    &tlv(
                        TAG_OID,
                        &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01],
                    ),
                    &tlv(TAG_OCTET_STRING, &basic),
                ]),
            ),
        ])
    }

    fn at() -> DateTime<Utc> {
        "2026-11-23T00:00:00Z".parse().unwrap()
    }

    /// The check of `individual_sign.cer` at 2026-11-23 by a response with these
    /// singleExtensions (on its one SingleResponse) and responseExtensions.
    fn judge(single_exts: &[Vec<u8>], response_exts: &[Vec<u8>]) -> OcspCheck {
        let issuer = pki("nca_rsa.cer");
        let cert = pki("individual_sign.cer");
        let der = response(
            &[single(&issuer, cert.serial(), false, single_exts)],
            response_exts,
        );
        OcspResponse::from_der(&der).unwrap().check_certificate(
            &issuer,
            &cert,
            at(),
            &OcspPolicy::default(),
        )
    }

    fn reason(c: &OcspCheck) -> &str {
        match c.status() {
            OcspStatus::Indeterminate { reason } => reason,
            other => panic!("not indeterminate: {other:?}"),
        }
    }

    #[test]
    fn the_invalidity_date_is_read() {
        let issuer = pki("nca_rsa.cer");
        let s = single(&issuer, &[0x01], true, &[invalidity("20261101000000Z")]);
        let r = OcspResponse::from_der(&response(&[s], &[])).unwrap();
        let single = &r.responses()[0];
        let nov =
            |d: u32| -> DateTime<Utc> { format!("2026-11-{d:02}T00:00:00Z").parse().unwrap() };
        assert_eq!(single.invalidity_date, Some(nov(1)));
        assert_eq!(single.unprocessed_critical, None);
        // A revocation counts from the earlier of revocationTime and invalidityDate.
        assert_eq!(single.revoked_from(), Some(nov(1)));
        assert_eq!(single.permanent_since(), Some(nov(1)));
        // A later invalidityDate changes nothing; critical, it is still understood.
        let s = single_with(
            &issuer,
            &[ext(OID_INVALIDITY, CRITICAL, &gen_time("20261130000000Z"))],
        );
        let r = OcspResponse::from_der(&response(&[s], &[])).unwrap();
        let single = &r.responses()[0];
        assert_eq!(single.invalidity_date, Some(nov(30)));
        assert_eq!(single.unprocessed_critical, None);
        assert_eq!(single.revoked_from(), Some(nov(25)));
        // None: the revocationTime.
        let s = single_with(&issuer, &[]);
        let r = OcspResponse::from_der(&response(&[s], &[])).unwrap();
        assert_eq!(r.responses()[0].invalidity_date, None);
        assert_eq!(r.responses()[0].revoked_from(), Some(nov(25)));
    }

    fn single_with(issuer: &Certificate, exts: &[Vec<u8>]) -> Vec<u8> {
        single(issuer, &[0x01], true, exts)
    }

    #[test]
    fn a_malformed_invalidity_date_or_extension_is_an_error() {
        let issuer = pki("nca_rsa.cer");
        let bad = [
            // Twice.
            vec![invalidity("20261101000000Z"), invalidity("20261102000000Z")],
            // A UTCTime, trailing data, an invalid time.
            vec![ext(OID_INVALIDITY, None, &tlv(0x17, b"261101000000Z"))],
            vec![ext(
                OID_INVALIDITY,
                None,
                &[gen_time("20261101000000Z"), vec![0]].concat(),
            )],
            vec![ext(OID_INVALIDITY, None, &gen_time("20261341000000Z"))],
            // A critical flag of two octets; data after the extnValue.
            vec![ext(OID_UNKNOWN, Some(&[0xff, 0xff]), &[0x05, 0x00])],
            vec![tlv(
                TAG_SEQUENCE,
                &[
                    tlv(TAG_OID, OID_UNKNOWN),
                    tlv(TAG_OCTET_STRING, &[]),
                    vec![0x05, 0x00],
                ]
                .concat(),
            )],
        ];
        for exts in bad {
            let der = response(&[single_with(&issuer, &exts)], &[]);
            assert!(OcspResponse::from_der(&der).is_err(), "{exts:02x?}");
        }
        // More than MAX_EXTENSIONS.
        let many = vec![ext(OID_UNKNOWN, None, &[]); MAX_EXTENSIONS + 1];
        let der = response(&[single_with(&issuer, &many)], &[]);
        assert!(matches!(
            OcspResponse::from_der(&der),
            Err(Error::TooMany { .. })
        ));
        let der = response(&[single_with(&issuer, &[])], &many);
        assert!(matches!(
            OcspResponse::from_der(&der),
            Err(Error::TooMany { .. })
        ));
    }

    #[test]
    fn a_critical_extension_not_processed_proves_nothing() {
        // Without: the check goes on to the signer (not carried here).
        let plain = judge(&[], &[]);
        assert!(reason(&plain).contains("does not carry"), "{plain:?}");
        // A critical unknown singleExtension.
        let c = judge(&[ext(OID_UNKNOWN, CRITICAL, &[0x05, 0x00])], &[]);
        assert!(reason(&c).contains("critical extension 1.2.3.4"), "{c:?}");
        assert!(c.responder().is_none() && c.revocation().is_none() && c.stale_hold.is_none());
        // A critical unknown responseExtension.
        let c = judge(&[], &[ext(OID_UNKNOWN, CRITICAL, &[0x05, 0x00])]);
        assert!(reason(&c).contains("critical extension 1.2.3.4"), "{c:?}");
        // The nonce is processed in responseExtensions (critical or not), not as a
        // singleExtension.
        let nonce = ext(OID_NONCE_DER, CRITICAL, &tlv(TAG_OCTET_STRING, &[7; 16]));
        let c = judge(&[], std::slice::from_ref(&nonce));
        assert!(reason(&c).contains("does not carry"), "{c:?}");
        let c = judge(std::slice::from_ref(&nonce), &[]);
        assert!(
            reason(&c).contains("critical extension 1.3.6.1.5.5.7.48.1.2"),
            "{c:?}"
        );
        // One of several SingleResponses about the certificate is enough.
        let issuer = pki("nca_rsa.cer");
        let cert = pki("individual_sign.cer");
        let der = response(
            &[
                single(&issuer, cert.serial(), false, &[]),
                single(
                    &issuer,
                    cert.serial(),
                    true,
                    &[ext(OID_UNKNOWN, CRITICAL, &[])],
                ),
            ],
            &[],
        );
        let c = OcspResponse::from_der(&der).unwrap().check_certificate(
            &issuer,
            &cert,
            at(),
            &OcspPolicy::default(),
        );
        assert!(reason(&c).contains("critical extension 1.2.3.4"), "{c:?}");
    }

    #[test]
    fn a_non_critical_extension_not_processed_is_ignored() {
        for flag in [None, Some(&[0x00][..])] {
            let unknown = ext(OID_UNKNOWN, flag, &[0x05, 0x00]);
            for (single_exts, response_exts) in [
                (vec![unknown.clone()], vec![]),
                (vec![], vec![unknown.clone()]),
            ] {
                let c = judge(&single_exts, &response_exts);
                assert!(reason(&c).contains("does not carry"), "{c:?}");
            }
        }
        let issuer = pki("nca_rsa.cer");
        let s = single_with(&issuer, &[ext(OID_UNKNOWN, None, &[])]);
        let r = OcspResponse::from_der(&response(&[s], &[ext(OID_UNKNOWN, None, &[])])).unwrap();
        assert_eq!(r.responses()[0].unprocessed_critical, None);
        assert_eq!(r.basic.as_ref().unwrap().unprocessed_critical, None);
    }
}
