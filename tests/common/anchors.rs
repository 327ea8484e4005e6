//! What the reviews of a trust anchor's own revocation (56, 58-65) share: the issuing CA
//! of the test PKI, verifiers with the root trusted and more anchors beside it, a second
//! self-signed root ("bridge") and its cross-certificate of the issuing CA, CRLs listing
//! the target, junk CA certificates anyone can mint, the three times a verdict is asked
//! at, and a verdict written out for a failure's message.

use super::evidence as ev;
use super::forge::{self, int, CrlSpec, Tbs};
use super::pki;
use qoltanba::revocation::{Crl, OcspResponse};
use qoltanba::{Certificate, Expectation, Judged as _, Limits, Overall, Verifier, VerifierBuilder};

/// The issuing CA (`nca_rsa.cer`).
pub fn nca() -> Certificate {
    ev::cert("nca_rsa.cer")
}

/// The issuing CA's serial.
pub fn nca_serial() -> Vec<u8> {
    nca().serial().to_vec()
}

/// The issuing CA's current CRL (#100), DER.
pub fn nca_current() -> Vec<u8> {
    std::fs::read(pki("nca_rsa_current.crl")).unwrap()
}

/// A verdict and its checks, one a line.
pub fn describe(v: &impl qoltanba::Judged) -> String {
    let mut s = format!("{:?}", v.overall());
    for c in v.checks() {
        s += &format!("\n  {:?} {:?} {}", c.name(), c.outcome(), c.reason());
    }
    s
}

/// The root trusted, then `anchors` trusted too; `intermediates` offered; the issuing
/// CA's current CRL, these CRLs and OCSP responses.
pub fn with_nca_crl(
    anchors: &[Certificate],
    intermediates: &[Certificate],
    crls: &[Vec<u8>],
    responses: &[Vec<u8>],
) -> VerifierBuilder {
    let mut b = Verifier::builder()
        .crl_path(pki("nca_rsa_current.crl"))
        .unwrap();
    b = with(b, anchors, intermediates, crls);
    for r in responses {
        b = b.ocsp(OcspResponse::from_der(r).unwrap()).unwrap();
    }
    b
}

/// The root and `anchors` trusted; `intermediates` offered; an empty root CRL (fresh)
/// and these CRLs.
pub fn with_root_crl(
    anchors: &[Certificate],
    intermediates: &[Certificate],
    crls: &[Vec<u8>],
) -> VerifierBuilder {
    let root_crl = ev::root_crl(20, "261101000000Z", vec![]);
    let mut all = vec![root_crl];
    all.extend(crls.iter().cloned());
    with(Verifier::builder(), anchors, intermediates, &all)
}

fn with(
    b: VerifierBuilder,
    anchors: &[Certificate],
    intermediates: &[Certificate],
    crls: &[Vec<u8>],
) -> VerifierBuilder {
    let mut b = b.trust_path(pki("root.cer")).unwrap();
    for a in anchors {
        b = b.trust(a.clone()).unwrap();
    }
    for i in intermediates {
        b = b.intermediate(i.clone()).unwrap();
    }
    for c in crls {
        b = b.crl(Crl::from_der(c.clone()).unwrap()).unwrap();
    }
    b
}

/// A second root named `name`, self-signed with the key of `legal_sign`, serial
/// `[review, 0x0b]`.
pub fn bridge(name: &str, review: u8) -> forge::Ca {
    let name = ev::cn_name(name);
    let legal = ev::cert("legal_sign.cer");
    let signer = forge::Ca {
        cert: ev::cert("root.cer").der().to_vec(),
        key: ev::key("legal_sign.key.pem"),
    };
    let der = signer.reissue(ev::cert("root.cer").der(), |t| {
        t.serial = int(&[review, 0x0b]);
        t.subject = name.clone();
        t.issuer = name.clone();
        t.spki = Tbs::of(legal.der()).spki;
    });
    forge::Ca {
        cert: der,
        key: ev::key("legal_sign.key.pem"),
    }
}

/// The bridge's cross-certificate of the issuing CA (same name and key), serial
/// `[review, 0x0c]`.
pub fn cross(b: &forge::Ca, review: u8) -> Certificate {
    Certificate::from_der(&b.reissue(nca().der(), |t| {
        t.serial = int(&[review, 0x0c]);
    }))
    .unwrap()
}

