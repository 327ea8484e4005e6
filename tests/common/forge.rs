//! Hostile test material made in the test: certificates and CRLs issued by the project's
//! own test CA (`test-vectors/pki/nca_rsa.cer`, whose key is committed beside it) with
//! whatever content a test needs, valid signatures included. A tiny DER builder, a walker,
//! and re-issuing of a template certificate with edited fields.
#![allow(dead_code)]

use qoltanba::keys::SigningKey;

use super::pki;

// --- DER -------------------------------------------------------------------------------

/// A DER length.
pub fn push_len(v: &mut Vec<u8>, n: usize) {
    if n < 0x80 {
        v.push(n as u8);
    } else {
        let bytes = n.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        v.push(0x80 | (bytes.len() - skip) as u8);
        v.extend_from_slice(&bytes[skip..]);
    }
}

/// One element.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut v = vec![tag];
    push_len(&mut v, content.len());
    v.extend_from_slice(content);
    v
}

/// A SEQUENCE of the given elements.
pub fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// An INTEGER with exactly these content octets (minimal or not: tests decide).
pub fn int(content: &[u8]) -> Vec<u8> {
    tlv(0x02, content)
}

/// A UTCTime ("YYMMDDhhmmssZ").
pub fn utc_time(s: &str) -> Vec<u8> {
    tlv(0x17, s.as_bytes())
}

/// A GeneralizedTime ("YYYYMMDDhhmmssZ").
pub fn gen_time(s: &str) -> Vec<u8> {
    tlv(0x18, s.as_bytes())
}

/// An extension { OID, critical?, OCTET STRING value }.
pub fn ext(oid: &[u8], critical: bool, value: &[u8]) -> Vec<u8> {
    let crit = if critical {
        tlv(0x01, &[0xff])
    } else {
        Vec::new()
    };
    seq(&[&tlv(0x06, oid), &crit, &tlv(0x04, value)])
}

/// (header length, content length) of the element at the start of `d`.
fn header(d: &[u8]) -> (usize, usize) {
    let first = d[1];
    if first < 0x80 {
        (2, first as usize)
    } else {
        let n = (first & 0x7f) as usize;
        let len = d[2..2 + n]
            .iter()
            .fold(0usize, |a, &b| (a << 8) | b as usize);
        (2 + n, len)
    }
}

/// The content octets of the element at the start of `raw`.
pub fn content(raw: &[u8]) -> &[u8] {
    let (h, l) = header(raw);
    &raw[h..h + l]
}

/// The raw child elements of the constructed element `raw`.
pub fn children(raw: &[u8]) -> Vec<&[u8]> {
    let mut rest = content(raw);
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (h, l) = header(rest);
        out.push(&rest[..h + l]);
        rest = &rest[h + l..];
    }
    out
}

pub const OID_CRL_NUMBER: &[u8] = &[0x55, 0x1d, 0x14];
pub const OID_DELTA_CRL_INDICATOR: &[u8] = &[0x55, 0x1d, 0x1b];
pub const OID_REASON_CODE: &[u8] = &[0x55, 0x1d, 0x15];
pub const OID_INVALIDITY_DATE: &[u8] = &[0x55, 0x1d, 0x18];
pub const OID_AKI: &[u8] = &[0x55, 0x1d, 0x23];
pub const OID_SKI: &[u8] = &[0x55, 0x1d, 0x0e];
/// sha256WithRSAEncryption, with its NULL parameters.
pub fn sha256_rsa() -> Vec<u8> {
    seq(&[
        &tlv(
            0x06,
            &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b],
        ),
        &[0x05, 0x00],
    ])
}

// --- certificates ----------------------------------------------------------------------

/// The fields of a TBSCertificate, each a raw element.
#[derive(Clone, Debug)]
pub struct Tbs {
    pub version: Vec<u8>,
    pub serial: Vec<u8>,
    pub signature: Vec<u8>,
    pub issuer: Vec<u8>,
    pub validity: Vec<u8>,
    pub subject: Vec<u8>,
    pub spki: Vec<u8>,
    /// The `[3]` element, or empty.
    pub extensions: Vec<u8>,
}

