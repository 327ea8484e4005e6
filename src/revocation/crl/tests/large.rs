//! Large CRLs: a synthetic N-entry CRL, the 1M-entry measurement (ignored by default),
//! and a CRL large enough that its signed part is hashed at load.

use super::*;
use crate::revocation::crl::load::PREHASH_MIN_LEN;

fn status_kib(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Synthesise an N-entry CRL (serials of 16-20 octets, reasonCode on each entry)
/// directly into one exactly-sized buffer.
fn synthesise(n: usize) -> Vec<u8> {
    let serial_len = |i: usize| 16 + i % 5;
    // entry = 30 L | 02 len serial | 17 0d time | 30 0c (30 0a 06 03 551d15 04 03 0a 01 r)
    let entry_len = |i: usize| 2 + (2 + serial_len(i)) + 15 + 14;
    let revoked_len: usize = (0..n).map(entry_len).sum();
    let prefix = [
        tlv(0x02, &[1]),
        alg(SHA256_RSA, true),
        name_cn("Synthetic CA"),
        utc("260101000000Z"),
        utc("260701000000Z"),
    ]
    .concat();
    let suffix = tlv(0xa0, &seq(&[&ext(OID_CRL_NUMBER, false, &tlv(0x02, &[1]))]));
    let header_of = |tag: u8, len: usize| {
        let mut v = vec![tag];
        push_len(&mut v, len);
        v
    };
    let revoked_header = header_of(0x30, revoked_len);
    let tbs_len = prefix.len() + revoked_header.len() + revoked_len + suffix.len();
    let tbs_header = header_of(0x30, tbs_len);
    let tail = [alg(SHA256_RSA, true), tlv(0x03, &[0; 513])].concat();
    let outer_len = tbs_header.len() + tbs_len + tail.len();
    let outer_header = header_of(0x30, outer_len);
    let total = outer_header.len() + outer_len;
    let mut der = Vec::with_capacity(total);
    der.extend_from_slice(&outer_header);
    der.extend_from_slice(&tbs_header);
    der.extend_from_slice(&prefix);
    der.extend_from_slice(&revoked_header);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let reasons = [0u8, 1, 3, 4, 5, 6];
    for i in 0..n {
        let len = serial_len(i);
        der.extend_from_slice(&[0x30, (entry_len(i) - 2) as u8, 0x02, len as u8]);
        for j in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let b = state as u8;
            der.push(if j == 0 { (b & 0x7f) | 0x01 } else { b });
        }
        der.extend_from_slice(b"\x17\x0d250315120000Z");
        der.extend_from_slice(&[
            0x30,
            0x0c,
            0x30,
            0x0a,
            0x06,
            0x03,
            0x55,
            0x1d,
            0x15,
            0x04,
            0x03,
            0x0a,
            0x01,
            reasons[i % reasons.len()],
        ]);
    }
    der.extend_from_slice(&suffix);
    der.extend_from_slice(&tail);
    assert_eq!(der.len(), total);
    der
}

#[test]
fn synthetic_small_crl_loads() {
    let der = synthesise(1000);
    let crl = Crl::from_der(der).unwrap();
    assert_eq!(crl.len(), 1000);
    let issuer = crl.issuer().key().clone();
    for e in crl.entries() {
        assert_eq!(crl.lookup(&e.serial, &issuer), vec![e]);
    }
}

