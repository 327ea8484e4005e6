//! Reading RFC 3161 structures: TSTInfo (strict DER: it is the signed content, and its
//! serial number and genTime are reported and compared), TimeStampToken (a CMS
//! SignedData, read by the CMS reader) and TimeStampResp with its PKIStatusInfo.
//!
//! Every field is bounded ([`super::limits`]); what does not follow the syntax, or is not
//! DER where RFC 3161 §2.4.2 requires DER, is an [`Error`], never a verdict.

use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::limits;
use crate::ber::{self, oid_to_string, tag};
use crate::cms::algorithms;
use crate::cms::SignedData;
use crate::der::{self, Reader, Tlv};
use crate::error::{Error, Result};
use crate::name::{hex_upper, Name};
use crate::oid::ID_CT_TST_INFO;
use crate::signature::HashAlgorithm;
use crate::time::{Leniency, Time};

const TST: &str = "TSTInfo";
const TOKEN: &str = "TimeStampToken";
const RESP: &str = "TimeStampResp";

fn malformed(what: &'static str, reason: impl Into<String>) -> Error {
    Error::MalformedDer {
        what,
        reason: reason.into(),
    }
}

/// The hash of the time-stamped data, as the TSA received it (RFC 3161 §2.4.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageImprint {
    pub(super) algorithm_oid: String,
    pub(super) hash: std::result::Result<HashAlgorithm, String>,
    pub(super) hashed_message: Vec<u8>,
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
pub(crate) fn parse_gen_time(content: &[u8]) -> Result<(DateTime<Utc>, String)> {
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

/// A TimeStampToken: a CMS SignedData whose content is a TSTInfo.
#[derive(Clone, Debug)]
pub struct TimeStampToken {
    signed: SignedData,
    tst_info: TstInfo,
    der: Vec<u8>,
}

impl TimeStampToken {
    /// Read a TimeStampToken (a ContentInfo holding SignedData; DER, or BER as CMS allows)
    /// whose eContentType is id-ct-TSTInfo, with its content attached and exactly one
    /// SignerInfo (RFC 3161 §2.4.2: the TSA's signature, and no other).
    pub fn from_ber(input: &[u8]) -> Result<TimeStampToken> {
        if input.len() > limits::MAX_TOKEN_LEN {
            return Err(Error::TooLarge {
                what: TOKEN,
                len: input.len(),
                limit: limits::MAX_TOKEN_LEN,
            });
        }
        let signed = SignedData::from_ber(input)?;
        if signed.content_type() != ID_CT_TST_INFO {
            return Err(malformed(
                TOKEN,
                format!(
                    "eContentType {} is not id-ct-TSTInfo {ID_CT_TST_INFO}",
                    signed.content_type()
                ),
            ));
        }
        if signed.signers().len() != 1 {
            return Err(malformed(
                TOKEN,
                format!(
                    "{} SignerInfos (a time-stamp token carries the TSA's signature only)",
                    signed.signers().len()
                ),
            ));
        }
        let tst_info = match signed.unverified_content() {
            Some(c) => TstInfo::from_der(c)?,
            None => {
                return Err(malformed(
                    TOKEN,
                    "the TSTInfo is detached (eContent absent)",
                ))
            }
        };
        // The definite-length encoding, as it can be re-embedded (CAdES unsigned attribute).
        let der = definite(input)?;
        Ok(TimeStampToken {
            signed,
            tst_info,
            der,
        })
    }

    /// The SignedData (the TSA's signature over the TSTInfo).
    pub fn signed_data(&self) -> &SignedData {
        &self.signed
    }
    /// The TSTInfo, **before any verification**: [`TimeStampToken::verify`] proves it.
    pub fn tst_info(&self) -> &TstInfo {
        &self.tst_info
    }
    /// The token's encoding, definite lengths.
    pub fn der(&self) -> &[u8] {
        &self.der
    }
}

fn definite(input: &[u8]) -> Result<Vec<u8>> {
    let (t, rest) = ber::Tlv::read(input, TOKEN)?;
    if rest.iter().any(|b| !b.is_ascii_whitespace()) {
        return Err(malformed(TOKEN, "trailing data"));
    }
    Ok(t.to_definite()?.into_owned())
}

/// PKIStatus (RFC 3161 §2.4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PkiStatus {
    /// 0: a token is present, as requested.
    Granted,
    /// 1: a token is present, with modifications the TSA chose.
    GrantedWithMods,
    /// 2: refused.
    Rejection,
    /// 3: not yet issued.
    Waiting,
    /// 4: a revocation is imminent.
    RevocationWarning,
    /// 5: a revocation occurred.
    RevocationNotification,
}

