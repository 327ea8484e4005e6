//! A provider forming its output document (and a refusal) with the EDS of its authorised
//! person, then verifying it back as the recipient would.
//!
//! ```sh
//! cargo run --example sign_output_document
//! ```
//!
//! The authorised person is `test-vectors/pki/legal_sign_valid_bin` (a legal entity's
//! "right to sign" certificate, BIN 050540000016; a test key). The document is signed as an
//! attached CMS with the signingTime passed in (the library never reads the clock), then
//! verified with the provider's BIN expected in the signer's certificate.

use qoltanba::Judged as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use qoltanba::cms::{sign, SignRequest, SignedData, Signer, VerifyOptions};
use qoltanba::identity::Bin;
use qoltanba::profiles::Profile;
use qoltanba::NcaRole;
use qoltanba::{Certificate, Expectation, Verifier};
use qoltanba::{HashAlgorithm, SignatureAlgorithm};
use ring::rand::SystemRandom;
use ring::signature as rs;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn pki(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-vectors/pki")
        .join(name)
}

fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A test key (PKCS#8 PEM) signing RSA PKCS#1 v1.5 SHA-256 through ring.
struct TestKey(rs::RsaKeyPair);

impl TestKey {
    fn load(name: &str) -> Res<TestKey> {
        let der = pem::parse(std::fs::read_to_string(pki(name))?)?.into_contents();
        Ok(TestKey(
            rs::RsaKeyPair::from_pkcs8(&der).map_err(|e| e.to_string())?,
        ))
    }
}

impl Signer for TestKey {
    fn signature_algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::RsaPkcs1(HashAlgorithm::Sha256)
    }
    fn sign(&self, msg: &[u8]) -> qoltanba::Result<Vec<u8>> {
        let mut sig = vec![0; self.0.public().modulus_len()];
        self.0
            .sign(&rs::RSA_PKCS1_SHA256, &SystemRandom::new(), msg, &mut sig)
            .map_err(|_| qoltanba::Error::Unsupported("RSA signing failed".into()))?;
        Ok(sig)
    }
}

/// The text of an output document under `profile`.
fn output_document(profile: &Profile, body: &str) -> String {
    let mark = |field: &str| {
        if profile.is_placeholder(field) {
            " [placeholder]"
        } else {
            ""
        }
    };
    format!(
        "{title}\n{provider}{p}\n\n{body}\n\n{subdivision}{s}\n\
         Документ сформирован и подписан ЭЦП уполномоченного лица услугодателя. \
         Информационная система: {system}{i}\n",
        title = profile.title_ru,
        provider = profile.provider,
        p = mark("provider"),
        subdivision = profile.signing_subdivision,
        s = mark("signing_subdivision"),
        system = profile.information_system,
        i = mark("information_system"),
    )
}

fn main() -> Res<()> {
    let profile = Profile::by_id("astana-archive-certificate").ok_or("no such profile")?;
    let provider_bin = Bin::parse("050540000016")?;

    // The provider's authorised person and the issuing CA (included for the recipient).
    let cert = Certificate::from_input(&std::fs::read(pki("legal_sign_valid_bin.cer"))?)?;
    let chain = [Certificate::from_input(&std::fs::read(pki(
        "nca_rsa.cer",
    ))?)?];
    let key = TestKey::load("legal_sign_valid_bin.key.pem")?;
    let signing_time = time("2026-11-22T14:00:00Z");

    let documents = [
        (
            "archival certificate",
            output_document(
                profile,
                "Архивная справка № 17-А: по документам государственного архива ... (текст справки)",
            ),
        ),
        (
            "reasoned refusal",
            output_document(
                profile,
                &format!(
                    "Мотивированный отказ в оказании услуги: {}.",
                    profile.refusal.ru
                ),
            ),
        ),
    ];

    // The recipient's verifier, and what it expects of the signer: a signing key of the
    // provider (its BIN), judged at the time given.
    let verifier = Verifier::builder()
        .trust_path(pki("root.cer"))?
        .crl_path(pki("nca_rsa_current.crl"))?
        .build();
    let mut expect = Expectation::at(time("2026-11-23T00:00:00Z"));
    expect.bin = Some(provider_bin);

    for (what, text) in documents {
        // Sign: attached CMS, DER.
        let request = SignRequest::new(&cert, signing_time).with_chain(&chain);
        let der = sign(text.as_bytes(), &request, &key)?;
        println!(
            "── {what}: {} bytes of CMS over {} bytes",
            der.len(),
            text.len()
        );

        // Verify back.
        let signed = SignedData::from_input(&der)?;
        let verdict = signed.verify(&verifier, &VerifyOptions::new(expect.clone()));
        for s in verdict.signers() {
            let facts = s.certificate().map(|c| c.subject());
            let roles = s
                .certificate()
                .map(|c| c.roles().to_vec())
                .unwrap_or_default();
            println!(
                "   signer #{}: {} — {} (BIN {}), signed at {}, legal entity: {}",
                s.index(),
                s.overall().as_str(),
                facts
                    .and_then(|f| f.common_name.clone())
                    .unwrap_or_default(),
                facts
                    .and_then(|f| f.bin)
                    .map(|b| b.to_string())
                    .unwrap_or("-".into()),
                s.signing_time()
                    .map(|t| t.to_rfc3339())
                    .unwrap_or("-".into()),
                roles.contains(&NcaRole::LegalEntity),
            );
            for c in s.checks() {
                println!(
                    "     {:<20} {:?}: {}",
                    c.name().as_str(),
                    c.outcome(),
                    c.reason()
                );
            }
        }
        match verdict.verified_content() {
            Some(content) => {
                assert_eq!(content.as_bytes(), text.as_bytes());
                println!("   verified: {}", verdict.overall().as_str());
                for line in String::from_utf8_lossy(content.as_bytes()).lines() {
                    println!("   | {line}");
                }
            }
            None => {
                let r = verdict.refusal().as_ref().map(|r| r.ru()).unwrap_or("");
                return Err(format!("the output document does not verify: {r}").into());
            }
        }
    }
    Ok(())
}
