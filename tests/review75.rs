//! Review 75 (hostile, metamorphic): review 67's generator over anchors that are NOT
//! roots, for `best_path` (src/condition/alternatives.rs), `other_chains_above` and
//! `with_key_lost` above a trust anchor (src/condition/revocation/anchor.rs).
//!
//! Pool (`pool`, a `OnceLock`; review 71/72/74's settings renamed "Review75 ..."): the
//! root and "Review75 Bridge" (own key); nca_rsa.cer and XB (the bridge's certificate of
//! nca_rsa's name and key); M ("Review75 Mid", the root's CA, ocsp_responder's key,
//! pathLen 0), A (M's certificate of nca_rsa's name and key), M' (the bridge's certificate
//! of M's name and key); N ("Review75 Upper", the root's CA, sub_ca's key), N' (the
//! bridge's of N), M2 ("Review75 Mid2", N's CA, legal_sign's key), A2 (M2's certificate of
//! nca_rsa), M2' (the bridge's of M2); Other ("Review75 Other", the root's CA of M's key);
//! the target itself (individual_sign.cer); four junk CA certificates (M's, nca_rsa's,
//! the root's and N's names, a random key, signed by nobody trusted). 24 CRLs in six
//! groups, at most one of a group drawn: nca_current; the root's empty #20 or #21 listing
//! M (superseded, keyCompromise, cACompromise, hold), N (superseded, keyCompromise),
//! nca_rsa.cer (superseded, cACompromise) or Other (keyCompromise); the bridge's empty or
//! listing M' (keyCompromise, hold), XB (superseded) or N' (cACompromise); M's empty or
//! listing A (hold, superseded, keyCompromise); N's empty or listing M2 superseded; M2's
//! empty or listing A2 cACompromise. All since 11-01.
//!
//! Generator (SplitMix64, seeds 0x75 and 0x7575): anchors (the root 85%, the bridge 50%,
//! A 45%, A2 30%, the target 15%, nca_rsa.cer 15%, XB and M 8%; at least one anchor that is
//! not a root always), intermediates (M, M', N, N', M2, M2', nca_rsa.cer, XB, Other, A,
//! A2, junk), a quarter of them moved into the document, junk in the document, the CRLs
//! (each list shuffled) and the time (given, stamped, claimed). `check_certificate_with(
//! target, time, document)` is judged before and after each change:
//!
//! 1. Order: the anchors, the intermediates, the document's certificates, the CRLs each
//!    shuffled and reversed on their own: the same `overall()`.
//! 2. Move: one intermediate into the document, all of them, one of the document's into
//!    the intermediates: valid iff valid.
//! 3. Junk: junk CA certificates added to the document: never not valid into valid.
//! 4. Trust: a certificate already offered (an intermediate or the document's) trusted
//!    too: never not valid into valid. Checked when a compromise (keyCompromise,
//!    cACompromise) is listed and the path verified before (not a missing path, nor M's
//!    pathLen 0 over A: trusting A then is the point). Not counted (explored, by the
//!    library's rule "an anchor whose issuer nothing trusted vouches for is trusted as
//!    given", anchor.rs:34-35): the root lists nca_rsa.cer superseded, XB offered, the
//!    bridge not trusted: INVALID; XB trusted too: VALID (a superseded CA routed around
//!    by a new trust decision, its key not lost).
//! 5. Duplicate: one input given twice (the copy right after it): the same `overall()`.
//!
//! A failure is shrunk (pool items removed from both sides while it persists; the given
//! time preferred) and printed (`explore_every_relation`, ignored, prints them all).
//!
//! Findings (relation 4; each a test replaying a shrunk configuration; all four fixed the
//! same session). One cause: the chain above a trust anchor that is not a root stops at
//! the FIRST anchor it meets (src/chain/mod.rs:509-529: the anchors of the issuer's name
//! are tried first, and an intermediate that is also an anchor is skipped as "tried as an anchor
//! already"), and `Verifier::above` asks every certificate of that chain but its top
//! (src/condition/revocation/anchor.rs:102, `take(certs.len() - 1)`): a top that is
//! itself an anchor that is not a root is never asked, neither its own status from its
//! issuer's CRL nor `with_key_lost` of its key; the first chain then holds nothing
//! against the anchor (rank 2), so `other_chains_above` is never tried (anchor.rs:75-79).
//! The same certificate trusted ALONE is judged by `against_anchor` (its own status, its
//! key's, the chain above it) and is INVALID. Trusting one more certificate turns INVALID
//! into VALID, against the rule "trusting one more certificate must not turn a verdict
//! that is not valid into valid" (anchor.rs:25-26) and "a compromise proven of any
//! certificate of a key counts on every path through that key".
//! 1. (fixed) `trusting_the_anchors_issuer_too_keeps_its_proven_compromise` (was
//!    `defect_trusting_the_anchors_issuer_too_hides_its_proven_compromise`) (generator
//!    case 88 of seed 0x75, cases 197 and 20 of 0x7575): A and the root trusted, M in the
//!    document, the root lists M keyCompromise (or cACompromise): INVALID ("CA Review75
//!    Mid, issuer of trust anchor ..., is revoked ... key compromise") at every time; M
//!    trusted too (before or after A): VALID at every time. Likewise A and the bridge
//!    trusted, M' in the document listed keyCompromise by the bridge: INVALID; M' trusted
//!    too: VALID. Control: the root and M trusted, A offered (path [target, A, M]): INVALID.
//! 2. (fixed) `trusting_another_certificate_of_the_anchors_issuers_key_keeps_its_compromise` (was
//!    `defect_trusting_another_certificate_of_the_anchors_issuers_key_hides_its_compromise`)
//!    (case 27 of seed 0x75): A and the root trusted, M and M' in the document, the root
//!    lists M keyCompromise: INVALID at every time (M's key lost through M counts on the
//!    chain through M', `with_key_lost` at j == 1); M' trusted too (before or after A):
//!    VALID at every time. Control: M' and the root trusted, A offered: INVALID.
//!
//! 3. (fixed) `trusting_the_target_and_its_issuer_keeps_the_issuers_compromise` (was
//!    `defect_trusting_the_target_and_its_issuer_hides_the_issuers_compromise`) (cases 626
//!    of 0x75 and 967 of 0x7575): the target and the root trusted, the root lists
//!    nca_rsa.cer cACompromise (or nca_rsa's key lost through A2, listed cACompromise by
//!    M2): INVALID; nca_rsa.cer trusted too: VALID ("the certificate is itself a trust
//!    anchor: trusted as given (nothing held speaks against it)"), at every time.
//! 4. (fixed) `trusting_the_anchors_issuer_too_keeps_its_revocation_that_is_no_compromise` (was
//!    `defect_trusting_the_anchors_issuer_too_hides_its_revocation_that_is_no_compromise`)
//!    (cases 449 and 865, M on hold; superseded by hand): the root lists M superseded or
//!    on hold: the root and A trusted INVALID, the root and M trusted INVALID, the root,
//!    A and M trusted VALID.
//!
//! Should be (all): a chain above an anchor whose top is an anchor that is not a root is
//! judged through that top too: its own status (asked of its issuer's evidence, which
//! `build_beyond_anchor(top)` finds) and `with_key_lost` of its key, as `against_anchor`
//! judges the path's anchor. Fix: in `above`, judge the top as `against_anchor` does when
//! `build_beyond_anchor(top)` is not `Root` (bounded by the path length, or by letting
//! `build_beyond_anchor` continue through anchors that are not roots to a root when one
//! is reachable, the anchor then asked like any CA above), and at least apply
//! `with_key_lost(top)` (a compromise of its key proven of any of its certificates).
//!
//! Held (`held_metamorphic_relations_over_anchors_that_are_not_roots`, seeds 0x75 and
//! 0x7575, `REVIEW75_CASES` each, 400 by default: 800 configurations, about 30 s in a
//! debug build; base verdicts 631 VALID, 97 INVALID, 72 INDETERMINATE): relation 1 (1324
//! orders of the anchors, 1313 of the intermediates, 425 of the document's certificates,
//! 1529 of the CRLs: the same `overall()`), relation 2 (2148 moves between the
//! intermediates and the document: valid iff valid), relation 3 (751 junk additions:
//! never into VALID), relation 5 (800 duplicates right after their original: the same
//! `overall()`). `explore_every_relation` with `REVIEW75_CASES=1000` (2000
//! configurations: 3318 anchor orders, 3265 intermediate orders, 1125 document orders,
//! 3820 CRL orders, 5388 moves, 1882 junk additions, 2000 duplicates, 1007 trust
//! additions under a compromise listing): relations 1, 2, 3 and 5 held throughout; every
//! failure of relation 4 has the cause above (plus the XB/superseded case not counted,
//! kept by the shrinker beside an unrelated compromise listing). Not pursued (time): OCSP
//! responses in the pool; budgets.
//!
//! Observed (not a defect of this review's relations): a verifier that trusts an
//! intermediate CA besides the one below it (a trust list naming both, as national trust
//! lists do) is exposed to findings 1-4 without any relay: no document certificate is
//! needed (M offered by the verifier, case 88).

