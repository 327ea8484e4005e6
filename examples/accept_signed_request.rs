//! A service backend receiving signed requests: verify the EDS, match the IIN/BIN of the
//! request with the signer's certificate, and answer with the regulation's refusal text
//! when the signature is not confirmed.
//!
//! ```sh
//! cargo run --example accept_signed_request
//! ```
//!
//! The "portal" and the "service centre" are simulated with the project's test PKI
//! (`test-vectors/pki/`, test keys only): the applicant's request is signed here, then
//! handed to the backend as base64 text, the way NCALayer returns a CMS. The backend judges
//! at 2026-11-23T00:00:00Z, when the test certificates are valid; a real backend passes
//! `chrono::Utc::now()`.

use qoltanba::Judged as _;
use std::path::{Path, PathBuf};

use base64::Engine;
use chrono::{DateTime, Utc};
use qoltanba::cms::{sign, SignRequest, SignedData};
use qoltanba::identity::{Bin, Iin};
use qoltanba::keys::SigningKey;
use qoltanba::profiles::{check_request, Profile, RequestIdentity, RequestVerdict, SignerRole};
use qoltanba::{Certificate, Verifier};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn pki(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-vectors/pki")
        .join(name)
}

fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// The client side: `who` signs `content` (attached CMS), returned as base64.
fn client_signs(who: &str, content: &[u8]) -> Res<String> {
    let cert = Certificate::from_input(&std::fs::read(pki(&format!("{who}.cer")))?)?;
    let req = SignRequest::new(&cert, time("2026-11-22T09:30:00Z"));
    // The test keys are unencrypted PKCS#8 PEM; NCA keys come as PKCS#12 (`open_pkcs12`).
    // Key files are read into buffers zeroized on drop.
    let pem = qoltanba::keys::read_secret_file(&pki(&format!("{who}.key.pem")), 1 << 20)?;
    let key = SigningKey::from_pkcs8(&pem, None)?;
    let der = sign(content, &req, &key)?;
    Ok(base64::engine::general_purpose::STANDARD.encode(der))
}

/// A service centre where the regulation has two signatures: the centre's employee signs
/// first, then the applicant adds a signature.
fn service_centre_signs(operator: &str, applicant: &str, content: &[u8]) -> Res<String> {
    let b64 = client_signs(operator, content)?;
    let signed = SignedData::from_input(b64.as_bytes())?;
    let cert = Certificate::from_input(&std::fs::read(pki(&format!("{applicant}.cer")))?)?;
    let req = SignRequest::new(&cert, time("2026-11-22T09:35:00Z"));
    let pem = qoltanba::keys::read_secret_file(&pki(&format!("{applicant}.key.pem")), 1 << 20)?;
    let key = SigningKey::from_pkcs8(&pem, None)?;
    let der = signed.add_signer(None, &req, &key)?;
    Ok(base64::engine::general_purpose::STANDARD.encode(der))
}

/// The backend: one verifier for the whole service (trust anchors and CRLs loaded once).
struct Backend {
    verifier: Verifier,
    now: DateTime<Utc>,
}

impl Backend {
    fn new() -> Res<Backend> {
        let verifier = Verifier::builder()
            .trust_path(pki("root.cer"))?
            .intermediate_path(pki("nca_rsa.cer"))?
            .crl_path(pki("nca_rsa_current.crl"))?
            .build();
        Ok(Backend {
            verifier,
            now: time("2026-11-23T00:00:00Z"),
        })
    }

    /// Receive a signed request for the service `profile_id`, the form naming `request`.
    fn receive(&self, profile_id: &str, cms_base64: &str, request: RequestIdentity) -> Res<()> {
        let profile = Profile::by_id(profile_id).ok_or("unknown service")?;
        println!("── {} ({})", profile.title_ru, profile.region);
        println!(
            "   certified by {}; form names IIN {} BIN {}",
            request.certified_by.as_str(),
            request.iin.map(|i| i.to_string()).unwrap_or("-".into()),
            request.bin.map(|b| b.to_string()).unwrap_or("-".into()),
        );
        if !profile.requires_eds() {
            println!("   this regulation has no EDS step: the request is handled on paper");
            return Ok(());
        }
        // Unreadable input is an error (answer 400); everything else is a verdict.
        let signed = SignedData::from_input(cms_base64.as_bytes())?;
        let verdict = check_request(profile, &signed, None, &request, &self.verifier, self.now)?;
        report(&verdict);
        Ok(())
    }
}

