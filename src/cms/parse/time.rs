//! Reading a signingTime attribute value, by the crate's one time parser
//! ([`crate::time`]) with [`Leniency::Ber`].

use chrono::{DateTime, Utc};

use crate::ber::{tag, Tlv};
use crate::der::{TAG_GENERALIZED_TIME, TAG_UTC_TIME};
use crate::time::{self, Leniency, Time};

/// Read a signingTime value (UTCTime or GeneralizedTime).
pub(crate) fn read_time(value: &[u8]) -> std::result::Result<DateTime<Utc>, String> {
    let tlv = Tlv::read_exact(value, "signingTime").map_err(|e| e.to_string())?;
    if tlv.constructed {
        return Err("constructed time".into());
    }
    let text = std::str::from_utf8(tlv.content).map_err(|_| "time is not ASCII".to_string())?;
    let tag = if tlv.is_universal(tag::UTC_TIME) {
        TAG_UTC_TIME
    } else if tlv.is_universal(tag::GENERALIZED_TIME) {
        TAG_GENERALIZED_TIME
    } else {
        return Err(format!("not a time ({})", tlv.describe_tag()));
    };
    time::parse(tag, tlv.content, Leniency::Ber)
        .and_then(Time::to_datetime)
        .ok_or_else(|| format!("invalid time \"{}\"", text.escape_default()))
}
