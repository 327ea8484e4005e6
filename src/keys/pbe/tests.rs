use super::*;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Test vectors of the PKCS#12 KDF (as published with Bouncy Castle / OpenSSL's tests:
/// password "smeg", salt 0A58CF64530D823F, SHA-1).
#[test]
fn pkcs12_kdf_known_answers() {
    let pw = Password::new(b"smeg");
    let salt = hex("0A58CF64530D823F");
    let mut key = [0u8; 24];
    pkcs12_kdf(Hash::Sha1, pw.bmp(), &salt, 1, 1, &mut key);
    assert_eq!(
        key.to_vec(),
        hex("8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3")
    );
    let mut iv = [0u8; 8];
    pkcs12_kdf(Hash::Sha1, pw.bmp(), &salt, 2, 1, &mut iv);
    assert_eq!(iv.to_vec(), hex("79993DFE048D3B76"));

    let pw = Password::new(b"queeg");
    let salt = hex("1682C0FC5B3F7EC5");
    let mut key = [0u8; 24];
    pkcs12_kdf(Hash::Sha1, pw.bmp(), &salt, 1, 1000, &mut key);
    assert_eq!(
        key.to_vec(),
        hex("483DD6E919D7DE2E8E648BA8F862F3FBFBDC2BCB2C02957F")
    );
    // The rest computed with `openssl kdf -kdfopt hexpass:<BMPString> ... PKCS12KDF`.
    let mut mac = [0u8; 20];
    let pw = Password::new(b"cookie");
    pkcs12_kdf(
        Hash::Sha1,
        pw.bmp(),
        &hex("BE45CB9B6A1A0B0E"),
        3,
        1,
        &mut mac,
    );
    assert_eq!(
        mac.to_vec(),
        hex("9CAAFCE7113756EEB50187AC36989D15AD12EE02")
    );
    // SHA-512 (v = 128), several output blocks, iterations > 1.
    let mut long = [0u8; 100];
    let pw = Password::new(b"Qwerty12");
    pkcs12_kdf(
        Hash::Sha512,
        pw.bmp(),
        &hex("0102030405060708"),
        1,
        3,
        &mut long,
    );
    assert_eq!(
        long.to_vec(),
        hex(
            "B7F8DD150C947D1B3E044B9CA59E081DBDB8628EA35EB6929FF0B714C47048450305D5EF\
             9D7694BB91B14B686DDAA7F5370DEA6A8F159F63ACA70781BF9EF5A86F1FCD98B9642702\
             642ED14FF0E85841C592150DD90735EA8709A140A36FF1340AC39F2F"
        )
    );
    // SHA-256, a non-ASCII password and a salt longer than one block.
    let salt: Vec<u8> = (1..=67u8)
        .map(|i| {
            let s = format!("{i:02}");
            u8::from_str_radix(&s, 16).unwrap()
        })
        .collect();
    let mut out = [0u8; 70];
    pkcs12_kdf(
        Hash::Sha256,
        Password::new("Ә".as_bytes()).bmp(),
        &salt,
        2,
        2,
        &mut out,
    );
    assert_eq!(
        out.to_vec(),
        hex(
            "9CC9D3F995902CA975DFBD729916FF9344D6FF0ED48889DE0B1F98CDD8B7A191B166A64B\
             1B47C6056ED13FCA8F8CD31D625C4E57589CFC0BAC91E7C85E8353682E7528813D76"
        )
    );
}

#[test]
fn bmp_password_has_terminator() {
    let pw = Password::new("Qw".as_bytes());
    assert_eq!(pw.bmp(), &[0, b'Q', 0, b'w', 0, 0]);
    assert_eq!(Password::new(b"").bmp(), &[0, 0]);
    assert_eq!(Password::new("Ә".as_bytes()).bmp(), &[0x04, 0xD8, 0, 0]);
}

