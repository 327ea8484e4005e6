//! The settings of reviews 76 and 77, shared: the cross-certified pair B, A, BA
//! ([`pair`]), the ladder of rungs L1..Ln and AL ([`ladder`]), their CRLs and OCSP
//! responses ([`crl_by`], [`root_lists`], [`nca_lists`], [`ocsp_of`]), and review 76's
//! generator over them ([`pool`], [`generate`], [`variants`], [`verdict`]) for
//! `common::metamorphic::run`.
//!
//! Review 77 re-judged review 76's settings after its fixes, so it builds the very same
//! certificates: their names and serials stay review 76's ("Review76 B", serial 7602 ...),
//! as both reviews' documented verdict texts quote them. Review 77's own settings (the
//! three-cycle, the re-keyed root, the dated ladder "Review77 L1") stay in its file.
//!
//! The generator's draws are the reviews' documented case numbers ("generator case 564 of
//! seed 0x7777"): [`generate`] and [`variants`] call the [`Rng`] exactly as both reviews'
//! copies did, in the same order.

use std::sync::OnceLock;

use qoltanba::revocation::Crl;
use qoltanba::{Certificate, Expectation, Limits, Verdict, Verifier};

use super::anchors::nca;
use super::evidence as ev;
use super::forge::{self, int, CrlSpec};
use super::metamorphic::{self as mm, Config, Evidence, Pool, Rel, Rng};

// --- the settings --------------------------------------------------------------------

/// `der` as a certificate (the builders' DER is always well formed).
pub fn cert_of(der: &[u8]) -> Certificate {
    Certificate::from_der(der).unwrap()
}

/// The CRL reason codes and OCSP statuses the settings use (RFC 5280 5.3.1: keyCompromise,
/// superseded; [`ocsp_of`]'s good and unknown).
pub const KC: u8 = 1;
pub const SUPERSEDED: u8 = 4;
const MONTH: (&str, &str) = ("261120000000Z", "261220000000Z");
/// When every listed revocation took effect: before every time judged.
pub const SINCE: &str = "261101000000Z";

/// A complete CRL of `by` (number 1, this month) listing each (serial, reason) since 11-01.
pub fn crl_by(by: &forge::Ca, entries: &[(&[u8], u8)]) -> Vec<u8> {
    by.crl(
        &CrlSpec::complete(1, MONTH.0, MONTH.1).entries(
            entries
                .iter()
                .map(|(s, r)| ev::entry_for(s, SINCE, *r))
                .collect(),
        ),
    )
}

/// The cross-certified pair: B ("Review76 B", the root's CA, ocsp_responder's key), A
/// (B's certificate of nca_rsa's name and key: the target's issuer), BA (A's certificate
/// of B's name and key: A and B certify each other).
pub struct Pair {
    pub b_ca: forge::Ca,
    pub b: Certificate,
    pub a: Certificate,
    pub ba: Certificate,
}

/// The pair, built once (its keys sign in every test of both reviews).
pub fn pair() -> &'static Pair {
    static P: OnceLock<Pair> = OnceLock::new();
    P.get_or_init(|| {
        let (b, b_ca) = ev::ca_made(
            &ev::root(),
            &[0x76, 0x01],
            Some(ev::cn_name("Review76 B")),
            "ocsp_responder",
            |_| {},
        );
        let a = cert_of(&b_ca.reissue(nca().der(), |t| t.serial = int(&[0x76, 0x02])));
        let ba = cert_of(&forge::Ca::nca_rsa().reissue(b.der(), |t| t.serial = int(&[0x76, 0x03])));
        Pair { b_ca, b, a, ba }
    })
}

/// A verifier trusting `anchors`, offered `inters` and `crls` (in these orders), under
/// `limits`.
pub fn verifier(
    anchors: &[&Certificate],
    inters: &[&Certificate],
    crls: &[&Vec<u8>],
    limits: Limits,
) -> Verifier {
    let mut b = Verifier::builder().limits(limits);
    for a in anchors {
        b = b.trust((*a).clone()).unwrap();
    }
    for i in inters {
        b = b.intermediate((*i).clone()).unwrap();
    }
    for c in crls {
        b = b.crl(Crl::from_der((*c).clone()).unwrap()).unwrap();
    }
    b.build()
}

