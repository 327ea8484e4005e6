//! The metamorphic-testing generator of reviews 67, 75, 76 and 77, shared.
//!
//! Each review keeps its own pool (named certificates and evidence, built once), its
//! generator's probabilities, the exceptions of its relations (a relation's gate, what is
//! junk, relations of its own) and its findings (review 77 reuses review 76's pool and
//! generator, `common::cycles`, and adds the relation `Len`); what is here was the same
//! code copied from one review into the next: the SplitMix64 [`Rng`], the [`Config`] drawn
//! from a [`Pool`], the relations' rule ([`broken`]), the variants the reviews share, the
//! shrinker and the run loop with its de-duplication of shrunk failures.
//!
//! The generators' draws are the reviews' documented case numbers ("generator case 543 of
//! seed 0x67"): every helper here calls the [`Rng`] exactly as the copies did, in the
//! same order, so those numbers stay true.

use std::collections::BTreeMap;

use qoltanba::revocation::{Crl, OcspResponse};
use qoltanba::{
    Certificate, CheckName, Expectation, Judged as _, Limits, Outcome, Overall, Verdict, Verifier,
};

use super::anchors::describe;
use super::evidence as ev;
use super::forge::{self, int, Tbs};

// --- the generator's randomness ------------------------------------------------------------

