//! Keys as requests bring them (NCANode's `SignerRequest`: a base64 PKCS#12 and its
//! password, or a key store of the service): opened within one key-derivation budget per
//! request, paired with their certificate only when proven, and judged fit to sign before
//! any signing route uses them.

use std::sync::Arc;

use serde::{Deserialize, Deserializer};
use zeroize::Zeroizing;

use super::{base64_field, Failure, ServerConfig};
use crate::certificate::Certificate;
use crate::condition::{Expectation, Purpose};
use crate::keys::{KdfBudget, KeyBundle, Pairing};
use crate::verdict::{Judged as _, Overall};

/// A secret of a request (a password), zeroized on drop.
pub(super) struct Secret(pub(super) Zeroizing<String>);

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Secret, D::Error> {
        String::deserialize(d).map(|s| Secret(Zeroizing::new(s)))
    }
}

/// NCANode's `SignerRequest`, and `keyStore`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct SignerRequest {
    #[serde(default)]
    pub(super) key: Option<Secret>,
    #[serde(default)]
    pub(super) password: Option<Secret>,
    #[serde(default)]
    pub(super) key_alias: Option<String>,
    #[serde(default)]
    pub(super) key_store: Option<String>,
    #[serde(default)]
    pub(super) reference_uri: Option<String>,
}

/// Most keys one request may open.
pub(super) const MAX_SIGNERS: usize = 4;

/// Most key-derivation work the containers one request opens may cost together, in the
/// units of [`crate::keys::MAX_KDF_WORK`]: that same bound, of one container (about two
/// seconds of one core). Each container is bounded by it already; without a bound of the
/// request, one of [`MAX_SIGNERS`] containers each just under it cost four times as much
/// (review 27: 6.7 s for 16 KB of request). Containers as written cost a thousandth of it
/// (NCA's about 16,000 units), so four of them, or of OpenSSL's, pass far below it.
pub(super) const MAX_REQUEST_KDF_WORK: u64 = crate::keys::MAX_KDF_WORK;

/// The key-derivation budget of one request: every container it opens is charged to it,
/// and a derivation that would exceed [`MAX_REQUEST_KDF_WORK`] is refused (400) before it
/// is done.
pub(super) fn request_kdf_budget(config: &ServerConfig) -> KdfBudget {
    KdfBudget::new(config.kdf_work_per_request)
}

impl SignerRequest {
    /// The key and its certificate, proven or not: a configured key store's, or from the
    /// PKCS#12 (decoded into a zeroized buffer), its work charged to `budget`.
    fn open(
        &self,
        config: &ServerConfig,
        what: &str,
        budget: &KdfBudget,
    ) -> Result<Opened, Failure> {
        open_pairing(
            config,
            KeyRef::of(&self.key, &self.password, &self.key_alias, &self.key_store),
            what,
            budget,
        )
    }
}

/// A key a request names, opened.
#[derive(Clone)]
pub(super) enum Opened {
    /// A key proven to be its certificate's (a key store's or a container's whose public
    /// key is the certificate's).
    Proven(Arc<KeyBundle>),
    /// A key that cannot be shown to be the certificate's beside it (a container's of a
    /// GOST curve the library does not know, a key store's that is another key): the
    /// certificate, a claim, and why it is not proven. Described by `/pkcs12/info`, never vouched for, never used.
    Unproven {
        certificate: Certificate,
        reason: String,
    },
}

impl Opened {
    /// The key, when it is proven; else a 400 saying why it is not.
    fn proven(self) -> Result<Arc<KeyBundle>, Failure> {
        match self {
            Opened::Proven(bundle) => Ok(bundle),
            Opened::Unproven { reason, .. } => Err(crate::Error::Unsupported(reason).into()),
        }
    }
}

/// The key a request names: a PKCS#12 it carries (`key`, `password`, `keyAlias`), or a
/// key store of the service (`keyStore`).
pub(super) struct KeyRef<'a> {
    key: Option<&'a Secret>,
    password: Option<&'a Secret>,
    alias: Option<&'a str>,
    store: Option<&'a str>,
}

