use super::*;
use crate::input::decode_objects;
use base64::Engine as _;

const TINY: &[u8] = &[0x30, 0x03, 0x02, 0x01, 0x05];

/// `read_pem_blocks` and the `pem` crate's reading agree on `text` (same blocks or the
/// same error) for both kinds, and when the scanner settles a text by itself the crate
/// accepts it too; `decode_pem` reads the same, or refuses a block cut off. Returns
/// whether the scanner settled it for certificates.
fn agrees_with_the_pem_crate(text: &str) -> bool {
    let mut settled = false;
    for kind in [ObjectKind::Certificate, ObjectKind::Crl] {
        let old = decode_pem_by_the_pem_crate(text, kind);
        let new = read_pem_blocks(text, kind);
        assert_eq!(format!("{new:?}"), format!("{old:?}"), "{kind:?} {text:?}");
        let checked = decode_pem(text, kind);
        match refuse_cut_off_block(text) {
            Ok(()) => assert_eq!(format!("{checked:?}"), format!("{new:?}"), "{text:?}"),
            Err(_) => assert!(checked.is_err(), "{text:?}"),
        }
        if let Some((_, count, _)) = scan_pem(text.as_bytes(), kind) {
            let crate_count = pem::parse_many(text).map(|b| b.len());
            assert_eq!(crate_count.ok(), Some(count), "{text:?}");
            settled |= kind == ObjectKind::Certificate;
        }
    }
    settled
}

fn pem_text(label: &str, body: &str) -> String {
    format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n")
}

#[test]
fn pem_edge_cases_read_as_before() {
    let b64 = base64::engine::general_purpose::STANDARD.encode(TINY);
    assert_eq!(b64, "MAMCAQU=");
    let ok = |text: &str| {
        agrees_with_the_pem_crate(text);
        assert_eq!(
            decode_objects(text.as_bytes(), ObjectKind::Certificate).unwrap(),
            vec![TINY.to_vec()],
            "{text:?}"
        );
    };
    let bad = |text: &str| {
        agrees_with_the_pem_crate(text);
        assert!(
            decode_objects(text.as_bytes(), ObjectKind::Certificate).is_err(),
            "{text:?}"
        );
    };
    ok(&pem_text("CERTIFICATE", &b64));
    ok(&pem_text("X509 CERTIFICATE", &b64));
    ok(&pem_text("CERTIFICATE", &b64).replace('\n', "\r\n"));
    ok(&format!("\u{feff}{}", pem_text("CERTIFICATE", &b64)));
    // Whitespace anywhere in the body, padding included; VT and FF are whitespace too,
    // and so is Unicode whitespace (the crate drops it).
    ok(&pem_text("CERTIFICATE", "MA MC\tAQ\x0bU\x0c="));
    ok(&pem_text("CERTIFICATE", "MAMC\nAQU\n="));
    // A blank line before the END line reads as the end of header lines (the crate's
    // framing): `MAMC` is then not `name: value`.
    bad(&pem_text("CERTIFICATE", "MAMC\nAQU\n=\n"));
    ok(&pem_text("CERTIFICATE", "MAMC\u{a0}AQU="));
    // Text before, between and after the blocks is skipped.
    ok(&format!(
        "junk\n{}trailing junk",
        pem_text("CERTIFICATE", &b64)
    ));
    // Header lines (RFC 1421) are ignored when each is `name: value` ...
    ok("-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,01\n\nMAMCAQU=\n-----END CERTIFICATE-----\n");
    // ... and refused otherwise (a blank line inside the body reads as one).
    bad("-----BEGIN CERTIFICATE-----\nMAMC\n\nAQU=\n-----END CERTIFICATE-----\n");
    // A second block cut short is not a block (the crate stops there): refused, not
    // read as the first block alone.
    let two = format!(
        "{}-----BEGIN CERTIFICATE-----\nMAMC",
        pem_text("CERTIFICATE", &b64)
    );
    bad(&two);
    // Labels: the end must match the begin, and neither may be empty.
    bad("-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END X509 CRL-----\n");
    bad("-----BEGIN -----\nMAMCAQU=\n-----END -----\n");
    bad("-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END -----\n");
    bad(&pem_text("PRIVATE KEY", &b64));
    // Six dashes hold no `-----BEGIN ` for the crate's search: nothing is found.
    bad(&pem_text("CERTIFICATE", &b64).replacen("-----BEGIN", "------BEGIN", 1));
    // Base64: the alphabet, padding required and canonical, nothing after it.
    for body in [
        "MAMCAQU",      // padding missing
        "MAMCAQV=",     // unused bits set
        "MAMCAQU==",    // too much padding
        "MAMCAQU=MAMC", // symbols after the padding
        "MA=MCAQU=",    // padding inside
        "MAMC_QU=",     // URL-safe alphabet
        "MAMC-QU=",
        "MAMCAQU=\u{e9}", // a non-ASCII letter
        "MAMCAQ",         // a quantum of 2 without padding
        "MAMCA===",       // a quantum of 1
        "MAMCAQU=\0",
    ] {
        bad(&pem_text("CERTIFICATE", body));
    }
    // An empty body decodes to nothing: not a certificate.
    bad(&pem_text("CERTIFICATE", ""));
    // Trailing data inside the block.
    bad(&pem_text(
        "CERTIFICATE",
        &base64::engine::general_purpose::STANDARD.encode([TINY, &[0]].concat()),
    ));
    // Blocks of other labels are decoded (and must decode) but not returned.
    let mixed = format!(
        "{}{}",
        pem_text("PRIVATE KEY", &b64),
        pem_text("CERTIFICATE", &b64)
    );
    ok(&mixed);
    bad(&format!(
        "{}{}",
        pem_text("PRIVATE KEY", "MAMCAQU"),
        pem_text("CERTIFICATE", &b64)
    ));
    // The longest partial matches of the markers.
    for text in [
        "-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END CERTIFICATE----",
        "-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END",
        "-----BEGIN CERTIFICATE----\nMAMCAQU=\n-----END CERTIFICATE-----",
        "-----BEGIN CERTIFICATE-----\nMAMCAQU=\n------END CERTIFICATE-----",
        "-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----EN-----END CERTIFICATE-----",
        "-----BEGIN CERTIFICATE-----\nMAMCAQU=\r\n\r\r\n\r\n-----END CERTIFICATE-----",
        "-----BEGIN CERTIFICATE-----\r\n\r\nMAMCAQU=\n-----END CERTIFICATE-----",
        "-----BEGIN CERTIFICATE-----",
        "-----BEGIN ",
    ] {
        agrees_with_the_pem_crate(text);
    }
}