impl PkiStatus {
    fn from_value(v: u32) -> Option<PkiStatus> {
        Some(match v {
            0 => PkiStatus::Granted,
            1 => PkiStatus::GrantedWithMods,
            2 => PkiStatus::Rejection,
            3 => PkiStatus::Waiting,
            4 => PkiStatus::RevocationWarning,
            5 => PkiStatus::RevocationNotification,
            _ => return None,
        })
    }
    /// Does a token come with this status?
    pub fn is_granted(self) -> bool {
        matches!(self, PkiStatus::Granted | PkiStatus::GrantedWithMods)
    }
    /// The snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PkiStatus::Granted => "granted",
            PkiStatus::GrantedWithMods => "granted_with_mods",
            PkiStatus::Rejection => "rejection",
            PkiStatus::Waiting => "waiting",
            PkiStatus::RevocationWarning => "revocation_warning",
            PkiStatus::RevocationNotification => "revocation_notification",
        }
    }
}

/// The PKIFailureInfo bits' names, by bit number (RFC 3161 §2.4.2).
const FAILURE_NAMES: [(usize, &str); 6] = [
    (0, "badAlg"),
    (2, "badRequest"),
    (5, "badDataFormat"),
    (14, "timeNotAvailable"),
    (15, "unacceptedPolicy"),
    (16, "unacceptedExtension"),
];

/// PKIStatusInfo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PkiStatusInfo {
    /// status.
    pub status: PkiStatus,
    /// statusString (PKIFreeText), in the order carried.
    pub status_string: Vec<String>,
    /// failInfo, by the names of the bits set (unknown bits as `bitN`).
    pub fail_info: Vec<String>,
}

/// A TimeStampResp: the TSA's answer to a request.
#[derive(Clone, Debug)]
pub struct TimeStampResponse {
    status: PkiStatusInfo,
    token: Option<TimeStampToken>,
}