impl<'a> KeyRef<'a> {
    /// From a request's `key`, `password`, `keyAlias` and `keyStore` fields.
    pub(super) fn of(
        key: &'a Option<Secret>,
        password: &'a Option<Secret>,
        alias: &'a Option<String>,
        store: &'a Option<String>,
    ) -> KeyRef<'a> {
        KeyRef {
            key: key.as_ref(),
            password: password.as_ref(),
            alias: alias.as_deref(),
            store: store.as_deref(),
        }
    }
}

/// Longest `keyAlias` read (an alias is at most `keys::MAX_ALIAS_CHARS` characters).
pub(super) const MAX_ALIAS_LEN: usize = 1024;

/// Longest `password` read (the CLI reads a password file of at most 64 KiB; NCA's are
/// short).
pub(super) const MAX_PASSWORD_LEN: usize = 4096;

/// The key `key` names, and its certificate. `keyStore`: the service's key store of that
/// name (with neither `key`, `password` nor `keyAlias`). Otherwise the key named `alias`
/// (none, or empty: the container's only key) from the base64 PKCS#12 `key` (decoded into
/// a zeroized buffer) and its `password`. `what` names the object holding the fields in a
/// 400 (`signers[0]`), empty for the request's own fields. The container's key derivations
/// are charged to `budget`, the request's ([`request_kdf_budget`]). A key not proven to
/// be its certificate's is a 400.
pub(super) fn open_key(
    config: &ServerConfig,
    key: KeyRef<'_>,
    what: &str,
    budget: &KdfBudget,
) -> Result<Arc<KeyBundle>, Failure> {
    open_pairing(config, key, what, budget)?.proven()
}

/// As [`open_key`], a key not proven to be its certificate's given as such.
pub(super) fn open_pairing(
    config: &ServerConfig,
    key: KeyRef<'_>,
    what: &str,
    budget: &KdfBudget,
) -> Result<Opened, Failure> {
    let field = |name: &str| {
        if what.is_empty() {
            name.to_string()
        } else {
            format!("{what}.{name}")
        }
    };
    let whole = if what.is_empty() { "the request" } else { what };
    let alias = key.alias.filter(|a| !a.is_empty());
    if let Some(name) = key.store {
        if key.key.is_some() || key.password.is_some() || alias.is_some() {
            return Err(Failure::bad_request(format!(
                "{whole}: keyStore names a key of the service; key, password and keyAlias are for a key sent"
            )));
        }
        // The name is the client's own text; it is not repeated.
        return config.key_stores.get(name).cloned().ok_or_else(|| {
            Failure::bad_request(format!(
                "{}: the service has no key store of that name",
                field("keyStore")
            ))
        });
    }
    let (Some(der), Some(password)) = (key.key, key.password) else {
        return Err(Failure::bad_request(format!(
            "{whole}: key and password (a base64 PKCS#12), or keyStore"
        )));
    };
    // Each key derivation of a PKCS#12 hashes the whole password (the file's iteration
    // counts are bounded, its password's length is the client's): a request of megabytes
    // of password would cost seconds.
    if password.0.len() > MAX_PASSWORD_LEN {
        return Err(Failure::bad_request(format!(
            "{}: at most {MAX_PASSWORD_LEN} octets",
            field("password")
        )));
    }
    if alias.is_some_and(|a| a.len() > MAX_ALIAS_LEN) {
        return Err(Failure::bad_request(format!(
            "{}: at most {MAX_ALIAS_LEN} octets",
            field("keyAlias")
        )));
    }
    let der = Zeroizing::new(base64_field(&der.0, &field("key"))?);
    let keys = crate::keys::Pkcs12Keys::read(&der, password.0.as_bytes(), Some(budget))?;
    let pairing = keys.pair(alias)?.ok_or_else(|| {
        // The alias is the client's own text, not a secret; it is not repeated.
        Failure::bad_request(format!(
            "{}: the container has no key under that alias (/pkcs12/aliases lists them)",
            field("keyAlias")
        ))
    })?;
    Ok(match pairing {
        Pairing::Proven(bundle) => Opened::Proven(Arc::new(bundle)),
        Pairing::Unproven {
            certificate,
            reason,
        } => Opened::Unproven {
            certificate,
            reason,
        },
    })
}

