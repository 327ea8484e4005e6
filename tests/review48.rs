//! Review 48 (hostile, within the hour of the fixes): today's fixes attacked for a false
//! "valid" they still allow, a bypass of the new rule, or a regression on real NCA RK
//! material (`../shared/nca-test-pki/`).
//!
//! Attacked: c15f922 (a key that can verify nothing), cab9162 (only trailing signatures
//! left out of another's digest), f2d1832 (every signed wsu:Timestamp judged), 471a818
//! (a covered xades:SignedProperties must be the signature's own), e6adbc3 (the TSTInfo
//! `tsa` name), 0239020 (PEM block cut off), 2abd24e (folders follow links), 367930f
//! (`ocsp check --cert` issued by `--issuer`), 9ca11a9 / efb6953 / fb5b8b5 (CLI `--out`,
//! `--profile`, closed standard output).
//!
//! Findings (each was a failing `defect_` test; all fixed, the tests renamed):
//!
//! * (fixed) `an_ec_certificate_whose_point_is_off_its_curve_is_invalid` (was
//!   `defect_an_ec_certificate_whose_point_is_off_its_curve_is_valid`): `PublicKey::unusable`
//!   answered `None` for every EC key: a P-256 certificate whose point (1, 1) is not on the
//!   curve verifies nothing and was VALID, key strength passed. Now the point must be an
//!   uncompressed point of its curve (`src/signature/points.rs`).
//! * (fixed) `an_ed25519_key_that_decodes_to_no_point_is_invalid` (was
//!   `defect_an_ed25519_key_that_decodes_to_no_point_is_valid`): only small-order Ed25519
//!   points were refused; `y = 2` (no `x` exists) verifies nothing and was VALID. Now the
//!   key is decoded as RFC 8032 says first.
//! * (fixed) `a_timestamp_signed_through_its_security_header_is_judged_once_moved` (was
//!   `defect_a_timestamp_signed_through_its_security_header_is_not_judged_once_moved`):
//!   only a Timestamp a Reference named by its own Id was collected; a Security header
//!   signed whole by Id (`#SEC`, enveloped + exclusive C14N) and moved into another header
//!   block replayed an expired message as VALID. Now every wsu:Timestamp of each
//!   Reference's node-set (descendants, the whole document for `URI=""`) is judged
//!   (`timestamps_covered_by_a_whole_document_reference_are_judged` too).
//! * (fixed) `xades_signed_properties_covered_through_an_enclosing_element_are_judged` (was
//!   `defect_xades_signed_properties_covered_through_an_enclosing_element_are_not_judged`):
//!   only a SignedProperties named by its own Id was collected; a signature over the
//!   ds:Object holding its QualifyingProperties (`#OBJ`), the Object moved into an unsigned
//!   wrapper, was plain XMLDSig and VALID with a SigningCertificateV2 naming another
//!   certificate (refused in place). Now every ETSI SignedProperties of each Reference's
//!   node-set that the signature answers for (all but another signature's, signed inside
//!   that signature) must be its own (`..._variants`; a later XAdES signer covering an
//!   earlier one's properties still holds:
//!   `xades_a_later_signer_covering_an_earlier_signers_properties_holds`).
//! * (fixed) `a_pem_block_whose_begin_line_is_damaged_is_refused` (was
//!   `defect_a_pem_block_whose_begin_line_is_damaged_is_dropped_in_silence`): a block cut
//!   off at its start (`----BEGIN`, body and END intact) after a complete CRL was dropped;
//!   the file read as the first CRL alone. Now an END line outside every block is refused.
//! * (fixed) `barcode_verify_out_naming_an_input_code_is_refused` (was
//!   `defect_barcode_verify_out_naming_an_input_code_is_not_refused`): the "`--out` over an
//!   input is refused" rule was in `verify` only; `barcode verify codes… --out
//!   codes/01.xml` overwrote the code (and removed it when not valid).
//! * (fixed) `verify_out_naming_the_trust_anchor_or_crl_is_refused` (was
//!   `defect_verify_out_naming_the_trust_anchor_or_crl_is_not_refused`): `verify --out`
//!   naming the `--crl` file replaced it with the signed content; naming the `--trust`
//!   anchor deleted it when the verdict was not valid. Now every input of the judgement,
//!   and a file inside an input folder (`verify_out_inside_an_input_folder_is_refused`),
//!   is refused.
//! * (fixed) `closed_standard_error_ends_in_the_errors_exit_code` (was
//!   `defect_closed_standard_error_panics`): standard error went through `eprintln!`
//!   (error.rs, verify.rs `finish`, args.rs, barcode.rs, serve.rs's log sink): with its
//!   reader gone, exit 101 instead of the error's code 2. Now `err!`/`errln!`.
//!
//! Held (the `held_` tests): RSA keys with exponent 3, 65537 and 2^17 + 3 and every real
//! NCA certificate (GOST 2004, GOST 2015/512 of 2022 and 2025, RSA) keep a passed key
//! check; fresh Timestamps signed by Id in SOAP 1.1 and 1.2 Security headers (one for
//! another actor) are valid, a fresh unsigned Timestamp put before the signed expired
//! one is refused; PEM with CRLF, with `openssl x509 -text` text before it, two blocks,
//! read whole; a mismatched END label, a nested BEGIN, a BEGIN with garbage after the
//! last END refused; a trailing signature's own ds:Object is never handed out, a PI
//! between trailing signatures or another namespace's Signature after them ends the run
//! (the earlier signature then fails: stricter); Kalkan's two-signer document keeps its
//! Reference and Signature checks; folder links to a file are read, to a folder or a loop
//! not descended, to /dev/zero an error; `is_issued_by` ties name and key (the CA's name
//! with another key is not); `verify --out` through a symbolic link, a hard link or
//! `dir/./file` to the signed file is refused, the input untouched.
//!
//! Judged not defects:
//! * e6adbc3: the URI comparison lowercases the whole authority (userinfo included, which
//!   RFC 3986 keeps case-sensitive) and does not normalise default ports, an empty path
//!   against "/", percent-encoding or a trailing DNS dot: the first only lets `User@host`
//!   match `user@host` (the same host: no other TSA named), the others refuse a name the
//!   TSA may hold (stricter, no false valid). An email without '@' compares exactly; a SAN
//!   that does not read is no name held (the token's check fails: stricter); IA5 names
//!   are ASCII-only, so no IDN or lossy-UTF-8 collision.
//! * c15f922: an RSA key of more than 8192 bits or an exponent above the verifier's bound
//!   verifies nothing *in this library* (Unsupported at each verification) but is a key of
//!   its algorithm; calling it Unusable would refuse certificates other verifiers accept.
//!   The GOST check goes through the verifier's bounded key cache, once per key.
//! * cab9162: whitespace between trailing signatures is content of the earlier signer's
//!   document (its digest covers it), as Kalkan appends signatures without it.
//! * 367930f: `--serial` without `--cert` is applied as given (the operator names the
//!   serial; nothing to tie); `is_issued_by` compares names by RFC 5280 §7.1 (`matches`).
//! * A Timestamp of the 2002 WS-Utility draft namespace is never judged, here as before:
//!   not a WS-Security 1.0/1.1 Timestamp, content to this library; not a bypass of f2d1832.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use base64::Engine as _;
use common::forge::{children, seq, tlv, Ca, Tbs};
use common::pki;
use qoltanba::cms::SignerPolicy;
use qoltanba::revocation::Crl;
use qoltanba::xmldsig;
use qoltanba::{Certificate, CheckName, Expectation, Judged as _, Outcome, Overall, Verifier};
use sha2::Digest as _;

