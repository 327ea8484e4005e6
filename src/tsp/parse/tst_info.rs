//! The TSTInfo (RFC 3161 §2.4.2): what a time-stamp token says, read as strict DER (it is
//! the signed content; its serial number and genTime are reported and compared).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::malformed;
use crate::ber::oid_to_string;
use crate::cms::algorithms;
use crate::der::{self, Reader, Tlv};
use crate::error::{Error, Result};
use crate::name::{hex_upper, Name};
use crate::signature::HashAlgorithm;
use crate::time::{Leniency, Time};
use crate::tsp::limits;

const TST: &str = "TSTInfo";

/// The hash of the time-stamped data, as the TSA received it (RFC 3161 §2.4.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageImprint {
    pub(in crate::tsp) algorithm_oid: String,
    pub(in crate::tsp) hash: std::result::Result<HashAlgorithm, String>,
    pub(in crate::tsp) hashed_message: Vec<u8>,
}

impl MessageImprint {
    /// The hashAlgorithm's OID, dotted.
    pub fn algorithm_oid(&self) -> &str {
        &self.algorithm_oid
    }
    /// The hash algorithm resolved, or why it cannot be.
    pub fn hash(&self) -> std::result::Result<HashAlgorithm, &str> {
        self.hash.as_ref().copied().map_err(String::as_str)
    }
    /// A readable name of the hash (`sha256`, `gost34311-95` ...), else its OID.
    pub fn algorithm_name(&self) -> String {
        match &self.hash {
            Ok(h) => h.name().to_string(),
            Err(_) => self.algorithm_oid.clone(),
        }
    }
    /// hashedMessage.
    pub fn hashed_message(&self) -> &[u8] {
        &self.hashed_message
    }
}

/// The TSA's stated accuracy of genTime (RFC 3161 §2.4.2): genTime ± this much.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Accuracy {
    /// Whole seconds.
    pub seconds: u32,
    /// Milliseconds, 0 (absent) or 1..=999.
    pub millis: u16,
    /// Microseconds, 0 (absent) or 1..=999.
    pub micros: u16,
}

/// The `tsa` field: a GeneralName naming the TSA (a hint, which must correspond to a name
/// of the TSA's certificate when present).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TsaName {
    /// directoryName.
    Directory(Name),
    /// rfc822Name, dNSName or uniformResourceIdentifier, as text.
    Text {
        /// `email`, `dns` or `uri`.
        kind: &'static str,
        /// The IA5String value.
        value: String,
    },
    /// Another GeneralName choice, by its context tag number.
    Other(u8),
}

impl std::fmt::Display for TsaName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TsaName::Directory(n) => write!(f, "{n}"),
            TsaName::Text { kind, value } => write!(f, "{kind}:{value}"),
            TsaName::Other(t) => write!(f, "GeneralName [{t}]"),
        }
    }
}

/// One extension of TSTInfo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TstExtension {
    /// extnID, dotted.
    pub oid: String,
    /// critical.
    pub critical: bool,
    /// extnValue's contents.
    #[serde(skip)]
    pub value: Vec<u8>,
}

/// TSTInfo (RFC 3161 §2.4.2), read strictly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TstInfo {
    policy: String,
    message_imprint: MessageImprint,
    serial: Vec<u8>,
    gen_time: DateTime<Utc>,
    gen_time_text: String,
    accuracy: Option<Accuracy>,
    ordering: bool,
    nonce: Option<Vec<u8>>,
    tsa: Option<TsaName>,
    extensions: Vec<TstExtension>,
}