/// Refuses to sign with the key of `bundle` when the service would itself judge its
/// certificate invalid at its clock for `purpose` (expired, not yet valid, revoked, not a
/// key for that use): the client would be handed a signature that fails, and not be told.
/// What the service cannot prove (no trust anchor or CRL of the key's CA) does not stop the
/// signature: its verifier judges that. `what` names the key in the 400.
pub(super) fn fit_to_sign(
    config: &ServerConfig,
    bundle: &KeyBundle,
    purpose: Purpose,
    what: &str,
) -> Result<(), Failure> {
    fit_to_sign_at(config, bundle, purpose, what, None)
}

/// [`fit_to_sign`], and also at `dated`, the time the signature will say it was made when
/// the request names one (an output document's date): a key not valid then would sign a
/// document whose date its own certificate refutes.
pub(super) fn fit_to_sign_at(
    config: &ServerConfig,
    bundle: &KeyBundle,
    purpose: Purpose,
    what: &str,
    dated: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<(), Failure> {
    let now = (config.clock)();
    for at in std::iter::once(now).chain(dated.filter(|d| *d != now)) {
        fit_at(config, bundle, purpose, what, at, at == now)?;
    }
    Ok(())
}

/// The judgement of [`fit_to_sign`] at `at` (`now`: the service's clock).
fn fit_at(
    config: &ServerConfig,
    bundle: &KeyBundle,
    purpose: Purpose,
    what: &str,
    at: chrono::DateTime<chrono::Utc>,
    now: bool,
) -> Result<(), Failure> {
    let expect = Expectation::at(at).purpose(purpose);
    let Ok(verdict) = config.judge_with_ocsp(|verifier| {
        Ok::<_, std::convert::Infallible>(verifier.check_certificate_with(
            &bundle.certificate,
            &expect,
            &bundle.chain,
        ))
    });
    if verdict.overall() != Overall::Invalid {
        return Ok(());
    }
    let why = verdict
        .refusal()
        .map(|r| r.ru().to_string())
        .unwrap_or_default();
    let whole = if what.is_empty() { "the key" } else { what };
    let when = if now {
        "now".to_string()
    } else {
        format!("at {}", at.to_rfc3339())
    };
    Err(Failure::bad_request(format!(
        "{whole}: its certificate (serial {}) cannot sign {when}: {why}",
        bundle.certificate.serial_hex()
    )))
}

/// Every key of `signers` opened (as [`open_all`]), each refused unless its certificate is
/// fit to sign for `purpose` ([`fit_to_sign`]).
pub(super) fn open_signers<'a>(
    config: &ServerConfig,
    signers: impl ExactSizeIterator<Item = &'a SignerRequest>,
    purpose: Purpose,
) -> Result<Vec<Arc<KeyBundle>>, Failure> {
    let bundles = open_all(config, signers)?;
    for (i, b) in bundles.iter().enumerate() {
        fit_to_sign(config, b, purpose, &format!("signers[{i}]"))?;
    }
    Ok(bundles)
}

/// Every key of `signers` opened, before any is used (a wrong password costs no
/// signature), all charged to one key-derivation budget ([`MAX_REQUEST_KDF_WORK`]): 1 to
/// [`MAX_SIGNERS`]. `field` names the list in a 400 (`signers`, `keys`).
pub(super) fn open_each<'a>(
    config: &ServerConfig,
    signers: impl ExactSizeIterator<Item = &'a SignerRequest>,
    field: &str,
) -> Result<Vec<Opened>, Failure> {
    if signers.len() == 0 || signers.len() > MAX_SIGNERS {
        return Err(Failure::bad_request(format!(
            "{field}: 1 to {MAX_SIGNERS} keys"
        )));
    }
    let budget = request_kdf_budget(config);
    signers
        .enumerate()
        .map(|(i, s)| s.open(config, &format!("{field}[{i}]"), &budget))
        .collect()
}

/// Every key of `signers` opened (as [`open_each`]), each proven to be its certificate's.
pub(super) fn open_all<'a>(
    config: &ServerConfig,
    signers: impl ExactSizeIterator<Item = &'a SignerRequest>,
) -> Result<Vec<Arc<KeyBundle>>, Failure> {
    open_each(config, signers, "signers")?
        .into_iter()
        .map(Opened::proven)
        .collect()
}