impl Tbs {
    /// Read a certificate's TBSCertificate (v3, no unique identifiers).
    pub fn of(cert_der: &[u8]) -> Tbs {
        let cert = children(cert_der);
        let f = children(cert[0]);
        assert_eq!(f[0][0], 0xa0, "template must be a v3 certificate");
        Tbs {
            version: f[0].to_vec(),
            serial: f[1].to_vec(),
            signature: f[2].to_vec(),
            issuer: f[3].to_vec(),
            validity: f[4].to_vec(),
            subject: f[5].to_vec(),
            spki: f[6].to_vec(),
            extensions: f.get(7).map(|e| e.to_vec()).unwrap_or_default(),
        }
    }

    /// The DER of the TBSCertificate.
    pub fn der(&self) -> Vec<u8> {
        seq(&[
            &self.version,
            &self.serial,
            &self.signature,
            &self.issuer,
            &self.validity,
            &self.subject,
            &self.spki,
            &self.extensions,
        ])
    }

    /// Set the validity (UTCTime "YYMMDDhhmmssZ" strings).
    pub fn validity(&mut self, not_before: &str, not_after: &str) {
        self.validity = seq(&[&utc_time(not_before), &utc_time(not_after)]);
    }
}

/// A certification authority whose key the tests hold.
pub struct Ca {
    pub cert: Vec<u8>,
    pub key: SigningKey,
}

impl Ca {
    /// The project's RSA issuing CA `nca_rsa.cer` (issued by `root.cer`).
    pub fn nca_rsa() -> Ca {
        let cert = qoltanba::Certificate::from_input(
            &std::fs::read(pki("nca_rsa.cer")).expect("nca_rsa.cer"),
        )
        .expect("nca_rsa.cer reads")
        .der()
        .to_vec();
        let key = SigningKey::from_pkcs8(
            &std::fs::read(pki("nca_rsa.key.pem")).expect("nca_rsa.key.pem"),
            None,
        )
        .expect("nca_rsa.key.pem");
        Ca { cert, key }
    }

    /// This CA's subject Name (raw), the issuer of what it signs.
    pub fn name(&self) -> Vec<u8> {
        Tbs::of(&self.cert).subject
    }

    /// Sign a TBS (certificate or CRL) into the full structure.
    pub fn sign(&self, tbs: &[u8]) -> Vec<u8> {
        let sig = self.key.sign(tbs).expect("sign");
        let mut bits = vec![0u8];
        bits.extend_from_slice(&sig);
        seq(&[tbs, &sha256_rsa(), &tlv(0x03, &bits)])
    }

    /// Re-issue `template` (a certificate of this CA's project PKI) with `edit` applied to
    /// its fields; the issuer and signature algorithm are this CA's.
    pub fn reissue(&self, template: &[u8], edit: impl FnOnce(&mut Tbs)) -> Vec<u8> {
        let mut tbs = Tbs::of(template);
        tbs.issuer = self.name();
        tbs.signature = sha256_rsa();
        edit(&mut tbs);
        self.sign(&tbs.der())
    }
}

/// A revokedCertificates entry: serial INTEGER content, revocation date (UTCTime string),
/// entry extensions.
pub fn crl_entry(serial: &[u8], date: &str, exts: &[Vec<u8>]) -> Vec<u8> {
    let mut parts = vec![int(serial), utc_time(date)];
    if !exts.is_empty() {
        parts.push(tlv(0x30, &exts.concat()));
    }
    tlv(0x30, &parts.concat())
}

/// A reasonCode entry extension.
pub fn reason(code: u8) -> Vec<u8> {
    ext(OID_REASON_CODE, false, &tlv(0x0a, &[code]))
}

/// An invalidityDate entry extension (GeneralizedTime "YYYYMMDDhhmmssZ").
pub fn invalidity_date(t: &str) -> Vec<u8> {
    ext(OID_INVALIDITY_DATE, false, &gen_time(t))
}

/// What a CRL says.
#[derive(Clone, Debug)]
pub struct CrlSpec {
    pub this_update: String,
    pub next_update: Option<String>,
    pub entries: Vec<Vec<u8>>,
    /// cRLNumber content octets.
    pub number: Vec<u8>,
    /// BaseCRLNumber content octets: a delta CRL.
    pub delta_base: Option<Vec<u8>>,
    /// Further CRL extensions.
    pub extensions: Vec<Vec<u8>>,
}

