//! Review 67 (hostile, metamorphic): the certificate condition over generated
//! multi-anchor configurations.
//!
//! A pool prepared once (`pool`, a `OnceLock`): the test root, a second root "bridge" and
//! a third root (own keys), nca_rsa.cer, the cross-certificates XB and XT of nca_rsa's key
//! by the bridge and the third, the root's cross-certificate RB of the bridge and the
//! bridge's BT of the third, separate CRL signers of nca_rsa's NAME (S_root under the
//! root, SN_B under the bridge, S_T under the third, S_nca under nca_rsa itself; each its
//! own key), five junk CA certificates (a trusted name, a random key, signed by nobody
//! trusted), and 20 CRLs: nca_current, the roots' CRLs empty or listing a CA of a path
//! (cACompromise, superseded, keyCompromise of a signer), the signers' CRLs listing the
//! target for keyCompromise, nca_rsa's own hold, removeFromCRL delta, newer empty and
//! older superseded CRLs, one signed by a junk key, and the CRL of relation 4. A
//! SplitMix64 generator (fixed seeds) draws anchors (nca_rsa.cer and XB among them, anchors
//! that are not roots), intermediates, the document's certificates (some intermediates
//! moved there), CRLs (each subset shuffled) and the time (given, stamped, claimed), and
//! judges `check_certificate_with(target, time, document)` before and after each change:
//!
//! 1. Order: the anchors, the intermediates, the document's certificates, the CRLs each
//!    shuffled and reversed on their own: the same `overall()`.
//! 2. Move: one intermediate into the document, all of them, one of the document's into
//!    the intermediates: valid iff valid.
//! 3. Junk: junk CA certificates added to the document: never not valid into valid.
//! 4. Proven keyCompromise: nca_rsa's own CRL #105 (the key that signed the target, which
//!    the root and the cross-certificates certify) listing the target for keyCompromise
//!    since 11-01: never valid.
//! 5. Duplicate: one input (anchor, intermediate, document certificate, CRL) given twice
//!    (the copy right after it): the same `overall()`.
//!
//! A failure is shrunk (pool items removed from both sides while it persists; the given
//! time preferred) and printed with `describe` of both sides (`explore_every_relation`,
//! ignored, prints them all). The generator's shared parts (the `Rng`, the `Config`, the
//! relations `Rel` and their rule `broken`, the order, move, junk and duplicate variants,
//! `shrink`, the run loop) live in `common::metamorphic`; the pool, the probabilities and
//! relation 4 are this file's.
//!
//! Findings (each a test replaying one shrunk configuration; all seven fixed: findings 1,
//! 5 and 6 by `key_lost_elsewhere` (a compromise proven of any certificate carrying a
//! path certificate's or the anchor's key counts against it), 2, 3, 4 and 7 by
//! `best_path` (other paths judged when the first does not pass; the best counts)). One
//! cause: the path builder returns the FIRST path it finds (anchors of the issuer's name
//! before intermediates, each in the order added, the document's certificates after the
//! verifier's: src/chain/mod.rs:502-511; src/condition.rs:175), and the revocation check
//! judges that path's certificates and that anchor only (src/condition/revocation.rs:50-60,
//! `build_beyond_anchor(anchor, ..)`), so which revocation counts depends on the order and
//! the place the certificates were offered in:
//! 1. (fixed) `the_compromise_of_an_anchors_key_counts_whichever_anchor_was_added_first` (was
//!    `defect_the_first_added_anchor_of_a_key_hides_its_ca_compromise`) (order of the
//!    ANCHORS, a false VALID): nca_rsa.cer and XB (same name and key) both trusted, the
//!    root lists nca_rsa.cer for cACompromise: anchors [root, nca, XB] INVALID, [XB, nca,
//!    root] VALID.
//! 2. (fixed) `where_a_cross_certificate_is_offered_changes_nothing` (was
//!    `defect_moving_a_cross_certificate_into_the_document_turns_valid_into_invalid`)
//!    (relation 2): anchors bridge and third, the third lists XT superseded: XB offered by
//!    the verifier VALID, XB in the document INVALID.
//! 3. (fixed) `a_superseded_cross_certificate_counts_whatever_the_order_of_the_intermediates` (was
//!    `defect_the_order_of_the_intermediates_decides_a_cross_certificates_revocation`):
//!    anchors root and third, the third lists XT superseded: [nca, XT] VALID, [XT, nca]
//!    INVALID.
//! 4. (fixed) `a_same_name_signer_speaks_whatever_the_order_of_the_intermediates` (was
//!    `defect_the_order_of_the_intermediates_decides_whether_a_same_name_signer_speaks`):
//!    a same-name signer under the bridge (cross-certified by the root): VALID through the
//!    root, INDETERMINATE through the third.
//! 5. (fixed) `the_roots_ca_compromise_counts_through_a_cross_certificate_of_the_key` (was
//!    `defect_the_order_of_the_intermediates_hides_the_roots_ca_compromise`): the root
//!    lists nca_rsa.cer for cACompromise: INVALID through the root, INDETERMINATE through
//!    the bridge.
//! 6. (fixed) `a_ca_compromise_counts_on_every_path_to_one_root` (was
//!    `defect_two_paths_to_one_root_the_order_decides_a_ca_compromise`): ONE anchor, two
//!    paths to it (RB): the bridge's cACompromise of XB counts on one only (INVALID vs
//!    INDETERMINATE).
//! 7. (fixed) `the_order_of_the_documents_certificates_decides_nothing` (was
//!    `defect_the_order_of_the_documents_certificates_decides_the_verdict`) (the signer's
//!    own order): document [XB, XT] VALID, [XT, XB] INVALID.
//!
//! Should be (all): one verdict whatever the order and placement: the revocation evidence
//! against every certificate that could carry the target to an anchor (or at least every
//! trusted certificate of the path anchor's name and key, and every certification of the
//! issuing key) is judged, or every path is built and judged and the verdict chosen by a
//! fixed rule; never the first path found.
//!
//! Held (`held_metamorphic_relations_over_generated_configurations`, seeds 0x67 and
//! 0x6767, `REVIEW67_CASES` each (600 by default; 2500 run too), all three verdicts
//! reached): relation 1 for the order of the CRLs; relation 3 (junk never makes a
//! verdict valid); relation 4 (nca_rsa's own keyCompromise listing always makes it not
//! valid, whatever paths, signers and holds); relation 5 (a duplicate right after its
//! original changes nothing). Relation 1 for the anchors, the intermediates and the
//! document, and relation 2, fail (findings above); a duplicate placed BEFORE its original
//! fails too, as the reordering it is.

