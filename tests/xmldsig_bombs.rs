//! XML resource bombs: documents within every bound of the parser that made the work of
//! `xmldsig::verify` grow with the product of two of those bounds, because every element
//! copied what it inherited (the namespaces in scope, the ancestors' `xml:` attributes).
//!
//! The work is measured, not timed: this binary's global allocator counts, for the test's
//! own thread, the bytes allocated (total and peak live) while a case runs, and refuses
//! any allocation past the case's cap (the process then aborts with "memory allocation of
//! N bytes failed": the way the copying code fails here, instead of running for minutes).
//! Every cap is proportional to the input.
//!
//! Debug builds run smaller documents (the same shapes) to stay quick; a release build
//! (`cargo test --release --test xmldsig_bombs`) runs them at the full 16 MiB.

use qoltanba::Judged as _;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use base64::Engine as _;
use qoltanba::hazmat::digest;
use qoltanba::xmldsig::{self, limits};
use qoltanba::HashAlgorithm;
use qoltanba::{CheckName, Expectation, Outcome, Overall, Verifier};

// ---------------------------------------------------------------------------------------
// A counting allocator (per thread, so tests running in parallel do not mix).
// ---------------------------------------------------------------------------------------

struct Counting;

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
    static TOTAL: Cell<usize> = const { Cell::new(0) };
    static CAP: Cell<usize> = const { Cell::new(usize::MAX) };
}

/// Count `n` more bytes on this thread; `false` when that passes the cap.
fn charge(n: usize) -> bool {
    if !ARMED.try_with(Cell::get).unwrap_or(false) {
        return true;
    }
    let total = TOTAL.with(|t| {
        t.set(t.get().saturating_add(n));
        t.get()
    });
    let live = LIVE.with(|l| {
        l.set(l.get().saturating_add(n));
        l.get()
    });
    PEAK.with(|p| p.set(p.get().max(live)));
    total <= CAP.with(Cell::get)
}

fn credit(n: usize) {
    if ARMED.try_with(Cell::get).unwrap_or(false) {
        LIVE.with(|l| l.set(l.get().saturating_sub(n)));
    }
}

// SAFETY (all methods): every call is passed on to `System` with the caller's arguments
// unchanged; the counting touches only `const`-initialised thread-locals of `Cell<usize>`
// (no allocation, no destructor), and a refused allocation returns null, as `GlobalAlloc`
// allows.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !charge(layout.size()) {
            return std::ptr::null_mut();
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !charge(layout.size()) {
            return std::ptr::null_mut();
        }
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        credit(layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            if !charge(new_size - layout.size()) {
                return std::ptr::null_mut();
            }
        } else {
            credit(layout.size() - new_size);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What one run allocated on this thread, in bytes.
struct Used {
    total: usize,
    peak: usize,
}

/// Run `f` with this thread's allocations counted and capped at `cap` bytes in total.
fn measured<T>(cap: usize, f: impl FnOnce() -> T) -> (T, Used) {
    TOTAL.with(|t| t.set(0));
    LIVE.with(|l| l.set(0));
    PEAK.with(|p| p.set(0));
    CAP.with(|c| c.set(cap));
    ARMED.with(|a| a.set(true));
    let out = f();
    ARMED.with(|a| a.set(false));
    CAP.with(|c| c.set(usize::MAX));
    let used = Used {
        total: TOTAL.with(Cell::get),
        peak: PEAK.with(Cell::get),
    };
    (out, used)
}

impl std::fmt::Debug for Used {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} allocated, {} at most live", self.total, self.peak)
    }
}

/// The cap of a case with `input` bytes in `elements` elements, on the total allocated (so
/// on the peak too): a small multiple of the input (the text and values of the parsed
/// tree, the canonical forms are each about its size), 512 bytes an element (its node in
/// the tree and its lists, however short its tag: `<a/>` is four bytes; about 430 are
/// used) and a constant. Under 400 MiB for the largest case here; the copying code
/// needed hundreds of gigabytes for the same documents.
fn cap(input: usize, elements: usize) -> usize {
    8 * input + 512 * elements + 8 * MIB
}

const MIB: usize = 1024 * 1024;

// ---------------------------------------------------------------------------------------
// The documents.
// ---------------------------------------------------------------------------------------

const DS: &str = "http://www.w3.org/2000/09/xmldsig#";

/// Full size in release; the same shapes, smaller, in debug.
fn full() -> bool {
    !cfg!(debug_assertions)
}

fn cert_b64() -> String {
    let der = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-vectors/pki/individual_sign.cer"),
    )
    .unwrap();
    base64::engine::general_purpose::STANDARD.encode(der)
}