#[test]
fn a_block_cut_off_is_refused_not_dropped() {
    let b64 = base64::engine::general_purpose::STANDARD.encode(TINY);
    let crl = pem_text("X509 CRL", &b64);
    let cert = pem_text("CERTIFICATE", &b64);
    let cut = |label: &str, tail: &str| format!("-----BEGIN {label}{tail}");
    for kind in [ObjectKind::Certificate, ObjectKind::Crl] {
        let label = kind.pem_labels()[0];
        let whole = pem_text(label, &b64);
        for text in [
            // The second block: no END line, a damaged END line, no body, no dashes.
            format!("{whole}{}", cut(label, "-----\nMAMC")),
            format!("{whole}{}", cut(label, "-----\nMAMCAQU=\n-----END ")),
            format!("{whole}{}", cut(label, "-----\nMAMCAQU=\n-----END X")),
            format!("{whole}{}", cut(label, "-----\n")),
            format!("{whole}{}", cut(label, "")),
            format!("{whole}{whole}{}trailing text", cut(label, "-----\nMAMC")),
            // A block of another label cut off after the wanted ones: still refused.
            format!("{whole}{}", cut("PRIVATE KEY", "-----\nMAMC")),
            // The only block cut off.
            cut(label, "-----\nMAMCAQU=\n"),
        ] {
            let err = decode_objects(text.as_bytes(), kind).unwrap_err();
            assert!(matches!(err, Error::BadPem(_)), "{text:?}: {err}");
            if text.starts_with(&whole) {
                assert!(err.to_string().contains("cut off"), "{text:?}: {err}");
            }
        }
    }
    // The message names the label, never the body.
    let err = decode_objects(
        format!("{cert}-----BEGIN X509 CRL-----\nMAMCAQU=\n").as_bytes(),
        ObjectKind::Crl,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("`-----BEGIN X509 CRL-----` has no END line"),
        "{err}"
    );
    assert!(!err.contains("MAMC"), "{err}");
    // A block cut off at its start (its BEGIN line damaged, its END line intact),
    // before, between or after complete blocks: refused too (review 48).
    for kind in [ObjectKind::Certificate, ObjectKind::Crl] {
        let label = kind.pem_labels()[0];
        let whole = pem_text(label, &b64);
        let headless = whole.replacen("-----BEGIN", "----BEGIN", 1);
        for text in [
            format!("{whole}{headless}"),
            format!("{headless}{whole}"),
            format!("{whole}{headless}{whole}"),
            format!("{whole}MAMCAQU=\n-----END {label}-----\n"),
            // A second END line after a block (read before review 48 as text around it).
            format!("{whole}-----END {label}-----\n"),
        ] {
            let err = decode_objects(text.as_bytes(), kind).unwrap_err();
            assert!(
                err.to_string().contains("has no BEGIN line"),
                "{text:?}: {err}"
            );
        }
    }
    // Text around and between complete blocks stays lenient.
    for text in [
        format!("Issuer: NCA\n{crl}\nnotes -- see above\n{crl}end of bundle\n"),
        format!("{crl}------BEGINNING of nothing\n"),
    ] {
        assert_eq!(
            decode_objects(text.as_bytes(), ObjectKind::Crl)
                .unwrap()
                .len(),
            text.matches("-----BEGIN X509 CRL-----").count(),
            "{text:?}"
        );
    }
}