const AT: &str = "2026-11-23T00:00:00Z";
const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
const EXC: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
const S11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const WSSE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
const WSU: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
const XADES: &str = "http://uri.etsi.org/01903/v1.3.2#";

// --- helpers -----------------------------------------------------------------------------

fn read(name: &str) -> Vec<u8> {
    std::fs::read(pki(name)).unwrap()
}

fn at() -> Expectation {
    Expectation::at(common::time(AT))
}

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

fn sha(b: &[u8]) -> String {
    b64(&sha2::Sha256::digest(b))
}

fn bundle() -> qoltanba::keys::KeyBundle {
    p12("individual_sign.p12")
}

fn p12(name: &str) -> qoltanba::keys::KeyBundle {
    qoltanba::keys::open_pkcs12(&read(name), b"Qwerty12").unwrap()
}

/// The RSA side of the test PKI with the issuing CA's current CRL.
fn verifier() -> Verifier {
    Verifier::builder()
        .trust_path(pki("root.cer"))
        .unwrap()
        .crl_path(pki("root.crl"))
        .unwrap()
        .intermediate_path(pki("nca_rsa.cer"))
        .unwrap()
        .crl(Crl::from_der(read("nca_rsa_current.crl")).unwrap())
        .unwrap()
        .build()
}

/// `individual_sign.cer` re-issued by `nca_rsa` with the SubjectPublicKeyInfo `spki`.
fn with_spki(spki: Vec<u8>) -> Certificate {
    let der = Ca::nca_rsa().reissue(&read("individual_sign.cer"), move |t: &mut Tbs| {
        t.spki = spki
    });
    Certificate::from_der(&der).unwrap()
}