/// `cargo test --release --lib crl -- --ignored --nocapture`: synthesises a 1M-entry
/// CRL, writes it to `$QOLTANBA_CRL_OUT` (default: the temp dir) for comparison with
/// `openssl crl -inform DER -noout -in <file>`, then reads it back and loads it as an
/// application would, printing the time and the memory.
#[test]
#[ignore]
fn one_million_entries() {
    let n = 1_000_000;
    let path = std::env::var("QOLTANBA_CRL_OUT").unwrap_or_else(|_| {
        std::env::temp_dir()
            .join("qoltanba-crl-1m.der")
            .to_string_lossy()
            .into_owned()
    });
    let t = std::time::Instant::now();
    let der = synthesise(n);
    let der_len = der.len();
    std::fs::write(&path, &der).unwrap();
    drop(der);
    eprintln!(
        "synthesised {n} entries, {:.1} MB DER in {:?}, written to {path}",
        der_len as f64 / 1e6,
        t.elapsed()
    );

    // As an application does it: read the file, load it (the bytes are moved in).
    let rss_before = status_kib("VmRSS:");
    let t = std::time::Instant::now();
    let bytes = std::fs::read(&path).unwrap();
    let read = t.elapsed();
    let crl = Crl::all_from_owned_input(bytes).unwrap().remove(0);
    let total = t.elapsed();
    let rss_after = status_kib("VmRSS:");
    let hwm = status_kib("VmHWM:");
    assert_eq!(crl.len(), n);
    let index_bytes = crl.0.records.capacity() * std::mem::size_of::<Record>();
    eprintln!(
        "read file {read:?}; load + index {:?} ({:.0} ns/entry); total {total:?}",
        total - read,
        (total - read).as_nanos() as f64 / n as f64
    );
    eprintln!(
        "index: {} records x {} B = {:.1} MB; DER kept: {:.1} MB",
        crl.len(),
        std::mem::size_of::<Record>(),
        index_bytes as f64 / 1e6,
        der_len as f64 / 1e6,
    );
    eprintln!(
        "RSS before {:?} KiB, after {:?} KiB; process peak {:?} KiB",
        rss_before, rss_after, hwm
    );

    // Steady-state load time (best of several, the DER already in memory).
    let mut best = std::time::Duration::MAX;
    for _ in 0..5 {
        let der = crl.der().to_vec();
        let t = std::time::Instant::now();
        let again = Crl::from_der(der).unwrap();
        best = best.min(t.elapsed());
        drop(again);
    }
    eprintln!("from_der best of 5: {best:?}");

    let serials: Vec<Vec<u8>> = crl.entries().step_by(1000).map(|e| e.serial).collect();
    let issuer = crl.issuer().key().clone();
    let t = std::time::Instant::now();
    for s in &serials {
        assert_eq!(crl.lookup(s, &issuer).len(), 1);
    }
    eprintln!("lookup: {:?} per hit", t.elapsed() / serials.len() as u32);
    let t = std::time::Instant::now();
    let count = crl.entries().count();
    eprintln!("entries(): {count} in {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _ = crl.fingerprint_sha256();
    eprintln!("fingerprint (lazy): {:?}", t.elapsed());
}

/// A CRL large enough to be hashed at load: its signature checks from that digest, and a
/// one-bit change of the signed part (or of the signature) is refused.
#[test]
fn large_crl_is_prehashed_and_its_signature_still_binds() {
    use crate::certificate::Certificate;
    use crate::revocation::store::CrlStore;
    use crate::signature::SignatureCheck;
    let pki = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pki");
    let ca = Certificate::from_input(&std::fs::read(pki.join("nca_rsa.cer")).unwrap()).unwrap();
    let key_pem = std::fs::read_to_string(pki.join("nca_rsa.key.pem")).unwrap();
    let key_der = crate::input::decode_one(
        key_pem.replace("PRIVATE KEY", "CERTIFICATE").as_bytes(),
        crate::input::ObjectKind::Certificate,
    )
    .unwrap();
    let key = ring::signature::RsaKeyPair::from_pkcs8(&key_der).unwrap();
    let mut b = Builder::new();
    b.issuer = ca.subject().der().to_vec();
    let entries: Vec<Vec<u8>> = (0..50_000u32)
        // Serials 0x40000000 + i: four octets, minimal (DER).
        .map(|i| entry(&(0x4000_0000 + i).to_be_bytes(), "210401000000Z", &[]))
        .collect();
    let b = b.entries(entries);
    let tbs = b.tbs();
    let mut sig = vec![0u8; key.public().modulus_len()];
    key.sign(
        &ring::signature::RSA_PKCS1_SHA256,
        &ring::rand::SystemRandom::new(),
        &tbs,
        &mut sig,
    )
    .unwrap();
    let mut bits = vec![0u8];
    bits.extend_from_slice(&sig);
    let der = seq(&[&tbs, &b.outer_alg, &tlv(0x03, &bits)]);
    assert!(der.len() > PREHASH_MIN_LEN, "{} bytes", der.len());

    let check = |der: Vec<u8>| {
        let crl = Crl::from_der(der).unwrap();
        assert!(crl.tbs_digest().is_some(), "hashed at load");
        let mut store = CrlStore::new();
        store.add(crl).unwrap();
        store.signed_by(0, &ca)
    };
    assert_eq!(check(der.clone()), SignatureCheck::Valid);
    // Flip a bit inside an entry's serial (the signed part).
    let mut tampered = der.clone();
    let at = tampered.len() / 2;
    tampered[at] ^= 0x01;
    if let Ok(crl) = Crl::from_der(tampered.clone()) {
        let mut store = CrlStore::new();
        store.add(crl).unwrap();
        assert_eq!(store.signed_by(0, &ca), SignatureCheck::Invalid);
    }
    // Flip a bit of the signature.
    let mut bad_sig = der;
    let last = bad_sig.len() - 1;
    bad_sig[last] ^= 0x01;
    assert_eq!(check(bad_sig), SignatureCheck::Invalid);
}