fn report(v: &RequestVerdict) {
    for s in v.signers() {
        println!(
            "   signer #{} as {}: {} (IIN {}, BIN {})",
            s.index(),
            s.role().map(|r| r.describe()).unwrap_or("no proven role"),
            s.overall().as_str(),
            s.iin().map(|i| i.to_string()).unwrap_or("-".into()),
            s.bin().map(|b| b.to_string()).unwrap_or("-".into()),
        );
    }
    match v.verified_content() {
        Some(content) => println!(
            "   ACCEPTED: {} verified bytes go to the provider: {:?}",
            content.as_bytes().len(),
            String::from_utf8_lossy(content.as_bytes()).trim()
        ),
        None => {
            let r = v
                .refusal()
                .expect("a verdict that is not valid has a refusal");
            println!("   REFUSED ({}):", v.overall().as_str());
            println!("     kk: {}", r.kk());
            println!("     ru: {}", r.ru());
            println!("     en: {}", r.en());
            let names: Vec<&str> = r
                .failed()
                .iter()
                .chain(r.unknown())
                .map(|c| c.as_str())
                .collect();
            println!("     checks: {}", names.join(", "));
        }
    }
    for n in v.notes() {
        println!("   note: {n}");
    }
}

fn main() -> Res<()> {
    let backend = Backend::new()?;
    let form = "<request service=\"unemployment-certificate\" iin=\"123456789011\"/>\n".as_bytes();
    let iin = Iin::parse("123456789011")?;

    // 1. An applicant on the portal, signing with their own key: accepted.
    let cms = client_signs("individual_sign", form)?;
    backend.receive(
        "kokpekti-unemployment-certificate",
        &cms,
        RequestIdentity::individual(iin),
    )?;

    // 2. Someone else's key on that request: the IINs differ.
    let cms = client_signs("individual_sign_valid_iin", form)?;
    backend.receive(
        "kokpekti-unemployment-certificate",
        &cms,
        RequestIdentity::individual(iin),
    )?;

    // 3. A revoked certificate.
    let cms = client_signs("revoked", form)?;
    backend.receive(
        "kokpekti-unemployment-certificate",
        &cms,
        RequestIdentity::individual(iin),
    )?;

    // 4. A legal entity asks for an archival certificate on the portal (BIN request).
    let archive_form =
        "<request service=\"archive-certificate\" bin=\"123456789021\"/>\n".as_bytes();
    let cms = client_signs("legal_sign", archive_form)?;
    backend.receive(
        "vko-archive-certificate",
        &cms,
        RequestIdentity::legal_entity(Bin::parse("123456789021")?),
    )?;

    // 5. The same service at a service centre, for an individual: the centre's operator
    //    certifies the request he filled in, alone (the decree's step list). He is proven
    //    by the certificate (a legal entity's, employee role) and the centre's BIN, which
    //    the backend knows; the form still names the applicant.
    let centre = Bin::parse("160440000075")?;
    let archive_form =
        "<request service=\"archive-certificate\" iin=\"123456789011\"/>\n".as_bytes();
    let at_centre = RequestIdentity::individual(iin)
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(centre);
    let cms = client_signs("roles/centre_operator", archive_form)?;
    backend.receive("vko-archive-certificate", &cms, at_centre)?;
    // ... and signed by someone who is no operator of that centre (another organisation's
    //    head).
    let cms = client_signs("legal_sign_valid_bin", archive_form)?;
    backend.receive("vko-archive-certificate", &cms, at_centre)?;

    // 6. Akmola's unemployment certificate at a service centre: the centre's employee
    //    signs, then the applicant (the one regulation with two signatures there; it states
    //    no identity match). With the employee's signature only, the applicant's is
    //    missing.
    let akmola = RequestIdentity::unnamed()
        .certified_by(SignerRole::ServiceCenterOperator)
        .service_center(centre);
    let cms = service_centre_signs("roles/centre_operator", "individual_sign", form)?;
    backend.receive("akmola-unemployment-certificate", &cms, akmola)?;
    let cms = client_signs("roles/centre_operator", form)?;
    backend.receive("akmola-unemployment-certificate", &cms, akmola)?;

    // 7. A service whose regulation has no EDS step.
    backend.receive(
        "akmola-targeted-social-assistance",
        "",
        RequestIdentity::individual(iin),
    )?;
    Ok(())
}
