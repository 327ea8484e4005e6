//! A PKCS#12's key paired with its certificate: the key an alias names (or the only one),
//! and the certificate it is proven to be (its public key computed from the private key and
//! compared); the others are the chain. A key that cannot be shown to be any certificate's
//! is never presented as one's.

use super::*;

/// A private key with its certificate and the other certificates that came with it.
#[derive(Debug)]
pub struct KeyBundle {
    /// The private key.
    pub key: SigningKey,
    /// The certificate of the key.
    pub certificate: Certificate,
    /// The other certificates of the file (CA certificates, usually), in file order.
    pub chain: Vec<Certificate>,
}

/// Open a PKCS#12 file (`.p12` / `.pfx`) with `password`.
///
/// The file must hold exactly one private key. Its certificate is the one whose public key
/// equals the key's (for a GOST key, `d·G`); the other certificates are the chain. A key
/// that cannot be shown to be any certificate's is refused: a GOST key on a curve the
/// library does not know ([`Error::Unsupported`]), or on one it knows with a scalar out of
/// range ([`Error::MalformedDer`]). A wrong password is
/// [`Error::WrongPassword`]`("PKCS#12")`.
pub fn open_pkcs12(bytes: &[u8], password: &[u8]) -> Result<KeyBundle> {
    // The only key: `bundle(None)` refuses none or several, so `None` cannot come back.
    Pkcs12Keys::read(bytes, password, None)?
        .bundle(None)?
        .ok_or_else(|| Error::MalformedDer {
            what: "PKCS#12",
            reason: "no private key in the file".into(),
        })
}

/// A PKCS#12 file opened with its password: its private keys, each under its alias, not yet
/// read as keys (the HTTP service lists the aliases, or opens the key one names;
/// [`open_pkcs12`] opens the only one).
pub(crate) struct Pkcs12Keys {
    contents: pkcs12::Contents,
}

/// Longest alias handed out, in characters: NCA's are 40 (a hex localKeyId), OpenSSL's a
/// name. A longer friendlyName is cut here, so an answer never carries a container's
/// megabytes back.
#[cfg_attr(not(feature = "server"), allow(dead_code))]
pub(crate) const MAX_ALIAS_CHARS: usize = 256;

impl Pkcs12Keys {
    /// Read `bytes` with `password` (the same reading, bounds and errors as
    /// [`open_pkcs12`]), its key derivations charged to `budget` too, when given: the
    /// HTTP service's requests charge all the containers they open to one.
    pub(crate) fn read(
        bytes: &[u8],
        password: &[u8],
        budget: Option<&KdfBudget>,
    ) -> Result<Pkcs12Keys> {
        Ok(Pkcs12Keys {
            contents: pkcs12::parse(bytes, password, budget)?,
        })
    }

    /// The alias of each private key, in file order, as a Java key store names the entry
    /// (NCANode lists them so): the key bag's friendlyName; without one, its localKeyId in
    /// lowercase hex (NCA's containers carry both, the friendlyName being that same hex);
    /// without either, the key's position from 1 (Java's name for an unnamed entry). At
    /// most [`MAX_ALIAS_CHARS`] characters each.
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    pub(crate) fn aliases(&self) -> Vec<String> {
        self.contents
            .keys
            .iter()
            .enumerate()
            .map(|(i, k)| alias(k, i))
            .collect()
    }

    /// The key and its certificate (as [`open_pkcs12`] pairs them): the key named `alias`,
    /// or, for `None`, the only key. `Ok(None)`: no key has that alias. Two keys under the
    /// one alias, or no alias named in a file of several keys, is an error: which key was
    /// meant cannot be told; so is a key not proven to be any certificate's
    /// ([`Pairing::Unproven`]).
    pub(crate) fn bundle(self, alias_wanted: Option<&str>) -> Result<Option<KeyBundle>> {
        match self.pair(alias_wanted)? {
            None => Ok(None),
            Some(Pairing::Proven(bundle)) => Ok(Some(bundle)),
            Some(Pairing::Unproven { reason, .. }) => Err(Error::Unsupported(reason)),
        }
    }

    /// The key named `alias` (the only key, for `None`) and the certificate it is paired
    /// with, proven or not: as [`Pkcs12Keys::bundle`], except that a key on a GOST curve the
    /// library does not know gives the certificate the container holds for it, unproven, to
    /// be described and never vouched for (`/pkcs12/info`).
    pub(crate) fn pair(self, alias_wanted: Option<&str>) -> Result<Option<Pairing>> {
        let Pkcs12Keys { mut contents } = self;
        let index = match alias_wanted {
            None => match contents.keys.len() {
                1 => 0,
                0 => {
                    return Err(Error::MalformedDer {
                        what: "PKCS#12",
                        reason: "no private key in the file".into(),
                    })
                }
                n => {
                    return Err(Error::Unsupported(format!(
                        "PKCS#12 with {n} private keys (one is expected when no alias is named)"
                    )))
                }
            },
            Some(wanted) => {
                let found: Vec<usize> = (0..contents.keys.len())
                    .filter(|&i| alias(&contents.keys[i], i) == wanted)
                    .collect();
                match found.as_slice() {
                    [] => return Ok(None),
                    [i] => *i,
                    _ => {
                        return Err(Error::Unsupported(
                            "PKCS#12 with several private keys under the alias named".into(),
                        ))
                    }
                }
            }
        };
        let entry = contents.keys.swap_remove(index);
        pair(entry, contents.certs).map(Some)
    }
}