mod common;

use std::sync::OnceLock;

use common::anchors::{self, nca_current};
use common::evidence as ev;
use common::forge::{self, int, CrlSpec, Tbs};
use common::metamorphic::{self as mm, Config, Evidence, Generator, Pool, Rel, Rng};
use qoltanba::{Certificate, Expectation, Limits, Verdict};

// --- the pool ------------------------------------------------------------------------------

/// A self-signed root named `name` with the key of the test PKI's `key_of`.
fn root_named(name: &str, key_of: &str, serial: &[u8]) -> forge::Ca {
    let name = ev::cn_name(name);
    let holder = ev::cert(&format!("{key_of}.cer"));
    let signer = forge::Ca {
        cert: ev::cert("root.cer").der().to_vec(),
        key: ev::key(&format!("{key_of}.key.pem")),
    };
    let der = signer.reissue(ev::cert("root.cer").der(), |t| {
        t.serial = int(serial);
        t.subject = name.clone();
        t.issuer = name.clone();
        t.spki = Tbs::of(holder.der()).spki;
    });
    forge::Ca {
        cert: der,
        key: ev::key(&format!("{key_of}.key.pem")),
    }
}

fn cert_of(der: &[u8]) -> Certificate {
    Certificate::from_der(der).unwrap()
}

