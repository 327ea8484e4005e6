//! The TimeStampResp (a TSA's answer, with its PKIStatusInfo) and inputs that may hold
//! either a token or a response.

use base64::Engine as _;
use serde::Serialize;

use super::{malformed, TimeStampToken};
use crate::ber::{self, tag};
use crate::error::{Error, Result};
use crate::tsp::limits;

const RESP: &str = "TimeStampResp";

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
        .map_err(|_| crate::input::base64_refused())?;
    if der.first() != Some(&0x30) {
        return Err(Error::UnrecognisedFormat {
            what: W,
            reason: "base64 text does not decode to a SEQUENCE".into(),
        });
    }
    Ok(der)
}