/// The alias of the key `entry`, the `index`th of its file (see [`Pkcs12Keys::aliases`]).
#[cfg_attr(not(feature = "server"), allow(dead_code))]
pub(super) fn alias(entry: &pkcs12::KeyEntry, index: usize) -> String {
    let name = match (&entry.friendly_name, &entry.local_key_id) {
        (Some(n), _) if !n.is_empty() => n.clone(),
        (_, Some(id)) if !id.is_empty() => {
            use std::fmt::Write as _;
            id.iter()
                .take(MAX_ALIAS_CHARS / 2)
                .fold(String::new(), |mut s, b| {
                    let _ = write!(s, "{b:02x}");
                    s
                })
        }
        _ => (index + 1).to_string(),
    };
    name.chars().take(MAX_ALIAS_CHARS).collect()
}

/// A private key of a PKCS#12 file and the certificate it goes with, as far as that is
/// proven.
pub(crate) enum Pairing {
    /// The certificate's public key is the key's, compared by value (`d·G` for GOST).
    Proven(KeyBundle),
    /// The key is on a GOST parameter set the library does not know: its public key cannot
    /// be computed, so no certificate can be shown to be its (the NCA may issue curves the
    /// library does not implement: the container is read, never vouched for). `certificate`
    /// is the one the container names for the key (the same localKeyId, else its only
    /// end-entity certificate), a claim of the container's; `reason` says why it is not
    /// proven. The key, which cannot sign, is not kept.
    Unproven {
        /// The certificate the container names for the key, unproven.
        #[cfg_attr(not(feature = "server"), allow(dead_code))]
        certificate: Certificate,
        /// Why the key is not proven to be the certificate's.
        reason: String,
    },
}

/// The key of `entry` and, among `certs`, its certificate; the others are the chain.
///
/// A key is paired with a certificate by value only: its public key (for GOST, `d·G`) must
/// be the certificate's. A GOST key on a known curve whose scalar is out of range
/// (`d = 0`, `d >= q`) is no key: refused, whatever certificate the container puts beside
/// it (review 27: `d = 2^512 - 1` under a stranger's localKeyId). A key on a curve the
/// library does not know is [`Pairing::Unproven`].
pub(super) fn pair(entry: pkcs12::KeyEntry, certs: Vec<pkcs12::CertEntry>) -> Result<Pairing> {
    let key = pkcs8::signing_key_from_info(pkcs8::parse_key_info(&entry.pkcs8)?)?;
    let by_id = |candidates: &[usize]| -> Option<usize> {
        let id = entry.local_key_id.as_deref()?;
        candidates
            .iter()
            .copied()
            .find(|&i| certs[i].local_key_id.as_deref() == Some(id))
    };

    if let Some(g) = key.gost().filter(|g| g.curve().is_none()) {
        let reason = format!(
            "GOST parameter set {}: the library does not know its curve, so the key cannot be \
             shown to be any certificate's key",
            g.params_oid
        );
        let all: Vec<usize> = (0..certs.len()).collect();
        let chosen = match by_id(&all) {
            Some(i) => i,
            None => {
                let mut end_entities = (0..certs.len()).filter(|&i| !certs[i].certificate.is_ca());
                match (end_entities.next(), end_entities.next()) {
                    (Some(i), None) => i,
                    _ => {
                        return Err(Error::MalformedDer {
                            what: "PKCS#12",
                            reason: "cannot tell which certificate belongs to the private key"
                                .into(),
                        })
                    }
                }
            }
        };
        let certificate = certs
            .into_iter()
            .nth(chosen)
            .map(|c| c.certificate)
            .ok_or_else(|| Error::MalformedDer {
                what: "PKCS#12",
                reason: "no certificate".into(),
            })?;
        return Ok(Pairing::Unproven {
            certificate,
            reason,
        });
    }
    // A known curve: the scalar must be a key's (`1 <= d < q`), else nothing is paired.
    if let Some(g) = key.gost() {
        g.signer()?;
    }

    let by_key: Vec<usize> = (0..certs.len())
        .filter(|&i| key.matches(&certs[i].certificate))
        .collect();
    let Some(&first) = by_key.first() else {
        return Err(Error::MalformedDer {
            what: "PKCS#12",
            reason: "no certificate in the file matches the private key".into(),
        });
    };
    let chosen = by_id(&by_key).unwrap_or(first);
    let mut certificate = None;
    let mut chain = Vec::with_capacity(certs.len().saturating_sub(1));
    for (i, c) in certs.into_iter().enumerate() {
        if i == chosen {
            certificate = Some(c.certificate);
        } else {
            chain.push(c.certificate);
        }
    }
    let certificate = certificate.ok_or_else(|| Error::MalformedDer {
        what: "PKCS#12",
        reason: "no certificate".into(),
    })?;
    Ok(Pairing::Proven(KeyBundle {
        key,
        certificate,
        chain,
    }))
}