/// The verdict of the test target (`ev::target()`) under `v` at `e`, `doc` carried.
pub fn judge(v: &Verifier, e: &Expectation, doc: &[Certificate]) -> Verdict {
    v.check_certificate_with(&ev::target(), e, doc)
}

/// The keys of the ladder's rungs: L(k) has `KEYS[k - 1]` (each of the test PKI).
pub const KEYS: [&str; 9] = [
    "ocsp_responder",
    "legal_sign",
    "sub_ca",
    "individual_auth",
    "revoked",
    "on_hold",
    "expired",
    "not_yet_valid",
    "legal_employee_auth",
];

/// A ladder of `n` CAs ("Review76 L1" .. "Review76 Ln", no pathLen, each its own key of
/// [`KEYS`]): Ln issued by the root, L(k) by L(k+1); and AL, L1's certificate of
/// nca_rsa's name and key (the target's issuer). Returns (AL, [L1..Ln]).
pub fn ladder(n: usize) -> (Certificate, Vec<Certificate>) {
    let root_cer = ev::cert("root.cer");
    let mut issuer = ev::root();
    let mut rungs = Vec::new();
    for k in (1..=n).rev() {
        let der = issuer.reissue(root_cer.der(), |t| {
            t.serial = int(&[0x76, 0x40, k as u8]);
            t.subject = ev::cn_name(&format!("Review76 L{k}"));
            t.spki = forge::Tbs::of(ev::cert(&format!("{}.cer", KEYS[k - 1])).der()).spki;
        });
        rungs.push(cert_of(&der));
        issuer = forge::Ca {
            cert: der,
            key: ev::key(&format!("{}.key.pem", KEYS[k - 1])),
        };
    }
    rungs.reverse();
    let al = cert_of(&issuer.reissue(nca().der(), |t| t.serial = int(&[0x76, 0x4f])));
    (al, rungs)
}

/// The CA of rung `rung`, L`k` of a [`ladder`] (its key, `KEYS[k - 1]`): to sign its CRLs.
pub fn rung_ca(rung: &Certificate, k: usize) -> forge::Ca {
    forge::Ca {
        cert: rung.der().to_vec(),
        key: ev::key(&format!("{}.key.pem", KEYS[k - 1])),
    }
}

/// The default limits with one set to `n` by `set`.
pub fn limits(set: fn(&mut Limits, usize), n: usize) -> Limits {
    let mut l = Limits::default();
    set(&mut l, n);
    l
}

/// The test root (the only root of the settings).
pub fn root() -> Certificate {
    ev::cert("root.cer")
}

/// The root's empty CRL.
pub fn root_empty() -> Vec<u8> {
    ev::root_crl(20, SINCE, vec![])
}

/// The root's CRL listing `serial` for `reason` since [`SINCE`].
pub fn root_lists(serial: &[u8], reason: u8) -> Vec<u8> {
    ev::root_crl(
        21,
        "261110000000Z",
        vec![ev::entry_for(serial, SINCE, reason)],
    )
}

/// nca_rsa's own CRL (the target's issuer's key), listing these.
pub fn nca_lists(entries: &[(&[u8], u8)]) -> Vec<u8> {
    crl_by(&forge::Ca::nca_rsa(), entries)
}

