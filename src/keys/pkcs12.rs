//! PKCS#12 (RFC 7292) files as NCA RK and OpenSSL write them.
//!
//! NCA's: password integrity with an HMAC-SHA-1 MAC (PKCS#12 KDF, ID 3), the key in a
//! pkcs8ShroudedKeyBag under pbeWithSHAAnd3-KeyTripleDES-CBC, the certificates in an
//! encryptedData content under pbeWithSHAAnd40BitRC2-CBC, BER with indefinite lengths.
//! OpenSSL 3's defaults: PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC) and an HMAC-SHA-256 MAC.
//!
//! The MAC is checked before anything is decrypted: a wrong password is
//! [`Error::WrongPassword`]`("PKCS#12")`. Sizes, bag counts, nesting and iteration counts are
//! bounded.

use zeroize::Zeroizing;

use super::pbe::{self, Password};
use super::pkcs8;
use crate::ber::{self, tag, AlgId, Tlv};
use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::oid::{
    ATTR_FRIENDLY_NAME, ATTR_LOCAL_KEY_ID, BAG_CERT, BAG_KEY, BAG_SAFE_CONTENTS, BAG_SHROUDED_KEY,
    CERT_TYPE_X509, ID_DATA, ID_ENCRYPTED_DATA, ID_ENVELOPED_DATA, ID_SIGNED_DATA,
};

/// Largest PKCS#12 file accepted.
pub const MAX_PKCS12_LEN: usize = 8 * 1024 * 1024;
/// Most safe bags (of all kinds) read from one file.
pub const MAX_BAGS: usize = 1024;
/// Most certificates read from one file.
pub const MAX_CERTIFICATES: usize = 256;
/// Most private keys read from one file.
pub const MAX_KEYS: usize = 16;
/// Most contents in the AuthenticatedSafe.
const MAX_CONTENTS: usize = 64;
/// Deepest nesting of safeContentsBag.
const MAX_BAG_NESTING: usize = 4;
/// Most UTF-16 units of a friendlyName read: a name, not a payload (the rest is not
/// decoded).
const MAX_FRIENDLY_NAME_UNITS: usize = 1024;

const WHAT: &str = "PKCS#12";

/// A private key found in the file: its PrivateKeyInfo DER and attributes.
pub(crate) struct KeyEntry {
    pub pkcs8: Zeroizing<Vec<u8>>,
    pub local_key_id: Option<Vec<u8>>,
    /// The friendlyName, at most [`MAX_FRIENDLY_NAME_UNITS`] UTF-16 units of it.
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    pub friendly_name: Option<String>,
}

/// A certificate found in the file.
pub(crate) struct CertEntry {
    pub certificate: Certificate,
    pub local_key_id: Option<Vec<u8>>,
}

/// Everything read from a PKCS#12 file.
#[derive(Default)]
pub(crate) struct Contents {
    pub keys: Vec<KeyEntry>,
    pub certs: Vec<CertEntry>,
}

struct State<'p> {
    password: &'p Password<'p>,
    /// Whether a MAC proved the password; without one, decryption failures are taken as a
    /// wrong password.
    mac_verified: bool,
    bags: usize,
    out: Contents,
}

/// Read a PKCS#12 file with `password`, its key derivations charged to `budget` too when
/// one is given (the readings of one request share one: [`pbe::KdfBudget`]).
pub(crate) fn parse(
    bytes: &[u8],
    password: &[u8],
    budget: Option<&pbe::KdfBudget>,
) -> Result<Contents> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    if bytes.len() > MAX_PKCS12_LEN {
        return Err(Error::TooLarge {
            what: "PKCS#12 file",
            len: bytes.len(),
            limit: MAX_PKCS12_LEN,
        });
    }
    let password = Password::within(password, budget);
    let pfx = Tlv::read_exact(bytes, WHAT)?;
    let mut seq = pfx.sequence(WHAT)?;
    let version = seq.next("version")?.uint_u64(WHAT)?;
    if version != 3 {
        return Err(Error::Unsupported(format!("PKCS#12 version {version}")));
    }
    let auth_safe = seq.next("authSafe")?;
    let mac_data = seq.next_opt()?;
    seq.finish()?;

    let (content_type, content) = content_info(&auth_safe)?;
    match content_type.as_str() {
        ID_DATA => {}
        ID_SIGNED_DATA => {
            return Err(Error::Unsupported(
                "PKCS#12 with public-key integrity (signedData)".into(),
            ))
        }
        o => {
            return Err(ber::malformed(
                WHAT,
                format!("authSafe of content type {o}"),
            ))
        }
    }
    let content = content.ok_or_else(|| ber::malformed(WHAT, "authSafe without content"))?;
    let data = content.secret_octets(WHAT)?;

    let mac_verified = match &mac_data {
        Some(mac) => {
            if !pbe::verify_pkcs12_mac(mac, &data, &password)? {
                return Err(Error::WrongPassword(WHAT));
            }
            true
        }
        None => false,
    };

    let mut state = State {
        password: &password,
        mac_verified,
        bags: 0,
        out: Contents::default(),
    };
    let safe = Tlv::read_exact(&data, WHAT)?;
    let mut contents = safe.sequence(WHAT)?;
    let mut n = 0usize;
    while let Some(ci) = contents.next_opt()? {
        n += 1;
        if n > MAX_CONTENTS {
            return Err(Error::TooMany {
                what: "PKCS#12 contents",
                limit: MAX_CONTENTS,
            });
        }
        state.read_content(&ci)?;
    }
    Ok(state.out)
}