mod common;

use std::sync::OnceLock;

use common::anchors::{self, describe, nca, nca_current, nca_serial};
use common::evidence as ev;
use common::forge::{self, int, CrlSpec, Tbs};
use qoltanba::revocation::Crl;
use qoltanba::{Certificate, CheckName, Expectation, Judged as _, Outcome, Verdict, Verifier};

// --- the pool ------------------------------------------------------------------------------

fn cert_of(der: &[u8]) -> Certificate {
    Certificate::from_der(der).unwrap()
}

/// A CA certificate of `name` (cA, keyCertSign, cRLSign), a random-looking public key,
/// signed by a key nobody trusts: anyone can make it; it verifies nothing.
fn junk(name: &[u8], i: u8) -> Certificate {
    let b = ev::cert("root.cer");
    let forger = forge::Ca {
        cert: b.der().to_vec(),
        key: ev::key("individual_auth.key.pem"),
    };
    let mut key = Tbs::of(ev::cert("legal_sign.cer").der()).spki;
    let at = key.len() - 8;
    key[at] ^= 0x5a ^ i;
    key[at + 1] ^= i.wrapping_mul(37) | 1;
    let der = forger.reissue(b.der(), |t| {
        t.serial = int(&[0x75, 0x7f, i]);
        t.subject = name.to_vec();
        t.spki = key;
    });
    cert_of(&der)
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

const MONTH: (&str, &str) = ("261120000000Z", "261220000000Z");
const SINCE: &str = "261101000000Z";

struct Pool {
    /// Every certificate: anchors, intermediates and junk draw from it.
    certs: Vec<(&'static str, Certificate)>,
    /// Every CRL, with its group: at most one CRL of a group is drawn.
    crls: Vec<(&'static str, &'static str, Vec<u8>)>,
}

impl Pool {
    fn cert(&self, name: &str) -> usize {
        self.certs
            .iter()
            .position(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("no certificate {name}"))
    }
    fn crl(&self, name: &str) -> usize {
        self.crls
            .iter()
            .position(|(n, _, _)| *n == name)
            .unwrap_or_else(|| panic!("no CRL {name}"))
    }
}

const ROOT: &str = "root";
const BRIDGE: &str = "bridge";
const TARGET: &str = "target (individual_sign)";
const NCA: &str = "nca";
const XB: &str = "XB (bridge's of nca)";
const M: &str = "M (root's Mid, ocsp_responder key)";
const A: &str = "A (M's of nca)";
const MB: &str = "M' (bridge's of M)";
const N: &str = "N (root's Upper, sub_ca key)";
const NB: &str = "N' (bridge's of N)";
const M2: &str = "M2 (N's Mid2, legal_sign key)";
const A2: &str = "A2 (M2's of nca)";
const M2B: &str = "M2' (bridge's of M2)";
const OTHER: &str = "Other (root's, M's key)";
const JUNK_M: &str = "junk M name";
const JUNK_NCA: &str = "junk nca name";
const JUNK_ROOT: &str = "junk root name";
const JUNK_N: &str = "junk N name";

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let root = ev::root();
        let b = anchors::bridge("Review75 Bridge", 0x75);
        let xb = anchors::cross(&b, 0x75);
        let (m_c, m) = ev::ca_made(
            &root,
            &[0x75, 0x01],
            Some(ev::cn_name("Review75 Mid")),
            "ocsp_responder",
            |_| {},
        );
        let a = cert_of(&m.reissue(nca().der(), |t| t.serial = int(&[0x75, 0x02])));
        let mb = cert_of(&b.reissue(m_c.der(), |t| t.serial = int(&[0x75, 0x03])));
        let n_der = root.reissue(ev::cert("root.cer").der(), |t| {
            t.serial = int(&[0x75, 0x30]);
            t.subject = ev::cn_name("Review75 Upper");
            t.spki = Tbs::of(ev::cert("sub_ca.cer").der()).spki;
        });
        let n = forge::Ca {
            cert: n_der.clone(),
            key: ev::key("sub_ca.key.pem"),
        };
        let n_c = cert_of(&n_der);
        let nb = cert_of(&b.reissue(&n_der, |t| t.serial = int(&[0x75, 0x32])));
        let (m2_c, m2) = ev::ca_made(
            &n,
            &[0x75, 0x31],
            Some(ev::cn_name("Review75 Mid2")),
            "legal_sign",
            |_| {},
        );
        let a2 = cert_of(&m2.reissue(nca().der(), |t| t.serial = int(&[0x75, 0x33])));
        let m2b = cert_of(&b.reissue(m2_c.der(), |t| t.serial = int(&[0x75, 0x34])));
        let (other, _) = ev::ca_made(
            &root,
            &[0x75, 0x60],
            Some(ev::cn_name("Review75 Other")),
            "ocsp_responder",
            |_| {},
        );
        let nca_name = forge::Ca::nca_rsa().name();
        let certs = vec![
            (ROOT, ev::cert("root.cer")),
            (BRIDGE, cert_of(&b.cert)),
            (TARGET, ev::target()),
            (NCA, nca()),
            (XB, xb.clone()),
            (M, m_c.clone()),
            (A, a.clone()),
            (MB, mb.clone()),
            (N, n_c.clone()),
            (NB, nb.clone()),
            (M2, m2_c.clone()),
            (A2, a2.clone()),
            (M2B, m2b),
            (OTHER, other.clone()),
            (JUNK_M, junk(m_c.subject().der(), 1)),
            (JUNK_NCA, junk(&nca_name, 2)),
            (JUNK_ROOT, junk(ev::cert("root.cer").subject().der(), 3)),
            (JUNK_N, junk(n_c.subject().der(), 4)),
        ];
        let r = |serial: &[u8], reason: u8| {
            ev::root_crl(
                21,
                "261110000000Z",
                vec![ev::entry_for(serial, SINCE, reason)],
            )
        };
        let by = |ca: &forge::Ca, serial: &[u8], reason: u8| {
            crl_by(ca, 1, MONTH.0, MONTH.1, &[(serial, SINCE, reason)])
        };
        let empty = |ca: &forge::Ca| crl_by(ca, 1, MONTH.0, MONTH.1, &[]);
        let crls = vec![
            ("nca_current #100", "nca", nca_current()),
            ("root #20 empty", "root", ev::root_crl(20, SINCE, vec![])),
            (
                "root lists M superseded",
                "root",
                r(m_c.serial(), SUPERSEDED),
            ),
            ("root lists M KC", "root", r(m_c.serial(), KC)),
            (
                "root lists M cACompromise",
                "root",
                r(m_c.serial(), CA_COMPROMISE),
            ),
            ("root lists M hold", "root", r(m_c.serial(), HOLD)),
            (
                "root lists N superseded",
                "root",
                r(n_c.serial(), SUPERSEDED),
            ),
            ("root lists N KC", "root", r(n_c.serial(), KC)),
            (
                "root lists nca superseded",
                "root",
                r(&nca_serial(), SUPERSEDED),
            ),
            (
                "root lists nca cACompromise",
                "root",
                r(&nca_serial(), CA_COMPROMISE),
            ),
            ("root lists Other KC", "root", r(other.serial(), KC)),
            ("bridge empty", "bridge", empty(&b)),
            ("bridge lists M' KC", "bridge", by(&b, mb.serial(), KC)),
            ("bridge lists M' hold", "bridge", by(&b, mb.serial(), HOLD)),
            (
                "bridge lists XB superseded",
                "bridge",
                by(&b, xb.serial(), SUPERSEDED),
            ),
            (
                "bridge lists N' cACompromise",
                "bridge",
                by(&b, nb.serial(), CA_COMPROMISE),
            ),
            ("M empty", "M", empty(&m)),
            ("M lists A hold", "M", by(&m, a.serial(), HOLD)),
            ("M lists A superseded", "M", by(&m, a.serial(), SUPERSEDED)),
            ("M lists A KC", "M", by(&m, a.serial(), KC)),
            ("N empty", "N", empty(&n)),
            (
                "N lists M2 superseded",
                "N",
                by(&n, m2_c.serial(), SUPERSEDED),
            ),
            ("M2 empty", "M2", empty(&m2)),
            (
                "M2 lists A2 cACompromise",
                "M2",
                by(&m2, a2.serial(), CA_COMPROMISE),
            ),
        ];
        Pool { certs, crls }
    })
}

