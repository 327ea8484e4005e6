//! Revocation evidence about the test PKI's `individual_sign.cer` (issued by
//! `nca_rsa.cer`), made by the tests: CRLs of the CA (with distribution points and scopes)
//! and OCSP responses of its delegated responder, and the verifier and verdict helpers the
//! revocation rule tests share (`revocation_rules.rs`, `ocsp_server_review.rs`,
//! `rereview*.rs`).

use qoltanba::keys::SigningKey;
use qoltanba::revocation::OcspResponse;
use qoltanba::Judged as _;
use qoltanba::{Certificate, CheckName, Expectation, Outcome, Overall, Verdict, Verifier};

use super::forge::{self, gen_time, int, seq, tlv, Ca, CrlSpec, Tbs};
use super::{pki, time};

pub const KEY_COMPROMISE: u8 = 1;
pub const HOLD: u8 = 6;
/// The time judged unless a test says otherwise.
pub const AT: &str = "2026-11-23T00:00:00Z";
/// When a time-stamped time is checked.
pub const CHECKED: &str = "2026-11-30T00:00:00Z";

/// The time judged, given.
pub fn at_t() -> Expectation {
    Expectation::at(time(AT))
}

/// The time judged, proven by a signature time-stamp, checked at [`CHECKED`].
pub fn stamped() -> Expectation {
    let mut e = at_t();
    e.time_source = qoltanba::TimeSource::TimeStamp {
        checked_at: time(CHECKED),
    };
    e
}

// --- material ---------------------------------------------------------------------------

pub fn cert(name: &str) -> Certificate {
    Certificate::from_input(&std::fs::read(pki(name)).unwrap()).unwrap()
}

pub fn key(name: &str) -> SigningKey {
    SigningKey::from_pkcs8(&std::fs::read(pki(name)).unwrap(), None).unwrap()
}

/// The CA that issued the target.
pub fn ca() -> Certificate {
    cert("nca_rsa.cer")
}

pub fn target() -> Certificate {
    cert("individual_sign.cer")
}

pub fn serial() -> Vec<u8> {
    target().serial().to_vec()
}

/// Root trusted, nca_rsa offered, the root's CRL, these CRLs and OCSP responses.
pub fn verifier(crls: &[Vec<u8>], responses: &[Vec<u8>]) -> Verifier {
    verifier_with(crls, responses, &[])
}

/// [`verifier`], with `extra` offered as intermediates (CRL signers, re-issues).
pub fn verifier_with(crls: &[Vec<u8>], responses: &[Vec<u8>], extra: &[Certificate]) -> Verifier {
    super::rsa_verifier_with_crls(crls, |mut b| {
        for c in extra {
            b = b.intermediate(c.clone()).unwrap();
        }
        for r in responses {
            b = b.ocsp(OcspResponse::from_der(r).unwrap()).unwrap();
        }
        b
    })
}

/// The verdict of `cert` under `e` with these CRLs, responses and `extra` intermediates:
/// overall, and the revocation check's reason.
pub fn judge_extra(
    cert: &Certificate,
    crls: &[Vec<u8>],
    responses: &[Vec<u8>],
    extra: &[Certificate],
    e: &Expectation,
) -> (Overall, String) {
    let v = verifier_with(crls, responses, extra).check_certificate(cert, e);
    let (_, why) = revocation(&v);
    (v.overall(), why)
}

pub fn revocation(v: &Verdict) -> (Outcome, String) {
    let c = v
        .checks()
        .iter()
        .find(|c| c.name() == CheckName::Revocation)
        .unwrap();
    (c.outcome(), c.reason().to_string())
}

/// The verdict of `cert` at `at` with these CRLs and responses: overall, revocation.
pub fn judge(
    cert: &Certificate,
    crls: &[Vec<u8>],
    responses: &[Vec<u8>],
    at: &str,
) -> (Overall, Outcome, String) {
    judge_with(cert, crls, responses, Expectation::at(time(at)))
}

pub fn judge_with(
    cert: &Certificate,
    crls: &[Vec<u8>],
    responses: &[Vec<u8>],
    e: Expectation,
) -> (Overall, Outcome, String) {
    let v = verifier(crls, responses).check_certificate(cert, &e);
    let (o, why) = revocation(&v);
    (v.overall(), o, why)
}

/// A complete CRL of the CA, `entries` listing the target (revocation date, reason).
pub fn crl(number: u8, this: &str, next: &str, entries: &[(&str, u8)]) -> Vec<u8> {
    Ca::nca_rsa().crl(&spec(number, this, next, entries))
}