impl TimeStampResponse {
    /// Read a TimeStampResp (DER, or BER inside the token). A granted status must come with
    /// a token and any other status without one (RFC 3161 §2.4.2).
    pub fn from_ber(input: &[u8]) -> Result<TimeStampResponse> {
        if input.len() > limits::MAX_TOKEN_LEN {
            return Err(Error::TooLarge {
                what: RESP,
                len: input.len(),
                limit: limits::MAX_TOKEN_LEN,
            });
        }
        let (top, rest) = ber::Tlv::read(input, RESP)?;
        if rest.iter().any(|b| !b.is_ascii_whitespace()) {
            return Err(malformed(RESP, "trailing data"));
        }
        let mut seq = top.sequence(RESP)?;
        let status_info = seq.next("status")?;
        let token = seq.next_opt()?;
        seq.finish()?;

        let mut s = status_info.sequence(RESP)?;
        let value = s.next("PKIStatus")?.small_uint(RESP)?;
        let status = PkiStatus::from_value(value)
            .ok_or_else(|| malformed(RESP, format!("PKIStatus {value} is not 0..=5")))?;
        let mut status_string = Vec::new();
        let mut fail_info = Vec::new();
        let mut next = s.next_opt()?;
        if let Some(text) = next.filter(|t| t.is_universal(tag::SEQUENCE)) {
            for item in text.children_vec(limits::MAX_STATUS_STRINGS, RESP)? {
                // PKIFreeText ::= SEQUENCE SIZE (1..MAX) OF UTF8String
                if !item.is_universal(12) || item.constructed {
                    return Err(malformed(RESP, "statusString is not UTF8String"));
                }
                if item.content.len() > limits::MAX_STATUS_STRING_LEN {
                    return Err(malformed(RESP, "statusString too long"));
                }
                let t = std::str::from_utf8(item.content)
                    .map_err(|_| malformed(RESP, "statusString is not UTF-8"))?;
                status_string.push(t.to_string());
            }
            next = s.next_opt()?;
        }
        if let Some(bits) = next {
            if !bits.is_universal(tag::BIT_STRING) || bits.constructed {
                return Err(malformed(RESP, "failInfo is not a BIT STRING"));
            }
            let (unused, octets) = bits
                .content
                .split_first()
                .ok_or_else(|| malformed(RESP, "empty failInfo"))?;
            if *unused > 7 || octets.len() > 8 || (octets.is_empty() && *unused > 0) {
                return Err(malformed(RESP, "failInfo out of range"));
            }
            // DER: the unused bits are zero.
            if octets
                .last()
                .is_some_and(|b| b & ((1u8 << unused) - 1) != 0)
            {
                return Err(malformed(RESP, "failInfo's unused bits are not zero"));
            }
            for (i, byte) in octets.iter().enumerate() {
                for b in 0..8 {
                    if byte & (0x80 >> b) != 0 {
                        let n = i * 8 + b;
                        fail_info.push(
                            FAILURE_NAMES
                                .iter()
                                .find(|(k, _)| *k == n)
                                .map(|(_, s)| s.to_string())
                                .unwrap_or_else(|| format!("bit{n}")),
                        );
                    }
                }
            }
        }
        s.finish()?;
        let token = match (status.is_granted(), token) {
            (true, Some(t)) => Some(TimeStampToken::from_ber(t.raw)?),
            (true, None) => {
                return Err(malformed(
                    RESP,
                    format!("status {} without a timeStampToken", status.as_str()),
                ))
            }
            (false, Some(_)) => {
                return Err(malformed(
                    RESP,
                    format!("status {} with a timeStampToken", status.as_str()),
                ))
            }
            (false, None) => None,
        };
        Ok(TimeStampResponse {
            status: PkiStatusInfo {
                status,
                status_string,
                fail_info,
            },
            token,
        })
    }

    /// PKIStatusInfo.
    pub fn status(&self) -> &PkiStatusInfo {
        &self.status
    }
    /// The token, when the status is granted.
    pub fn token(&self) -> Option<&TimeStampToken> {
        self.token.as_ref()
    }
    /// The token, owned.
    pub fn into_token(self) -> Option<TimeStampToken> {
        self.token
    }
}

/// What an input holds: a bare token, or a response around one (or a refusal).
#[derive(Clone, Debug)]
pub enum TspMessage {
    /// A TimeStampToken (ContentInfo).
    Token(TimeStampToken),
    /// A TimeStampResp.
    Response(TimeStampResponse),
}

impl TspMessage {
    /// Read a TimeStampToken or a TimeStampResp, told apart by their first element (a
    /// ContentInfo starts with its content type OID, a TimeStampResp with PKIStatusInfo);
    /// DER/BER or base64 text (as NCALayer hands tokens around).
    pub fn from_input(input: &[u8]) -> Result<TspMessage> {
        let bytes = decode(input)?;
        let (top, _) = ber::Tlv::read(&bytes, "time-stamp input")?;
        let first = top.sequence("time-stamp input")?.next("first element")?;
        if first.is_universal(tag::OID) {
            TimeStampToken::from_ber(&bytes).map(TspMessage::Token)
        } else {
            TimeStampResponse::from_ber(&bytes).map(TspMessage::Response)
        }
    }

    /// The token: the bare one, or the response's.
    pub fn token(&self) -> Option<&TimeStampToken> {
        match self {
            TspMessage::Token(t) => Some(t),
            TspMessage::Response(r) => r.token(),
        }
    }
}