/// A complete CRL of `by` numbered `number` (`this`..`next`) listing each (serial, since,
/// reason).
fn crl_by(
    by: &forge::Ca,
    number: u8,
    this: &str,
    next: &str,
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

const KC: u8 = 1;
const CA_COMPROMISE: u8 = 2;
const SUPERSEDED: u8 = 4;
const HOLD: u8 = 6;
const REMOVE: u8 = 8;

/// The CRL of relation 4: nca_rsa's own key (the key that signed the target, certified by
/// the root and the cross-certificates) lists the target for keyCompromise since 11-01.
const PROVEN_KC: &str = "nca#105 lists target KC 11-01";

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let root = ev::root();
        let b = anchors::bridge("Review67 Bridge", 0x67);
        let t = root_named("Review67 Third", "forged_ca", &[0x67, 0x0d]);
        let nca = forge::Ca::nca_rsa();
        let xb = anchors::cross(&b, 0x67);
        let xt = anchors::cross(&t, 0x68);
        let (s_root_c, s_root) = ev::ca_made(&root, &[0x67, 0x01], None, "ocsp_responder", |_| {});
        let (sn_b_c, sn_b) = ev::ca_made(&b, &[0x67, 0x02], None, "individual_auth", |_| {});
        let (s_t_c, s_t) = ev::ca_made(&t, &[0x67, 0x03], None, "legal_employee_auth", |_| {});
        let (s_nca_c, s_nca) = ev::ca_made(&nca, &[0x67, 0x04], None, "hold_by_delta", |_| {});
        let rb = cert_of(&root.reissue(&b.cert, |t| t.serial = int(&[0x67, 0x05])));
        let bt = cert_of(&b.reissue(&t.cert, |t| t.serial = int(&[0x67, 0x06])));
        let nca_name = nca.name();
        let junk_signer = forge::Ca {
            cert: nca.cert.clone(),
            key: ev::key("issued_by_ee.key.pem"),
        };
        let target = ev::serial();
        let nca_serial = anchors::nca_serial();
        let certs = vec![
            ("root", ev::cert("root.cer")),
            ("bridge", cert_of(&b.cert)),
            ("third", cert_of(&t.cert)),
            ("nca", anchors::nca()),
            ("XB (bridge's cross of nca)", xb.clone()),
            ("XT (third's cross of nca)", xt.clone()),
            (
                "S_root (nca name, root, ocsp_responder key)",
                s_root_c.clone(),
            ),
            ("SN_B (nca name, bridge, individual_auth key)", sn_b_c),
            ("S_T (nca name, third, legal_employee_auth key)", s_t_c),
            ("S_nca (nca name, by nca, hold_by_delta key)", s_nca_c),
            ("RB (root's cross of bridge)", rb),
            ("BT (bridge's cross of third)", bt),
            ("junk nca name 1", mm::junk_ca(0x67, &nca_name, 1)),
            ("junk nca name 2", mm::junk_ca(0x67, &nca_name, 2)),
            (
                "junk root name",
                mm::junk_ca(0x67, ev::cert("root.cer").subject().der(), 3),
            ),
            ("junk bridge name", mm::junk_ca(0x67, &b.name(), 4)),
            ("junk third name", mm::junk_ca(0x67, &t.name(), 5)),
        ];
        let crls = vec![
            ("nca_current #100", nca_current()),
            ("root #20 empty", ev::root_crl(20, "261101000000Z", vec![])),
            (
                "root #21 lists nca cACompromise 11-05",
                ev::root_crl(
                    21,
                    "261110000000Z",
                    vec![ev::entry_for(&nca_serial, "261105000000Z", CA_COMPROMISE)],
                ),
            ),
            (
                "root #22 lists S_root KC 11-05",
                ev::root_crl(
                    22,
                    "261110000000Z",
                    vec![ev::entry_for(s_root_c.serial(), "261105000000Z", KC)],
                ),
            ),
            (
                "bridge #1 empty",
                crl_by(&b, 1, "261101000000Z", "270101000000Z", &[]),
            ),
            (
                "bridge #2 lists XB cACompromise 11-05",
                crl_by(
                    &b,
                    2,
                    "261110000000Z",
                    "270101000000Z",
                    &[(xb.serial(), "261105000000Z", CA_COMPROMISE)],
                ),
            ),
            (
                "third #1 empty",
                crl_by(&t, 1, "261101000000Z", "270101000000Z", &[]),
            ),
            (
                "third #2 lists XT superseded 11-05",
                crl_by(
                    &t,
                    2,
                    "261110000000Z",
                    "270101000000Z",
                    &[(xt.serial(), "261105000000Z", SUPERSEDED)],
                ),
            ),
            (
                "S_root #101 lists target KC 11-05",
                crl_by(
                    &s_root,
                    101,
                    "261120000000Z",
                    "261220000000Z",
                    &[(&target, "261105000000Z", KC)],
                ),
            ),
            (
                "SN_B #101 lists target KC 11-05",
                crl_by(
                    &sn_b,
                    101,
                    "261120000000Z",
                    "261220000000Z",
                    &[(&target, "261105000000Z", KC)],
                ),
            ),
            (
                "S_T #101 lists target KC 11-05",
                crl_by(
                    &s_t,
                    101,
                    "261120000000Z",
                    "261220000000Z",
                    &[(&target, "261105000000Z", KC)],
                ),
            ),
            (
                "S_nca #101 lists target KC 11-05",
                crl_by(
                    &s_nca,
                    101,
                    "261120000000Z",
                    "261220000000Z",
                    &[(&target, "261105000000Z", KC)],
                ),
            ),
            (
                "nca #101 lists target hold 11-05",
                crl_by(
                    &nca,
                    101,
                    "261120000000Z",
                    "261220000000Z",
                    &[(&target, "261105000000Z", HOLD)],
                ),
            ),
            (
                "nca delta #102/100 removeFromCRL target",
                nca.crl(
                    &CrlSpec::delta(102, 100, "261121000000Z", "261220000000Z")
                        .entries(vec![ev::entry_for(&target, "261121000000Z", REMOVE)]),
                ),
            ),
            (
                "nca #103 empty 11-21",
                crl_by(&nca, 103, "261121000000Z", "261220000000Z", &[]),
            ),
            (
                "nca #99 lists target superseded 11-05",
                crl_by(
                    &nca,
                    99,
                    "261106000000Z",
                    "261215000000Z",
                    &[(&target, "261105000000Z", SUPERSEDED)],
                ),
            ),
            (
                "S_root #102 empty 11-21",
                crl_by(&s_root, 102, "261121000000Z", "261220000000Z", &[]),
            ),
            (
                "SN_B #100 lists nca cACompromise 11-05",
                crl_by(
                    &sn_b,
                    100,
                    "261110000000Z",
                    "261220000000Z",
                    &[(&nca_serial, "261105000000Z", CA_COMPROMISE)],
                ),
            ),
            (
                "junk-signed nca name #110 lists target KC",
                crl_by(
                    &junk_signer,
                    110,
                    "261120000000Z",
                    "261220000000Z",
                    &[(&target, "261105000000Z", KC)],
                ),
            ),
            (
                PROVEN_KC,
                crl_by(
                    &nca,
                    105,
                    "261122000000Z",
                    "261222000000Z",
                    &[(&target, "261101000000Z", KC)],
                ),
            ),
        ];
        Pool {
            certs,
            evidence: crls
                .into_iter()
                .map(|(name, der)| Evidence::crl(name, "", der))
                .collect(),
        }
    })
}