pub fn spec(number: u8, this: &str, next: &str, entries: &[(&str, u8)]) -> CrlSpec {
    CrlSpec::complete(number, this, next).entries(
        entries
            .iter()
            .map(|(date, r)| forge::crl_entry(&serial(), date, &[forge::reason(*r)]))
            .collect(),
    )
}

// --- distribution points ------------------------------------------------------------------

pub const OID_CDP: &[u8] = &[0x55, 0x1d, 0x1f];
pub const OID_IDP: &[u8] = &[0x55, 0x1d, 0x1c];

/// A DistributionPointName fullName of one URI, as `[0] { [0] { [6] uri } }`.
pub fn dp_name(uri: &str) -> Vec<u8> {
    tlv(0xA0, &tlv(0xA0, &tlv(0x86, uri.as_bytes())))
}

/// `individual_sign.cer` re-issued by the CA with cRLDistributionPoints of one
/// DistributionPoint per URI (in this order).
pub fn with_dps(uris: &[&str]) -> Certificate {
    let template = target().der().to_vec();
    let der = Ca::nca_rsa().reissue(&template, |t: &mut Tbs| {
        let list = forge::children(&t.extensions)[0].to_vec();
        let dps: Vec<Vec<u8>> = uris.iter().map(|u| seq(&[&dp_name(u)])).collect();
        let cdp = forge::ext(OID_CDP, false, &tlv(0x30, &dps.concat()));
        let exts: Vec<Vec<u8>> = forge::children(&list)
            .into_iter()
            .map(|e| {
                if forge::content(forge::children(e)[0]) == OID_CDP {
                    cdp.clone()
                } else {
                    e.to_vec()
                }
            })
            .collect();
        t.extensions = tlv(0xA3, &tlv(0x30, &exts.concat()));
    });
    let c = Certificate::from_der(&der).unwrap();
    assert_eq!(c.crl_distribution_points().len(), uris.len());
    c
}

/// A complete CRL of the CA whose issuingDistributionPoint names `uri` (and, when given,
/// onlySomeReasons: the ReasonFlags BIT STRING content).
pub fn scoped_crl(uri: &str, reasons: Option<&[u8]>, spec: CrlSpec) -> Vec<u8> {
    let mut spec = spec;
    let mut idp = dp_name(uri);
    if let Some(r) = reasons {
        idp.extend(tlv(0x83, r));
    }
    spec.extensions
        .push(forge::ext(OID_IDP, true, &tlv(0x30, &idp)));
    Ca::nca_rsa().crl(&spec)
}

pub const DP_A: &str = "http://a.qoltanba.invalid/nca_rsa.crl";
pub const DP_B: &str = "http://b.qoltanba.invalid/nca_rsa.crl";

// --- OCSP ---------------------------------------------------------------------------------

pub const OID_SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
pub const OID_OCSP_BASIC: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01];

pub fn good() -> Vec<u8> {
    vec![0x80, 0x00]
}

pub fn revoked(since: &str, reason: Option<u8>) -> Vec<u8> {
    let mut info = gen_time(since);
    if let Some(r) = reason {
        info.extend(tlv(0xA0, &[0x0A, 0x01, r]));
    }
    tlv(0xA1, &info)
}

/// RFC 6960 §2.2's "non-issued": revoked, certificateHold, since 1970-01-01.
pub fn non_issued() -> Vec<u8> {
    revoked("19700101000000Z", Some(HOLD))
}

pub fn single(
    serial: &[u8],
    status: &[u8],
    this_update: &str,
    next_update: Option<&str>,
) -> Vec<u8> {
    single_of(
        &cert("nca_rsa.cer"),
        serial,
        status,
        this_update,
        next_update,
    )
}

/// A SingleResponse about `serial` of `issuer` (SHA-256 CertID).
pub fn single_of(
    issuer: &Certificate,
    serial: &[u8],
    status: &[u8],
    this_update: &str,
    next_update: Option<&str>,
) -> Vec<u8> {
    use sha2::Digest as _;
    let cert_id = seq(&[
        &seq(&[&tlv(0x06, OID_SHA256), &[0x05, 0x00]]),
        &tlv(0x04, &sha2::Sha256::digest(issuer.subject().der())),
        &tlv(0x04, &sha2::Sha256::digest(issuer.public_key().key_bytes())),
        &int(serial),
    ]);
    let mut parts = vec![cert_id, status.to_vec(), gen_time(this_update)];
    if let Some(n) = next_update {
        parts.push(tlv(0xA0, &gen_time(n)));
    }
    tlv(0x30, &parts.concat())
}