/// SplitMix64: fixed seeds give the same configurations on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True with probability `pct` percent.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// The number of generated cases: `env_var` when set (reviews document runs with more),
/// else `default`.
pub fn cases(env_var: &str, default: usize) -> usize {
    std::env::var(env_var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

// --- the pool and the configurations -------------------------------------------------------

/// A piece of revocation evidence of a pool: a CRL or (review 76) an OCSP response.
pub struct Evidence {
    pub name: &'static str,
    /// At most one of a group is drawn (reviews 75 and 76; review 67 draws each CRL on its
    /// own and leaves the group empty).
    pub group: &'static str,
    pub der: Vec<u8>,
    pub ocsp: bool,
}

impl Evidence {
    pub fn crl(name: &'static str, group: &'static str, der: Vec<u8>) -> Self {
        Evidence {
            name,
            group,
            der,
            ocsp: false,
        }
    }
}

/// A review's pool: every certificate (anchors, intermediates, the document's, junk draw
/// from it) and every piece of evidence, each by name.
pub struct Pool {
    pub certs: Vec<(&'static str, Certificate)>,
    pub evidence: Vec<Evidence>,
}

/// A generated configuration: indices into a [`Pool`], a time (the review's list of
/// times) and, in reviews 76 and 77, a cut limit (an index into `common::cycles`' list of
/// limits, a budget or `max_path_len`, and its value; none: the default limits).
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub anchors: Vec<usize>,
    pub inters: Vec<usize>,
    pub doc: Vec<usize>,
    pub evidence: Vec<usize>,
    pub time: usize,
    pub budget: Option<(usize, usize)>,
}

impl Pool {
    pub fn cert(&self, name: &str) -> usize {
        self.certs
            .iter()
            .position(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("no certificate {name}"))
    }

    pub fn evidence(&self, name: &str) -> usize {
        self.evidence
            .iter()
            .position(|e| e.name == name)
            .unwrap_or_else(|| panic!("no evidence {name}"))
    }

    /// Whether certificate `i` is junk (named "junk ...": a CA certificate of a trusted
    /// name that verifies nothing; never moved back, never trusted by the relations).
    pub fn is_junk(&self, i: usize) -> bool {
        self.certs[i].0.starts_with("junk")
    }

    /// A configuration named by pool names (for the replayed findings), no budget.
    pub fn named(
        &self,
        anchors: &[&str],
        inters: &[&str],
        doc: &[&str],
        evidence: &[&str],
        time: usize,
    ) -> Config {
        Config {
            anchors: anchors.iter().map(|n| self.cert(n)).collect(),
            inters: inters.iter().map(|n| self.cert(n)).collect(),
            doc: doc.iter().map(|n| self.cert(n)).collect(),
            evidence: evidence.iter().map(|n| self.evidence(n)).collect(),
            time,
            budget: None,
        }
    }

    /// The verdict of `c`: the anchors trusted, the intermediates and the evidence given to
    /// the verifier in their order, under `limits`; `check_certificate_with(target,
    /// expectation, document)`.
    pub fn verdict(&self, c: &Config, expectation: &Expectation, limits: Limits) -> Verdict {
        let mut b = Verifier::builder().limits(limits);
        for &a in &c.anchors {
            b = b.trust(self.certs[a].1.clone()).unwrap();
        }
        for &i in &c.inters {
            b = b.intermediate(self.certs[i].1.clone()).unwrap();
        }
        for &e in &c.evidence {
            let e = &self.evidence[e];
            b = if e.ocsp {
                b.ocsp(OcspResponse::from_der(&e.der).unwrap()).unwrap()
            } else {
                b.crl(Crl::from_der(e.der.clone()).unwrap()).unwrap()
            };
        }
        let doc: Vec<Certificate> = c.doc.iter().map(|&d| self.certs[d].1.clone()).collect();
        b.build()
            .check_certificate_with(&ev::target(), expectation, &doc)
    }

    /// `c` by names, the evidence under `label` ("crls" or "evidence"), at `time`.
    pub fn show(&self, c: &Config, label: &str, time: &str) -> String {
        let names = |v: &[usize]| {
            v.iter()
                .map(|&i| format!("{:?}", self.certs[i].0))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "anchors [{}]\n  intermediates [{}]\n  document [{}]\n  {label} [{}]\n  time {time}",
            names(&c.anchors),
            names(&c.inters),
            names(&c.doc),
            c.evidence
                .iter()
                .map(|&i| format!("{:?}", self.evidence[i].name))
                .collect::<Vec<_>>()
                .join(", "),
        )
    }

    // --- the generator's draws (the probabilities are each review's) --------------------

    /// Each named certificate with its probability (percent), the drawn ones shuffled.
    pub fn pick(&self, rng: &mut Rng, items: &[(&str, u64)]) -> Vec<usize> {
        let mut v: Vec<usize> = items
            .iter()
            .filter(|(_, pct)| rng.chance(*pct))
            .map(|(n, _)| self.cert(n))
            .collect();
        rng.shuffle(&mut v);
        v
    }

    /// One piece of evidence of each group unless none (`none_pct`), the group's first
    /// (its empty CRL) `first_pct` percent of the time, else any of the group; shuffled.
    pub fn draw_groups(&self, rng: &mut Rng, groups: &[(&str, u64)], first_pct: u64) -> Vec<usize> {
        let mut drawn = Vec::new();
        for &(group, none_pct) in groups {
            if rng.chance(none_pct) {
                continue;
            }
            let of: Vec<usize> = (0..self.evidence.len())
                .filter(|&i| self.evidence[i].group == group)
                .collect();
            let i = if rng.chance(first_pct) {
                of[0]
            } else {
                of[rng.below(of.len())]
            };
            drawn.push(i);
        }
        rng.shuffle(&mut drawn);
        drawn
    }
}

/// A junk CA certificate of `name` (cA, keyCertSign, cRLSign), a random-looking public
/// key (`i` varies it), signed by a key nobody trusts (serial `review`, 0x7f, `i`): anyone
/// can make it; it verifies nothing.
pub fn junk_ca(review: u8, name: &[u8], i: u8) -> Certificate {
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
        t.serial = int(&[review, 0x7f, i]);
        t.subject = name.to_vec();
        t.spki = key;
    });
    Certificate::from_der(&der).unwrap()
}

/// When no anchor is other than `roots`, one of `extra` trusted too (at a drawn place):
/// the reviews of anchors that are not roots want one most of the time.
pub fn ensure_anchor_not_root(
    rng: &mut Rng,
    anchors: &mut Vec<usize>,
    roots: &[usize],
    extra: &[usize],
) {
    if !anchors.iter().any(|a| !roots.contains(a)) {
        let x = extra[rng.below(extra.len())];
        let at = rng.below(anchors.len() + 1);
        anchors.insert(at, x);
    }
}