// --- configurations --------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
struct Config {
    anchors: Vec<usize>,
    inters: Vec<usize>,
    doc: Vec<usize>,
    crls: Vec<usize>,
    time: usize,
}

const TIMES: [&str; 3] = ["given", "stamped", "claimed"];

fn expectation(i: usize) -> Expectation {
    match i {
        0 => ev::at_t(),
        1 => ev::stamped(),
        _ => ev::claim(),
    }
}

fn verdict(c: &Config) -> Verdict {
    let p = pool();
    let mut b = Verifier::builder();
    for &a in &c.anchors {
        b = b.trust(p.certs[a].1.clone()).unwrap();
    }
    for &i in &c.inters {
        b = b.intermediate(p.certs[i].1.clone()).unwrap();
    }
    for &r in &c.crls {
        b = b.crl(Crl::from_der(p.crls[r].2.clone()).unwrap()).unwrap();
    }
    let doc: Vec<Certificate> = c.doc.iter().map(|&d| p.certs[d].1.clone()).collect();
    b.build()
        .check_certificate_with(&ev::target(), &expectation(c.time), &doc)
}

fn show(c: &Config) -> String {
    let p = pool();
    let names = |v: &[usize]| {
        v.iter()
            .map(|&i| format!("{:?}", p.certs[i].0))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "anchors [{}]\n  intermediates [{}]\n  document [{}]\n  crls [{}]\n  time {}",
        names(&c.anchors),
        names(&c.inters),
        names(&c.doc),
        c.crls
            .iter()
            .map(|&i| format!("{:?}", p.crls[i].0))
            .collect::<Vec<_>>()
            .join(", "),
        TIMES[c.time]
    )
}

