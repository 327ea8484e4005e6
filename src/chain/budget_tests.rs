//! A hostile pile of certificates cannot make path building burn CPU: the Budget caps
//! signature checks and build calls, and an exhausted budget is indeterminate, never valid.

use std::path::Path;

use super::{Budget, CertSet, PathBuilder, PathOptions, SignatureCache};
use crate::certificate::Certificate;

fn time(s: &str) -> chrono::DateTime<chrono::Utc> {
    s.parse().unwrap()
}

fn pki(f: &str) -> Certificate {
    Certificate::from_input(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("test-vectors/pki")
                .join(f),
        )
        .unwrap(),
    )
    .unwrap()
}

/// Copies of the issuing CA with a different serial: same name, same key, broken signature.
fn fakes(ca: &Certificate, n: usize) -> Vec<Certificate> {
    let der = ca.der();
    let serial = ca.serial();
    let at = der
        .windows(serial.len())
        .position(|w| w == serial)
        .expect("serial in DER");
    (0..n)
        .map(|i| {
            let mut d = der.to_vec();
            let last = at + serial.len() - 1;
            d[last] = d[last].wrapping_add(1 + (i % 250) as u8);
            d[last - 1] = d[last - 1].wrapping_add((i / 250) as u8 + 1);
            Certificate::from_der(&d).unwrap()
        })
        .collect()
}

#[test]
fn a_pile_of_same_name_fakes_exhausts_the_budget_not_the_cpu() {
    let root = pki("root.cer");
    let ca = pki("nca_rsa.cer");
    let ee = pki("individual_sign.cer");
    let at = time("2026-11-23T00:00:00Z");
    let mut anchors = CertSet::new();
    anchors.add(root).unwrap();

    // 1,000 fakes offered before the genuine CA.
    let mut inters = CertSet::new();
    for f in fakes(&ca, 1000) {
        inters.add(f).unwrap();
    }
    inters.add(ca.clone()).unwrap();
    let cache = SignatureCache::default();
    let builder = PathBuilder {
        anchors: &anchors,
        intermediates: &inters,
        cache: &cache,
    };
    let failure = builder.build(&ee, PathOptions::at(at)).unwrap_err();
    assert!(
        !failure.proven_invalid,
        "an exhausted budget proves nothing: {failure:?}"
    );
    assert!(failure.reason.contains("budget"), "{failure:?}");

    // A few fakes are passed over and the genuine CA is found.
    let mut inters = CertSet::new();
    for f in fakes(&ca, 20) {
        inters.add(f).unwrap();
    }
    inters.add(ca.clone()).unwrap();
    let cache = SignatureCache::default();
    let builder = PathBuilder {
        anchors: &anchors,
        intermediates: &inters,
        cache: &cache,
    };
    let path = builder
        .build(&ee, PathOptions::at(at))
        .expect("genuine path found");
    assert_eq!(path.certificates().len(), 3);
    assert_eq!(path.certificates()[1], ca);

    // A tight budget is honoured exactly.
    let tight = PathOptions {
        budget: Budget {
            signatures: 2,
            build_calls: 200,
        },
        ..PathOptions::at(at)
    };
    let cache = SignatureCache::default();
    let builder = PathBuilder {
        anchors: &anchors,
        intermediates: &inters,
        cache: &cache,
    };
    assert!(builder.build(&ee, tight).is_err());
}

#[test]
fn only_fakes_is_invalid() {
    let root = pki("root.cer");
    let ca = pki("nca_rsa.cer");
    let ee = pki("individual_sign.cer");
    let mut anchors = CertSet::new();
    anchors.add(root).unwrap();
    let mut inters = CertSet::new();
    for f in fakes(&ca, 3) {
        inters.add(f).unwrap();
    }
    let cache = SignatureCache::default();
    let builder = PathBuilder {
        anchors: &anchors,
        intermediates: &inters,
        cache: &cache,
    };
    let failure = builder
        .build(&ee, PathOptions::at(time("2026-11-23T00:00:00Z")))
        .unwrap_err();
    assert!(failure.proven_invalid, "{failure:?}");
    assert!(failure.reason.contains("does not verify"), "{failure:?}");
}

/// A document's meter is charged for a path's signature checks alike on a fresh cache and
/// on one that holds them from an earlier document, once per document however often it
/// asks (review 82: a budget at the edge was exhausted cold and not warm).
#[test]
fn the_document_meter_is_charged_alike_cold_and_warm() {
    use crate::work::{WorkLimits, WorkMeter};
    let root = pki("root.cer");
    let ee = pki("individual_sign.cer");
    let at = time("2026-11-23T00:00:00Z");
    let mut anchors = CertSet::new();
    anchors.add(root).unwrap();
    let mut inters = CertSet::new();
    for f in fakes(&pki("nca_rsa.cer"), 3) {
        inters.add(f).unwrap();
    }
    inters.add(pki("nca_rsa.cer")).unwrap();
    let cache = SignatureCache::default();
    let builder = PathBuilder {
        anchors: &anchors,
        intermediates: &inters,
        cache: &cache,
    };
    let limits = WorkLimits {
        signatures: 100,
        path_steps: 100,
        rehashed_bytes: usize::MAX,
    };
    let spent = || {
        let m = WorkMeter::new(limits);
        for _ in 0..2 {
            builder
                .build_metered(&ee, PathOptions::at(at), Some(&m))
                .expect("the genuine path");
        }
        (m.signatures(), m.rehashed_bytes(), m.is_exhausted())
    };
    let cold = spent();
    let warm = spent();
    assert!(cold.0 >= 2, "{cold:?}");
    assert_eq!(cold, warm);
    // At the edge: refused cold and warm alike, and allowed alike one signature above.
    for (signatures, ok) in [(cold.0 - 1, false), (cold.0, true)] {
        let fresh = SignatureCache::default();
        // A fresh cache (cold), again (as the first left it), then the warm one above.
        for cache in [&fresh, &fresh, &cache] {
            let builder = PathBuilder { cache, ..builder };
            let m = WorkMeter::new(WorkLimits {
                signatures,
                ..limits
            });
            let built = builder.build_metered(&ee, PathOptions::at(at), Some(&m));
            assert_eq!(built.is_ok(), ok, "{signatures}: {built:?}");
        }
    }
}