// --- configurations (the generator's shared parts live in common::metamorphic) ---------------

const TIMES: [&str; 3] = ["given", "stamped", "claimed"];

fn expectation(i: usize) -> Expectation {
    match i {
        0 => ev::at_t(),
        1 => ev::stamped(),
        _ => ev::claim(),
    }
}

/// Review 67's generator over its pool, for `common::metamorphic::run`.
struct Gen;

impl Generator for Gen {
    fn pool(&self) -> &'static Pool {
        pool()
    }
    fn generate(&self, rng: &mut Rng) -> Config {
        generate(rng)
    }
    fn variants(&self, rng: &mut Rng, c: &Config) -> Vec<(Rel, Config)> {
        variants(rng, c)
    }
    fn verdict(&self, c: &Config) -> Verdict {
        verdict(c)
    }
    fn show(&self, c: &Config) -> String {
        pool().show(c, "crls", TIMES[c.time])
    }
    /// Relation 4's own CRL: without it the pair is no longer relation 4's.
    fn keep(&self) -> Vec<usize> {
        vec![pool().evidence(PROVEN_KC)]
    }
}

fn verdict(c: &Config) -> Verdict {
    pool().verdict(c, &expectation(c.time), Limits::default())
}

/// A configuration named by pool names (for the fixed defect tests).
fn named(anchors: &[&str], inters: &[&str], doc: &[&str], crls: &[&str], time: usize) -> Config {
    pool().named(anchors, inters, doc, crls, time)
}