/// A configuration named by pool names (for the replayed findings).
fn named(anchors: &[&str], inters: &[&str], doc: &[&str], crls: &[&str], time: usize) -> Config {
    let p = pool();
    Config {
        anchors: anchors.iter().map(|n| p.cert(n)).collect(),
        inters: inters.iter().map(|n| p.cert(n)).collect(),
        doc: doc.iter().map(|n| p.cert(n)).collect(),
        crls: crls.iter().map(|n| p.crl(n)).collect(),
        time,
    }
}

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True with probability `pct` percent.
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

fn generate(rng: &mut Rng) -> Config {
    let p = pool();
    let pick = |rng: &mut Rng, items: &[(&str, u64)]| -> Vec<usize> {
        let mut v: Vec<usize> = items
            .iter()
            .filter(|(_, pct)| rng.chance(*pct))
            .map(|(n, _)| p.cert(n))
            .collect();
        rng.shuffle(&mut v);
        v
    };
    // At least one anchor that is not a root, most of the time.
    let mut anchors = pick(
        rng,
        &[
            (ROOT, 85),
            (BRIDGE, 50),
            (A, 45),
            (A2, 30),
            (TARGET, 15),
            (NCA, 15),
            (XB, 8),
            (M, 8),
        ],
    );
    if !anchors
        .iter()
        .any(|&a| p.certs[a].0 != ROOT && p.certs[a].0 != BRIDGE)
    {
        let extra = [A, A2, TARGET, NCA][rng.below(4)];
        let at = rng.below(anchors.len() + 1);
        anchors.insert(at, p.cert(extra));
    }
    let mut inters = pick(
        rng,
        &[
            (NCA, 45),
            (XB, 30),
            (M, 70),
            (MB, 45),
            (N, 55),
            (NB, 35),
            (M2, 50),
            (M2B, 30),
            (OTHER, 20),
            (A, 25),
            (A2, 15),
            (JUNK_M, 8),
            (JUNK_NCA, 6),
        ],
    );
    let mut doc = pick(rng, &[(JUNK_ROOT, 8), (JUNK_N, 8)]);
    // Some intermediates travel in the document instead.
    let mut kept = Vec::new();
    for i in inters.drain(..) {
        if rng.chance(25) {
            doc.push(i);
        } else {
            kept.push(i);
        }
    }
    inters = kept;
    rng.shuffle(&mut doc);
    let mut crls = Vec::new();
    for (group, none_pct) in [
        ("nca", 15),
        ("root", 15),
        ("bridge", 35),
        ("M", 35),
        ("N", 40),
        ("M2", 40),
    ] {
        if rng.chance(none_pct) {
            continue;
        }
        let of: Vec<usize> = (0..p.crls.len())
            .filter(|&i| p.crls[i].1 == group)
            .collect();
        // The empty (first) CRL of a group half the time, else any.
        let i = if rng.chance(45) {
            of[0]
        } else {
            of[rng.below(of.len())]
        };
        crls.push(i);
    }
    rng.shuffle(&mut crls);
    Config {
        anchors,
        inters,
        doc,
        crls,
        time: rng.below(3),
    }
}

