//! OCSP in the service (`--ocsp-url`, [`ServerConfig::ocsp`]): when the CRLs leave a
//! certificate's status unknown, the responder is asked, and the request is judged again
//! with its answer.
//!
//! Only certificates whose path to a configured anchor verifies are asked about, at the
//! responder configured or else the one their authorityInfoAccess names (a URL a CA signed
//! in, never one a client made up). At most four a request. The answer is judged by the
//! verifier as any OCSP response: its signer proven, its freshness checked; the client
//! checks the nonce and that it speaks of the certificate, and keeps fresh answers. A
//! responder that fails leaves the verdict as the CRLs made it (status unknown, never
//! valid). The question is asked on the judging thread, within the request's time bound.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::ServerConfig;
use crate::certificate::Certificate;
use crate::condition::Verifier;
use crate::fetch::{Locations, OcspClient};
use crate::verdict::{CheckName, Judged as _, Outcome, Verdict};

/// Most certificates of one request asked about.
const MAX_ASKED: usize = 4;

/// The OCSP client of a service and its configured responder.
pub(super) struct OcspSource {
    pub(super) client: OcspClient,
    /// Asked for every certificate; `None`: each certificate's own (authorityInfoAccess).
    pub(super) responder: Option<String>,
}

/// Is `verdict`'s revocation status unknown (the case OCSP may settle)?
pub(super) fn status_unknown(verdict: &Verdict) -> bool {
    verdict
        .check(CheckName::Revocation)
        .is_some_and(|c| c.outcome() == Outcome::Unknown)
}

impl ServerConfig {
    /// `verifier` with the OCSP answers about `certs` added, when the service has OCSP and
    /// at least one answer could be had; `None` otherwise.
    pub(super) fn with_ocsp(
        &self,
        verifier: &Verifier,
        certs: &[&Certificate],
        at: DateTime<Utc>,
    ) -> Option<Arc<Verifier>> {
        let source = self.ocsp.as_ref()?;
        let now = (self.clock)();
        let mut answers = Vec::new();
        for cert in certs.iter().take(MAX_ASKED) {
            if cert.basic_constraints().is_some_and(|b| b.ca) {
                continue;
            }
            let Some(url) = source
                .responder
                .clone()
                .or_else(|| Locations::of(cert).ocsp.into_iter().next())
            else {
                continue;
            };
            let Ok(path) = verifier.build_path(cert, at) else {
                continue;
            };
            let Some(issuer) = path.certificates().get(1) else {
                continue;
            };
            if let Ok(answer) = source.client.status(&url, cert, issuer, now) {
                answers.push(answer);
            }
        }
        if answers.is_empty() {
            return None;
        }
        verifier.with_ocsp_responses(answers).ok().map(Arc::new)
    }
}
