//! What the reviews of a trust anchor's own revocation (56, 58-61) share: the issuing CA
//! of the test PKI, verifiers with the root trusted and more anchors beside it, a second
//! self-signed root ("bridge") and its cross-certificate of the issuing CA, and a verdict
//! written out for a failure's message.

use super::evidence as ev;
use super::forge::{self, int, Tbs};
use super::pki;
use qoltanba::revocation::{Crl, OcspResponse};
use qoltanba::{Certificate, Judged as _, Limits, Overall, Verifier, VerifierBuilder};

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