// --- relations --------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rel {
    /// 1: the trust anchors in another order: the same overall.
    OrderAnchors,
    /// 1: the verifier's intermediates in another order: the same overall.
    OrderInters,
    /// 1: the document's certificates in another order: the same overall.
    OrderDoc,
    /// 1: the CRLs in another order: the same overall.
    OrderCrls,
    /// 2: a certificate moved between intermediates and document: valid iff valid.
    Move,
    /// 3: junk added to the document: never not-valid into valid.
    Junk,
    /// 4: a certificate already offered (intermediate or document) trusted too, when a
    /// compromise is listed: never not-valid into valid (unless no path verified before:
    /// no path, or a path constraint of the anchor above it, as M's pathLen 0 over A;
    /// trusting is then the point).
    Trust,
    /// 5: an input duplicated: the same overall.
    Dup,
}

const ALL: [Rel; 8] = [
    Rel::OrderAnchors,
    Rel::OrderInters,
    Rel::OrderDoc,
    Rel::OrderCrls,
    Rel::Move,
    Rel::Junk,
    Rel::Trust,
    Rel::Dup,
];

fn chain_found(v: &Verdict) -> bool {
    v.checks()
        .iter()
        .any(|c| c.name() == CheckName::Chain && c.outcome() == Outcome::Passed)
}

/// Whether the pair (a, b) of verdicts breaks `rel`.
fn broken(rel: Rel, a: &Verdict, b: &Verdict) -> bool {
    match rel {
        Rel::OrderAnchors | Rel::OrderInters | Rel::OrderDoc | Rel::OrderCrls | Rel::Dup => {
            a.overall() != b.overall()
        }
        Rel::Move => a.is_valid() != b.is_valid(),
        Rel::Junk => !a.is_valid() && b.is_valid(),
        Rel::Trust => !a.is_valid() && b.is_valid() && chain_found(a),
    }
}

/// Whether `c` holds evidence of a lost key (a keyCompromise or cACompromise listing):
/// relation 4 is checked only then. A superseded or held CA is routed around by any other
/// chain, and trusting a certificate of its key (a new trust decision) is such a chain
/// (explored: nca superseded by the root, XB trusted with its bridge unknown: VALID, by
/// the rule "an anchor whose issuer nothing trusted vouches for is trusted as given").
fn lost_key_evidence(c: &Config) -> bool {
    let p = pool();
    c.crls
        .iter()
        .any(|&i| p.crls[i].0.contains("KC") || p.crls[i].0.contains("cACompromise"))
}

fn fails(rel: Rel, a: &Config, b: &Config) -> bool {
    (rel != Rel::Trust || lost_key_evidence(a)) && broken(rel, &verdict(a), &verdict(b))
}