fn key_check(cert: &Certificate) -> (Overall, Outcome, String) {
    let v = verifier().check_certificate(cert, &at());
    let c = v
        .checks()
        .iter()
        .find(|c| c.name() == CheckName::KeyStrength)
        .unwrap();
    (v.overall(), c.outcome(), c.reason().to_string())
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn ec_p256_spki(point: &[u8]) -> Vec<u8> {
    let alg = seq(&[&hex("06072a8648ce3d0201"), &hex("06082a8648ce3d030107")]);
    let mut bits = vec![0u8];
    bits.extend_from_slice(point);
    seq(&[&alg, &tlv(0x03, &bits)])
}

fn ed25519_spki(key: &[u8; 32]) -> Vec<u8> {
    let alg = seq(&[&hex("06032b6570")]);
    let mut bits = vec![0u8];
    bits.extend_from_slice(key);
    seq(&[&alg, &tlv(0x03, &bits)])
}

const P256_GX: &str = "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
const P256_GY: &str = "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";

// --- 1. a key that can verify nothing (c15f922) -------------------------------------------

/// c15f922 makes "a certificate whose key can verify nothing" invalid, but
/// `PublicKey::unusable` answers `None` for every EC key ("an EC point is checked by each
/// verification"): a P-256 certificate whose point is not on the curve (here `(1, 1)`) can
/// verify no signature at all, and is judged VALID, its key strength "passed". The
/// control: the same certificate with the curve's generator as its point is valid too, so
/// nothing but the point differs.
///
/// At review: `Valid`, key strength passed. Expected: `Invalid`, key strength failed
/// (`KeyStrength::Unusable`: the point is not on its curve), as for an RSA key with an
/// even modulus or a GOST point off its curve.
///
/// Found by review 48 (was a defect). Fixed: `PublicKey::unusable` asks `ec_point_fault` (`src/signature/points.rs`): an uncompressed point of its curve, coordinates below p.
#[test]
fn an_ec_certificate_whose_point_is_off_its_curve_is_invalid() {
    let mut on = vec![0x04];
    on.extend(hex(P256_GX));
    on.extend(hex(P256_GY));
    let honest = key_check(&with_spki(ec_p256_spki(&on)));
    assert_eq!(
        honest.0,
        Overall::Valid,
        "control: the generator: {honest:?}"
    );
    let mut off = vec![0x04];
    off.extend([0u8; 31]);
    off.push(1);
    off.extend([0u8; 31]);
    off.push(1);
    let (overall, outcome, reason) = key_check(&with_spki(ec_p256_spki(&off)));
    assert_eq!(
        (overall, outcome),
        (Overall::Invalid, Outcome::Failed),
        "a P-256 key (1, 1), which is no point of the curve and verifies nothing: {reason}"
    );
}

/// The same for Ed25519: `unusable` refuses only the points of small order, not an
/// encoding that is no point at all. `y = 2` has no `x` on edwards25519 (`(y²-1)/(dy²+1)`
/// is not a square mod p), so the 32 octets `02 00 .. 00` decode to no point and no
/// signature verifies with them (ring refuses the key at each verification); the
/// certificate is VALID.
///
/// At review: `Valid`. Expected: `Invalid`, key strength failed (not a point).
///
/// Found by review 48 (was a defect). Fixed: `ed25519_point_fault` decodes the key as RFC 8032 §5.1.3 says before its order is asked.
#[test]
fn an_ed25519_key_that_decodes_to_no_point_is_invalid() {
    let mut y2 = [0u8; 32];
    y2[0] = 2;
    let (overall, outcome, reason) = key_check(&with_spki(ed25519_spki(&y2)));
    assert_eq!(
        (overall, outcome),
        (Overall::Invalid, Outcome::Failed),
        "an Ed25519 key y = 2 (no point): {reason}"
    );
}

/// Honest keys the new rule must not refuse: RSA with the exponents 3, 65537 and a large
/// odd one (2^17 + 3: verified by nothing, "unsupported" at each verification, but a key
/// of its algorithm: not `Unusable`); the real NCA certificates of every GOST generation
/// (2004, 2015/512 of 2022 and 2025) and RSA.
#[test]
fn held_honest_keys_are_not_unusable() {
    let honest = read("individual_sign.cer");
    let spki = Tbs::of(&honest).spki;
    let parts = children(&spki);
    let algorithm = parts[0].to_vec();
    let rsa_key = &common::forge::content(parts[1])[1..];
    let n = common::forge::content(children(rsa_key)[0]).to_vec();
    for e in [&[0x03][..], &[0x01, 0x00, 0x01], &[0x02, 0x00, 0x03]] {
        let mut bits = vec![0u8];
        bits.extend(seq(&[&tlv(0x02, &n), &tlv(0x02, e)]));
        let (overall, outcome, reason) =
            key_check(&with_spki(seq(&[&algorithm, &tlv(0x03, &bits)])));
        assert_eq!(outcome, Outcome::Passed, "e = {e:02x?}: {reason}");
        assert_eq!(overall, Overall::Valid, "e = {e:02x?}");
    }
    let Some(shared) = common::shared("nca-test-pki") else {
        return;
    };
    let strength = |path: PathBuf| {
        let c = Certificate::from_input(&std::fs::read(&path).unwrap()).unwrap();
        let v = Verifier::builder()
            .trust_path(&path)
            .unwrap()
            .build()
            .check_certificate(&c, &at());
        let k = v
            .checks()
            .iter()
            .find(|c| c.name() == CheckName::KeyStrength)
            .unwrap();
        (k.outcome(), k.reason().to_string())
    };
    for f in [
        "gost2004/nca_gost_test.crt",
        "gost2004/ceo_sign_2022.cer",
        "gost2015/root_test_gost_2022.cer",
        "gost2015/nca_gost2022_test.cer",
        "gost2015-2025/individual_valid.cer",
        "gost2015-2025/head_revoked.cer",
        "rsa/nca_rsa_test.crt",
        "rsa/individual_sign_2022.cer",
    ] {
        let (outcome, reason) = strength(shared.join(f));
        assert_eq!(outcome, Outcome::Passed, "{f}: {reason}");
    }
}

// --- 3. WS-Security: a Timestamp covered through an ancestor (f2d1832) ---------------------

/// A ds:Signature by `individual_sign` with exclusive C14N, `refs` = (URI, enveloped?,
/// the exclusive canonical form of its target).
fn hand_signature(refs: &[(&str, bool, &str)], object: &str, sig_id: &str) -> String {
    let k = bundle();
    let r: String = refs
        .iter()
        .map(|(uri, enveloped, canonical)| {
            let env = if *enveloped {
                format!("<ds:Transform Algorithm=\"{ENVELOPED}\"></ds:Transform>")
            } else {
                String::new()
            };
            format!(
                "<ds:Reference URI=\"{uri}\"><ds:Transforms>{env}<ds:Transform Algorithm=\"{EXC}\"></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm=\"{SHA256}\"></ds:DigestMethod><ds:DigestValue>{}</ds:DigestValue></ds:Reference>",
                sha(canonical.as_bytes())
            )
        })
        .collect();
    let inner = format!(
        "<ds:CanonicalizationMethod Algorithm=\"{EXC}\"></ds:CanonicalizationMethod><ds:SignatureMethod Algorithm=\"{RSA_SHA256}\"></ds:SignatureMethod>{r}"
    );
    let si = format!("<ds:SignedInfo xmlns:ds=\"{DS}\">{inner}</ds:SignedInfo>");
    let value = b64(&k.key.sign(si.as_bytes()).unwrap());
    let key_info = format!(
        "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>",
        b64(k.certificate.der())
    );
    let id = if sig_id.is_empty() {
        String::new()
    } else {
        format!(" Id=\"{sig_id}\"")
    };
    format!(
        "<ds:Signature xmlns:ds=\"{DS}\"{id}><ds:SignedInfo>{inner}</ds:SignedInfo><ds:SignatureValue>{value}</ds:SignatureValue>{key_info}{object}</ds:Signature>"
    )
}

fn judge_xml(xml: &str) -> xmldsig::XmlVerdict {
    xmldsig::verify_with(
        xml.as_bytes(),
        &common::rsa_verifier(),
        &at(),
        &xmldsig::XmlOptions::new().signers(SignerPolicy::All),
    )
    .unwrap()
}

/// f2d1832 judges "every signed wsu:Timestamp wherever it stands", but collects only the
/// Timestamps a Reference names by their own Id (`judge/references.rs`, the `Target::Id`
/// arm: the element itself, never its descendants). A WS-Security signer that signs its
/// whole `wsse:Security` header by Id (`#SEC`, enveloped-signature then exclusive C14N:
/// the Timestamp signed inside it) gets the old flaw back: move the Security header whole
/// into another header block (the digest does not see where it stands), the Security
/// header's own check finds no `Envelope/Header/wsse:Security`, the covered-Timestamp
/// check was never told of this Timestamp, and a message whose signed Timestamp expired
/// on 2026-01-01 is VALID on 2026-11-23. In place it is refused (control), and so is the
/// same move when the Timestamp is referenced by its own Id (the fix works there).
///
/// At review: `Valid`. Expected: not valid: every wsu:Timestamp inside what a Reference
/// covered (its target and the target's descendants, and for `URI=""` the document) is
/// judged and, in an envelope, must be the Security header's own.
///
/// Found by review 48 (was a defect). Fixed: the References collect every wsu:Timestamp of
/// the node-set each digested (the target and its descendants, the document for `URI=""`,
/// less the signatures left out), not only a target that is one (`collect`,
/// `src/xmldsig/judge/references.rs`).
#[test]
fn a_timestamp_signed_through_its_security_header_is_judged_once_moved() {
    let ts_inner = "<wsu:Created>2026-01-01T00:00:00Z</wsu:Created><wsu:Expires>2026-01-01T00:05:00Z</wsu:Expires>";
    let sec_canonical = format!(
        "<wsse:Security xmlns:wsse=\"{WSSE}\" xmlns:wsu=\"{WSU}\" wsu:Id=\"SEC\"><wsu:Timestamp wsu:Id=\"TS\">{ts_inner}</wsu:Timestamp></wsse:Security>"
    );
    let body = format!(
        "<s:Body xmlns:s=\"{S11}\" xmlns:wsu=\"{WSU}\" wsu:Id=\"B\"><pay>10</pay></s:Body>"
    );
    let sig = hand_signature(
        &[("#SEC", true, &sec_canonical), ("#B", false, &body)],
        "",
        "",
    );
    let security = sec_canonical.replace("</wsse:Security>", &format!("{sig}</wsse:Security>"));
    let in_place =
        format!("<s:Envelope xmlns:s=\"{S11}\"><s:Header>{security}</s:Header>{body}</s:Envelope>");
    let v = judge_xml(&in_place);
    assert_eq!(v.signers()[0].overall(), Overall::Valid, "{v:#?}");
    assert_eq!(v.overall(), Overall::Invalid, "in place: expired: {v:#?}");
    let moved = format!(
        "<s:Envelope xmlns:s=\"{S11}\"><s:Header><x:Hold xmlns:x=\"urn:x\">{security}</x:Hold></s:Header>{body}</s:Envelope>"
    );
    let v = judge_xml(&moved);
    assert_eq!(
        v.signers()[0].overall(),
        Overall::Valid,
        "the signature still holds once moved: {v:#?}"
    );
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "a message whose signed Timestamp expired on 2026-01-01 is valid on 2026-11-23 once its Security header is moved: {:?}",
        v.checks()
    );
}