/// ContentInfo { contentType OID, content [0] EXPLICIT ANY OPTIONAL }.
fn content_info<'a>(tlv: &Tlv<'a>) -> Result<(String, Option<Tlv<'a>>)> {
    let mut seq = tlv.sequence(WHAT)?;
    let content_type = seq.next("contentType")?.oid(WHAT)?;
    let content = match seq.next_if_context(0)? {
        Some(c) => Some(c.explicit_inner(WHAT)?),
        None => None,
    };
    seq.finish()?;
    Ok((content_type, content))
}

impl State<'_> {
    fn read_content(&mut self, ci: &Tlv<'_>) -> Result<()> {
        let (content_type, content) = content_info(ci)?;
        let content = content.ok_or_else(|| ber::malformed(WHAT, "content without a value"))?;
        match content_type.as_str() {
            ID_DATA => {
                let data = content.secret_octets(WHAT)?;
                self.read_safe_contents(&data, 0)
            }
            ID_ENCRYPTED_DATA => {
                let plain = self.decrypt_encrypted_data(&content)?;
                self.read_safe_contents(&plain, 0).map_err(|e| {
                    if self.mac_verified {
                        e
                    } else {
                        Error::WrongPassword(WHAT)
                    }
                })
            }
            ID_ENVELOPED_DATA => Err(Error::Unsupported(
                "PKCS#12 with public-key privacy (envelopedData)".into(),
            )),
            o => Err(Error::Unsupported(format!("PKCS#12 content type {o}"))),
        }
    }

    /// EncryptedData { version, EncryptedContentInfo { contentType, contentEncryptionAlgorithm,
    /// encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL }, [1] unprotectedAttrs OPTIONAL }.
    fn decrypt_encrypted_data(&self, content: &Tlv<'_>) -> Result<Zeroizing<Vec<u8>>> {
        let mut seq = content.sequence(WHAT)?;
        let _version = seq.next("version")?.uint_u64(WHAT)?;
        let eci = seq.next("encryptedContentInfo")?;
        let mut e = eci.sequence(WHAT)?;
        let inner_type = e.next("contentType")?.oid(WHAT)?;
        if inner_type != ID_DATA {
            return Err(ber::malformed(
                WHAT,
                format!("encrypted content of type {inner_type}"),
            ));
        }
        let alg = AlgId::read(&e.next("contentEncryptionAlgorithm")?, WHAT)?;
        let encrypted = e
            .next_if_context(0)?
            .ok_or_else(|| ber::malformed(WHAT, "encryptedData without encryptedContent"))?;
        e.finish()?;
        let ciphertext = encrypted.secret_octets_any_tag(WHAT)?;
        pbe::decrypt(&alg, self.password, &ciphertext, WHAT).map_err(|e| self.decrypt_error(e))
    }

    fn decrypt_error(&self, e: Error) -> Error {
        match e {
            Error::WrongPassword(_) => Error::WrongPassword(WHAT),
            e => e,
        }
    }

    /// SafeContents ::= SEQUENCE OF SafeBag.
    fn read_safe_contents(&mut self, der: &[u8], depth: usize) -> Result<()> {
        if depth > MAX_BAG_NESTING {
            return Err(ber::malformed(WHAT, "safe contents nested too deeply"));
        }
        let top = Tlv::read_exact(der, WHAT)?;
        let mut bags = top.sequence(WHAT)?;
        while let Some(bag) = bags.next_opt()? {
            self.bags += 1;
            if self.bags > MAX_BAGS {
                return Err(Error::TooMany {
                    what: "PKCS#12 bags",
                    limit: MAX_BAGS,
                });
            }
            self.read_bag(&bag, depth)?;
        }
        Ok(())
    }

    /// SafeBag { bagId OID, bagValue [0] EXPLICIT ANY, bagAttributes SET OF OPTIONAL }.
    fn read_bag(&mut self, bag: &Tlv<'_>, depth: usize) -> Result<()> {
        let mut seq = bag.sequence(WHAT)?;
        let bag_id = seq.next("bagId")?.oid(WHAT)?;
        let value = seq
            .next_if_context(0)?
            .ok_or_else(|| ber::malformed(WHAT, "bag without a value"))?
            .explicit_inner(WHAT)?;
        let attrs = match seq.next_if(tag::SET)? {
            Some(set) => Attributes::read(&set)?,
            None => Attributes::default(),
        };
        seq.finish()?;
        match bag_id.as_str() {
            BAG_KEY => self.push_key(Zeroizing::new(value.raw.to_vec()), attrs),
            BAG_SHROUDED_KEY => {
                let plain = pkcs8::decrypt_epki(value.raw, self.password, WHAT)
                    .map_err(|e| self.decrypt_error(e))?;
                // Without a MAC, a wrong password can leave valid padding over garbage
                // (about once in 256 tries): garbage is a wrong password too.
                if !self.mac_verified && pkcs8::parse_key_info(&plain).is_err() {
                    return Err(Error::WrongPassword(WHAT));
                }
                self.push_key(plain, attrs)
            }
            BAG_CERT => {
                let mut c = value.sequence(WHAT)?;
                let cert_type = c.next("certId")?.oid(WHAT)?;
                let cert_value = c
                    .next_if_context(0)?
                    .ok_or_else(|| ber::malformed(WHAT, "certBag without a value"))?
                    .explicit_inner(WHAT)?;
                c.finish()?;
                if cert_type != CERT_TYPE_X509 {
                    return Ok(()); // SDSI certificates: not used here.
                }
                let der = cert_value.secret_octets(WHAT)?;
                if self.out.certs.len() >= MAX_CERTIFICATES {
                    return Err(Error::TooMany {
                        what: "certificates in a PKCS#12 file",
                        limit: MAX_CERTIFICATES,
                    });
                }
                let certificate = Certificate::from_der(&der)?;
                self.out.certs.push(CertEntry {
                    certificate,
                    local_key_id: attrs.local_key_id,
                });
                Ok(())
            }
            BAG_SAFE_CONTENTS => self.read_safe_contents(value.raw, depth + 1),
            // crlBag, secretBag and unknown bags carry nothing needed here.
            _ => Ok(()),
        }
    }

    fn push_key(&mut self, pkcs8: Zeroizing<Vec<u8>>, attrs: Attributes) -> Result<()> {
        if self.out.keys.len() >= MAX_KEYS {
            return Err(Error::TooMany {
                what: "private keys in a PKCS#12 file",
                limit: MAX_KEYS,
            });
        }
        self.out.keys.push(KeyEntry {
            pkcs8,
            local_key_id: attrs.local_key_id,
            friendly_name: attrs.friendly_name,
        });
        Ok(())
    }
}