/// The variants (the right side of each relation) of `c`.
fn variants(rng: &mut Rng, c: &Config) -> Vec<(Rel, Config)> {
    let p = pool();
    let mut out = Vec::new();
    // 1. order: each list shuffled, then reversed, on its own.
    for rel in [
        Rel::OrderAnchors,
        Rel::OrderInters,
        Rel::OrderDoc,
        Rel::OrderCrls,
    ] {
        for reverse in [false, true] {
            let mut s = c.clone();
            let l = match rel {
                Rel::OrderAnchors => &mut s.anchors,
                Rel::OrderInters => &mut s.inters,
                Rel::OrderDoc => &mut s.doc,
                _ => &mut s.crls,
            };
            if reverse {
                l.reverse();
            } else {
                rng.shuffle(l);
            }
            if s != *c {
                out.push((rel, s));
            }
        }
    }
    // 2. move one certificate (or all) between the intermediates and the document.
    if !c.inters.is_empty() {
        let mut m = c.clone();
        let i = m.inters.remove(rng.below(m.inters.len()));
        let at = rng.below(m.doc.len() + 1);
        m.doc.insert(at, i);
        out.push((Rel::Move, m));
        let mut all = c.clone();
        all.doc.append(&mut all.inters);
        out.push((Rel::Move, all));
    }
    if !c.doc.is_empty() {
        let mut m = c.clone();
        let i = m.doc.remove(rng.below(m.doc.len()));
        let at = rng.below(m.inters.len() + 1);
        m.inters.insert(at, i);
        out.push((Rel::Move, m));
    }
    // 3. junk added to the document.
    let junk: Vec<usize> = (0..p.certs.len())
        .filter(|&i| p.certs[i].0.starts_with("junk"))
        .collect();
    let mut j = c.clone();
    for &k in &junk {
        if rng.chance(50) {
            let at = rng.below(j.doc.len() + 1);
            j.doc.insert(at, k);
        }
    }
    if j != *c {
        out.push((Rel::Junk, j));
    }
    // 4. one more anchor: a certificate already offered (not junk, not yet trusted).
    let offered: Vec<usize> = c
        .inters
        .iter()
        .chain(&c.doc)
        .copied()
        .filter(|&i| !p.certs[i].0.starts_with("junk") && !c.anchors.contains(&i))
        .collect();
    if !offered.is_empty() {
        let mut t = c.clone();
        let x = offered[rng.below(offered.len())];
        let at = rng.below(t.anchors.len() + 1);
        t.anchors.insert(at, x);
        out.push((Rel::Trust, t));
    }
    // 5. one input duplicated, right after the original.
    let mut d = c.clone();
    let lists = [&mut d.anchors, &mut d.inters, &mut d.doc, &mut d.crls];
    let nonempty: Vec<_> = lists.into_iter().filter(|l| !l.is_empty()).collect();
    if !nonempty.is_empty() {
        let n = nonempty.len();
        let l = nonempty.into_iter().nth(rng.below(n)).unwrap();
        let at = rng.below(l.len());
        let x = l[at];
        l.insert(at + 1, x);
        out.push((Rel::Dup, d));
    }
    out
}

/// `c` without pool item `item` (a certificate when `cert`, else a CRL).
fn without(c: &Config, cert: bool, item: usize) -> Config {
    let mut c = c.clone();
    if cert {
        c.anchors.retain(|&x| x != item);
        c.inters.retain(|&x| x != item);
        c.doc.retain(|&x| x != item);
    } else {
        c.crls.retain(|&x| x != item);
    }
    c
}

/// Remove pool items from both sides while the relation stays broken; prefer the given
/// time.
fn shrink(rel: Rel, a: &Config, b: &Config) -> (Config, Config) {
    let p = pool();
    let (mut a, mut b) = (a.clone(), b.clone());
    loop {
        let mut progress = false;
        for cert in [true, false] {
            let n = if cert { p.certs.len() } else { p.crls.len() };
            for item in 0..n {
                let (a2, b2) = (without(&a, cert, item), without(&b, cert, item));
                if (a2 != a || b2 != b) && fails(rel, &a2, &b2) {
                    a = a2;
                    b = b2;
                    progress = true;
                }
            }
        }
        if a.time != 0 {
            let (mut a2, mut b2) = (a.clone(), b.clone());
            a2.time = 0;
            b2.time = 0;
            if fails(rel, &a2, &b2) {
                a = a2;
                b = b2;
                progress = true;
            }
        }
        if !progress {
            return (a, b);
        }
    }
}

