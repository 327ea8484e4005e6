//! A service backend's use of the certificate condition: judge the signer's certificate of
//! an incoming request against the IIN the request names, and form the refusal text when
//! the condition does not hold.
//!
//! `cargo run --example verify_certificate` (uses the bundled test PKI).

use qoltanba::Judged as _;
use std::path::Path;

use qoltanba::identity::Iin;
use qoltanba::{Certificate, Expectation, Verifier};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pki = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/pki");
    // Loaded once at start-up and shared by every request (CRL signatures are checked here).
    let verifier = Verifier::builder()
        .trust_path(pki.join("root.cer"))?
        .intermediate_path(pki.join("nca_rsa.cer"))?
        .crl_path(pki.join("nca_rsa_current.crl"))?
        .build();

    // The time judged is always passed in: here a fixed time, so the example is repeatable.
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z")?.to_utc();
    let request_iin = Iin::parse("123456789011")?;

    for file in ["individual_sign.cer", "revoked.cer", "individual_auth.cer"] {
        let cert = Certificate::from_input(&std::fs::read(pki.join(file))?)?;
        let mut expect = Expectation::at(at);
        expect.iin = Some(request_iin);
        let verdict = verifier.check_certificate(&cert, &expect);
        println!("{file}: {}", verdict.overall().as_str());
        match &verdict.refusal() {
            None => println!(
                "  accepted: {} (IIN {})",
                verdict.subject().common_name.as_deref().unwrap_or("?"),
                request_iin
            ),
            Some(refusal) => {
                println!("  {}", refusal.kk());
                println!("  {}", refusal.ru());
            }
        }
    }
    Ok(())
}
