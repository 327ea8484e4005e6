use super::*;
use crate::chain::{CertSet, PathBuilder};
use crate::revocation::crl::CrlEntry;
use crate::revocation::reason::RevocationReason;
use crate::revocation::status::key::{lists_it, Distrust};

#[test]
fn a_refusal_reads_as_its_reason_and_removals_list_nothing() {
    let r = Refused {
        why: "CRL #1 cannot be trusted".into(),
        cut_short: false,
    };
    assert_eq!(r.to_string(), "CRL #1 cannot be trusted");
    let der = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pki/nca_rsa.cer"),
    )
    .unwrap();
    let ca = Certificate::from_input(&der).unwrap();
    let entry = |reason| CrlEntry {
        serial: vec![1],
        revocation_date: chrono::DateTime::UNIX_EPOCH,
        reason,
        invalidity_date: None,
        certificate_issuer: ca.subject().key().clone(),
    };
    assert!(!lists_it(&entry(Some(RevocationReason::RemoveFromCrl))));
    assert!(lists_it(&entry(Some(RevocationReason::CertificateHold))));
    assert!(lists_it(&entry(None)));
}

fn pki(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-vectors/pki")
            .join(name),
    )
    .unwrap()
}

/// The certificates carrying a key are each counted once (the path issuer is also
/// offered as an intermediate), another key of the CRL issuer's name is not one of
/// them, and the anchor's key is trusted as given without asking the store: the
/// verdict is asked once per key and kept.
#[test]
fn a_keys_holders_are_counted_once_and_the_anchors_key_is_trusted_as_given() {
    let root = Certificate::from_input(&pki("root.cer")).unwrap();
    let ca = Certificate::from_input(&pki("nca_rsa.cer")).unwrap();
    let crl = Crl::from_der(pki("nca_rsa_current.crl")).unwrap();
    assert!(crl.issuer().matches(ca.subject()));
    let mut anchors = CertSet::new();
    anchors.add(root.clone()).unwrap();
    let mut intermediates = CertSet::new();
    intermediates.add(ca.clone()).unwrap();
    let store = crate::revocation::store::CrlStore::new();
    let cache = crate::chain::SignatureCache::default();
    let ctx = StatusContext {
        store: &store,
        builder: PathBuilder {
            anchors: &anchors,
            intermediates: &intermediates,
            cache: &cache,
        },
        at: chrono::DateTime::UNIX_EPOCH,
        keys: crate::signature::KeyPolicy::Modern,
        time_source: crate::condition::TimeSource::Given,
        meter: None,
        max_age: None,
        log: Default::default(),
        facts: Default::default(),
        certifying: Default::default(),
        budget_cut: Default::default(),
        ocsp_revoked: None,
    };
    let holders = ctx.key_holders(&ca, Some(&ca));
    assert_eq!(holders, vec![&ca]);
    // The root's name is not the CRL issuer's: the root is not offered beside it.
    assert!(ctx
        .key_holders(&ca, Some(&root))
        .iter()
        .all(|c| c.key_id() == ca.key_id()));
    let mut verdicts: Verdicts = Vec::new();
    let mut in_use = Vec::new();
    let v = ctx.key_verdict(
        0,
        (&root, None),
        (None, &root),
        0,
        &mut in_use,
        &mut verdicts,
    );
    assert_eq!(v, None);
    assert!(
        verdicts.is_empty(),
        "the anchor's key is not asked of the store"
    );
    let v = ctx.key_verdict(
        0,
        (&ca, None),
        (Some(&ca), &root),
        0,
        &mut in_use,
        &mut verdicts,
    );
    assert_eq!(v, None, "nothing in the store lists the CA");
    assert_eq!(verdicts, vec![(ca.key_id(), None)]);
    // Asked again, the kept verdict answers.
    verdicts[0].1 = Some("kept".into());
    let v = ctx.key_verdict(
        0,
        (&ca, None),
        (Some(&ca), &root),
        0,
        &mut in_use,
        &mut verdicts,
    );
    assert_eq!(v.as_deref(), Some("kept"));
    assert_eq!(
        Distrust::Unproven("why".into()).into_why(),
        Distrust::Distrusted("why".into()).into_why()
    );
}