fn cases() -> usize {
    std::env::var("REVIEW75_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400)
}

type Tally = std::collections::BTreeMap<String, usize>;

/// Run the generator: the number of cases, the distinct shrunk failures of each relation
/// in `checked`, the tally of the base verdicts and of the variants judged per relation.
fn run(checked: &[Rel], seed: u64, n: usize) -> (usize, Vec<String>, Tally) {
    let mut rng = Rng(seed);
    let mut failures = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut tally = Tally::new();
    for case in 0..n {
        let c = generate(&mut rng);
        let va = verdict(&c);
        *tally.entry(format!("{:?}", va.overall())).or_insert(0) += 1;
        for (rel, v) in variants(&mut rng, &c) {
            if !checked.contains(&rel) {
                continue;
            }
            if rel == Rel::Trust && !lost_key_evidence(&c) {
                continue;
            }
            *tally.entry(format!("{rel:?}")).or_insert(0) += 1;
            let vb = verdict(&v);
            if broken(rel, &va, &vb) {
                let (a, b) = shrink(rel, &c, &v);
                let mut key = (
                    a.anchors.clone(),
                    a.inters.clone(),
                    a.doc.clone(),
                    a.crls.clone(),
                );
                key.0.sort();
                key.1.sort();
                key.2.sort();
                key.3.sort();
                let key = format!("{rel:?} {key:?}");
                if !seen.contains(&key) {
                    failures.push(format!(
                        "case {case} {rel:?}\n  A: {}\n  => {}\n  B: {}\n  => {}",
                        show(&a),
                        describe(&verdict(&a)),
                        show(&b),
                        describe(&verdict(&b))
                    ));
                    seen.push(key);
                }
            }
        }
    }
    (n, failures, tally)
}

/// Assert `rel` of the pair, both verdicts in the message.
fn assert_holds(rel: Rel, a: &Config, b: &Config) {
    let (va, vb) = (verdict(a), verdict(b));
    assert!(
        !broken(rel, &va, &vb),
        "{rel:?} broken\nA: {}\n=> {}\n\nB: {}\n=> {}",
        show(a),
        describe(&va),
        show(b),
        describe(&vb)
    );
}

/// Every relation over the generated configurations, the failures shrunk and printed:
/// `cargo test --test review75 -- --ignored --nocapture` (`REVIEW75_CASES`, seeds 0x75
/// and 0x7575).
#[test]
#[ignore = "exploration: prints the failures of every relation"]
fn explore_every_relation() {
    for seed in [0x75, 0x7575] {
        let (n, failures, tally) = run(&ALL, seed, cases());
        eprintln!(
            "{n} cases (seed {seed:#x}), {} distinct shrunk failures, {tally:?}",
            failures.len()
        );
        for f in &failures {
            eprintln!("{f}\n");
        }
    }
}

/// The relations that held over every generated configuration (seeds 0x75 and 0x7575,
/// `REVIEW75_CASES` each, 400 by default): 1 (the order of the anchors, the
/// intermediates, the document's certificates, the CRLs), 2 (moving a certificate between
/// the intermediates and the document), 3 (junk in the document), 5 (a duplicate right
/// after its original). Relation 4 fails (findings below). Each failure is shrunk and
/// printed.
#[test]
fn held_metamorphic_relations_over_anchors_that_are_not_roots() {
    let held = [
        Rel::OrderAnchors,
        Rel::OrderInters,
        Rel::OrderDoc,
        Rel::OrderCrls,
        Rel::Move,
        Rel::Junk,
        Rel::Dup,
    ];
    let mut all = Vec::new();
    for seed in [0x75, 0x7575] {
        let (n, failures, tally) = run(&held, seed, cases());
        eprintln!("{n} cases (seed {seed:#x}): {tally:?}");
        for v in ["Valid", "Invalid", "Indeterminate"] {
            assert!(
                tally.contains_key(v),
                "{n} cases, {v} never reached: {tally:?}"
            );
        }
        all.extend(failures);
    }
    assert!(all.is_empty(), "{}", all.join("\n\n"));
}

// --- findings --------------------------------------------------------------------------------

const ROOT_LISTS_M_KC: &str = "root lists M KC";
const ROOT_LISTS_M_CAC: &str = "root lists M cACompromise";
const BRIDGE_LISTS_MB_KC: &str = "bridge lists M' KC";
const CURRENT: &str = "nca_current #100";

/// Finding 1 (relation 4, trusting one more certificate; INVALID into VALID). Generator
/// case 197 (seed 0x7575), shrunk; case 88 of seed 0x75 (cACompromise) and case 20 of
/// seed 0x7575 (M' under the bridge) the same.
///
/// A and the root trusted, M (A's issuer) in the document, the root lists M for
/// keyCompromise (or cACompromise) since 11-01: "CA Review75 Mid, issuer of trust anchor
/// ..., is revoked": INVALID at every time. M trusted too (anchors [root, A, M] or [root,
/// M, A]): VALID at every time. Likewise A and the bridge trusted, M' listed keyCompromise
/// by the bridge: INVALID; M' trusted too: VALID.
/// WRONG: the chain above A stops at the anchor M (src/chain/mod.rs:509-529) and
/// `above` never asks the chain's top (src/condition/revocation/anchor.rs:102): M's own
/// revocation by the trusted root and its lost key are not looked at; the chain holds
/// nothing against A, so no other chain is tried (anchor.rs:75-79). M trusted without A
/// (path [target, A, M], `against_anchor(M)`): INVALID.
/// Should be: INVALID (a trusted issuer's proven compromise, as when M alone is trusted).
/// Fix: judge the chain's top anchor that is not a root as `against_anchor` does (its
/// status from its issuer's evidence, `with_key_lost` of its key), or build the chain
/// above through anchors that are not roots.
/// Found by review 75 (was a defect). Fixed: the chain above an anchor goes on through trusted
/// certificates that are not roots up to a root (`PathBuilder::build_above_anchor`), and its
/// top's key is asked of its other certificates (`with_key_lost`).
#[test]
fn trusting_the_anchors_issuer_too_keeps_its_proven_compromise() {
    for crl in [ROOT_LISTS_M_KC, ROOT_LISTS_M_CAC] {
        let crls = [crl, CURRENT];
        for time in 0..3 {
            assert_holds(
                Rel::Trust,
                &named(&[ROOT, A], &[], &[M], &crls, time),
                &named(&[ROOT, A, M], &[], &[M], &crls, time),
            );
        }
    }
    let crls = [BRIDGE_LISTS_MB_KC, CURRENT];
    assert_holds(
        Rel::Trust,
        &named(&[A, BRIDGE], &[], &[MB], &crls, 0),
        &named(&[A, MB, BRIDGE], &[], &[MB], &crls, 0),
    );
}

/// Finding 2 (relation 4, trusting one more certificate; INVALID into VALID). Generator
/// case 27 (seed 0x75), shrunk.
///
/// A and the root trusted, M and M' (the bridge's certificate of M's name and key; the
/// bridge not trusted) in the document, the root lists M for keyCompromise since 11-01:
/// INVALID at every time (the chain through M is revoked, `settled` at j == 1). M' trusted
/// too (anchors [A, M', root] or [M', A, root]): VALID at every time: the chain above A
/// is [A, M'] and ends at the anchor M', whose key (M's, proven compromised through M) is
/// never asked (`with_key_lost` is applied to j in 1..len-1 only,
/// src/condition/revocation/anchor.rs:102-121). M' and the root trusted without A (A
/// offered): INVALID (`against_anchor(M')` applies `with_key_lost`).
/// Should be: INVALID: a compromise proven of any certificate of a key counts on every
/// path through that key, a trusted certificate of it too.
/// Fix: as finding 1 (at least `with_key_lost` of the chain's top).
/// Found by review 75 (was a defect). Fixed: the chain above an anchor goes on through trusted
/// certificates that are not roots up to a root (`PathBuilder::build_above_anchor`), and its
/// top's key is asked of its other certificates (`with_key_lost`).
#[test]
fn trusting_another_certificate_of_the_anchors_issuers_key_keeps_its_compromise() {
    let crls = [CURRENT, ROOT_LISTS_M_KC];
    for time in 0..3 {
        assert_holds(
            Rel::Trust,
            &named(&[A, ROOT], &[], &[M, MB], &crls, time),
            &named(&[A, MB, ROOT], &[], &[M, MB], &crls, time),
        );
    }
}

/// Finding 3 (relation 4, trusting one more certificate; INVALID into VALID): finding 1
/// with the target itself trusted (its path [target]; the chain above it [target,
/// nca_rsa.cer, ...]). Generator cases 626 (seed 0x75) and 967 (seed 0x7575), shrunk.
///
/// - The root and the target trusted, nca_rsa.cer in the document, the root lists
///   nca_rsa.cer for cACompromise: INVALID at every time ("CA ..., issuer of trust anchor
///   ТЕСТОВ ТЕСТ, is revoked ... CA compromise"). nca_rsa.cer trusted too: VALID at every
///   time ("the certificate is itself a trust anchor: trusted as given (nothing held
///   speaks against it)"). nca_rsa.cer and the root trusted without the target: INVALID.
/// - nca_rsa's KEY lost through another certificate of it (A2, M2's certificate of
///   nca_rsa's name and key, listed cACompromise by M2; M2, N', the bridge): the target
///   and the root trusted: INVALID ("its key is lost"); nca_rsa.cer trusted too: VALID;
///   nca_rsa.cer trusted without the target: INVALID.
///
/// WRONG: as finding 1: the chain above the target ends at the anchor nca_rsa.cer
/// (src/chain/mod.rs:509-529), whose own status and key `above` never asks
/// (src/condition/revocation/anchor.rs:102). The key that signed the target is proven
/// compromised, and the verifier holds the proof.
/// Should be: INVALID. Fix: as finding 1.
/// Found by review 75 (was a defect). Fixed: the chain above an anchor goes on through trusted
/// certificates that are not roots up to a root (`PathBuilder::build_above_anchor`), and its
/// top's key is asked of its other certificates (`with_key_lost`).
#[test]
fn trusting_the_target_and_its_issuer_keeps_the_issuers_compromise() {
    let crls = ["root lists nca cACompromise"];
    for time in 0..3 {
        assert_holds(
            Rel::Trust,
            &named(&[ROOT, TARGET], &[], &[NCA], &crls, time),
            &named(&[ROOT, NCA, TARGET], &[], &[NCA], &crls, time),
        );
    }
    let crls = ["M2 lists A2 cACompromise"];
    assert_holds(
        Rel::Trust,
        &named(&[BRIDGE, TARGET, ROOT], &[M2, NCA, NB], &[A2], &crls, 0),
        &named(
            &[BRIDGE, NCA, TARGET, ROOT],
            &[M2, NCA, NB],
            &[A2],
            &crls,
            0,
        ),
    );
}

/// Finding 4 (trusting one more certificate; INVALID into VALID, the union of two
/// INVALID trust decisions VALID): finding 1 for a revocation that is not a compromise.
/// Found from generator cases 449 and 865 (seed 0x75/0x7575: M on hold; the relation's
/// check there is gated on a compromise listing, present but irrelevant), checked by hand
/// for superseded.
///
/// The root lists M superseded (or on hold) since 11-01:
/// - the root and A trusted, M offered: INVALID at every time (hold: INVALID given and
///   stamped, INDETERMINATE claimed) (M' absent: nothing to route around through);
/// - the root and M trusted, A offered (path [target, A, M], `against_anchor(M)`):
///   INVALID at every time ("a trusted issuer's evidence: trusting it does not outweigh
///   its revocation", anchor.rs:25-26: reviews 56 and 58);
/// - the root, A and M trusted: VALID at every time.
///
/// WRONG: as finding 1 (src/condition/revocation/anchor.rs:102: the chain's top, M, never
/// asked). Each trust decision alone is INVALID; the two together VALID.
/// Should be: INVALID (M's own revocation by the trusted root counts as it does when M
/// is the path's anchor). Fix: as finding 1.
/// Found by review 75 (was a defect). Fixed: the chain above an anchor goes on through trusted
/// certificates that are not roots up to a root (`PathBuilder::build_above_anchor`), and its
/// top's key is asked of its other certificates (`with_key_lost`).
#[test]
fn trusting_the_anchors_issuer_too_keeps_its_revocation_that_is_no_compromise() {
    for crl in ["root lists M superseded", "root lists M hold"] {
        let crls = [crl, CURRENT];
        assert_holds(
            Rel::Trust,
            &named(&[ROOT, A], &[], &[M], &crls, 0),
            &named(&[ROOT, A, M], &[], &[M], &crls, 0),
        );
    }
}
