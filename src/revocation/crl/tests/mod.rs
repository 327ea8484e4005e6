//! Unit tests of the parent module.
//!
//! This file holds a tiny DER builder for synthetic CRLs; the tests are grouped by topic
//! in the submodules.

use super::*;

mod entries;
mod extensions;
mod header;
mod input;
mod large;
mod real_crls;

// --- a tiny DER builder --------------------------------------------------------------

fn push_len(v: &mut Vec<u8>, n: usize) {
    if n < 0x80 {
        v.push(n as u8);
    } else {
        let bytes = n.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        v.push(0x80 | (bytes.len() - skip) as u8);
        v.extend_from_slice(&bytes[skip..]);
    }
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut v = vec![tag];
    push_len(&mut v, content.len());
    v.extend_from_slice(content);
    v
}

fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

fn name_cn(cn: &str) -> Vec<u8> {
    let atv = seq(&[&tlv(0x06, &[0x55, 0x04, 0x03]), &tlv(0x0c, cn.as_bytes())]);
    seq(&[&tlv(0x31, &atv)])
}

fn key(cn: &str) -> NameKey {
    Name::from_der(&name_cn(cn)).unwrap().key().clone()
}

fn utc(s: &str) -> Vec<u8> {
    tlv(0x17, s.as_bytes())
}

fn gen_time(s: &str) -> Vec<u8> {
    tlv(0x18, s.as_bytes())
}

fn ext(oid: &[u8], critical: bool, value: &[u8]) -> Vec<u8> {
    let crit = if critical {
        tlv(0x01, &[0xff])
    } else {
        Vec::new()
    };
    seq(&[&tlv(0x06, oid), &crit, &tlv(0x04, value)])
}

fn reason(code: u8) -> Vec<u8> {
    ext(OID_REASON_CODE, false, &tlv(0x0a, &[code]))
}

fn cert_issuer(cn: &str) -> Vec<u8> {
    ext(
        OID_CERTIFICATE_ISSUER,
        true,
        &seq(&[&tlv(0xa4, &name_cn(cn))]),
    )
}

fn entry(serial: &[u8], date: &str, exts: &[Vec<u8>]) -> Vec<u8> {
    let mut parts = vec![tlv(0x02, serial), utc(date)];
    if !exts.is_empty() {
        parts.push(tlv(0x30, &exts.concat()));
    }
    tlv(0x30, &parts.concat())
}

const SHA256_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];

fn alg(oid: &[u8], null: bool) -> Vec<u8> {
    if null {
        seq(&[&tlv(0x06, oid), &[0x05, 0x00]])
    } else {
        seq(&[&tlv(0x06, oid)])
    }
}

struct Builder {
    version: Option<Vec<u8>>,
    inner_alg: Vec<u8>,
    outer_alg: Vec<u8>,
    issuer: Vec<u8>,
    this_update: Vec<u8>,
    next_update: Option<Vec<u8>>,
    entries: Option<Vec<Vec<u8>>>,
    extensions: Vec<Vec<u8>>,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            version: Some(tlv(0x02, &[1])),
            inner_alg: alg(SHA256_RSA, true),
            outer_alg: alg(SHA256_RSA, true),
            issuer: name_cn("Test CA"),
            this_update: utc("220329041829Z"),
            next_update: Some(utc("220925041829Z")),
            entries: None,
            extensions: vec![ext(OID_CRL_NUMBER, false, &tlv(0x02, &[9]))],
        }
    }

    fn entries(mut self, e: Vec<Vec<u8>>) -> Builder {
        self.entries = Some(e);
        self
    }

    fn ext(mut self, e: Vec<u8>) -> Builder {
        self.extensions.push(e);
        self
    }

    fn tbs(&self) -> Vec<u8> {
        let mut parts: Vec<Vec<u8>> = Vec::new();
        parts.extend(self.version.clone());
        parts.push(self.inner_alg.clone());
        parts.push(self.issuer.clone());
        parts.push(self.this_update.clone());
        parts.extend(self.next_update.clone());
        if let Some(e) = &self.entries {
            parts.push(tlv(0x30, &e.concat()));
        }
        if !self.extensions.is_empty() {
            parts.push(tlv(0xa0, &tlv(0x30, &self.extensions.concat())));
        }
        tlv(0x30, &parts.concat())
    }

    fn build(&self) -> Vec<u8> {
        seq(&[
            &self.tbs(),
            &self.outer_alg,
            &tlv(0x03, &[0, 0xde, 0xad, 0xbe, 0xef]),
        ])
    }

    fn load(&self) -> Result<Crl> {
        Crl::from_der(self.build())
    }
}

fn dt(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}