fn generate(rng: &mut Rng) -> Config {
    let p = pool();
    let anchors = p.pick(
        rng,
        &[
            ("root", 85),
            ("bridge", 50),
            ("third", 35),
            ("nca", 12),
            ("XB (bridge's cross of nca)", 10),
        ],
    );
    let inters = p.pick(
        rng,
        &[
            ("nca", 80),
            ("XB (bridge's cross of nca)", 50),
            ("XT (third's cross of nca)", 35),
            ("S_root (nca name, root, ocsp_responder key)", 30),
            ("SN_B (nca name, bridge, individual_auth key)", 30),
            ("S_T (nca name, third, legal_employee_auth key)", 20),
            ("S_nca (nca name, by nca, hold_by_delta key)", 30),
            ("RB (root's cross of bridge)", 30),
            ("BT (bridge's cross of third)", 20),
            ("junk nca name 1", 12),
            ("junk root name", 8),
            ("junk bridge name", 8),
        ],
    );
    let mut doc = p.pick(rng, &[("junk nca name 2", 12), ("junk third name", 8)]);
    // Some intermediates travel in the document instead.
    let inters = mm::travel(rng, inters, &mut doc, 20);
    let mut crls: Vec<usize> = p
        .evidence
        .iter()
        .enumerate()
        .filter(|(_, e)| e.name != PROVEN_KC)
        .filter(|(_, e)| {
            let pct = match e.name {
                "nca_current #100" => 80,
                "root #20 empty" => 80,
                "bridge #1 empty" => 60,
                "third #1 empty" => 50,
                _ => 14,
            };
            rng.chance(pct)
        })
        .map(|(i, _)| i)
        .collect();
    rng.shuffle(&mut crls);
    Config {
        anchors,
        inters,
        doc,
        evidence: crls,
        time: rng.below(3),
        budget: None,
    }
}

// --- relations (`Rel`, `broken` and the shared variants: common::metamorphic) ------------------
//
// 1. order: `OrderAnchors`, `OrderInters`, `OrderDoc`, `OrderCrls`; 2. `Move`; 3. `Junk`;
// 4. `ProvenKc` (this review's own); 5. `Dup`.

/// The variants (the right side of each relation) of `c`.
fn variants(rng: &mut Rng, c: &Config) -> Vec<(Rel, Config)> {
    let p = pool();
    let mut out = Vec::new();
    // 1. order: each list shuffled, then reversed, on its own.
    mm::order_each(rng, c, &mut out);
    // 2. move one certificate (or all) between the intermediates and the document.
    mm::move_into_doc(rng, c, true, &mut out);
    mm::move_into_inters(rng, c, &mut out);
    // 3. junk added to the document.
    mm::junk(rng, c, p.certs.len(), |i| p.is_junk(i), &mut out);
    // 4. the proven signer's keyCompromise listing.
    let mut k = c.clone();
    let at = rng.below(k.evidence.len() + 1);
    k.evidence.insert(at, p.evidence(PROVEN_KC));
    out.push((Rel::ProvenKc, k));
    // 5. one input duplicated, right after the original.
    mm::duplicate(rng, c, &mut out);
    out
}

fn cases() -> usize {
    mm::cases("REVIEW67_CASES", 600)
}

/// Run the generator; the failures of each relation in `checked` (shrunk, described).
fn run(checked: &[Rel], seed: u64) -> (usize, Vec<String>) {
    let (n, failures, tally) = run_tally(checked, seed);
    eprintln!("{n} cases (seed {seed:#x}), base verdicts {tally:?}");
    (n, failures)
}

/// [`run`], with the tally of the base verdicts.
fn run_tally(checked: &[Rel], seed: u64) -> (usize, Vec<String>, mm::Tally) {
    let n = cases();
    let r = mm::run(&Gen, checked, seed, n);
    (n, r.failures, r.verdicts)
}

/// Assert `rel` of the pair, both verdicts in the message.
fn assert_holds(rel: Rel, a: &Config, b: &Config) {
    mm::assert_holds(&Gen, rel, a, b)
}

const ROOT: &str = "root";
const BRIDGE: &str = "bridge";
const THIRD: &str = "third";
const NCA: &str = "nca";
const XB: &str = "XB (bridge's cross of nca)";
const XT: &str = "XT (third's cross of nca)";
const RB: &str = "RB (root's cross of bridge)";
const SN_B: &str = "SN_B (nca name, bridge, individual_auth key)";
const CURRENT: &str = "nca_current #100";
const ROOT_EMPTY: &str = "root #20 empty";
const ROOT_LISTS_NCA: &str = "root #21 lists nca cACompromise 11-05";
const BRIDGE_EMPTY: &str = "bridge #1 empty";
const BRIDGE_LISTS_XB: &str = "bridge #2 lists XB cACompromise 11-05";
const THIRD_LISTS_XT: &str = "third #2 lists XT superseded 11-05";
const SN_B_CRL: &str = "SN_B #100 lists nca cACompromise 11-05";

// --- held ------------------------------------------------------------------------------------