/// An OCSPResponse (successful, basic) with ResponderID byName `responder_name` (a raw
/// Name), produced at `produced_at`, these SingleResponses, signed by `key`, carrying
/// `certs`.
pub fn response(
    responder_name: &[u8],
    key: &SigningKey,
    produced_at: &str,
    singles: &[Vec<u8>],
    certs: &[Vec<u8>],
) -> Vec<u8> {
    let tbs = seq(&[
        &tlv(0xA1, responder_name),
        &gen_time(produced_at),
        &tlv(0x30, &singles.concat()),
    ]);
    let mut bits = vec![0u8];
    bits.extend(key.sign(&tbs).unwrap());
    let mut basic = vec![tbs, forge::sha256_rsa(), tlv(0x03, &bits)];
    if !certs.is_empty() {
        basic.push(tlv(0xA0, &tlv(0x30, &certs.concat())));
    }
    let basic = tlv(0x30, &basic.concat());
    seq(&[
        &[0x0A, 0x01, 0x00],
        &tlv(
            0xA0,
            &seq(&[&tlv(0x06, OID_OCSP_BASIC), &tlv(0x04, &basic)]),
        ),
    ])
}

/// A response of the test PKI's delegated responder (carried), produced at `produced_at`.
pub fn by_responder(produced_at: &str, singles: &[Vec<u8>]) -> Vec<u8> {
    let r = cert("ocsp_responder.cer");
    response(
        r.subject().der(),
        &key("ocsp_responder.key.pem"),
        produced_at,
        singles,
        &[r.der().to_vec()],
    )
}

/// A response produced (and thisUpdate) at `this_update`, nextUpdate `next_update`, with
/// `status` for the target.
pub fn ocsp(status: &[u8], this_update: &str, next_update: Option<&str>) -> Vec<u8> {
    by_responder(
        this_update,
        &[single(&serial(), status, this_update, next_update)],
    )
}

/// A response signed by the issuer itself (ResponderID byName, key `issuer_key`), about
/// `serial` of `issuer`, produced at its thisUpdate.
pub fn by_issuer(
    issuer: &Certificate,
    issuer_key: &str,
    serial: &[u8],
    status: &[u8],
    this_update: &str,
    next_update: Option<&str>,
) -> Vec<u8> {
    response(
        issuer.subject().der(),
        &key(issuer_key),
        this_update,
        &[single_of(issuer, serial, status, this_update, next_update)],
        &[],
    )
}

/// The expectation of a time `at` claimed by the signer, checked at `checked_at`.
pub fn claimed(at: &str, checked_at: &str) -> Expectation {
    let mut e = Expectation::at(time(at));
    e.time_source = qoltanba::TimeSource::Claimed {
        checked_at: time(checked_at),
    };
    e
}

// --- shared by the review files (rereview5-10) -----------------------------------------------

/// An entry for the target: revocation date (UTCTime), reason.
pub fn entry(date: &str, reason: u8) -> Vec<u8> {
    forge::crl_entry(&serial(), date, &[forge::reason(reason)])
}

/// A delta CRL of the CA over complete CRL `base`, numbered `number`, with these entries.
pub fn delta(number: u8, base: u8, this: &str, next: &str, entries: Vec<Vec<u8>>) -> Vec<u8> {
    Ca::nca_rsa().crl(&CrlSpec::delta(number, base, this, next).entries(entries))
}

/// A removeFromCRL entry for the target.
pub fn removal(date: &str) -> Vec<u8> {
    entry(date, 8)
}

/// The target's verdicts (and reasons) under `e` for every order of `crls`, and with the
/// first given twice (reviews 80 and 81).
pub fn verdicts_in_any_order(crls: &[Vec<u8>], e: &Expectation) -> Vec<(Overall, String)> {
    let mut out = every_order(&target(), crls, &[], e);
    let mut dup = crls.to_vec();
    dup.push(crls[0].clone());
    let (o, _, why) = judge_with(&target(), &dup, &[], e.clone());
    out.push((o, why));
    out
}

/// Every verdict of [`verdicts_in_any_order`] is `want`.
pub fn all_are(crls: &[Vec<u8>], e: &Expectation, want: Overall) {
    for (o, why) in verdicts_in_any_order(crls, e) {
        assert_eq!(o, want, "{why}");
    }
}

/// The CA's complete CRL #10 (11-01..2027-05-01, fresh all along): omits the target.
pub fn base10() -> Vec<u8> {
    crl(10, "261101000000Z", "270501000000Z", &[])
}

/// The CA as a forger: its name and certificate, the end entity's key.
pub fn forger() -> Ca {
    Ca {
        cert: cert("nca_rsa.cer").der().to_vec(),
        key: key("individual_sign.key.pem"),
    }
}