/// The three times judged (named as the failures print them): given, stamped, claimed.
pub fn times() -> [(&'static str, Expectation); 3] {
    [
        ("given", ev::at_t()),
        ("stamped", ev::stamped()),
        ("claimed", ev::claim()),
    ]
}

/// Sets one limit of [`Limits`].
pub type Setter = fn(&mut Limits, usize);

/// The budgets review 76 cuts (its `Budget` relation and its sweeps).
pub const BUDGETS: [(&str, Setter); 4] = [
    ("path_build_calls", |l, n| l.path_build_calls = n),
    ("path_signatures", |l, n| l.path_signatures = n),
    ("document_path_steps", |l, n| l.document_path_steps = n),
    ("document_signatures", |l, n| l.document_signatures = n),
];

/// `Config::budget`'s index for `max_path_len` (review 77's `Len` relation), after the
/// [`BUDGETS`]: a configuration carries one cut limit at most, so the shared `Config`
/// needs no field of its own for it (review 77's copy had one, never set with a budget).
pub const MAX_PATH_LEN: usize = BUDGETS.len();

/// The limits of `c`: its budget (`Config::budget`: one of [`BUDGETS`] or
/// [`MAX_PATH_LEN`], and its value) or the defaults.
pub fn limits_of(c: &Config) -> Limits {
    match c.budget {
        Some((MAX_PATH_LEN, n)) => limits(|l, n| l.max_path_len = n, n),
        Some((i, n)) => limits(BUDGETS[i].1, n),
        None => Limits::default(),
    }
}

/// What `show` prints of `c`'s budget: the budget's name and value, and the
/// `max_path_len` cut (review 77 prints both; review 76 the first).
pub fn shown_limits(c: &Config) -> (Option<(&'static str, usize)>, Option<usize>) {
    match c.budget {
        Some((MAX_PATH_LEN, n)) => (None, Some(n)),
        Some((i, n)) => (Some((BUDGETS[i].0, n)), None),
        None => (None, None),
    }
}

/// [`ocsp_of`]'s statuses besides [`KC`].
pub const GOOD: u8 = 0;
pub const UNKNOWN: u8 = 2;

/// An OCSP response of `issuer` (its own key, `key_file`) about `serial`: good (0),
/// revoked keyCompromise (1), unknown (2), fresh at the time judged.
pub fn ocsp_of(issuer: &Certificate, key_file: &str, serial: &[u8], status: u8) -> Vec<u8> {
    let status = match status {
        GOOD => ev::good(),
        KC => ev::revoked("20261101000000Z", Some(KC)),
        _ => vec![0x82, 0x00],
    };
    ev::by_issuer(
        issuer,
        key_file,
        serial,
        &status,
        "20261122000000Z",
        Some("20261130000000Z"),
    )
}

// --- review 76's generator (review 77 adds its `Len` relation) ------------------------

/// The pool's certificate names (as the failures print them).
pub const G_ROOT: &str = "root";
pub const G_TARGET: &str = "target";
pub const G_NCA: &str = "nca (root's)";
pub const G_B: &str = "B (root's)";
pub const G_A: &str = "A (B's of nca)";
pub const G_BA: &str = "BA (A's of B)";
pub const G_L1: &str = "L1";
pub const G_L2: &str = "L2";
pub const G_L3: &str = "L3 (root's)";
pub const G_AL: &str = "AL (L1's of nca)";
pub const G_L1A: &str = "L1A (nca's of L1)";

/// The pool: the root, the target, nca_rsa, the pair, the ladder of three with AL, L1A
/// (nca_rsa's certificate of L1's name and key: a second cycle; L1 shares B's key), junk
/// of B's, nca_rsa's and L1's names; the CRLs and OCSP responses in groups (one of a
/// group drawn), each group's empty or good one first.
pub fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let p = pair();
        let (al, rungs) = ladder(3);
        let l1a = cert_of(
            &forge::Ca::nca_rsa().reissue(rungs[0].der(), |t| t.serial = int(&[0x76, 0x05])),
        );
        let nca_c = nca();
        let certs = vec![
            (G_ROOT, root()),
            (G_TARGET, ev::target()),
            (G_NCA, nca_c.clone()),
            (G_B, p.b.clone()),
            (G_A, p.a.clone()),
            (G_BA, p.ba.clone()),
            (G_L1, rungs[0].clone()),
            (G_L2, rungs[1].clone()),
            (G_L3, rungs[2].clone()),
            (G_AL, al.clone()),
            (G_L1A, l1a.clone()),
            ("junk B name", mm::junk_ca(0x76, p.b.subject().der(), 1)),
            ("junk nca name", mm::junk_ca(0x76, nca_c.subject().der(), 2)),
            (
                "junk L1 name",
                mm::junk_ca(0x76, rungs[0].subject().der(), 3),
            ),
        ];
        let nca_ca = forge::Ca::nca_rsa();
        let l1_ca = rung_ca(&rungs[0], 1);
        let crl = |ca: &forge::Ca, e: &[(&[u8], u8)]| crl_by(ca, e);
        let evidence = vec![
            ("nca empty", "nca", crl(&nca_ca, &[]), false),
            (
                "nca lists BA KC",
                "nca",
                crl(&nca_ca, &[(p.ba.serial(), KC)]),
                false,
            ),
            (
                "nca lists BA superseded",
                "nca",
                crl(&nca_ca, &[(p.ba.serial(), SUPERSEDED)]),
                false,
            ),
            (
                "nca lists L1A KC",
                "nca",
                crl(&nca_ca, &[(l1a.serial(), KC)]),
                false,
            ),
            ("root empty", "root", root_empty(), false),
            (
                "root lists B KC",
                "root",
                root_lists(p.b.serial(), KC),
                false,
            ),
            (
                "root lists B superseded",
                "root",
                root_lists(p.b.serial(), SUPERSEDED),
                false,
            ),
            (
                "root lists L3 KC",
                "root",
                root_lists(rungs[2].serial(), KC),
                false,
            ),
            (
                "root lists nca KC",
                "root",
                root_lists(nca_c.serial(), KC),
                false,
            ),
            ("B empty", "B", crl(&p.b_ca, &[]), false),
            (
                "B lists A KC",
                "B",
                crl(&p.b_ca, &[(p.a.serial(), KC)]),
                false,
            ),
            (
                "B lists A superseded",
                "B",
                crl(&p.b_ca, &[(p.a.serial(), SUPERSEDED)]),
                false,
            ),
            ("L1 empty", "L1", crl(&l1_ca, &[]), false),
            (
                "L1 lists AL KC",
                "L1",
                crl(&l1_ca, &[(al.serial(), KC)]),
                false,
            ),
            (
                "OCSP nca: BA good",
                "ocsp nca",
                ocsp_of(&nca_c, "nca_rsa.key.pem", p.ba.serial(), GOOD),
                true,
            ),
            (
                "OCSP nca: BA KC",
                "ocsp nca",
                ocsp_of(&nca_c, "nca_rsa.key.pem", p.ba.serial(), KC),
                true,
            ),
            (
                "OCSP nca: BA unknown",
                "ocsp nca",
                ocsp_of(&nca_c, "nca_rsa.key.pem", p.ba.serial(), UNKNOWN),
                true,
            ),
            (
                "OCSP nca: L1A KC",
                "ocsp nca",
                ocsp_of(&nca_c, "nca_rsa.key.pem", l1a.serial(), KC),
                true,
            ),
            (
                "OCSP B: A good",
                "ocsp B",
                ocsp_of(&p.b, "ocsp_responder.key.pem", p.a.serial(), GOOD),
                true,
            ),
            (
                "OCSP B: A KC",
                "ocsp B",
                ocsp_of(&p.b, "ocsp_responder.key.pem", p.a.serial(), KC),
                true,
            ),
            (
                "OCSP root: B good",
                "ocsp root",
                ocsp_of(&root(), "root.key.pem", p.b.serial(), GOOD),
                true,
            ),
            (
                "OCSP root: B KC",
                "ocsp root",
                ocsp_of(&root(), "root.key.pem", p.b.serial(), KC),
                true,
            ),
            (
                "OCSP root: L3 unknown",
                "ocsp root",
                ocsp_of(&root(), "root.key.pem", rungs[2].serial(), UNKNOWN),
                true,
            ),
        ];
        Pool {
            certs,
            evidence: evidence
                .into_iter()
                .map(|(name, group, der, ocsp)| Evidence {
                    name,
                    group,
                    der,
                    ocsp,
                })
                .collect(),
        }
    })
}

