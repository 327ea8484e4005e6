//! The one HTTP client of the crate: plain-HTTP GET and POST with every bound a hostile
//! or broken server could test (time, body size, redirects), over `ureq`.
//!
//! Plain HTTP only: what is fetched (CRLs, OCSP responses, time-stamps) is signed and
//! judged by its signature, never by the channel, and the NCA publishes it over http
//! (RFC 5280 §4.2.1.13 and RFC 6960 expect http). Leaving TLS out keeps a whole stack out
//! of what a security review must read; an `https://` URL is refused as such.

use std::time::Duration;

use super::FetchError;

/// The bounds of every request.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Bounds {
    /// The whole exchange: connecting, sending, the answer's headers and body.
    pub(crate) timeout: Duration,
    /// Redirects followed; one more is [`FetchError::Redirects`] (a loop ends here).
    pub(crate) max_redirects: u32,
    /// Largest body read; a larger one is [`FetchError::TooLarge`], refused from its
    /// Content-Length when it states one, else when the bytes read pass it.
    pub(crate) max_body: u64,
}

/// A client with `bounds`.
pub(crate) struct Http {
    agent: ureq::Agent,
    bounds: Bounds,
}

impl Http {
    pub(crate) fn new(bounds: Bounds) -> Http {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(bounds.timeout))
            .max_redirects(bounds.max_redirects)
            .max_redirects_will_error(true)
            .http_status_as_error(false)
            // The environment's proxy is not read: where a CRL comes from is configuration.
            .proxy(None)
            .user_agent(concat!("qoltanba/", env!("CARGO_PKG_VERSION")))
            .build();
        Http {
            agent: config.into(),
            bounds,
        }
    }

    /// GET `url`: the body of a 200 answer.
    pub(crate) fn get(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        check_url(url)?;
        let response = self.agent.get(url).call().map_err(from_ureq)?;
        self.body(response)
    }

    /// POST `body` as `content_type` to `url`: the body of a 200 answer.
    pub(crate) fn post(
        &self,
        url: &str,
        content_type: &str,
        body: &[u8],
    ) -> Result<Vec<u8>, FetchError> {
        check_url(url)?;
        let response = self
            .agent
            .post(url)
            .header("Content-Type", content_type)
            .send(body)
            .map_err(from_ureq)?;
        self.body(response)
    }

    fn body(&self, mut response: ureq::http::Response<ureq::Body>) -> Result<Vec<u8>, FetchError> {
        let status = response.status().as_u16();
        if status != 200 {
            return Err(FetchError::Status(status));
        }
        let limit = self.bounds.max_body;
        if response.body().content_length().is_some_and(|n| n > limit) {
            return Err(FetchError::TooLarge { limit });
        }
        let bytes = response
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(from_ureq)?;
        if bytes.is_empty() {
            return Err(FetchError::Empty);
        }
        Ok(bytes)
    }
}

/// Is `url` one this client fetches (`http://` and a host)?
pub(crate) fn check_url(url: &str) -> Result<(), FetchError> {
    let Some(rest) = url.strip_prefix("http://") else {
        return Err(FetchError::Url(format!(
            "{url}: only http:// URLs are fetched (what is fetched is judged by its signature)"
        )));
    };
    if rest.is_empty() || rest.starts_with('/') || url.len() > super::MAX_URL_LEN {
        return Err(FetchError::Url(format!(
            "{url}: not an http URL with a host"
        )));
    }
    if url.chars().any(|c| c.is_ascii_control() || c == ' ') {
        return Err(FetchError::Url(
            "the URL holds spaces or control characters".into(),
        ));
    }
    Ok(())
}

fn from_ureq(e: ureq::Error) -> FetchError {
    match e {
        ureq::Error::Timeout(_) => FetchError::Timeout,
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => FetchError::Redirects,
        ureq::Error::BodyExceedsLimit(limit) => FetchError::TooLarge { limit },
        ureq::Error::StatusCode(s) => FetchError::Status(s),
        ureq::Error::BadUri(u) => FetchError::Url(u),
        ureq::Error::Io(io) => {
            // The body reader reports its own errors (the limit, a timeout) inside io.
            if io.get_ref().is_some_and(|inner| inner.is::<ureq::Error>()) {
                if let Some(Ok(inner)) = io.into_inner().map(|i| i.downcast::<ureq::Error>()) {
                    return from_ureq(*inner);
                }
                return FetchError::Connection("input/output error".into());
            }
            match io.kind() {
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                    FetchError::Timeout
                }
                _ => FetchError::Connection(io.to_string()),
            }
        }
        other => FetchError::Connection(other.to_string()),
    }
}