/// The relations that held over every generated configuration (seeds 0x67 and 0x6767,
/// `REVIEW67_CASES` each, 600 by default): when found, the order of the CRLs (1, in part),
/// junk in the document (3), the proven signer's keyCompromise listing (4), a duplicated
/// input (5); since the fixes of findings 1-7 (`key_lost_elsewhere`, `best_path`) every
/// relation, 1 and 2 whole. Each failure is shrunk and printed.
#[test]
fn held_metamorphic_relations_over_generated_configurations() {
    let held = [
        Rel::OrderAnchors,
        Rel::OrderInters,
        Rel::OrderDoc,
        Rel::OrderCrls,
        Rel::Move,
        Rel::Junk,
        Rel::ProvenKc,
        Rel::Dup,
    ];
    let mut all = Vec::new();
    for seed in [0x67, 0x6767] {
        let (n, failures, tally) = run_tally(&held, seed);
        assert!(
            tally.len() == 3,
            "{n} cases, a verdict never reached: {tally:?}"
        );
        all.extend(failures);
    }
    assert!(all.is_empty(), "{}", all.join("\n\n"));
}

/// Every relation over the generated configurations, the failures shrunk and printed (the
/// defects below were found so): `cargo test --test review67 -- --ignored --nocapture`.
#[test]
#[ignore = "exploration: prints the failures of every relation (none since the fixes)"]
fn explore_every_relation() {
    let (n, failures) = run(
        &[
            Rel::OrderAnchors,
            Rel::OrderInters,
            Rel::OrderDoc,
            Rel::OrderCrls,
            Rel::Move,
            Rel::Junk,
            Rel::ProvenKc,
            Rel::Dup,
        ],
        0x67,
    );
    eprintln!("{n} cases, {} distinct shrunk failures", failures.len());
    for f in &failures {
        eprintln!("{f}\n");
    }
}

// --- findings --------------------------------------------------------------------------------

/// Finding 1 (relation 1, the order of the ANCHORS; a false VALID). Generator case 543
/// (seed 0x67), shrunk, with nca_rsa's current CRL added.
///
/// Configuration: anchors nca_rsa.cer AND the bridge's cross-certificate XB of nca_rsa
/// (same name, same key, both anchors that are not roots) and the root; intermediates
/// [nca]; CRLs [nca_current #100, the ROOT's #21 listing nca_rsa.cer for cACompromise
/// since 11-05]; time given (11-23).
/// - anchors [root, nca, XB]: the path ends at the anchor nca_rsa.cer; "trust anchor NCA
///   is revoked ... CA compromise; CRL #21 of ROOT": INVALID.
/// - anchors [XB, nca, root]: the path ends at the anchor XB (the same name and key):
///   "the certificate: not revoked (CRL #100)": VALID. The root's cACompromise of the
///   very key that signed the target is not looked at.
///
/// WRONG: src/chain/mod.rs:502-511 takes the anchors of the issuer's NAME in the order
/// they were added and the first that verifies ends the path; the anchor's revocation is
/// then judged for that one certificate only (src/condition/revocation.rs:53-55,
/// `build_beyond_anchor(anchor, ..)`; src/condition/revocation/anchor.rs), never for the
/// other anchor certificates of the same name and key that the verifier also trusts.
/// Should be: the evidence against every trusted certificate of the anchor's name and key
/// (or every anchor the path could end at) counts, whichever was added first: INVALID for
/// both orders.
///
/// Found by review 67 (was a defect). Fixed: a compromise proven of another certificate
/// carrying a path certificate's or the anchor's key counts against it
/// (`key_lost_elsewhere`, src/condition/revocation/key_lost.rs).
#[test]
fn the_compromise_of_an_anchors_key_counts_whichever_anchor_was_added_first() {
    let crls = [CURRENT, ROOT_LISTS_NCA];
    assert_holds(
        Rel::OrderAnchors,
        &named(&[ROOT, NCA, XB], &[NCA], &[], &crls, 0),
        &named(&[XB, NCA, ROOT], &[NCA], &[], &crls, 0),
    );
}