/// Some intermediates travel in the document instead (each `pct` percent): they join
/// `doc`, which is then shuffled; the intermediates kept are returned.
pub fn travel(rng: &mut Rng, inters: Vec<usize>, doc: &mut Vec<usize>, pct: u64) -> Vec<usize> {
    let mut kept = Vec::new();
    for i in inters {
        if rng.chance(pct) {
            doc.push(i);
        } else {
            kept.push(i);
        }
    }
    rng.shuffle(doc);
    kept
}

// --- relations ------------------------------------------------------------------------------

/// The relations of the four reviews (each checks some; the names are those of their
/// tallies and failure reports).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rel {
    /// The trust anchors in another order: the same overall.
    OrderAnchors,
    /// The verifier's intermediates in another order: the same overall.
    OrderInters,
    /// The document's certificates in another order: the same overall.
    OrderDoc,
    /// The CRLs in another order: the same overall.
    OrderCrls,
    /// (Review 76) the anchors, intermediates, document, evidence each reordered at once:
    /// the same overall.
    Order,
    /// A certificate moved between intermediates and document: valid iff valid.
    Move,
    /// Junk added to the document: never not-valid into valid.
    Junk,
    /// (Review 67) the proven signer's keyCompromise listing added: never valid.
    ProvenKc,
    /// (Reviews 75, 76) a certificate already offered (intermediate or document) trusted
    /// too: never not-valid into valid, unless no path verified before (no path, or a
    /// path constraint of the anchor above it: trusting is then the point). Each review
    /// gates it further on the compromise listings it holds.
    Trust,
    /// An input duplicated: the same overall.
    Dup,
    /// (Review 76) a smaller budget: the same overall, or INDETERMINATE naming the limit.
    Budget,
    /// (Review 77) a smaller `max_path_len`: never not-valid into valid (a shorter path
    /// limit may cut a valid path, never make an invalid one pass).
    Len,
}

/// Whether the verdict found a path (its chain check passed).
pub fn chain_found(v: &Verdict) -> bool {
    v.checks()
        .iter()
        .any(|c| c.name() == CheckName::Chain && c.outcome() == Outcome::Passed)
}

/// Whether a check of the verdict names an exhausted limit.
pub fn exhausted(v: &Verdict) -> bool {
    v.checks().iter().any(|c| c.exhausted().is_some())
}

/// Whether the pair (a, b) of verdicts breaks `rel`.
pub fn broken(rel: Rel, a: &Verdict, b: &Verdict) -> bool {
    match rel {
        Rel::OrderAnchors
        | Rel::OrderInters
        | Rel::OrderDoc
        | Rel::OrderCrls
        | Rel::Order
        | Rel::Dup => a.overall() != b.overall(),
        Rel::Move => a.is_valid() != b.is_valid(),
        Rel::Junk | Rel::Len => !a.is_valid() && b.is_valid(),
        Rel::ProvenKc => b.is_valid(),
        Rel::Trust => !a.is_valid() && b.is_valid() && chain_found(a),
        Rel::Budget => {
            a.overall() != b.overall() && (b.overall() != Overall::Indeterminate || !exhausted(b))
        }
    }
}

// --- the shared variants (each draws from the Rng as the reviews' copies did) ---------------

/// Relation 1 of reviews 67 and 75: each list shuffled, then reversed, on its own (the
/// variants equal to `c` left out).
pub fn order_each(rng: &mut Rng, c: &Config, out: &mut Vec<(Rel, Config)>) {
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
                _ => &mut s.evidence,
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
}

/// Review 76's order relation: every list reversed or shuffled at once.
pub fn order_all(rng: &mut Rng, c: &Config, out: &mut Vec<(Rel, Config)>) {
    let mut o = c.clone();
    for l in [&mut o.anchors, &mut o.inters, &mut o.doc, &mut o.evidence] {
        if rng.chance(50) {
            l.reverse();
        } else {
            rng.shuffle(l);
        }
    }
    if o != *c {
        out.push((Rel::Order, o));
    }
}