/// An enveloped `ds:Signature` whose Reference digest is that of `canonical` (so the
/// document's canonical form is computed and matches), with a certificate in KeyInfo (so
/// the canonical SignedInfo is computed too) and a SignatureValue that does not verify;
/// `extra` is put inside the Signature, after KeyInfo.
fn signature(canonical: &[u8], extra: &str) -> String {
    let d = digest(HashAlgorithm::Sha256, canonical).unwrap();
    let d = base64::engine::general_purpose::STANDARD.encode(d);
    format!(
        "<ds:Signature xmlns:ds=\"{DS}\"><ds:SignedInfo>\
         <ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>\
         <ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>\
         <ds:Reference URI=\"\"><ds:Transforms>\
         <ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>\
         </ds:Transforms>\
         <ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>\
         <ds:DigestValue>{d}</ds:DigestValue></ds:Reference></ds:SignedInfo>\
         <ds:SignatureValue>AAAA</ds:SignatureValue>\
         <ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>\
         {extra}</ds:Signature>",
        cert_b64()
    )
}

fn verify(xml: &[u8]) -> qoltanba::Result<xmldsig::XmlVerdict> {
    let verifier = Verifier::builder().build();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")
        .unwrap()
        .to_utc();
    xmldsig::verify(xml, &verifier, &Expectation::at(at))
}

/// The whole pipeline ran (the canonical document matched its digest) and the verdict is
/// the bogus signature's.
fn assert_judged(r: &qoltanba::Result<xmldsig::XmlVerdict>) {
    let v = r.as_ref().expect("a verdict");
    assert_eq!(
        v.check(CheckName::Reference).map(|c| c.outcome()),
        Some(Outcome::Passed),
        "{v:#?}"
    );
    assert_eq!(
        v.check(CheckName::Signature).map(|c| c.outcome()),
        Some(Outcome::Failed),
        "{v:#?}"
    );
    assert_eq!(v.overall(), Overall::Invalid);
}

/// Namespace declarations per element (the parser allows this many in scope).
const IN_SCOPE: usize = 64;
/// The longest namespace name the parser reads.
const NS_LEN: usize = 4096;

/// A namespace name of exactly `len` bytes, told apart by `i`.
fn uri(i: usize, len: usize) -> String {
    let mut u = format!("urn:qoltanba:bomb:{i:04}:");
    let pad = len - u.len();
    u.extend(std::iter::repeat_n('u', pad));
    u
}

/// The review's document: a 12.5 MB namespace name over 499,000 empty elements. A
/// namespace name that long is refused at once now; it was copied into every element's
/// scope.
#[test]
fn a_huge_namespace_name_over_many_elements() {
    let mut xml = String::from("<r xmlns:p=\"");
    xml.extend(std::iter::repeat_n('u', 12_500_000));
    xml.push_str("\">");
    for _ in 0..499_000 {
        xml.push_str("<a/>");
    }
    xml.push_str("</r>");
    assert!(xml.len() <= 16 * MIB);
    let cap = cap(xml.len(), 499_001);
    let (r, used) = measured(cap, || verify(xml.as_bytes()));
    eprintln!("huge namespace name: {} bytes in, {used:?}", xml.len());
    assert!(
        matches!(r, Err(qoltanba::Error::TooLarge { .. })),
        "{:?}",
        r.map(|v| v.overall())
    );
    assert!(used.total <= cap, "{used:?}");
}

/// As many namespaces in scope as the parser allows, each as long as it allows, over as
/// many empty elements as it allows (half under the document element, half inside the
/// Signature, whose children are searched for SignedInfo, SignatureValue and KeyInfo):
/// parsing, the signature search, the document's and SignedInfo's canonical forms.
#[test]
fn many_elements_under_the_most_namespaces() {
    let elements = if full() { 498_000 } else { 40_000 };
    // An attribute each, to fill the 16 MiB in release.
    let value = "v".repeat(if full() { 20 } else { 4 });
    let (short, long) = (
        format!("<a b=\"{value}\"/>"),
        format!("<a b=\"{value}\"></a>"),
    );
    let mut root = String::from("<r");
    // The Signature declares ds: one fewer here.
    for i in 0..IN_SCOPE - 1 {
        root.push_str(&format!(" xmlns:n{i:02}=\"{}\"", uri(i, NS_LEN)));
    }
    root.push('>');
    let mut canonical = root.clone();
    let mut body = String::new();
    for _ in 0..elements / 2 {
        body.push_str(&short);
        canonical.push_str(&long);
    }
    canonical.push_str("</r>");
    let inside: String = std::iter::repeat_n(short.as_str(), elements / 2).collect();
    let xml = format!(
        "{root}{body}{}</r>",
        signature(canonical.as_bytes(), &inside)
    );
    assert!(xml.len() <= 16 * MIB);
    // The document element, the elements, the Signature's 13.
    let cap = cap(xml.len(), elements + 14);
    let (r, used) = measured(cap, || verify(xml.as_bytes()));
    eprintln!("many elements: {} bytes in, {used:?}", xml.len());
    assert_judged(&r);
    assert!(used.total <= cap, "{used:?}");
}