/// Finding 2 (relation 2, moving a certificate into the document; VALID vs INVALID).
/// Generator case 389 (seed 0x67), shrunk.
///
/// Configuration: anchors [bridge, third]; CRLs [the third's #2 listing its
/// cross-certificate XT of nca_rsa as superseded since 11-05, nca_current #100]; time
/// given.
/// - intermediates [XB], document [XT]: the path ends at the bridge (the verifier's
///   intermediates are tried before the document's): "CA NCA: not checked (no CRL of
///   Review67 Bridge)": VALID.
/// - intermediates [], document [XT, XB] (XB moved into the document): the path ends at
///   the third: "CA NCA is revoked since 11-05 (superseded; CRL #2 of Review67 Third)":
///   INVALID.
///
/// WRONG: src/chain/mod.rs:502-511 (anchors, then intermediates, in insertion order,
/// depth-first; the document's certificates join the intermediates after the verifier's)
/// finds one path, src/condition.rs:175 keeps it, and src/condition/revocation.rs:50-60
/// judges the statuses of that path's certificates only: which revocation counts is
/// decided by where a certificate was offered.
/// Should be: one verdict whatever path is found first: either every path is judged and
/// the verdict is the best path's (VALID) or a revocation of any CA that could carry the
/// target counts (INVALID), but the same for both placements.
///
/// Found by review 67 (was a defect). Fixed: when the first path's revocation check does
/// not pass, other paths are judged and the best counts (`best_path`,
/// src/condition/alternatives.rs).
#[test]
fn where_a_cross_certificate_is_offered_changes_nothing() {
    let crls = [THIRD_LISTS_XT, CURRENT];
    assert_holds(
        Rel::Move,
        &named(&[BRIDGE, THIRD], &[XB], &[XT], &crls, 0),
        &named(&[BRIDGE, THIRD], &[], &[XT, XB], &crls, 0),
    );
}

/// Finding 3 (relation 1, the order of the intermediates; VALID vs INVALID). Generator
/// case 514 (seed 0x67), shrunk, with nca_current added.
///
/// Configuration: anchors [root, third]; CRLs [nca_current #100, the third's #2 listing
/// XT superseded since 11-05]; time given.
/// - intermediates [nca, XT]: path to the root: "CA NCA: not checked (no CRL of ROOT)":
///   VALID.
/// - intermediates [XT, nca]: path to the third: "CA NCA is revoked since 11-05
///   (superseded; CRL #2 of Review67 Third)": INVALID.
///
/// WRONG: as finding 2 (src/chain/mod.rs:502-511, src/condition.rs:175,
/// src/condition/revocation.rs:50-60): the first path found decides.
/// Should be: the same verdict for both orders.
///
/// Found by review 67 (was a defect). Fixed: when the first path's revocation check does
/// not pass, other paths are judged and the best counts (`best_path`,
/// src/condition/alternatives.rs).
#[test]
fn a_superseded_cross_certificate_counts_whatever_the_order_of_the_intermediates() {
    let crls = [CURRENT, THIRD_LISTS_XT];
    assert_holds(
        Rel::OrderInters,
        &named(&[ROOT, THIRD], &[NCA, XT], &[], &crls, 0),
        &named(&[ROOT, THIRD], &[XT, NCA], &[], &crls, 0),
    );
}

/// Finding 4 (relation 1, the order of the intermediates; VALID vs INDETERMINATE).
/// Generator case 280 (seed 0x67), shrunk.
///
/// Configuration: anchors [third, root]; CRLs [root #20 (empty), a CRL #100 of nca_rsa's
/// NAME signed by SN_B (a same-name CA of another key, certified by the bridge) listing
/// only nca_rsa's serial, bridge #1 (empty)]; time given.
/// - intermediates [SN_B, XT, nca, RB]: path to the third: SN_B's CRL "cannot be trusted:
///   CRL signer NCA: no issuer certificate found for ROOT": INDETERMINATE.
/// - intermediates [RB, nca, SN_B, XT]: path to the root: the same CRL (SN_B under the
///   bridge, the bridge under the root through RB) says "not revoked": VALID.
///
/// WRONG: as finding 2: the first path found decides whether a same-name signer's CRL
/// speaks for the target.
/// Should be: the same verdict for both orders.
///
/// Found by review 67 (was a defect). Fixed: when the first path's revocation check does
/// not pass, other paths are judged and the best counts (`best_path`,
/// src/condition/alternatives.rs).
#[test]
fn a_same_name_signer_speaks_whatever_the_order_of_the_intermediates() {
    let crls = [ROOT_EMPTY, SN_B_CRL, BRIDGE_EMPTY];
    assert_holds(
        Rel::OrderInters,
        &named(&[THIRD, ROOT], &[SN_B, XT, NCA, RB], &[], &crls, 0),
        &named(&[THIRD, ROOT], &[RB, NCA, SN_B, XT], &[], &crls, 0),
    );
}