/// The verdict of `c` at its time, under [`limits_of`] `c`.
pub fn verdict(c: &Config) -> Verdict {
    pool().verdict(c, &times()[c.time].1, limits_of(c))
}

/// A configuration: review 76's probabilities (review 77 kept them).
pub fn generate(rng: &mut Rng) -> Config {
    let p = pool();
    let mut anchors = p.pick(
        rng,
        &[
            (G_ROOT, 85),
            (G_A, 40),
            (G_AL, 35),
            (G_BA, 25),
            (G_L1A, 15),
            (G_NCA, 12),
            (G_B, 10),
            (G_L1, 15),
            (G_L2, 12),
            (G_L3, 10),
            (G_TARGET, 10),
        ],
    );
    mm::ensure_anchor_not_root(
        rng,
        &mut anchors,
        &[p.cert(G_ROOT)],
        &[p.cert(G_A), p.cert(G_AL), p.cert(G_TARGET), p.cert(G_NCA)],
    );
    let inters: Vec<usize> = p
        .pick(
            rng,
            &[
                (G_NCA, 35),
                (G_B, 60),
                (G_A, 30),
                (G_BA, 40),
                (G_L1, 55),
                (G_L2, 55),
                (G_L3, 55),
                (G_AL, 25),
                (G_L1A, 30),
                ("junk B name", 8),
                ("junk nca name", 6),
            ],
        )
        .into_iter()
        .filter(|i| !anchors.contains(i))
        .collect();
    let mut doc = p.pick(rng, &[("junk L1 name", 8)]);
    let kept = mm::travel(rng, inters, &mut doc, 25);
    let evidence = p.draw_groups(
        rng,
        &[
            ("nca", 10),
            ("root", 15),
            ("B", 35),
            ("L1", 40),
            ("ocsp nca", 50),
            ("ocsp B", 60),
            ("ocsp root", 60),
        ],
        40,
    );
    Config {
        anchors,
        inters: kept,
        doc,
        evidence,
        time: rng.below(3),
        budget: None,
    }
}

