//! How a [`Verifier`] is built: its trust material read once, its options, and every
//! CRL's signature checked when it is finished.

use super::*;

/// Verifier configuration beyond trust material.
#[derive(Clone, Copy, Debug)]
pub struct VerifierOptions {
    /// Revocation scope.
    pub revocation_scope: RevocationScope,
    /// Path length and the work of path builds and of one signed document.
    pub limits: Limits,
    /// How fresh an OCSP response must be.
    pub ocsp: OcspPolicy,
    /// Which keys are strong enough to rely on (certificate paths, CRL signers, OCSP
    /// responders).
    pub keys: KeyPolicy,
    /// The oldest a CRL (or delta CRL) may be to prove "not revoked", besides its own
    /// nextUpdate: the NCA's base CRLs run for six months, and a service that wants the
    /// timeliness of its deltas says so here (`None`: nextUpdate alone).
    pub crl_max_age: Option<chrono::Duration>,
}

impl Default for VerifierOptions {
    fn default() -> Self {
        VerifierOptions {
            revocation_scope: RevocationScope::EndEntity,
            limits: Limits::default(),
            ocsp: OcspPolicy::default(),
            keys: KeyPolicy::default(),
            crl_max_age: None,
        }
    }
}

/// Builds a [`Verifier`].
#[derive(Default)]
pub struct VerifierBuilder {
    pub(super) anchors: CertSet,
    pub(super) intermediates: CertSet,
    pub(super) crls: CrlStore,
    pub(super) ocsp: Vec<OcspResponse>,
    pub(super) options: VerifierOptions,
}

/// Most OCSP responses one verifier holds.
pub(crate) const MAX_OCSP_RESPONSES: usize = 10_000;

impl VerifierBuilder {
    /// Add a trust anchor (a root, or an intermediate such as `ҰКО 3.0 (RSA TEST)` whose root
    /// is not published).
    ///
    /// An anchor is trusted as given, not against proof: an anchor that is not a root,
    /// whose issuer another anchor proves, is asked of the CRLs and OCSP responses the
    /// verifier holds as any path certificate is: a proven revocation of it (or of a CA
    /// above it) makes the certificates it vouches for invalid; its key possibly lost at
    /// any date, a hold not proven lifted, or the work budget refusing leave them
    /// indeterminate; a status merely unknown leaves it trusted (reviews 56, 58). A root is
    /// a self-issued anchor its own key verifies (checked once, when the verifier is
    /// built).
    pub fn trust(mut self, cert: Certificate) -> Result<Self> {
        self.anchors.add(cert)?;
        Ok(self)
    }
    /// Add every certificate of a file or folder as a trust anchor. A folder holding no
    /// certificate is [`crate::Error::NothingFound`]: anchors from a wrong or empty folder
    /// are a mistake to report, not a verifier that trusts nothing.
    pub fn trust_path(mut self, path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if self.anchors.add_path(path)? == 0 {
            return Err(crate::input::nothing_found(path, "certificate"));
        }
        Ok(self)
    }
    /// Offer an untrusted certificate for path building.
    pub fn intermediate(mut self, cert: Certificate) -> Result<Self> {
        self.intermediates.add(cert)?;
        Ok(self)
    }
    /// Offer every certificate of a file or folder for path building. A folder holding no
    /// certificate is [`crate::Error::NothingFound`].
    pub fn intermediate_path(mut self, path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if self.intermediates.add_path(path)? == 0 {
            return Err(crate::input::nothing_found(path, "certificate"));
        }
        Ok(self)
    }
    /// Add a CRL (complete or delta).
    pub fn crl(mut self, crl: Crl) -> Result<Self> {
        self.crls.add(crl)?;
        Ok(self)
    }
    /// Add every CRL of a file or folder (DER, PEM or base64). A folder holding no CRL is
    /// [`crate::Error::NothingFound`]: revocation evidence from a wrong or empty folder is
    /// a mistake to report.
    pub fn crl_path(mut self, path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        for file in crate::input::input_files(path, "CRL")? {
            let bytes = crate::input::read_file(&file, crate::input::MAX_CRL_INPUT_LEN)?;
            // Owned: a DER CRL of tens of megabytes is kept in place, not copied.
            for crl in Crl::all_from_owned_input(bytes).map_err(|e| crate::Error::Io {
                path: file.display().to_string(),
                reason: e.to_string(),
            })? {
                self.crls.add(crl)?;
            }
        }
        Ok(self)
    }
    /// Add an OCSP response (RFC 6960). It is consulted for a certificate of the path
    /// whose issuer its CertID names, once its signer is proven authorised and its
    /// signature verifies (see [`OcspResponse::check`]): a fresh "good" proves what a
    /// missing CRL cannot, a "revoked" wins over a CRL that does not list the certificate.
    pub fn ocsp(mut self, response: OcspResponse) -> Result<Self> {
        if self.ocsp.len() >= MAX_OCSP_RESPONSES {
            return Err(crate::Error::TooMany {
                what: "OCSP responses in one verifier",
                limit: MAX_OCSP_RESPONSES,
            });
        }
        self.ocsp.push(response);
        Ok(self)
    }
    /// Add every OCSP response of a file or folder (DER, one response a file). A folder
    /// holding none is [`crate::Error::NothingFound`].
    pub fn ocsp_path(mut self, path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        for file in crate::input::input_files(path, "OCSP response")? {
            let bytes =
                crate::input::read_file(&file, crate::revocation::ocsp::limits::MAX_RESPONSE_LEN)?;
            let response = OcspResponse::from_der(&bytes).map_err(|e| crate::Error::Io {
                path: file.display().to_string(),
                reason: e.to_string(),
            })?;
            self = self.ocsp(response)?;
        }
        Ok(self)
    }
    /// Set the revocation scope.
    pub fn revocation_scope(mut self, scope: RevocationScope) -> Self {
        self.options.revocation_scope = scope;
        self
    }
    /// Set the key policy: [`KeyPolicy::Modern`] by default; [`KeyPolicy::LegacyRsa1024`]
    /// for archives of old signatures (every weak key relied on is then reported).
    pub fn key_policy(mut self, policy: KeyPolicy) -> Self {
        self.options.keys = policy;
        self
    }
    /// Set the maximum age of a CRL that proves "not revoked" (besides its nextUpdate).
    pub fn crl_max_age(mut self, max_age: chrono::Duration) -> Self {
        self.options.crl_max_age = Some(max_age);
        self
    }
    /// Set all options.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.options.limits = limits;
        self
    }

    /// Replace all options at once.
    pub fn options(mut self, options: VerifierOptions) -> Self {
        self.options = options;
        self
    }
    /// Finish: every CRL's signature is checked now against the certificates that may have
    /// signed it, once.
    pub fn build(self) -> Verifier {
        self.crls
            .precheck_signatures(self.anchors.iter().chain(self.intermediates.iter()));
        let mut ocsp_by_serial: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        for (i, response) in self.ocsp.iter().enumerate() {
            for single in response.responses() {
                let held = ocsp_by_serial
                    .entry(crate::certificate::serial_key(&single.cert_id.serial).to_vec())
                    .or_default();
                if held.last() != Some(&i) {
                    held.push(i);
                }
            }
        }
        let mut cache = SignatureCache::default();
        cache.check_self_issued(self.anchors.iter());
        Verifier {
            anchors: self.anchors,
            intermediates: self.intermediates,
            crls: self.crls,
            ocsp: self.ocsp,
            ocsp_by_serial,
            cache,
            keys: crate::key_cache::KeyCache::default(),
            options: self.options,
        }
    }
}