/// The root as a CA whose key the tests hold.
pub fn root() -> Ca {
    Ca {
        cert: cert("root.cer").der().to_vec(),
        key: key("root.key.pem"),
    }
}

/// A SingleResponse about the target with these singleExtensions appended.
pub fn single_with_extensions(
    status: &[u8],
    this_update: &str,
    next_update: Option<&str>,
    extensions: &[Vec<u8>],
) -> Vec<u8> {
    let s = single(&serial(), status, this_update, next_update);
    let mut content = forge::content(&s).to_vec();
    content.extend(tlv(0xA1, &tlv(0x30, &extensions.concat())));
    tlv(0x30, &content)
}

/// Every order of `items` (Heap's algorithm); a handful of items only.
pub fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    fn heap<T: Clone>(k: usize, a: &mut Vec<T>, out: &mut Vec<Vec<T>>) {
        if k <= 1 {
            out.push(a.clone());
            return;
        }
        for i in 0..k {
            heap(k - 1, a, out);
            if k.is_multiple_of(2) {
                a.swap(i, k - 1);
            } else {
                a.swap(0, k - 1);
            }
        }
    }
    let mut a = items.to_vec();
    let mut out = Vec::new();
    heap(a.len(), &mut a, &mut out);
    out
}

/// The overall verdicts of `cert` for every order of the CRLs and of the responses.
pub fn every_order(
    cert: &Certificate,
    crls: &[Vec<u8>],
    responses: &[Vec<u8>],
    e: &Expectation,
) -> Vec<(Overall, String)> {
    let mut out = Vec::new();
    for c in permutations(crls) {
        for r in permutations(responses) {
            let (o, _, why) = judge_with(cert, &c, &r, e.clone());
            out.push((o, why));
        }
    }
    out
}

/// `at`, given, time-stamped (checked at `checked`) or claimed (checked at `checked`).
pub fn judged_at(at: &str, checked: Option<&str>, claim: bool) -> Expectation {
    let mut e = Expectation::at(time(at));
    if let Some(c) = checked {
        let checked_at = time(c);
        e.time_source = if claim {
            qoltanba::TimeSource::Claimed { checked_at }
        } else {
            qoltanba::TimeSource::TimeStamp { checked_at }
        };
    }
    e
}

