//! Load a CRL the way a service does at start-up, and say how long it took: read the file,
//! `Crl::from_der` (walk and index every entry), build a verifier, whose `build()` checks
//! the CRL's signature once.
//!
//! ```sh
//! cargo run --release --example crl_load -- CRL.der [ISSUER_CA.cer [TRUST_ANCHOR.cer]]
//! /usr/bin/time -f '%M KiB peak' target/release/examples/crl_load big.crl \
//!     test-vectors/pki/nca_rsa.cer test-vectors/pki/root.cer
//! ```
//!
//! Prints the entry count, the time of each phase and, when the issuing CA is given,
//! whether the CRL's signature verifies with its key. `benches/vs_openssl.rs` measures the
//! same steps side by side with `openssl crl`.

use std::time::Instant;

use qoltanba::revocation::Crl;
use qoltanba::SignatureCheck;
use qoltanba::{Certificate, Verifier};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(crl_path) = args.first() else {
        eprintln!("usage: crl_load CRL.der [ISSUER_CA.cer [TRUST_ANCHOR.cer]]");
        std::process::exit(2);
    };
    let read_cert = |p: &String| -> Result<Certificate, Box<dyn std::error::Error>> {
        Ok(Certificate::from_input(&std::fs::read(p)?)?)
    };
    let ca = args.get(1).map(read_cert).transpose()?;
    let anchor = args.get(2).map(read_cert).transpose()?;

    let t0 = Instant::now();
    let bytes = std::fs::read(crl_path)?;
    let t1 = Instant::now();
    let crl = Crl::from_der(bytes)?;
    let t2 = Instant::now();
    let entries = crl.len();
    let mut builder = Verifier::builder().crl(crl)?;
    if let Some(a) = anchor {
        builder = builder.trust(a)?;
    }
    if let Some(c) = &ca {
        builder = builder.intermediate(c.clone())?;
    }
    let verifier = builder.build();
    let t3 = Instant::now();

    println!("entries: {entries}");
    println!("read file: {:?}", t1 - t0);
    println!("Crl::from_der (walk + index): {:?}", t2 - t1);
    println!("Verifier build (signature check): {:?}", t3 - t2);
    println!("total: {:?}", t3 - t0);
    if let Some(c) = &ca {
        let check = verifier.crls().signed_by(0, c);
        println!("signature by \"{}\": {check:?}", c.subject());
        if check != SignatureCheck::Valid {
            std::process::exit(1);
        }
    }
    Ok(())
}