/// The bag attributes used here.
#[derive(Default)]
struct Attributes {
    local_key_id: Option<Vec<u8>>,
    friendly_name: Option<String>,
}

impl Attributes {
    /// SET OF PKCS12Attribute { attrId OID, attrValues SET OF ANY }.
    fn read(set: &Tlv<'_>) -> Result<Attributes> {
        let mut out = Attributes::default();
        let mut attrs = set.set(WHAT)?;
        let mut n = 0;
        while let Some(attr) = attrs.next_opt()? {
            n += 1;
            if n > 64 {
                return Err(Error::TooMany {
                    what: "bag attributes",
                    limit: 64,
                });
            }
            let mut a = attr.sequence(WHAT)?;
            let id = a.next("attrId")?.oid(WHAT)?;
            let mut values = a.next("attrValues")?.set(WHAT)?;
            a.finish()?;
            let Some(first) = values.next_opt()? else {
                continue;
            };
            match id.as_str() {
                ATTR_LOCAL_KEY_ID => out.local_key_id = Some(first.secret_octets(WHAT)?.to_vec()),
                // A BMPString of an odd length is no name: left out, as a name of another
                // type is (the key opens without it).
                ATTR_FRIENDLY_NAME
                    if first.is_universal(tag::BMP_STRING)
                        && !first.constructed
                        && first.content.len() % 2 == 0 =>
                {
                    let units: Vec<u16> = first
                        .content
                        .chunks_exact(2)
                        .take(MAX_FRIENDLY_NAME_UNITS)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect();
                    let name = String::from_utf16_lossy(&units);
                    out.friendly_name = Some(name.trim_end_matches('\0').to_string());
                }
                _ => {}
            }
        }
        Ok(out)
    }
}