/// Relation 2: one intermediate into the document (at a drawn place); with `all`, also
/// every intermediate (reviews 67 and 75).
pub fn move_into_doc(rng: &mut Rng, c: &Config, all: bool, out: &mut Vec<(Rel, Config)>) {
    if !c.inters.is_empty() {
        let mut m = c.clone();
        let i = m.inters.remove(rng.below(m.inters.len()));
        let at = rng.below(m.doc.len() + 1);
        m.doc.insert(at, i);
        out.push((Rel::Move, m));
        if all {
            let mut all = c.clone();
            all.doc.append(&mut all.inters);
            out.push((Rel::Move, all));
        }
    }
}

/// Relation 2 back (reviews 67 and 75): one of the document's certificates into the
/// intermediates, at a drawn place.
pub fn move_into_inters(rng: &mut Rng, c: &Config, out: &mut Vec<(Rel, Config)>) {
    if !c.doc.is_empty() {
        let mut m = c.clone();
        let i = m.doc.remove(rng.below(m.doc.len()));
        let at = rng.below(m.inters.len() + 1);
        m.inters.insert(at, i);
        out.push((Rel::Move, m));
    }
}

/// Relation 3: each junk certificate (`is_junk`, in the pool's order) added to the
/// document half the time, at a drawn place.
pub fn junk(
    rng: &mut Rng,
    c: &Config,
    certs: usize,
    is_junk: impl Fn(usize) -> bool,
    out: &mut Vec<(Rel, Config)>,
) {
    let junk: Vec<usize> = (0..certs).filter(|&i| is_junk(i)).collect();
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
}

/// The trust relation (reviews 75, 76): one more anchor, a certificate already offered
/// (not junk, not yet trusted), at a drawn place.
pub fn trust(
    rng: &mut Rng,
    c: &Config,
    is_junk: impl Fn(usize) -> bool,
    out: &mut Vec<(Rel, Config)>,
) {
    let offered: Vec<usize> = c
        .inters
        .iter()
        .chain(&c.doc)
        .copied()
        .filter(|&i| !is_junk(i) && !c.anchors.contains(&i))
        .collect();
    if !offered.is_empty() {
        let mut t = c.clone();
        let x = offered[rng.below(offered.len())];
        let at = rng.below(t.anchors.len() + 1);
        t.anchors.insert(at, x);
        out.push((Rel::Trust, t));
    }
}

/// The duplicate relation: one input of a non-empty list given twice, right after the
/// original: the order of first occurrences is kept (a copy elsewhere would be a
/// reordering as well).
pub fn duplicate(rng: &mut Rng, c: &Config, out: &mut Vec<(Rel, Config)>) {
    let mut d = c.clone();
    let lists = [&mut d.anchors, &mut d.inters, &mut d.doc, &mut d.evidence];
    let nonempty: Vec<_> = lists.into_iter().filter(|l| !l.is_empty()).collect();
    if !nonempty.is_empty() {
        let n = nonempty.len();
        let l = nonempty.into_iter().nth(rng.below(n)).unwrap();
        let at = rng.below(l.len());
        let x = l[at];
        l.insert(at + 1, x);
        out.push((Rel::Dup, d));
    }
}

// --- shrinking and running -------------------------------------------------------------------

/// `c` without pool item `item` (a certificate when `cert`, else evidence).
pub fn without(c: &Config, cert: bool, item: usize) -> Config {
    let mut c = c.clone();
    if cert {
        c.anchors.retain(|&x| x != item);
        c.inters.retain(|&x| x != item);
        c.doc.retain(|&x| x != item);
    } else {
        c.evidence.retain(|&x| x != item);
    }
    c
}