/// As deep as the parser allows, every level with an `xml:lang` as long as the document
/// allows and its own namespace name: the Signature at the bottom inherits every level's
/// `xml:` attribute (a copy of all of them at each level made this quadratic).
#[test]
fn deep_nesting_with_inherited_xml_attributes() {
    // The Signature's own subtree is 5 deep (Signature, SignedInfo, Reference,
    // Transforms, Transform).
    let levels = 256 - 5;
    let value_len = if full() { 60 * 1024 } else { 6 * 1024 };
    let value = |d: usize| -> String {
        let mut v = format!("kk-{d:03}-");
        let pad = value_len - v.len();
        v.extend(std::iter::repeat_n('v', pad));
        v
    };
    let ns_len = if full() { NS_LEN } else { 1024 };
    let mut open = String::new();
    for d in 0..levels {
        open.push_str(&format!(
            "<e xmlns:p=\"{}\" xml:lang=\"{}\">",
            uri(d, ns_len),
            value(d)
        ));
    }
    let close = "</e>".repeat(levels);
    let canonical = format!("{open}{close}");
    let xml = format!("{open}{}{close}", signature(canonical.as_bytes(), ""));
    assert!(xml.len() <= 16 * MIB, "{}", xml.len());
    let cap = cap(xml.len(), levels + 13);
    let (r, used) = measured(cap, || verify(xml.as_bytes()));
    eprintln!("deep: {} bytes in, {used:?}", xml.len());
    assert_judged(&r);
    assert!(used.total <= cap, "{used:?}");
}

#[test]
fn the_documents_are_at_the_parsers_limits() {
    assert_eq!(limits::MAX_DEPTH, 256);
    assert_eq!(limits::MAX_IN_SCOPE_NAMESPACES, IN_SCOPE);
    assert_eq!(limits::MAX_DOCUMENT_LEN, 16 * MIB);
    assert_eq!(limits::MAX_NAMESPACE_LEN, NS_LEN);
    assert_eq!(limits::MAX_ATTRIBUTE_VALUE_LEN, 64 * 1024);
    assert_eq!(limits::MAX_NODES, 1_000_000);
}

/// Many signatures, each with many `URI=""` References, over a large document: each
/// Reference canonicalises and digests the whole document. The References' work is charged
/// to the document's budget ([`qoltanba::Limits::document_rehashed_bytes`]): once spent,
/// nothing more is canonicalised, and the checks it cut short are unknown and name the
/// limit. Counted by allocation (each canonical form is allocated once), never timed.
#[test]
fn many_signatures_of_many_whole_document_references() {
    let body_len = if full() { 4 * MIB } else { 256 * 1024 };
    let body: String = std::iter::repeat_n("<v>signed data</v>", body_len / 18).collect();
    let canonical = format!("<doc>{body}</doc>");
    let reference = {
        let d = base64::engine::general_purpose::STANDARD
            .encode(digest(HashAlgorithm::Sha256, canonical.as_bytes()).unwrap());
        format!(
            "<ds:Reference URI=\"\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/></ds:Transforms><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>{d}</ds:DigestValue></ds:Reference>"
        )
    };
    let refs: String = std::iter::repeat_n(reference.as_str(), 63).collect();
    let sig = signature(canonical.as_bytes(), "").replacen(
        "<ds:Reference URI=\"\">",
        &format!("{refs}<ds:Reference URI=\"\">"),
        1,
    );
    let sigs: String = std::iter::repeat_n(sig.as_str(), 64).collect();
    let xml = format!("<doc>{body}{sigs}</doc>");
    // Unbounded, 64 x 64 References (and a second candidate node-set for every signature
    // after the first) would canonicalise the document 8,000 times.
    let mut limits = qoltanba::Limits::default();
    limits.document_rehashed_bytes = 32 * body_len;
    let verifier = Verifier::builder().limits(limits).build();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")
        .unwrap()
        .to_utc();
    let (r, used) = measured(cap(xml.len(), 200_000) + 64 * body_len, || {
        xmldsig::verify(xml.as_bytes(), &verifier, &Expectation::at(at))
    });
    let v = r.expect("a verdict");
    assert_ne!(v.overall(), Overall::Valid);
    assert_eq!(v.signers().len(), 64);
    let cut = v
        .signers()
        .iter()
        .filter_map(|s| s.check(CheckName::Reference))
        .filter(|c| c.exhausted() == Some(qoltanba::Exhausted::DocumentRehashedBytes))
        .count();
    assert!(cut >= 60, "{cut} signatures cut short; {used:?}");
    assert!(
        used.total < cap(xml.len(), 200_000) + 64 * body_len,
        "{used:?}"
    );
}