/// The fix keeps honest WS-Security messages and catches the plain variants: a fresh
/// Timestamp signed by its Id in the Security header of a SOAP 1.1 envelope, of a SOAP 1.2
/// envelope, and in a Security header addressed to another actor, is valid; a fresh
/// unsigned Timestamp put first in the Security header with the signed expired one after
/// it is refused (the signed one is judged wherever it stands).
#[test]
fn held_timestamps_in_soap_11_and_12_security_headers() {
    const S12: &str = "http://www.w3.org/2003/05/soap-envelope";
    let stamp = |created: &str, expires: &str| {
        format!(
            "<wsu:Timestamp xmlns:wsu=\"{WSU}\" wsu:Id=\"TS\"><wsu:Created>{created}</wsu:Created><wsu:Expires>{expires}</wsu:Expires></wsu:Timestamp>"
        )
    };
    let message = |ns: &str, security_attrs: &str, before: &str, ts: &str| {
        let body = format!(
            "<s:Body xmlns:s=\"{ns}\" xmlns:wsu=\"{WSU}\" wsu:Id=\"B\"><pay>10</pay></s:Body>"
        );
        let sig = hand_signature(&[("#TS", false, ts), ("#B", false, &body)], "", "");
        format!(
            "<s:Envelope xmlns:s=\"{ns}\"><s:Header><wsse:Security xmlns:wsse=\"{WSSE}\"{security_attrs}>{before}{ts}{sig}</wsse:Security></s:Header>{body}</s:Envelope>"
        )
    };
    let fresh = stamp("2026-11-22T23:59:00Z", "2026-11-23T00:05:00Z");
    for (name, xml) in [
        ("SOAP 1.1", message(S11, "", "", &fresh)),
        ("SOAP 1.2", message(S12, "", "", &fresh)),
        (
            "another actor",
            message(S11, " s:actor=\"urn:other\"", "", &fresh),
        ),
    ] {
        let v = judge_xml(&xml);
        assert_eq!(v.overall(), Overall::Valid, "{name}: {:?}", v.checks());
    }
    let expired = stamp("2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z");
    let unsigned_fresh = fresh.replace(" wsu:Id=\"TS\"", "");
    for ns in [S11, S12] {
        let v = judge_xml(&message(ns, "", &unsigned_fresh, &expired));
        assert_eq!(v.signers()[0].overall(), Overall::Valid, "{v:#?}");
        assert_eq!(v.overall(), Overall::Invalid, "{ns}: {:?}", v.checks());
    }
}

/// A whole-document Reference (`URI=""`, enveloped + exclusive C14N) covers every
/// wsu:Timestamp of the document: a fresh one in the Security header is valid; an expired
/// one there is refused (the Security header's check); an expired one the signer signed in
/// another header block, with no Timestamp in the Security header, is refused (it stands
/// outside the Security header, and expired) where before the fix of review 48 only a
/// Timestamp named by its own Id was judged. The fix of review 48.
#[test]
fn timestamps_covered_by_a_whole_document_reference_are_judged() {
    let stamp = |created: &str, expires: &str| {
        format!(
            "<wsu:Timestamp xmlns:wsu=\"{WSU}\" wsu:Id=\"TS\"><wsu:Created>{created}</wsu:Created><wsu:Expires>{expires}</wsu:Expires></wsu:Timestamp>"
        )
    };
    // `security` and `aside` hold `{sig}` where the signature goes.
    let message = |security: &str, aside: &str| {
        let envelope = format!(
            "<s:Envelope xmlns:s=\"{S11}\"><s:Header>{aside}<wsse:Security xmlns:wsse=\"{WSSE}\">{security}</wsse:Security></s:Header><s:Body><pay>10</pay></s:Body></s:Envelope>"
        );
        let canonical = envelope.replace("{sig}", "");
        let sig = hand_signature(&[("", true, &canonical)], "", "");
        envelope.replace("{sig}", &sig)
    };
    let fresh = stamp("2026-11-22T23:59:00Z", "2026-11-23T00:05:00Z");
    let expired = stamp("2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z");
    let v = judge_xml(&message(&format!("{fresh}{{sig}}"), ""));
    assert_eq!(v.overall(), Overall::Valid, "fresh, in place: {v:#?}");
    let v = judge_xml(&message(&format!("{expired}{{sig}}"), ""));
    assert_eq!(v.signers()[0].overall(), Overall::Valid, "{v:#?}");
    assert_eq!(v.overall(), Overall::Invalid, "expired, in place: {v:#?}");
    let aside = format!("<x:Hold xmlns:x=\"urn:x\">{expired}</x:Hold>");
    let v = judge_xml(&message("{sig}", &aside));
    assert_eq!(v.signers()[0].overall(), Overall::Valid, "{v:#?}");
    assert_eq!(
        v.overall(),
        Overall::Invalid,
        "a signed expired Timestamp in another header block: {:?}",
        v.checks()
    );
    // Fresh but outside the Security header: refused as moved.
    let aside = format!("<x:Hold xmlns:x=\"urn:x\">{fresh}</x:Hold>");
    let v = judge_xml(&message("{sig}", &aside));
    assert_eq!(v.signers()[0].overall(), Overall::Valid, "{v:#?}");
    assert_eq!(v.overall(), Overall::Invalid, "{:?}", v.checks());
}