/// Review 76's relations of `c`: `Order` (every list at once), `Move` (into the document
/// and back, junk never back), `Junk`, `Trust`, `Dup`, `Budget`.
pub fn variants(rng: &mut Rng, c: &Config) -> Vec<(Rel, Config)> {
    let p = pool();
    let mut out = Vec::new();
    mm::order_all(rng, c, &mut out);
    mm::move_into_doc(rng, c, false, &mut out);
    // Back into the intermediates (appended), junk excepted.
    if !c.doc.is_empty() {
        let mut m = c.clone();
        let x = m.doc.remove(rng.below(m.doc.len()));
        if !p.is_junk(x) {
            m.inters.push(x);
            out.push((Rel::Move, m));
        }
    }
    mm::junk(rng, c, p.certs.len(), |i| p.is_junk(i), &mut out);
    mm::trust(rng, c, |i| p.is_junk(i), &mut out);
    mm::duplicate(rng, c, &mut out);
    let mut b = c.clone();
    b.budget = Some((rng.below(BUDGETS.len()), rng.below(30)));
    out.push((Rel::Budget, b));
    out
}

/// The trust relation's gate: only under a keyCompromise in the evidence (the shrinker
/// does not ask it again).
pub fn trust_gate(rel: Rel, c: &Config) -> bool {
    rel != Rel::Trust || lost_key_evidence(c)
}

/// Whether `c`'s evidence holds a keyCompromise (a listing or a response "KC").
pub fn lost_key_evidence(c: &Config) -> bool {
    let p = pool();
    c.evidence
        .iter()
        .any(|&i| p.evidence[i].name.contains("KC"))
}