/// DER/BER as is, else base64 text (whitespace ignored).
fn decode(input: &[u8]) -> Result<Vec<u8>> {
    const W: &str = "time-stamp input";
    if input.len() > limits::MAX_TOKEN_LEN * 2 {
        return Err(Error::TooLarge {
            what: W,
            len: input.len(),
            limit: limits::MAX_TOKEN_LEN * 2,
        });
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if input.first() == Some(&0x30) {
        return Ok(input.to_vec());
    }
    let compact: Vec<u8> = input
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if !compact
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
    {
        return Err(Error::UnrecognisedFormat {
            what: W,
            reason: "neither DER (no SEQUENCE tag) nor base64 text".into(),
        });
    }
    let der = base64::engine::general_purpose::STANDARD
        .decode(&compact)
        .map_err(|e| Error::BadBase64(e.to_string()))?;
    if der.first() != Some(&0x30) {
        return Err(Error::UnrecognisedFormat {
            what: W,
            reason: "base64 text does not decode to a SEQUENCE".into(),
        });
    }
    Ok(der)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ber::{der as tlv, octet_string, oid as oid_der, sequence, small_integer};

    fn imprint() -> Vec<u8> {
        sequence(&[
            &sequence(&[&oid_der("2.16.840.1.101.3.4.2.1"), &[0x05, 0x00]]),
            &octet_string(&[0xAB; 32]),
        ])
    }

    fn tst(extra: &[&[u8]], serial: &[u8], time: &str) -> Vec<u8> {
        let mut parts: Vec<&[u8]> = Vec::new();
        let v = small_integer(1);
        let p = oid_der("1.2.398.3.3.2.6.1");
        let i = imprint();
        let s = tlv(0x02, serial);
        let g = tlv(0x18, time.as_bytes());
        parts.extend([v.as_slice(), &p, &i, &s, &g]);
        parts.extend_from_slice(extra);
        sequence(&parts)
    }

    #[test]
    fn a_minimal_tst_info() {
        let t = TstInfo::from_der(&tst(&[], &[0x01, 0x02], "20261120100000Z")).unwrap();
        assert_eq!(t.policy(), "1.2.398.3.3.2.6.1");
        assert_eq!(t.serial_hex(), "0102");
        assert_eq!(t.gen_time().to_rfc3339(), "2026-11-20T10:00:00+00:00");
        assert_eq!(
            t.message_imprint().hash(),
            Ok(HashAlgorithm::Sha256),
            "{:?}",
            t.message_imprint()
        );
        assert!(t.accuracy().is_none() && !t.ordering() && t.nonce().is_none());
    }

    #[test]
    fn every_optional_field() {
        let accuracy = sequence(&[
            &small_integer(1),
            &tlv(0x80, &[0x01, 0xF4]),
            &tlv(0x81, &[7]),
        ]);
        let ordering = tlv(0x01, &[0xFF]);
        let nonce = tlv(0x02, &[0x00, 0x80, 0x01]);
        let name = sequence(&[&tlv(
            0x31,
            &sequence(&[&oid_der("2.5.4.3"), &tlv(0x0C, b"TSA")]),
        )]);
        let tsa = tlv(0xA0, &tlv(0xA4, &name));
        let ext = tlv(
            0xA1,
            &sequence(&[
                &oid_der("1.2.3.4"),
                &tlv(0x01, &[0xFF]),
                &octet_string(b"x"),
            ]),
        );
        let t = TstInfo::from_der(&tst(
            &[&accuracy, &ordering, &nonce, &tsa, &ext],
            &[0x7F],
            "20261120100000.25Z",
        ))
        .unwrap();
        assert_eq!(
            t.accuracy(),
            Some(Accuracy {
                seconds: 1,
                millis: 500,
                micros: 7
            })
        );
        assert!(t.ordering());
        assert_eq!(t.nonce(), Some(&[0x00, 0x80, 0x01][..]));
        assert_eq!(t.tsa().map(|n| n.to_string()).as_deref(), Some("CN=TSA"));
        assert_eq!(t.extensions().len(), 1);
        assert!(t.extensions()[0].critical);
        assert_eq!(t.gen_time().timestamp_subsec_millis(), 250);
    }

    #[test]
    fn what_is_not_der_is_refused() {
        let ok = |s: &[u8], time: &str, extra: &[&[u8]]| TstInfo::from_der(&tst(extra, s, time));
        // Serial numbers: one number, one encoding.
        assert!(ok(&[0x00, 0x70], "20261120100000Z", &[]).is_err());
        assert!(ok(&[], "20261120100000Z", &[]).is_err());
        assert!(ok(&[0x01; 65], "20261120100000Z", &[]).is_err());
        // genTime: seconds, Z, no trailing zero, no bare point, at most nanoseconds.
        for bad in [
            "202611201000Z",
            "20261120100000",
            "20261120100000+0000",
            "20261120100000.50Z",
            "20261120100000.Z",
            "20261120100000,5Z",
            "20261120100000.1234567891Z",
            "20261320100000Z",
            "20261120106000Z",
            "2026112010000aZ",
        ] {
            assert!(ok(&[1], bad, &[]).is_err(), "{bad}");
        }
        assert_eq!(
            ok(&[1], "20261120100000.123456789Z", &[])
                .unwrap()
                .gen_time()
                .timestamp_subsec_nanos(),
            123_456_789
        );
        // ordering FALSE written out, accuracy 0 or 1000 millis.
        assert!(ok(&[1], "20261120100000Z", &[&tlv(0x01, &[0x00])]).is_err());
        assert!(ok(&[1], "20261120100000Z", &[&sequence(&[&tlv(0x80, &[0])])]).is_err());
        assert!(ok(
            &[1],
            "20261120100000Z",
            &[&sequence(&[&tlv(0x80, &[3, 0xE8])])]
        )
        .is_err());
        // Order and trailing elements.
        let nonce = tlv(0x02, &[1]);
        let ordering = tlv(0x01, &[0xFF]);
        assert!(ok(&[1], "20261120100000Z", &[&nonce, &ordering]).is_err());
        assert!(ok(&[1], "20261120100000Z", &[&nonce, &nonce]).is_err());
        // Version 2.
        let mut v2 = tst(&[], &[1], "20261120100000Z");
        v2[4] = 2;
        assert!(TstInfo::from_der(&v2).is_err());
        // Trailing bytes after the TSTInfo.
        let mut trailing = tst(&[], &[1], "20261120100000Z");
        trailing.push(0);
        assert!(TstInfo::from_der(&trailing).is_err());
    }

    #[test]
    fn responses() {
        let status = |v: u32, extra: &[&[u8]]| {
            let mut p: Vec<&[u8]> = Vec::new();
            let s = small_integer(v);
            p.push(&s);
            p.extend_from_slice(extra);
            sequence(&p)
        };
        let text = sequence(&[&tlv(0x0C, b"policy not accepted")]);
        let fail = tlv(0x03, &[0x07, 0x80, 0x00, 0x80]);
        let rejected = sequence(&[&status(2, &[&text, &fail])]);
        let r = TimeStampResponse::from_ber(&rejected).unwrap();
        assert_eq!(r.status().status, PkiStatus::Rejection);
        assert_eq!(r.status().status_string, ["policy not accepted"]);
        assert_eq!(r.status().fail_info, ["badAlg", "unacceptedExtension"]);
        assert!(r.token().is_none());
        assert!(matches!(
            TspMessage::from_input(&rejected),
            Ok(TspMessage::Response(_))
        ));
        // Granted without a token; status out of range.
        assert!(TimeStampResponse::from_ber(&sequence(&[&status(0, &[])])).is_err());
        assert!(TimeStampResponse::from_ber(&sequence(&[&status(6, &[])])).is_err());
        // Rejected with something where the token would be.
        assert!(
            TimeStampResponse::from_ber(&sequence(&[&status(2, &[]), &status(0, &[])])).is_err()
        );
    }
}
