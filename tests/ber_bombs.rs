//! BER bombs (issue 9, item 7): indefinite lengths nested 40 deep over megabytes of
//! elements, in the parts of a CMS SignedData the parser converts to definite lengths or
//! reassembles. The work must be linear in the input: the allocations of the parse are
//! counted (this binary's own allocator) and capped at a small multiple of the input.
//! Never a clock.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use qoltanba::cms::SignedData;

/// The system allocator, counting the bytes allocated (in total, and live at the peak).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    TOTAL.fetch_add(size, Ordering::Relaxed);
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A reallocation is counted as a new block (it may copy), the old one freed.
        grew(new_size);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes allocated by `f`: (in total, at the peak above what was live before).
fn allocations<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let live = LIVE.load(Ordering::Relaxed);
    PEAK.store(live, Ordering::Relaxed);
    let total = TOTAL.load(Ordering::Relaxed);
    let out = f();
    let total = TOTAL.load(Ordering::Relaxed) - total;
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(live);
    (out, total, peak)
}

fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = (len as u64).to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (8 - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

fn oid(content: &[u8]) -> Vec<u8> {
    der(0x06, content)
}

/// `levels` indefinite-length elements `tag` one inside the other around `bytes` of
/// 16-byte OCTET STRINGs.
fn bomb(tag: u8, levels: usize, bytes: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes + 4 * levels);
    for _ in 0..levels {
        out.extend_from_slice(&[tag, 0x80]);
    }
    for i in 0..bytes / 16 {
        out.extend(der(0x04, &(i as u128).to_be_bytes()[2..]));
    }
    for _ in 0..levels {
        out.extend_from_slice(&[0, 0]);
    }
    out
}

/// A ContentInfo holding SignedData whose eContent is `econtent` (the OCTET STRING) and
/// whose one SignerInfo carries an unsigned attribute of value `unsigned_value`, and the
/// certificates `certificates` (the [0] contents) when given.
fn signed_data(econtent: &[u8], unsigned_value: &[u8], certificates: Option<&[u8]>) -> Vec<u8> {
    const SIGNED_DATA: [u8; 9] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];
    const DATA: [u8; 9] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];
    const SHA256: [u8; 9] = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
    const RSA: [u8; 9] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01];
    let name = der(
        0x30,
        &der(
            0x31,
            &der(
                0x30,
                &[oid(&[0x55, 0x04, 0x03]), der(0x0C, b"bomb")].concat(),
            ),
        ),
    );
    let unsigned = der(
        0xA1,
        &der(
            0x30,
            &[oid(&[0x2A, 0x03, 0x04]), der(0x31, unsigned_value)].concat(),
        ),
    );
    let signer = der(
        0x30,
        &[
            vec![0x02, 0x01, 0x01],
            der(0x30, &[name, vec![0x02, 0x01, 0x01]].concat()),
            der(0x30, &oid(&SHA256)),
            der(0x30, &oid(&RSA)),
            der(0x04, &[0x55; 64]),
            unsigned,
        ]
        .concat(),
    );
    let mut body = vec![0x02, 0x01, 0x01];
    body.extend(der(0x31, &der(0x30, &oid(&SHA256))));
    body.extend(der(0x30, &[oid(&DATA), der(0xA0, econtent)].concat()));
    if let Some(c) = certificates {
        body.extend(der(0xA0, c));
    }
    body.extend(der(0x31, &signer));
    der(
        0x30,
        &[oid(&SIGNED_DATA), der(0xA0, &der(0x30, &body))].concat(),
    )
}

#[test]
fn nested_indefinite_lengths_cost_linear_allocation() {
    const LEVELS: usize = 40;
    const BYTES: usize = 4 << 20;
    // The eContent a constructed OCTET STRING nested 40 deep (reassembled); an unsigned
    // attribute value a SEQUENCE nested 40 deep (converted to definite lengths, with the
    // SignerInfo around it).
    let cms = signed_data(&bomb(0x24, LEVELS, BYTES), &bomb(0x30, LEVELS, BYTES), None);
    let (parsed, total, peak) = allocations(|| SignedData::from_ber(&cms));
    let parsed = parsed.expect("the bomb is well-formed BER");
    assert_eq!(
        parsed.unverified_content().map(<[u8]>::len),
        Some(BYTES / 16 * 14)
    );
    assert_eq!(parsed.signers()[0].unsigned_attributes().len(), 1);
    drop(parsed);
    let len = cms.len();
    assert!(
        total <= 4 * len,
        "parsing {len} bytes allocated {total} bytes in total"
    );
    assert!(
        peak <= 3 * len,
        "parsing {len} bytes held {peak} bytes at the peak"
    );

    // A certificate nested 40 deep: converted once, then refused as a certificate.
    let cms = signed_data(
        &der(0x04, b"content"),
        &der(0x05, &[]),
        Some(&bomb(0x30, LEVELS, BYTES)),
    );
    let (parsed, total, peak) = allocations(|| SignedData::from_ber(&cms));
    assert!(parsed.is_err());
    let len = cms.len();
    assert!(
        total <= 4 * len,
        "parsing {len} bytes allocated {total} bytes in total"
    );
    assert!(
        peak <= 3 * len,
        "parsing {len} bytes held {peak} bytes at the peak"
    );
}