/// Remove pool items (`certs` certificates, `evidence` pieces of evidence, but never the
/// evidence in `keep`: a relation's own addition) from both sides while `fails` holds;
/// prefer the given time (0).
pub fn shrink(
    a: &Config,
    b: &Config,
    (certs, evidence): (usize, usize),
    keep: &[usize],
    fails: impl Fn(&Config, &Config) -> bool,
) -> (Config, Config) {
    let (mut a, mut b) = (a.clone(), b.clone());
    loop {
        let mut progress = false;
        for cert in [true, false] {
            let n = if cert { certs } else { evidence };
            for item in 0..n {
                if !cert && keep.contains(&item) {
                    continue;
                }
                let (a2, b2) = (without(&a, cert, item), without(&b, cert, item));
                if (a2 != a || b2 != b) && fails(&a2, &b2) {
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
            if fails(&a2, &b2) {
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

/// What a review supplies to [`run`]: its pool, generator, variants and verdicts.
pub trait Generator {
    fn pool(&self) -> &'static Pool;
    fn generate(&self, rng: &mut Rng) -> Config;
    /// The variants (the right side of each relation) of `c`.
    fn variants(&self, rng: &mut Rng, c: &Config) -> Vec<(Rel, Config)>;
    fn verdict(&self, c: &Config) -> Verdict;
    fn show(&self, c: &Config) -> String;
    /// Whether `rel` is checked of the generated `c` at all (a relation's gate).
    fn gate(&self, _rel: Rel, _c: &Config) -> bool {
        true
    }
    /// Whether the pair breaks `rel`, as the shrinker asks it.
    fn fails(&self, rel: Rel, a: &Config, b: &Config) -> bool {
        broken(rel, &self.verdict(a), &self.verdict(b))
    }
    /// The evidence the shrinker never removes.
    fn keep(&self) -> Vec<usize> {
        Vec::new()
    }
}

pub type Tally = BTreeMap<String, usize>;

/// What [`run`] found.
pub struct Run {
    /// The distinct shrunk failures, described.
    pub failures: Vec<String>,
    /// The base verdicts ("Valid", "Invalid", "Indeterminate") and their counts.
    pub verdicts: Tally,
    /// The variants judged, per relation.
    pub judged: Tally,
}

impl Run {
    /// The base verdicts and the variants judged, in one tally.
    pub fn tally(&self) -> Tally {
        let mut t = self.verdicts.clone();
        t.extend(self.judged.iter().map(|(k, v)| (k.clone(), *v)));
        t
    }
}

/// Run `g`'s generator for `n` cases from `seed`: each variant of a relation in `checked`
/// (and through `g`'s gate) judged against its base; a failure is shrunk, and reported
/// once per relation and set of pool items (each list sorted: the shrunk orders of one
/// failure differ from case to case).
pub fn run(g: &impl Generator, checked: &[Rel], seed: u64, n: usize) -> Run {
    let pool = g.pool();
    let sizes = (pool.certs.len(), pool.evidence.len());
    let keep = g.keep();
    let mut rng = Rng(seed);
    let mut failures = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut verdicts = Tally::new();
    let mut judged = Tally::new();
    for case in 0..n {
        let c = g.generate(&mut rng);
        let va = g.verdict(&c);
        *verdicts.entry(format!("{:?}", va.overall())).or_insert(0) += 1;
        for (rel, v) in g.variants(&mut rng, &c) {
            if !checked.contains(&rel) || !g.gate(rel, &c) {
                continue;
            }
            *judged.entry(format!("{rel:?}")).or_insert(0) += 1;
            let vb = g.verdict(&v);
            if broken(rel, &va, &vb) {
                let (a, b) = shrink(&c, &v, sizes, &keep, |a, b| g.fails(rel, a, b));
                let mut key = (
                    a.anchors.clone(),
                    a.inters.clone(),
                    a.doc.clone(),
                    a.evidence.clone(),
                );
                key.0.sort();
                key.1.sort();
                key.2.sort();
                key.3.sort();
                let key = format!("{rel:?} {key:?}");
                if !seen.contains(&key) {
                    failures.push(format!(
                        "case {case} {rel:?}\n  A: {}\n  => {}\n  B: {}\n  => {}",
                        g.show(&a),
                        describe(&g.verdict(&a)),
                        g.show(&b),
                        describe(&g.verdict(&b))
                    ));
                    seen.push(key);
                }
            }
        }
    }
    Run {
        failures,
        verdicts,
        judged,
    }
}

/// Assert `rel` of the pair, both verdicts in the message.
pub fn assert_holds(g: &impl Generator, rel: Rel, a: &Config, b: &Config) {
    let (va, vb) = (g.verdict(a), g.verdict(b));
    assert!(
        !broken(rel, &va, &vb),
        "{rel:?} broken\nA: {}\n=> {}\n\nB: {}\n=> {}",
        g.show(a),
        describe(&va),
        g.show(b),
        describe(&vb)
    );
}