/// The key-derivation work of one reading is counted across its derivations, weighted
/// by hash and output length, and refused before it is done.
#[test]
fn kdf_work_is_bounded_per_reading() {
    let pw = Password::new(b"Qwerty12");
    // NCA's file: a SHA-1 MAC, a 3DES key bag and an RC2-40 certificate bag at 2,048.
    pw.charge(Hash::Sha1, false, 2048, 20, "t").unwrap();
    pw.charge(Hash::Sha1, false, 2048, 24, "t").unwrap();
    pw.charge(Hash::Sha1, false, 2048, 8, "t").unwrap();
    pw.charge(Hash::Sha1, false, 2048, 5, "t").unwrap();
    pw.charge(Hash::Sha1, false, 2048, 8, "t").unwrap();
    assert_eq!(pw.work.get(), 2048 * 6);
    // PBKDF2-HMAC-SHA-512 at MAX_ITERATIONS: ten times the budget, refused, nothing
    // charged.
    let e = pw
        .charge(Hash::Sha512, true, 10_000_000, 32, "t")
        .unwrap_err();
    assert!(matches!(e, Error::Unsupported(ref m) if m.contains("units of work")));
    assert_eq!(pw.work.get(), 2048 * 6);
    // Derivations each within MAX_ITERATIONS add up: 3DES at 1,000,000 iterations
    // costs 3,000,000 (two key blocks, one IV block); the seventh is refused.
    let pw = Password::new(b"");
    for _ in 0..6 {
        pw.charge(Hash::Sha1, false, 1_000_000, 24, "t").unwrap();
        pw.charge(Hash::Sha1, false, 1_000_000, 8, "t").unwrap();
    }
    assert!(pw.charge(Hash::Sha1, false, 1_000_000, 24, "t").is_ok());
    assert!(pw.charge(Hash::Sha1, false, 1_000_000, 8, "t").is_err());
    // A budget is per reading: a new Password starts again.
    assert!(Password::new(b"")
        .charge(Hash::Sha256, true, 10_000_000, 32, "t")
        .is_ok());
}

/// Readings that share a [`KdfBudget`] are charged to it together, each also to its own
/// per-file bound; a derivation past either is refused with nothing charged to either.
#[test]
fn kdf_work_is_bounded_per_shared_budget() {
    let budget = KdfBudget::new(3_000);
    let a = Password::within(b"x", Some(&budget));
    let b = Password::within(b"x", Some(&budget));
    a.charge(Hash::Sha1, false, 1_000, 20, "a").unwrap();
    b.charge(Hash::Sha256, true, 500, 32, "b").unwrap();
    assert_eq!(
        (a.work.get(), b.work.get(), budget.spent()),
        (1_000, 1_000, 2_000)
    );
    let e = a.charge(Hash::Sha1, false, 1_001, 20, "a").unwrap_err();
    assert!(
        matches!(e, Error::Unsupported(ref m) if m.contains("of this request") && m.contains("3000")),
        "{e}"
    );
    assert_eq!((a.work.get(), budget.spent()), (1_000, 2_000));
    b.charge(Hash::Sha1, false, 1_000, 20, "b").unwrap();
    assert_eq!(budget.spent(), 3_000);
    // The per-file bound still holds under a larger shared budget, and is checked first.
    let budget = KdfBudget::new(u64::MAX);
    let c = Password::within(b"x", Some(&budget));
    assert!(c
        .charge(Hash::Sha1, false, 1, MAX_KDF_WORK as usize * 20 + 1, "c")
        .is_err());
    assert_eq!(budget.spent(), 0);
}

/// The fuzzing reproducers (fuzz/regressions/pkcs12/) took 11 s and more; now refused
/// before any derivation.
#[test]
fn kdf_work_reproducers_refused() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/pkcs12");
    let read = |n: &str| std::fs::read(dir.join(n)).unwrap();
    let refused =
        |r: Result<()>| matches!(r, Err(Error::Unsupported(ref m)) if m.contains("units of work"));
    let pem = read("pkcs8_pbkdf2_hmac_sha512_10M_iterations.pem");
    assert!(refused(
        crate::keys::SigningKey::from_pkcs8(&pem, Some(b"Qwerty12")).map(|_| ())
    ));
    let p12 = read("six_3des_contents_10M_iterations_no_mac.p12");
    assert!(refused(
        crate::keys::open_pkcs12(&p12, b"Qwerty12").map(|_| ())
    ));
}

#[test]
fn iteration_bounds() {
    assert!(check_iterations(0, "t").is_err());
    assert!(check_iterations(MAX_ITERATIONS + 1, "t").is_err());
    assert_eq!(check_iterations(2048, "t").unwrap(), 2048);
}