// --- 4. XAdES: SignedProperties covered through an ancestor (471a818) ----------------------

/// `<doc><data Id="D">x</data>{signature}</doc>` signed over `#D` and `#OBJ`, the Id of the
/// ds:Object that holds the XAdES QualifyingProperties (its SignedProperties, naming
/// `named` in SigningCertificateV2, covered through the Object); `wrap` places that
/// ds:Object in the signature.
fn xades_by_object(named: &Certificate, wrap: impl Fn(&str) -> String) -> String {
    let data = "<data Id=\"D\">x</data>";
    let object = format!(
        "<ds:Object Id=\"OBJ\"><xades:QualifyingProperties xmlns:xades=\"{XADES}\" Target=\"#S\"><xades:SignedProperties Id=\"P\"><xades:SignedSignatureProperties><xades:SigningTime>2026-11-20T00:00:00Z</xades:SigningTime><xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm=\"{SHA256}\"></ds:DigestMethod><ds:DigestValue>{}</ds:DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2></xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object>",
        sha(named.der())
    );
    let canonical = object.replacen("<ds:Object ", &format!("<ds:Object xmlns:ds=\"{DS}\" "), 1);
    let sig = hand_signature(
        &[("#D", false, data), ("#OBJ", false, &canonical)],
        &wrap(&object),
        "S",
    );
    format!("<doc>{data}{sig}</doc>")
}

/// 471a818 refuses "a covered xades:SignedProperties that is not the signature's own", but
/// only an element a Reference names by its own Id is looked at: SignedProperties covered
/// through an enclosing element are never seen. A signature over its data and the
/// ds:Object holding its QualifyingProperties (`URI="#OBJ"`), whose SigningCertificateV2
/// names another certificate than the one in KeyInfo (certificate substitution), is
/// refused in place ("SignedProperties is not covered by a Reference"); move the covered
/// ds:Object whole into an unsigned wrapper inside a new ds:Object (exclusive C14N does not
/// see the wrapper) and `xades::read` finds no QualifyingProperties, `check_covered` no
/// covered SignedProperties: plain XMLDSig, VALID, the signed SigningCertificateV2 never
/// compared, and the signed properties handed out as content.
///
/// At review: `Valid`. Expected: not valid: an `xades:SignedProperties` anywhere inside
/// what a Reference covered must be the signature's own, read and judged.
///
/// Found by review 48 (was a defect). Fixed: every ETSI SignedProperties of each
/// Reference's node-set (the target's descendants, the document for `URI=""`) that the
/// signature answers for (`xades::answers_for`: all but another signature's, signed inside
/// it) must be the one `xades::read` took as its own (`xades::check_covered`).
#[test]
fn xades_signed_properties_covered_through_an_enclosing_element_are_judged() {
    let other = Certificate::from_input(&read("legal_sign.cer")).unwrap();
    let in_place = xades_by_object(&other, |o| o.to_string());
    let v = judge_xml(&in_place);
    assert_ne!(v.overall(), Overall::Valid, "control, in place: {v:#?}");
    let wrapped = xades_by_object(&other, |o| {
        format!("<ds:Object><x:w xmlns:x=\"urn:x\">{o}</x:w></ds:Object>")
    });
    let v = judge_xml(&wrapped);
    // The Reference to the Object still matches (no digest mismatch): the covered
    // SignedProperties are refused as not the signature's own.
    assert!(refused_as_not_own(&v), "{v:#?}");
    assert_ne!(
        v.overall(),
        Overall::Valid,
        "a SigningCertificateV2 naming another certificate is ignored once the covered Object is wrapped: {:?}",
        v.signers()[0].covers()
    );
}

/// Whether the (first) signature's Reference check failed for covering SignedProperties
/// that are not its own (its digests matched).
fn refused_as_not_own(v: &xmldsig::XmlVerdict) -> bool {
    v.signers()[0].checks().iter().any(|c| {
        c.name() == CheckName::Reference
            && c.outcome() == Outcome::Failed
            && format!("{c:?}").contains("not this signature's own")
    })
}

/// The variants of the fix of review 48: the covered ds:Object wrapped in an unsigned
/// element posing as another signature (`ds:Signature`, inside this one: a wrapper above the
/// Reference's target, never signed as a signature) is refused; so is the Object moved out
/// of the signature into the document, the signature's (unsigned) Id removed so that the
/// QualifyingProperties' Target names nothing. The honest case keeps verifying: the
/// signature's own properties reached through the covered Object are not refused as
/// another's (refused in place only because SigningCertificateV2 names another
/// certificate, and because no Reference names the SignedProperties itself).
#[test]
fn xades_signed_properties_covered_through_an_enclosing_element_variants() {
    let other = Certificate::from_input(&read("legal_sign.cer")).unwrap();
    let fake = xades_by_object(&other, |o| {
        format!("<ds:Object><ds:Signature>{o}</ds:Signature></ds:Object>")
    });
    let v = judge_xml(&fake);
    assert!(
        refused_as_not_own(&v),
        "wrapped in a fake ds:Signature: {v:#?}"
    );
    assert_ne!(v.overall(), Overall::Valid, "{v:#?}");
    // Moved out of the signature, the signature's Id removed.
    let moved = xades_by_object(&other, |_| String::new());
    let object_start = fake.find("<ds:Object Id=\"OBJ\">").unwrap();
    let object_end = fake[object_start..].find("</ds:Object>").unwrap() + object_start + 12;
    let object = &fake[object_start..object_end];
    let moved = moved.replace(" Id=\"S\">", ">").replace(
        "</doc>",
        &format!("<w xmlns:ds=\"{DS}\">{object}</w></doc>"),
    );
    let v = judge_xml(&moved);
    assert!(
        refused_as_not_own(&v),
        "moved out, the signature's Id removed: {v:#?}"
    );
    assert_ne!(v.overall(), Overall::Valid, "{v:#?}");
}