impl TstInfo {
    /// Read a DER TSTInfo (nothing may follow it).
    pub fn from_der(input: &[u8]) -> Result<TstInfo> {
        if input.len() > limits::MAX_TST_INFO_LEN {
            return Err(Error::TooLarge {
                what: TST,
                len: input.len(),
                limit: limits::MAX_TST_INFO_LEN,
            });
        }
        let mut top = Reader::named(input, TST);
        let seq = top.expect(der::TAG_SEQUENCE, TST)?;
        top.finish(TST)?;
        let mut r = seq.inner();

        let version = der::expect_der_integer(&mut r, "TSTInfo version")?;
        if version.content != [1] {
            return Err(malformed(
                TST,
                format!("version {} (only v1 exists)", hex_upper(version.content)),
            ));
        }
        let policy = oid(r.expect(der::TAG_OID, "TSTInfo policy")?, "policy")?;
        let message_imprint = read_imprint(r.expect(der::TAG_SEQUENCE, "messageImprint")?)?;
        let serial = der::expect_der_integer(&mut r, "TSTInfo serialNumber")?;
        if serial.content.len() > limits::MAX_SERIAL_LEN {
            return Err(malformed(
                TST,
                format!(
                    "serialNumber of {} octets (at most {})",
                    serial.content.len(),
                    limits::MAX_SERIAL_LEN
                ),
            ));
        }
        let gen = r.expect(der::TAG_GENERALIZED_TIME, "TSTInfo genTime")?;
        let (gen_time, gen_time_text) = parse_gen_time(gen.content)?;
        let accuracy = match r.read_optional(der::TAG_SEQUENCE, "accuracy")? {
            Some(a) => Some(read_accuracy(a)?),
            None => None,
        };
        let ordering = match r.read_optional(der::TAG_BOOLEAN, "ordering")? {
            // DER: the DEFAULT FALSE is omitted, TRUE is 0xFF.
            Some(b) if b.content == [0xFF] => true,
            Some(_) => {
                return Err(malformed(
                    TST,
                    "ordering is not DER (FALSE must be omitted, TRUE is 0xFF)",
                ))
            }
            None => false,
        };
        let nonce = match r.peek_tag() {
            Some(der::TAG_INTEGER) => {
                let n = der::expect_der_integer(&mut r, "TSTInfo nonce")?;
                if n.content.len() > limits::MAX_NONCE_LEN {
                    return Err(malformed(
                        TST,
                        format!(
                            "nonce of {} octets (at most {})",
                            n.content.len(),
                            limits::MAX_NONCE_LEN
                        ),
                    ));
                }
                Some(n.content.to_vec())
            }
            _ => None,
        };
        let tsa = match r.read_optional(0xA0, "tsa")? {
            Some(t) => Some(read_tsa(t)?),
            None => None,
        };
        let extensions = match r.read_optional(0xA1, "extensions")? {
            Some(e) => read_extensions(e)?,
            None => Vec::new(),
        };
        r.finish(TST)?;
        Ok(TstInfo {
            policy,
            message_imprint,
            serial: serial.content.to_vec(),
            gen_time,
            gen_time_text,
            accuracy,
            ordering,
            nonce,
            tsa,
            extensions,
        })
    }

    /// The TSA policy under which the token was issued (NCA: `1.2.398.3.3.2.x`).
    pub fn policy(&self) -> &str {
        &self.policy
    }
    /// messageImprint.
    pub fn message_imprint(&self) -> &MessageImprint {
        &self.message_imprint
    }
    /// serialNumber's INTEGER content octets (DER, minimal).
    pub fn serial(&self) -> &[u8] {
        &self.serial
    }
    /// serialNumber in upper-case hex (the content octets as carried).
    pub fn serial_hex(&self) -> String {
        hex_upper(&self.serial)
    }
    /// genTime, to the nanosecond (finer fractions are refused).
    pub fn gen_time(&self) -> DateTime<Utc> {
        self.gen_time
    }
    /// genTime as carried (`YYYYMMDDhhmmss[.f]Z`).
    pub fn gen_time_text(&self) -> &str {
        &self.gen_time_text
    }
    /// accuracy, when stated.
    pub fn accuracy(&self) -> Option<Accuracy> {
        self.accuracy
    }
    /// ordering.
    pub fn ordering(&self) -> bool {
        self.ordering
    }
    /// nonce's INTEGER content octets, when present.
    pub fn nonce(&self) -> Option<&[u8]> {
        self.nonce.as_deref()
    }
    /// The tsa field, when present.
    pub fn tsa(&self) -> Option<&TsaName> {
        self.tsa.as_ref()
    }
    /// The extensions, in the order carried.
    pub fn extensions(&self) -> &[TstExtension] {
        &self.extensions
    }
}

fn oid(t: Tlv<'_>, what: &'static str) -> Result<String> {
    oid_to_string(t.content).ok_or_else(|| malformed(TST, format!("{what}: invalid OID")))
}

fn read_imprint(seq: Tlv<'_>) -> Result<MessageImprint> {
    let mut r = seq.inner();
    let alg = r.expect(der::TAG_SEQUENCE, "hashAlgorithm")?;
    let hashed = r.expect(der::TAG_OCTET_STRING, "hashedMessage")?;
    r.finish("messageImprint")?;
    let mut a = alg.inner();
    let algorithm_oid = oid(a.expect(der::TAG_OID, "hashAlgorithm")?, "hashAlgorithm")?;
    if let Some(p) = a.read_optional(0x05, "hashAlgorithm parameters")? {
        if !p.content.is_empty() {
            return Err(malformed(TST, "hashAlgorithm parameters are not NULL"));
        }
    }
    a.finish("hashAlgorithm")?;
    if hashed.content.is_empty() || hashed.content.len() > limits::MAX_IMPRINT_LEN {
        return Err(malformed(
            TST,
            format!(
                "hashedMessage of {} octets (1..={} accepted)",
                hashed.content.len(),
                limits::MAX_IMPRINT_LEN
            ),
        ));
    }
    Ok(MessageImprint {
        hash: algorithms::hash_from_oid(&algorithm_oid),
        algorithm_oid,
        hashed_message: hashed.content.to_vec(),
    })
}