/// Given at [`AT`], time-stamped at [`AT`] (checked then), claimed 11-10 (checked at [`AT`]).
pub fn given_stamped_claimed() -> [(&'static str, Expectation); 3] {
    [
        ("given", judged_at(AT, None, false)),
        ("time-stamped", judged_at(AT, Some(AT), false)),
        ("claimed", judged_at("2026-11-10T00:00:00Z", Some(AT), true)),
    ]
}

/// Every order of `crls` judged for `cert` under `e` (with `extra` offered): the distinct
/// verdicts, one reason each.
pub fn distinct_verdicts(
    cert: &Certificate,
    crls: &[Vec<u8>],
    extra: &[Certificate],
    e: &Expectation,
) -> Vec<(Overall, String)> {
    let mut seen: Vec<(Overall, String)> = Vec::new();
    for c in permutations(crls) {
        let (o, why) = judge_extra(cert, &c, &[], extra, e);
        if !seen.iter().any(|(s, _)| *s == o) {
            seen.push((o, why));
        }
    }
    seen
}

/// The verdicts of `crls` for `cert` (every order, `extra` offered) other than `want[i]`
/// under [`given_stamped_claimed`]`()[i]` (`None`: anything but VALID), each described.
pub fn unexpected(
    cert: &Certificate,
    crls: &[Vec<u8>],
    extra: &[Certificate],
    want: [Option<Overall>; 3],
) -> Vec<String> {
    let mut bad = Vec::new();
    for ((what, e), w) in given_stamped_claimed().iter().zip(want) {
        for (o, why) in distinct_verdicts(cert, crls, extra, e) {
            let ok = match w {
                Some(w) => o == w,
                None => o != Overall::Valid,
            };
            if !ok {
                bad.push(format!("{what}: {o:?} (want {w:?}): {why}"));
            }
        }
    }
    bad
}

/// Every verdict of `crls` for `cert` is as [`unexpected`] wants.
pub fn expect_verdicts(
    cert: &Certificate,
    crls: &[Vec<u8>],
    extra: &[Certificate],
    want: [Option<Overall>; 3],
) {
    let bad = unexpected(cert, crls, extra, want);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The claimed time of these tests: 11-10, checked 11-23.
pub fn claim() -> Expectation {
    claimed("2026-11-10T00:00:00Z", AT)
}

/// A critical entry extension the library does not process (OID 1.2.3.4).
pub fn unknown_critical() -> Vec<u8> {
    forge::ext(&[0x2a, 0x03, 0x04], true, &[0x05, 0x00])
}

/// An entry for `serial` since `date` for keyCompromise, with a critical entry extension
/// the library does not process: the CRL that carries it cannot be interpreted.
pub fn unreadable_compromise(serial: &[u8], date: &str) -> Vec<u8> {
    forge::crl_entry(
        serial,
        date,
        &[forge::reason(KEY_COMPROMISE), unknown_critical()],
    )
}

/// The CA's complete CRL #11 (11-22T08:00..11-24), signed by the CA, listing the target
/// for keyCompromise since 11-21 with an unprocessed critical entry extension: the CA's
/// newest word on the certificate, unreadable (rereview5/b07e984: Indeterminate).
pub fn unreadable11() -> Vec<u8> {
    Ca::nca_rsa().crl(
        &CrlSpec::complete(11, "261122080000Z", "261124000000Z")
            .entries(vec![unreadable_compromise(&serial(), "261121000000Z")]),
    )
}

/// An entry for `serial` since `date` for `reason`.
pub fn entry_for(serial: &[u8], date: &str, reason: u8) -> Vec<u8> {
    forge::crl_entry(serial, date, &[forge::reason(reason)])
}

/// A root CRL numbered `number` (`this`..2027-01-01) with these entries.
pub fn root_crl(number: u8, this: &str, entries: Vec<Vec<u8>>) -> Vec<u8> {
    root().crl(&CrlSpec::complete(number, this, "270101000000Z").entries(entries))
}

/// The CA's CRL #10 (11-20..12-20, fresh at the time judged) listing the target on hold
/// since 11-19.
pub fn ca_hold() -> Vec<u8> {
    crl(
        10,
        "261120000000Z",
        "261220000000Z",
        &[("261119000000Z", HOLD)],
    )
}

/// A Name of one commonName.
pub fn cn_name(cn: &str) -> Vec<u8> {
    seq(&[&tlv(
        0x31,
        &seq(&[&forge::oid("2.5.4.3"), &tlv(0x0c, cn.as_bytes())]),
    )])
}

/// A CA certificate made from `nca_rsa.cer` (cA, pathLen 0, keyCertSign and cRLSign),
/// issued by `issuer`, with this serial, subject, and the key of the test PKI's `key_of`
/// (`key_of.cer`, `key_of.key.pem`); `edit` applied last; and it as a CA whose key the
/// tests hold.
pub fn ca_made(
    issuer: &Ca,
    serial: &[u8],
    subject: Option<Vec<u8>>,
    key_of: &str,
    edit: impl FnOnce(&mut Tbs),
) -> (Certificate, Ca) {
    let holder = cert(&format!("{key_of}.cer"));
    let der = issuer.reissue(cert("nca_rsa.cer").der(), |t| {
        t.serial = int(serial);
        if let Some(s) = subject {
            t.subject = s;
        }
        t.spki = Tbs::of(holder.der()).spki;
        edit(t);
    });
    let c = Certificate::from_der(&der).unwrap();
    (
        c,
        Ca {
            cert: der,
            key: key(&format!("{key_of}.key.pem")),
        },
    )
}

// --- the claimed-time hold sequences of reviews 81, 82 and 84 -----------------------------

/// The CA's complete CRL #9 (11-03 .. 11-05) listing the target on hold since 11-02.
pub fn crl9_on_hold() -> Vec<u8> {
    crl(
        9,
        "261103000000Z",
        "261105000000Z",
        &[("261102000000Z", HOLD)],
    )
}

/// The CA's complete CRL #9 (11-03 .. 2027-05-01) listing the target on hold since 11-02.
pub fn crl9_on_hold_long() -> Vec<u8> {
    crl(
        9,
        "261103000000Z",
        "270501000000Z",
        &[("261102000000Z", HOLD)],
    )
}

/// The CA's complete CRL #10 (11-06 .. 2027-05-01, before the claim of 11-10) omitting the
/// target.
pub fn crl10_omitting() -> Vec<u8> {
    crl(10, "261106000000Z", "270501000000Z", &[])
}

/// Judged at `at`, given, or proven by a time-stamp checked at [`AT`].
pub fn at_time(at: &str, stamped: bool) -> Expectation {
    let mut e = Expectation::at(time(at));
    if stamped {
        e.time_source = qoltanba::TimeSource::TimeStamp {
            checked_at: time(AT),
        };
    }
    e
}