/// Kalkan-style multi-signer XAdES: a later signer's whole-document Reference covers the
/// earlier signature with its SignedProperties; they are that signature's (inside it,
/// naming it), not the later one's: both signatures hold (review 48's rule does not
/// refuse another signer's properties).
#[test]
fn xades_a_later_signer_covering_an_earlier_signers_properties_holds() {
    let at = common::time("2026-11-23T00:00:00Z");
    let signing_time = common::time("2026-11-20T09:59:00Z");
    let request = "<request><iin>123456789012</iin></request>";
    let first = bundle();
    let once = xmldsig::sign_with(
        request.as_bytes(),
        &first.certificate,
        &first.key,
        &xmldsig::XmlSignOptions::new().xades(signing_time),
    )
    .unwrap();
    let second = p12("legal_sign.p12");
    let twice = xmldsig::sign_with(
        &once,
        &second.certificate,
        &second.key,
        &xmldsig::XmlSignOptions::new().xades(signing_time),
    )
    .unwrap();
    let v = xmldsig::verify(&twice, &common::rsa_verifier(), &Expectation::at(at)).unwrap();
    assert_eq!(v.signers().len(), 2);
    assert_eq!(v.overall(), Overall::Valid, "{v:#?}");
    for s in v.signers() {
        assert!(
            s.covers()
                .is_some_and(|c| c.contains("XAdES SignedProperties")),
            "{:?}",
            s.covers()
        );
    }
}

// --- 6. PEM read partly (0239020) ----------------------------------------------------------

fn pem(label: &str, der: &[u8]) -> String {
    let b = b64(der);
    let lines: Vec<&str> = b
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

/// 0239020 refuses a PEM block cut off at its end ("no part of an input is dropped without
/// a word"), but a block cut off at its start is still dropped in silence: after a complete
/// CRL, a second CRL whose BEGIN line is damaged (`----BEGIN` with four dashes) and whose
/// body and END line are intact reads as the first CRL alone. A CRL file of a base and a
/// delta whose first line was damaged in transit (the cut-off delta of review 46, broken
/// at the other end) proves the certificates the delta revokes good.
///
/// At review: `Ok` with one CRL. Expected: an error: a `-----END ` left outside every
/// complete block is a block cut off as much as a `-----BEGIN ` is.
///
/// Found by review 48 (was a defect). Fixed: an END line outside every complete block is refused as a block cut off at its start (`refuse_cut_off_block`, `after_the_blocks`, `stray_end` in `src/input/pem.rs`; `blocks` in `src/keys/armor.rs`).
#[test]
fn a_pem_block_whose_begin_line_is_damaged_is_refused() {
    use qoltanba::input::{decode_objects, ObjectKind};
    let crl = read("nca_rsa_current.crl");
    let whole = pem("X509 CRL", &crl);
    let damaged = pem("X509 CRL", &crl).replacen("-----BEGIN", "----BEGIN", 1);
    let text = format!("{whole}{damaged}");
    let read = decode_objects(text.as_bytes(), ObjectKind::Crl);
    assert!(
        read.is_err(),
        "a CRL whose BEGIN line is damaged, after a complete one, is dropped: {} object(s) read",
        read.map(|v| v.len()).unwrap_or_default()
    );
}

/// What PEM input stays readable, and what else is refused: CRLF lines; the text
/// `openssl x509 -text` writes before the block; two blocks; a BEGIN with a mismatched
/// END label; a BEGIN nested inside a block; a second BEGIN after the last END.
#[test]
fn held_pem_inputs_read_whole_or_refused() {
    use qoltanba::input::{decode_objects, ObjectKind};
    let der = read("individual_sign.cer");
    let one = pem("CERTIFICATE", &der);
    let crlf = one.replace('\n', "\r\n");
    let text = format!(
        "Certificate:\n    Data:\n        Version: 3 (0x2)\n        Subject: CN = test -- x\n{one}"
    );
    for (name, input, n) in [
        ("CRLF", format!("{crlf}{crlf}"), 2),
        ("openssl -text", text, 1),
        ("two", format!("{one}\n{one}"), 2),
    ] {
        let got = decode_objects(input.as_bytes(), ObjectKind::Certificate);
        assert_eq!(got.map(|v| v.len()).ok(), Some(n), "{name}");
    }
    for (name, input) in [
        (
            "END label differs",
            one.replace("-----END CERTIFICATE", "-----END X509 CRL"),
        ),
        (
            "BEGIN nested",
            one.replacen("-----\n", "-----\n-----BEGIN CERTIFICATE-----\n", 1),
        ),
        (
            "BEGIN after the last END, garbage",
            format!("{one}-----BEGIN CERTIFICATE-----\n!!garbage"),
        ),
    ] {
        assert!(
            decode_objects(input.as_bytes(), ObjectKind::Certificate).is_err(),
            "{name}"
        );
    }
}

// --- 2. trailing signatures (cab9162) ----------------------------------------------------

fn sign_plain(plain: &str, who: &qoltanba::keys::KeyBundle) -> String {
    String::from_utf8(xmldsig::sign(plain.as_bytes(), &who.certificate, &who.key).unwrap()).unwrap()
}

fn signature_of(signed: &str) -> String {
    let from = signed.find("<ds:Signature").unwrap();
    let to = signed.rfind("</ds:Signature>").unwrap() + "</ds:Signature>".len();
    signed[from..to].to_string()
}

/// A trailing signature (left out of the others' digests) carrying its own unsigned
/// ds:Object: what is handed out is the document less every signature, never that Object.
/// A processing instruction between two trailing signatures ends the run (the earlier
/// signature then covers the later one: not valid), and so does an element named Signature
/// in another namespace after them.
#[test]
fn held_trailing_signatures_hand_out_nothing_of_their_own() {
    let v = bundle();
    let m = p12("legal_sign.p12");
    let plain = "<order><item>signed item</item><note>n</note></order>";
    let v_sig = signature_of(&sign_plain(plain, &v));
    let m_sig = signature_of(&sign_plain(plain, &m)).replace(
        "</ds:Signature>",
        "<ds:Object><item>EVIL</item></ds:Object></ds:Signature>",
    );
    let both = plain.replace("</order>", &format!("{v_sig}{m_sig}</order>"));
    let r = judge_xml(&both);
    assert_eq!(r.overall(), Overall::Valid, "{r:#?}");
    assert_eq!(r.verified_octets(), Some(plain.as_bytes()));
    if let Some(parts) = r.signed_parts() {
        for p in parts.iter() {
            assert!(
                !String::from_utf8_lossy(p.octets()).contains("EVIL"),
                "{:?}",
                p.reference()
            );
        }
    }
    for (name, xml, valid) in [
        (
            "a PI between",
            plain.replace("</order>", &format!("{v_sig}<?pi x?>{m_sig}</order>")),
            false,
        ),
        (
            "another namespace's Signature after",
            plain.replace(
                "</order>",
                &format!("{v_sig}{m_sig}<Signature xmlns=\"urn:x\"/></order>"),
            ),
            false,
        ),
    ] {
        let r = judge_xml(&xml);
        assert_eq!(r.overall() == Overall::Valid, valid, "{name}: {r:#?}");
    }
}

/// Kalkan's real two-signer document still verifies signature by signature (each
/// signer's Reference and signature checks pass): the trailing-run rule keeps it.
#[test]
fn held_kalkan_two_signer_document_references_still_hold() {
    let Some(dir) = common::shared("nca-test-pki") else {
        return;
    };
    let xml = std::fs::read(dir.join("xml/rsa_2021_gost2015_two_signers.xml")).unwrap();
    let verifier = Verifier::builder()
        .trust_path(dir.join("rsa/nca_rsa_test.crt"))
        .unwrap()
        .trust_path(dir.join("gost2015/root_test_gost_2022.cer"))
        .unwrap()
        .intermediate_path(dir.join("gost2015/nca_gost2022_test.cer"))
        .unwrap()
        .build();
    let v = xmldsig::verify_with(
        &xml,
        &verifier,
        &Expectation::at(common::time("2021-06-01T00:00:00Z")),
        &xmldsig::XmlOptions::new(),
    )
    .unwrap();
    assert_eq!(v.signers().len(), 2);
    for s in v.signers() {
        for name in [CheckName::Reference, CheckName::Signature] {
            let c = s.checks().iter().find(|c| c.name() == name);
            assert_eq!(
                c.map(|c| c.outcome()),
                Some(Outcome::Passed),
                "signer {}: {name:?}: {:?}",
                s.index(),
                c.map(|c| c.reason())
            );
        }
    }
}

// --- 9. CLI -------------------------------------------------------------------------------

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn qoltanba<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args(args)
        .env_remove("QOLTANBA_PASSWORD")
        .stdin(Stdio::null())
        .output()
        .expect("run qoltanba")
}