/// Every file of the test material holding PEM text, the PEM texts inside x509-limbo's
/// JSON, and (when `../shared` is there) the real NCA material.
fn pem_texts() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("test-vectors"), root.join("fuzz/corpus")];
    let shared = root.join("../shared");
    if shared.is_dir() {
        dirs.push(shared);
    } else {
        eprintln!("note: ../shared is absent: its PEM files are not compared");
    }
    let mut out = Vec::new();
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
                continue;
            }
            let Ok(bytes) = std::fs::read(&p) else {
                continue;
            };
            let Ok(text) = String::from_utf8(bytes) else {
                continue;
            };
            if !text.contains("-----BEGIN ") {
                continue;
            }
            if p.extension().is_some_and(|x| x == "json") {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
                    let mut stack = vec![v];
                    while let Some(v) = stack.pop() {
                        match v {
                            serde_json::Value::String(s) if s.contains("-----BEGIN ") => {
                                out.push((p.display().to_string(), s))
                            }
                            serde_json::Value::Array(a) => stack.extend(a),
                            serde_json::Value::Object(o) => {
                                stack.extend(o.into_iter().map(|(_, v)| v))
                            }
                            _ => {}
                        }
                    }
                }
            }
            out.push((p.display().to_string(), text));
        }
    }
    out
}

#[test]
fn scanner_agrees_with_the_pem_crate() {
    let texts = pem_texts();
    let mut settled = 0;
    for (path, text) in &texts {
        let fast = agrees_with_the_pem_crate(text);
        // Every certificate or CRL file that reads is read by the scanner alone, unless
        // it has header lines.
        let headers = pem::parse_many(text)
            .is_ok_and(|b| b.iter().any(|b| b.headers().iter().next().is_some()));
        if decode_pem_by_the_pem_crate(text, ObjectKind::Certificate).is_ok() && !headers {
            assert!(fast, "{path}: left to the pem crate");
        }
        settled += usize::from(fast);
    }
    eprintln!(
        "{} PEM texts, {settled} read by the scanner alone",
        texts.len()
    );
    assert!(settled > 50, "{settled}");
}

#[test]
fn scanner_agrees_with_the_pem_crate_on_damaged_text() {
    // Every truncation, and a set of bytes that matter to PEM put in, over, and
    // instead of each byte (a stride through the longer texts).
    let b64 = base64::engine::general_purpose::STANDARD.encode(TINY);
    let mut texts = vec![
        pem_text("CERTIFICATE", &b64),
        format!(
            "{}{}",
            pem_text("PRIVATE KEY", &b64),
            pem_text("X509 CRL", &b64)
        ),
    ];
    texts.extend(
        pem_texts()
            .into_iter()
            .filter(|(p, t)| t.len() < 5000 && !p.ends_with(".json") && !p.ends_with(".py"))
            .map(|(_, t)| t)
            .take(6),
    );
    let bytes: &[&str] = &[
        "-", "=", "\n", "\r", " ", "\x0b", ":", "A", "/", "_", "\u{a0}", "\n\n", "-----",
    ];
    for text in &texts {
        let stride = (text.len() / 150).max(1);
        let cuts = (0..=text.len())
            .step_by(stride)
            .filter(|&i| text.is_char_boundary(i));
        for i in cuts {
            agrees_with_the_pem_crate(&text[..i]);
            let (head, tail) = text.split_at(i);
            let next = tail.chars().next().map_or(0, char::len_utf8);
            for b in bytes {
                agrees_with_the_pem_crate(&format!("{head}{b}{tail}"));
                agrees_with_the_pem_crate(&format!("{head}{b}{}", &tail[next..]));
            }
            agrees_with_the_pem_crate(&format!("{head}{}", &tail[next..]));
        }
    }
}