/// A separate CRL signer of the issuing CA's name, issued by the root with the key of
/// `ocsp_responder` (cA, cRLSign), serial `[review, 0x01]`: it chains to the root only.
pub fn root_crl_signer(review: u8) -> (Certificate, forge::Ca) {
    ev::ca_made(&ev::root(), &[review, 0x01], None, "ocsp_responder", |_| {})
}

/// The fewest units of the budget `set` changes (found by bisection up to `upper`) that
/// make the target (`evidence::target`, at `evidence::at_t`, with the document's `extra`
/// certificates) valid, and the verdicts at 60 budgets below it (every one when fewer)
/// that are neither valid nor indeterminate.
pub fn least_budget(
    upper: usize,
    make: &dyn Fn(Limits) -> Verifier,
    set: fn(&mut Limits, usize),
    extra: &[Certificate],
) -> (usize, Vec<String>) {
    let judge = |n: usize| {
        let mut l = Limits::default();
        set(&mut l, n);
        make(l).check_certificate_with(&ev::target(), &ev::at_t(), extra)
    };
    let (mut lo, mut hi) = (0usize, upper);
    assert!(
        judge(hi).is_valid(),
        "never valid: {}",
        describe(&judge(hi))
    );
    while lo < hi {
        let mid = (lo + hi) / 2;
        if judge(mid).is_valid() {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let step = (lo / 60).max(1);
    let wrong = (0..lo)
        .step_by(step)
        .map(|n| (n, judge(n)))
        .filter(|(_, v)| !v.is_valid() && v.overall() != Overall::Indeterminate)
        .map(|(n, v)| format!("budget {n}: {}", describe(&v)))
        .collect();
    (lo, wrong)
}

/// The three times a verdict is asked at: given, stamped (a CAdES-T token), claimed (the
/// signer's signingTime).
pub fn times() -> [(&'static str, Expectation); 3] {
    [
        ("given", ev::at_t()),
        ("stamped", ev::stamped()),
        ("claimed", ev::claim()),
    ]
}

/// A complete CRL #`number` of `by`'s name (`this` to `next`) listing `serial` for
/// `reason` since `since`.
pub fn listing_of(
    by: &forge::Ca,
    number: u8,
    (this, next): (&str, &str),
    serial: &[u8],
    since: &str,
    reason: u8,
) -> Vec<u8> {
    by.crl(
        &CrlSpec::complete(number, this, next).entries(vec![ev::entry_for(serial, since, reason)]),
    )
}

/// [`listing_of`] the target (`evidence::serial`).
pub fn listing(
    by: &forge::Ca,
    number: u8,
    this: &str,
    next: &str,
    since: &str,
    reason: u8,
) -> Vec<u8> {
    listing_of(by, number, (this, next), &ev::serial(), since, reason)
}

/// `n` CA certificates of `name` (cA, keyCertSign, no pathLen: `template`'s own
/// certificate as template), each with a public key of its own (legal_sign's modulus
/// with two bytes before its last changed: distinct keys, no signature cache hit), signed
/// by a key nobody trusts, serials `[review, tag, i]`. Anyone can make them; none
/// verifies anything (reviews 63, 65).
pub fn junk_cas(
    template: &forge::Ca,
    name: &[u8],
    n: usize,
    (review, tag): (u8, u8),
) -> Vec<Certificate> {
    let forger = forge::Ca {
        cert: template.cert.clone(),
        key: ev::key("individual_auth.key.pem"),
    };
    let spki = Tbs::of(ev::cert("legal_sign.cer").der()).spki;
    // ... 02 03 01 00 01: the exponent; the modulus ends just before it.
    assert_eq!(&spki[spki.len() - 5..], &[0x02, 0x03, 0x01, 0x00, 0x01]);
    (0..n)
        .map(|i| {
            let mut key = spki.clone();
            let at = key.len() - 8;
            key[at] ^= (i >> 8) as u8 ^ tag;
            key[at + 1] ^= (i & 0xff) as u8;
            let der = forger.reissue(&template.cert, |t| {
                t.serial = int(&[review, tag, (i >> 8) as u8, i as u8]);
                t.subject = name.to_vec();
                t.spki = key;
            });
            Certificate::from_der(&der).unwrap()
        })
        .collect()
}

/// A "good" for the target by the test PKI's delegated responder (nocheck, issued by
/// nca_rsa), fresh at the time judged (reviews 65, 66).
pub fn ocsp_good() -> OcspResponse {
    OcspResponse::from_der(&ev::ocsp(
        &ev::good(),
        "20261122160000Z",
        Some("20261130000000Z"),
    ))
    .unwrap()
}

/// Valid through a path ending at a bridge (an anchor named "... Bridge"). A target whose
/// other path (nca_rsa.cer to the root) holds by evidence signed under that path's own
/// anchor is rightly valid through it (review 67's `best_path`); what reviews 65 and 66
/// attack is the bridge's path.
pub fn through_bridge(r: &qoltanba::Verdict) -> bool {
    r.is_valid() && r.path().last().is_some_and(|a| a.contains("Bridge"))
}

/// The target judged by `make()`'s verifier with no junk, with `junk`'s first 60, then
/// with all of `junk`, at each of [`times`]: the verdicts with all of it for which
/// `wrong_if` holds (the control and 60 junk are asserted not to be wrong: the attack is
/// the junk beyond a build's budget; reviews 65, 66).
pub fn junk_attack(
    make: &dyn Fn() -> Verifier,
    junk: &[Certificate],
    wrong_if: &dyn Fn(&qoltanba::Verdict) -> bool,
) -> Vec<String> {
    let mut wrong = Vec::new();
    for (label, e) in times() {
        let control = make().check_certificate_with(&ev::target(), &e, &[]);
        assert!(
            !wrong_if(&control),
            "control {label}: {}",
            describe(&control)
        );
        let few = make().check_certificate_with(&ev::target(), &e, &junk[..60]);
        assert!(!wrong_if(&few), "60 junk, {label}: {}", describe(&few));
        let r = make().check_certificate_with(&ev::target(), &e, junk);
        if wrong_if(&r) {
            wrong.push(format!("{label}: {}", describe(&r)));
        }
    }
    wrong
}

/// A complete CRL of `by` (#`number`, `this`..`next`) listing these (serial, since,
/// reason) (reviews 67-72).
pub fn lists(
    by: &forge::Ca,
    number: u8,
    (this, next): (&str, &str),
    entries: &[(&[u8], &str, u8)],
) -> Vec<u8> {
    by.crl(
        &CrlSpec::complete(number, this, next).entries(
            entries
                .iter()
                .map(|(s, d, r)| ev::entry_for(s, d, *r))
                .collect(),
        ),
    )
}

/// The root's complete CRL #21 (11-22..2027-01-01) listing these (serial, since, reason).
pub fn root_lists(entries: &[(&[u8], &str, u8)]) -> Vec<u8> {
    lists(&ev::root(), 21, ("261122000000Z", "270101000000Z"), entries)
}

/// The target judged by `v` at `e`, with `extra` (a document's certificates).
pub fn judge(v: &Verifier, e: &Expectation, extra: &[Certificate]) -> qoltanba::Verdict {
    v.check_certificate_with(&ev::target(), e, extra)
}

/// The settings of reviews 72 and 74 (the review's number in hex names them: "Review72
/// Bridge", serials 0x72 ..): the bridge (a second root, its own key), M ("Review72 Mid",
/// the root's CA, ocsp_responder's key), A (M's certificate of nca_rsa's name and key),
/// M' (the bridge's certificate of M's name and key), the two-level setting (N, N', M2,
/// M2', A2) and the verifier trusting the bridge. Review 74 was review 72's copy renamed:
/// one set-up, two names and serials.
pub struct BridgeMid(pub u8);

impl BridgeMid {
    fn named(&self, what: &str) -> Vec<u8> {
        ev::cn_name(&format!("Review{:x} {what}", self.0))
    }

    pub fn bridge(&self) -> forge::Ca {
        bridge(&format!("Review{:x} Bridge", self.0), self.0)
    }

    pub fn bridge_cert(&self) -> Certificate {
        Certificate::from_der(&self.bridge().cert).unwrap()
    }

    /// The bridge's CRL #1 (11-20..12-20) listing these (serial, since, reason).
    pub fn bridge_lists(&self, entries: &[(&[u8], &str, u8)]) -> Vec<u8> {
        lists(
            &self.bridge(),
            1,
            ("261120000000Z", "261220000000Z"),
            entries,
        )
    }

    /// M: its certificate and the CA.
    pub fn mid(&self) -> (Certificate, forge::Ca) {
        ev::ca_made(
            &ev::root(),
            &[self.0, 0x01],
            Some(self.named("Mid")),
            "ocsp_responder",
            |_| {},
        )
    }

    /// A: M's certificate of nca_rsa's name and key.
    pub fn by_mid(&self) -> Certificate {
        Certificate::from_der(&self.mid().1.reissue(nca().der(), |t| {
            t.serial = int(&[self.0, 0x02]);
        }))
        .unwrap()
    }

    /// M's CRL #1 (11-20..12-20) listing these (serial, since, reason).
    pub fn mid_lists(&self, entries: &[(&[u8], &str, u8)]) -> Vec<u8> {
        lists(
            &self.mid().1,
            1,
            ("261120000000Z", "261220000000Z"),
            entries,
        )
    }

    /// M': the bridge's certificate of M's name and key.
    pub fn mid_by_bridge(&self) -> Certificate {
        Certificate::from_der(&self.bridge().reissue(self.mid().0.der(), |t| {
            t.serial = int(&[self.0, 0x03]);
        }))
        .unwrap()
    }

    /// The root and the bridge trusted, `anchors` too; `inters` offered; nca_rsa's current
    /// CRL and `crls`.
    pub fn verifier(
        &self,
        anchors: &[Certificate],
        inters: &[Certificate],
        crls: &[Vec<u8>],
        responses: &[Vec<u8>],
        limits: Limits,
    ) -> Verifier {
        let mut a = vec![self.bridge_cert()];
        a.extend(anchors.iter().cloned());
        with_nca_crl(&a, inters, crls, responses)
            .limits(limits)
            .build()
    }

    /// N ("Review72 Upper"): the root's CA, sub_ca's key, no pathLen.
    pub fn upper(&self) -> forge::Ca {
        let der = ev::root().reissue(ev::cert("root.cer").der(), |t| {
            t.serial = int(&[self.0, 0x30]);
            t.subject = self.named("Upper");
            t.spki = forge::Tbs::of(ev::cert("sub_ca.cer").der()).spki;
        });
        forge::Ca {
            cert: der,
            key: ev::key("sub_ca.key.pem"),
        }
    }

    pub fn upper_cert(&self) -> Certificate {
        Certificate::from_der(&self.upper().cert).unwrap()
    }

    /// N': the bridge's certificate of N's name and key.
    pub fn upper_by_bridge(&self) -> Certificate {
        Certificate::from_der(&self.bridge().reissue(&self.upper().cert, |t| {
            t.serial = int(&[self.0, 0x32]);
        }))
        .unwrap()
    }

    /// M2 ("Review72 Mid2"): N's CA, ocsp_responder's key; its certificate and the CA.
    pub fn mid2(&self) -> (Certificate, forge::Ca) {
        ev::ca_made(
            &self.upper(),
            &[self.0, 0x31],
            Some(self.named("Mid2")),
            "ocsp_responder",
            |_| {},
        )
    }

    /// M2': the bridge's certificate of M2's name and key.
    pub fn mid2_by_bridge(&self) -> Certificate {
        Certificate::from_der(&self.bridge().reissue(self.mid2().0.der(), |t| {
            t.serial = int(&[self.0, 0x34]);
        }))
        .unwrap()
    }

    /// A2: M2's certificate of nca_rsa's name and key.
    pub fn by_mid2(&self) -> Certificate {
        Certificate::from_der(&self.mid2().1.reissue(nca().der(), |t| {
            t.serial = int(&[self.0, 0x33]);
        }))
        .unwrap()
    }

    /// The two-level setting's CRLs: the bridge's empty, the root's listing these (serial,
    /// since, reason), N's and M2's empty.
    pub fn upper_crls(&self, root: &[(&[u8], &str, u8)]) -> Vec<Vec<u8>> {
        let month = ("261120000000Z", "261220000000Z");
        vec![
            self.bridge_lists(&[]),
            root_lists(root),
            lists(&self.upper(), 1, month, &[]),
            lists(&self.mid2().1, 1, month, &[]),
        ]
    }
}

/// Whether a check of `v` names an exhausted limit.
pub fn marked(v: &qoltanba::Verdict) -> bool {
    v.checks().iter().any(|c| c.exhausted().is_some())
}