fn show(o: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("qoltanba-r48-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `individual_sign.p12` signs a small request (attached CMS) into `dir/req.cms`.
fn signed_request(dir: &Path) -> PathBuf {
    let doc = dir.join("req.json");
    std::fs::write(&doc, r#"{"service":"housing queue","iin":"123456789011"}"#).unwrap();
    let pw = dir.join("pw");
    std::fs::write(&pw, "Qwerty12\n").unwrap();
    let out = dir.join("req.cms");
    let o = qoltanba(&[
        "sign".to_string(),
        s(&doc),
        "--key".into(),
        s(&pki("individual_sign.p12")),
        "--password-file".into(),
        s(&pw),
        "--chain".into(),
        s(&pki("nca_rsa.cer")),
        "--signing-time".into(),
        AT.into(),
        "-o".into(),
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    out
}

fn judging(trust: &Path, crl: &Path, at: &str) -> Vec<String> {
    vec![
        "--trust".into(),
        s(trust),
        "--intermediate".into(),
        s(&pki("nca_rsa.cer")),
        "--crl".into(),
        s(crl),
        "--at".into(),
        at.into(),
    ]
}

/// 9ca11a9 refuses `--out` naming the signed file or `--content` before verifying, in
/// `qoltanba verify`; `barcode verify` takes the same judging flags (`JudgeArgs`, `--out`
/// among them) and goes to the same `verify::signed_data`, but its inputs (the code files)
/// are never compared with `--out`: `barcode verify codes/01.xml --out codes/01.xml`
/// replaces the code with the signed content when valid, and (since the same commit)
/// removes it when the verdict is not valid.
///
/// At review: exit 0, `01.xml` replaced by the request's JSON. Expected: refused as
/// `verify` refuses it (usage, exit 2), the code untouched.
///
/// Found by review 48 (was a defect). Fixed: `barcode verify` asks `verify::refuse_out_over_inputs` of its code files, as `verify` does.
#[test]
fn barcode_verify_out_naming_an_input_code_is_refused() {
    let dir = tmp("barcode");
    let req = signed_request(&dir);
    let codes = dir.join("codes");
    let o = qoltanba(&[
        "barcode".to_string(),
        "encode".into(),
        s(&req),
        "--favor-id".into(),
        "42".into(),
        "--creation-date".into(),
        "2026-11-22T10:00:00+05:00".into(),
        "-o".into(),
        s(&codes),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let mut list: Vec<PathBuf> = std::fs::read_dir(&codes)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    list.sort();
    let first = list[0].clone();
    let before = std::fs::read(&first).unwrap();
    let mut a = vec!["barcode".to_string(), "verify".into()];
    a.extend(list.iter().map(|p| s(p)));
    a.extend(judging(&pki("root.cer"), &pki("nca_rsa_current.crl"), AT));
    a.extend(["--out".into(), s(&first)]);
    let o = qoltanba(&a);
    let after = std::fs::read(&first).ok();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        after.as_deref() == Some(before.as_slice()),
        "the input code was {} by --out: {}",
        if after.is_some() {
            "replaced"
        } else {
            "removed"
        },
        show(&o)
    );
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
}

/// The same commit's rule in `verify` compares `--out` with the signed file and
/// `--content` only: `--out` naming the `--trust` anchor or the `--crl` file is written
/// over with the signed content when valid, and deleted (`remove_stale`) when the verdict
/// is not valid. The anchor and the CRL are inputs of the judgement like the signed file.
///
/// At review: the CRL file (a copy) replaced by the request's content, the trust anchor
/// (a copy) deleted. Expected: refused before verifying, both untouched.
///
/// Found by review 48 (was a defect). Fixed: `refuse_out_over_inputs` compares `--out` with every input of the judgement (`--trust`, `--intermediate`, `--crl`, `--ocsp`, `--crl-cache`) and refuses a file inside an input folder.
#[test]
fn verify_out_naming_the_trust_anchor_or_crl_is_refused() {
    let dir = tmp("out-inputs");
    let req = signed_request(&dir);
    let trust = dir.join("root.cer");
    let crl = dir.join("nca_rsa_current.crl");
    std::fs::copy(pki("root.cer"), &trust).unwrap();
    std::fs::copy(pki("nca_rsa_current.crl"), &crl).unwrap();
    let crl_before = std::fs::read(&crl).unwrap();
    let trust_before = std::fs::read(&trust).unwrap();
    // Valid, --out over the CRL.
    let mut a = vec!["verify".to_string(), s(&req)];
    a.extend(judging(&trust, &crl, AT));
    a.extend(["--out".into(), s(&crl)]);
    let valid = qoltanba(&a);
    let crl_after = std::fs::read(&crl).ok();
    // Not valid (judged in 2000: the certificate not yet valid), --out over the anchor.
    std::fs::write(&crl, &crl_before).unwrap();
    let mut a = vec!["verify".to_string(), s(&req)];
    a.extend(judging(&trust, &crl, "2000-01-01T00:00:00Z"));
    a.extend(["--out".into(), s(&trust)]);
    let invalid = qoltanba(&a);
    let trust_after = std::fs::read(&trust).ok();
    let _ = std::fs::remove_dir_all(&dir);
    let fate = |after: &Option<Vec<u8>>, before: &[u8]| match after {
        Some(a) if a == before => "untouched",
        Some(_) => "replaced",
        None => "removed",
    };
    assert_eq!(
        (
            fate(&crl_after, &crl_before),
            fate(&trust_after, &trust_before)
        ),
        ("untouched", "untouched"),
        "(--crl, --trust) named by --out:\n{}\n{}",
        show(&valid),
        show(&invalid)
    );
}

/// `--out` naming a file inside an input folder (`--crl DIR`): refused before verifying,
/// nothing written there (the next judgement would read it as a CRL). Written with the fix
/// of `verify_out_naming_the_trust_anchor_or_crl_is_refused`.
#[test]
fn verify_out_inside_an_input_folder_is_refused() {
    let dir = tmp("out-in-folder");
    let req = signed_request(&dir);
    let crls = dir.join("crls");
    std::fs::create_dir_all(&crls).unwrap();
    std::fs::copy(pki("nca_rsa_current.crl"), crls.join("current.crl")).unwrap();
    let out = crls.join("content.json");
    let mut a = vec!["verify".to_string(), s(&req)];
    a.extend(judging(&pki("root.cer"), &crls, AT));
    a.extend(["--out".into(), s(&out)]);
    let o = qoltanba(&a);
    let written = out.exists();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(!written, "--out wrote into the --crl folder: {}", show(&o));
}

/// `--out` naming the signed file through a symbolic link or a hard link, or the
/// `--content` of a detached signature by another spelling (`dir/./x`), is refused before
/// verifying, the input untouched.
#[cfg(unix)]
#[test]
fn held_verify_out_through_links_to_the_input_is_refused() {
    let dir = tmp("out-links");
    let req = signed_request(&dir);
    let before = std::fs::read(&req).unwrap();
    let soft = dir.join("soft.cms");
    let hard = dir.join("hard.cms");
    std::os::unix::fs::symlink(&req, &soft).unwrap();
    std::fs::hard_link(&req, &hard).unwrap();
    let spelled = dir.join(".").join("req.cms");
    for out in [&soft, &hard, &spelled] {
        let mut a = vec!["verify".to_string(), s(&req)];
        a.extend(judging(&pki("root.cer"), &pki("nca_rsa_current.crl"), AT));
        a.extend(["--out".into(), s(out)]);
        let o = qoltanba(&a);
        assert_eq!(o.status.code(), Some(2), "{}: {}", out.display(), show(&o));
        assert_eq!(std::fs::read(&req).unwrap(), before, "{}", out.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// efb6953 routes standard output through `out!`/`outln!` so that a closed reader ends in
/// the verdict's exit code, not a panic; standard error still goes through `eprintln!`
/// (`error.rs` `Failure::report`, `verify.rs` `finish`, ...), which panics when it cannot
/// write: `qoltanba verify missing.cms ... 2>&1 | head -0` (an error message, or the note
/// "no content written to --out", to a pipe whose reader has gone) panics and exits 101,
/// a code outside the table, where the error's own code is 2.
///
/// At review: exit 101. Expected: 2 (the input cannot be read).
///
/// Found by review 48 (was a defect). Fixed: standard error is written through `err!`/`errln!` (`src/bin/qoltanba/out.rs`), which drop what cannot be written.
#[test]
fn closed_standard_error_ends_in_the_errors_exit_code() {
    let dir = tmp("stderr");
    let mut child = Command::new(env!("CARGO_BIN_EXE_qoltanba"))
        .args([
            "verify".to_string(),
            s(&dir.join("missing.cms")),
            "--trust".into(),
            s(&pki("root.cer")),
            "--at".into(),
            AT.into(),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run qoltanba");
    // The reader of standard error goes away before anything is written.
    drop(child.stderr.take());
    let o = child.wait_with_output().expect("wait");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        o.status.code(),
        Some(2),
        "closed standard error: {}",
        show(&o)
    );
}

// --- 7. folders (2abd24e) ----------------------------------------------------------------

/// A folder entry linked to /dev/zero or a FIFO is an error (never read endlessly), a link
/// to a folder (a loop included) is not descended into, a link to a file is read.
#[cfg(unix)]
#[test]
fn held_folder_links_to_devices_folders_and_loops() {
    use qoltanba::input::files_of;
    use std::os::unix::fs::symlink;
    let dir = tmp("links");
    let d = dir.join("d");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::copy(pki("nca_rsa_current.crl"), dir.join("a.crl")).unwrap();
    symlink(dir.join("a.crl"), d.join("a.crl")).unwrap();
    symlink(&d, d.join("loop")).unwrap();
    symlink(&dir, d.join("up")).unwrap();
    let files = files_of(&d).unwrap();
    assert_eq!(files, vec![d.join("a.crl")]);
    symlink("/dev/zero", d.join("zero")).unwrap();
    assert!(files_of(&d).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

// --- 8. ocsp check --cert/--issuer (367930f) -------------------------------------------

/// `is_issued_by`: the certificate its CA issued is; the CA's own certificate, the root
/// and a certificate re-signed by another key under the CA's name are not.
#[test]
fn held_is_issued_by_ties_name_and_key() {
    let ca = Certificate::from_input(&read("nca_rsa.cer")).unwrap();
    let root = Certificate::from_input(&read("root.cer")).unwrap();
    let leaf = Certificate::from_input(&read("individual_sign.cer")).unwrap();
    assert_eq!(leaf.is_issued_by(&ca), qoltanba::SignatureCheck::Valid);
    assert_eq!(leaf.is_issued_by(&root), qoltanba::SignatureCheck::Invalid);
    assert_eq!(ca.is_issued_by(&root), qoltanba::SignatureCheck::Valid);
    let forged = common::evidence::forger().reissue(&read("individual_sign.cer"), |_| {});
    let forged = Certificate::from_der(&forged).unwrap();
    assert_ne!(forged.is_issued_by(&ca), qoltanba::SignatureCheck::Valid);
}