/// `0..=max` from a DER INTEGER's content (non-negative, minimal).
fn small(content: &[u8], max: u32, what: &'static str) -> Result<u32> {
    if !der::is_der_integer(content) || content.first().is_some_and(|b| b & 0x80 != 0) {
        return Err(malformed(
            TST,
            format!("{what}: not a non-negative DER INTEGER"),
        ));
    }
    if content.len() > 5 {
        return Err(malformed(TST, format!("{what}: out of range")));
    }
    let v = content
        .iter()
        .fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    u32::try_from(v)
        .ok()
        .filter(|v| *v <= max)
        .ok_or_else(|| malformed(TST, format!("{what}: {v} is out of range (0..={max})")))
}

fn read_accuracy(seq: Tlv<'_>) -> Result<Accuracy> {
    let mut r = seq.inner();
    let mut acc = Accuracy::default();
    if let Some(s) = r.read_optional(der::TAG_INTEGER, "accuracy seconds")? {
        acc.seconds = small(s.content, u32::MAX, "accuracy seconds")?;
    }
    // millis [0] and micros [1], IMPLICIT INTEGER (1..999).
    for (tag, slot, what) in [
        (0x80, &mut acc.millis, "accuracy millis"),
        (0x81, &mut acc.micros, "accuracy micros"),
    ] {
        if let Some(t) = r.read_optional(tag, what)? {
            let v = small(t.content, 999, what)?;
            if v == 0 {
                return Err(malformed(TST, format!("{what}: 0 (1..=999 when present)")));
            }
            *slot = v as u16;
        }
    }
    r.finish("accuracy")?;
    Ok(acc)
}

fn read_tsa(explicit: Tlv<'_>) -> Result<TsaName> {
    let mut r = explicit.inner();
    let g = r.read("tsa GeneralName")?;
    r.finish("tsa")?;
    Ok(match g.tag {
        // directoryName [4] EXPLICIT Name.
        0xA4 => {
            let mut inner = g.inner();
            let name = inner.expect(der::TAG_SEQUENCE, "tsa directoryName")?;
            inner.finish("tsa directoryName")?;
            der::check_name(name, TST)?;
            TsaName::Directory(Name::from_der(name.raw)?)
        }
        0x81 | 0x82 | 0x86 => {
            if !g.content.is_ascii() {
                return Err(malformed(TST, "tsa name is not IA5String"));
            }
            TsaName::Text {
                kind: match g.tag {
                    0x81 => "email",
                    0x82 => "dns",
                    _ => "uri",
                },
                value: String::from_utf8_lossy(g.content).into_owned(),
            }
        }
        t if t & 0xC0 == 0x80 => TsaName::Other(t & 0x1F),
        t => {
            return Err(malformed(
                TST,
                format!("tsa is not a GeneralName (tag 0x{t:02x})"),
            ))
        }
    })
}

fn read_extensions(implicit: Tlv<'_>) -> Result<Vec<TstExtension>> {
    let mut r = implicit.inner();
    let mut out: Vec<TstExtension> = Vec::new();
    if r.is_empty() {
        return Err(malformed(TST, "empty extensions"));
    }
    while !r.is_empty() {
        if out.len() >= limits::MAX_EXTENSIONS {
            return Err(Error::TooMany {
                what: "TSTInfo extensions",
                limit: limits::MAX_EXTENSIONS,
            });
        }
        let ext = r.expect(der::TAG_SEQUENCE, "extension")?;
        let mut e = ext.inner();
        let id = oid(e.expect(der::TAG_OID, "extnID")?, "extnID")?;
        let critical = match e.read_optional(der::TAG_BOOLEAN, "critical")? {
            Some(b) if b.content == [0xFF] => true,
            Some(_) => {
                return Err(malformed(
                    TST,
                    "extension critical flag is not DER TRUE (FALSE must be omitted)",
                ))
            }
            None => false,
        };
        let value = e.expect(der::TAG_OCTET_STRING, "extnValue")?;
        e.finish("extension")?;
        if out.iter().any(|x| x.oid == id) {
            return Err(malformed(TST, format!("duplicate extension {id}")));
        }
        out.push(TstExtension {
            oid: id,
            critical,
            value: value.content.to_vec(),
        });
    }
    Ok(out)
}

/// genTime: `YYYYMMDDhhmmss[.f+]Z` as RFC 3161 §2.4.2 requires (seconds present, UTC `Z`,
/// a fraction without trailing zeros, nothing else), to the nanosecond: the crate's one
/// time parser ([`crate::time`]) with [`Leniency::Fraction`](crate::time::Leniency::Fraction).
fn parse_gen_time(content: &[u8]) -> Result<(DateTime<Utc>, String)> {
    let bad = || {
        malformed(
            TST,
            format!(
                "genTime \"{}\" is not YYYYMMDDhhmmss[.f]Z",
                String::from_utf8_lossy(content).escape_default()
            ),
        )
    };
    let time = crate::time::parse(der::TAG_GENERALIZED_TIME, content, Leniency::Fraction)
        .and_then(Time::to_datetime)
        .ok_or_else(bad)?;
    // What the parser accepts is ASCII.
    let text = std::str::from_utf8(content).map_err(|_| bad())?;
    Ok((time, text.to_string()))
}