impl CrlSpec {
    /// A complete CRL numbered `number`, UTCTime bounds.
    pub fn complete(number: u8, this_update: &str, next_update: &str) -> CrlSpec {
        CrlSpec {
            this_update: this_update.into(),
            next_update: Some(next_update.into()),
            entries: Vec::new(),
            number: vec![number],
            delta_base: None,
            extensions: Vec::new(),
        }
    }

    /// A delta CRL numbered `number` over base CRL number `base`.
    pub fn delta(number: u8, base: u8, this_update: &str, next_update: &str) -> CrlSpec {
        CrlSpec {
            delta_base: Some(vec![base]),
            ..CrlSpec::complete(number, this_update, next_update)
        }
    }

    /// With these entries.
    pub fn entries(mut self, entries: Vec<Vec<u8>>) -> CrlSpec {
        self.entries = entries;
        self
    }
}

impl Ca {
    /// A CRL of this CA, signed.
    pub fn crl(&self, spec: &CrlSpec) -> Vec<u8> {
        let mut exts = vec![ext(OID_CRL_NUMBER, false, &int(&spec.number))];
        if let Some(base) = &spec.delta_base {
            exts.push(ext(OID_DELTA_CRL_INDICATOR, true, &int(base)));
        }
        exts.extend(spec.extensions.iter().cloned());
        let mut parts: Vec<Vec<u8>> = vec![
            int(&[1]),
            sha256_rsa(),
            self.name(),
            utc_time(&spec.this_update),
        ];
        if let Some(n) = &spec.next_update {
            parts.push(utc_time(n));
        }
        if !spec.entries.is_empty() {
            parts.push(tlv(0x30, &spec.entries.concat()));
        }
        parts.push(tlv(0xa0, &tlv(0x30, &exts.concat())));
        let refs: Vec<&[u8]> = parts.iter().map(|p| p.as_slice()).collect();
        self.sign(&seq(&refs))
    }
}

/// `raw` with the element at `path` (child indices, descending; an OCTET STRING or
/// explicit tag holding DER counts as constructed) replaced by `new`, every enclosing
/// length re-encoded.
pub fn replace_at(raw: &[u8], path: &[usize], new: &[u8]) -> Vec<u8> {
    let Some((&first, rest)) = path.split_first() else {
        return new.to_vec();
    };
    let kids = children(raw);
    let mut parts: Vec<Vec<u8>> = kids.iter().map(|k| k.to_vec()).collect();
    parts[first] = replace_at(kids[first], rest, new);
    tlv(raw[0], &parts.concat())
}

/// The element at `path` (as in [`replace_at`]).
pub fn element_at<'a>(raw: &'a [u8], path: &[usize]) -> &'a [u8] {
    path.iter().fold(raw, |r, &i| children(r)[i])
}

// --- CMS pieces (shared by cms_review.rs and cms_review2.rs) ----------------------------------

/// The DER of a dotted OID.
pub fn oid(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted.split('.').map(|a| a.parse().unwrap()).collect();
    let mut body = Vec::new();
    let mut push = |mut v: u64| {
        let mut tmp = vec![(v & 0x7f) as u8];
        v >>= 7;
        while v > 0 {
            tmp.push(0x80 | (v & 0x7f) as u8);
            v >>= 7;
        }
        tmp.reverse();
        body.extend(tmp);
    };
    push(arcs[0] * 40 + arcs[1]);
    for &a in &arcs[2..] {
        push(a);
    }
    tlv(0x06, &body)
}

/// A DER SET OF: its elements sorted.
pub fn set_of(mut items: Vec<Vec<u8>>) -> Vec<u8> {
    items.sort();
    tlv(0x31, &items.concat())
}

pub fn attr(oid_s: &str, values: &[&[u8]]) -> Vec<u8> {
    seq(&[&oid(oid_s), &tlv(0x31, &values.concat())])
}

pub fn sha256(d: &[u8]) -> Vec<u8> {
    ring::digest::digest(&ring::digest::SHA256, d)
        .as_ref()
        .to_vec()
}