/// Finding 5 (relation 1, the order of the intermediates; INVALID vs INDETERMINATE).
/// Generator case 47 (seed 0x67), shrunk, with nca_current added.
///
/// Configuration: anchors [root, bridge]; CRLs [nca_current #100, the root's #21 listing
/// nca_rsa.cer for cACompromise since 11-05]; time given.
/// - intermediates [nca, XB]: path to the root: "CA NCA is revoked ... CA compromise":
///   INVALID.
/// - intermediates [XB, nca]: path to the bridge: the target's CRL "cannot be trusted"
///   (its signer's key is revoked), the CA's own cACompromise not counted: INDETERMINATE.
///
/// WRONG: as finding 2. Not a false VALID (the key's revocation still poisons the
/// target's CRL), but a proven cACompromise of the issuing key is a revocation under
/// every path that key's certificates make.
/// Should be: INVALID for both orders.
///
/// Found by review 67 (was a defect). Fixed: a compromise proven of another certificate
/// carrying a path certificate's or the anchor's key counts against it
/// (`key_lost_elsewhere`, src/condition/revocation/key_lost.rs).
#[test]
fn the_roots_ca_compromise_counts_through_a_cross_certificate_of_the_key() {
    let crls = [CURRENT, ROOT_LISTS_NCA];
    assert_holds(
        Rel::OrderInters,
        &named(&[ROOT, BRIDGE], &[NCA, XB], &[], &crls, 0),
        &named(&[ROOT, BRIDGE], &[XB, NCA], &[], &crls, 0),
    );
}

/// Finding 6 (relation 1, the order of the intermediates, ONE anchor; INVALID vs
/// INDETERMINATE). Generator case 108 (seed 0x67), shrunk, with nca_current added.
///
/// Configuration: anchors [root]; the document carries RB (the root's cross-certificate
/// of the bridge): two paths to the one root, root -> nca -> target and root -> RB ->
/// XB -> target; CRLs [nca_current #100, the bridge's #2 listing XB for cACompromise since
/// 11-05]; time given.
/// - intermediates [XB, nca]: the path through XB: "CA NCA is revoked ... CA compromise;
///   CRL #2 of Review67 Bridge": INVALID.
/// - intermediates [nca, XB]: the path through nca_rsa.cer: INDETERMINATE (the target's
///   CRL's signer key is revoked), the cACompromise not counted.
///
/// WRONG: as finding 2 (the same root at the end of both paths).
/// Should be: INVALID for both orders.
///
/// Found by review 67 (was a defect). Fixed: a compromise proven of another certificate
/// carrying a path certificate's or the anchor's key counts against it
/// (`key_lost_elsewhere`, src/condition/revocation/key_lost.rs).
#[test]
fn a_ca_compromise_counts_on_every_path_to_one_root() {
    let crls = [CURRENT, BRIDGE_LISTS_XB];
    assert_holds(
        Rel::OrderInters,
        &named(&[ROOT], &[XB, NCA], &[RB], &crls, 0),
        &named(&[ROOT], &[NCA, XB], &[RB], &crls, 0),
    );
}

/// Finding 7 (relation 1, the order of the DOCUMENT's certificates; VALID vs INVALID).
/// Generator case 281 (seed 0x6767), shrunk; the CRL swapped for the third's.
///
/// Configuration: anchors [bridge, third]; no intermediates; the document carries both
/// cross-certificates of nca_rsa, XB (bridge) and XT (third); CRLs [nca_current #100, the
/// third's #2 listing XT superseded since 11-05]; time given.
/// - document [XB, XT]: path to the bridge: "CA NCA: not checked (no CRL of Review67
///   Bridge)": VALID.
/// - document [XT, XB]: path to the third: "CA NCA is revoked since 11-05 (superseded;
///   CRL #2 of Review67 Third)": INVALID.
///
/// The signer chooses the order of the certificates it carries: it chooses the verdict.
/// WRONG: as finding 2 (src/chain/mod.rs:502-511 in the document's order).
/// Should be: the same verdict for both orders.
///
/// Found by review 67 (was a defect). Fixed: when the first path's revocation check does
/// not pass, other paths are judged and the best counts (`best_path`,
/// src/condition/alternatives.rs).
#[test]
fn the_order_of_the_documents_certificates_decides_nothing() {
    let crls = [CURRENT, THIRD_LISTS_XT];
    assert_holds(
        Rel::OrderDoc,
        &named(&[BRIDGE, THIRD], &[], &[XB, XT], &crls, 0),
        &named(&[BRIDGE, THIRD], &[], &[XT, XB], &crls, 0),
    );
}
