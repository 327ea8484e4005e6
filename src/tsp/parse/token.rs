//! The TimeStampToken: a CMS SignedData whose content is a TSTInfo, signed by the TSA
//! alone.

use super::{malformed, TstInfo};
use crate::ber;
use crate::cms::SignedData;
use crate::error::{Error, Result};
use crate::oid::ID_CT_TST_INFO;
use crate::tsp::limits;

const TOKEN: &str = "TimeStampToken";

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
