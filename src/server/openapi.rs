//! `GET /openapi.json`: the OpenAPI 3 description of every route the service serves
//! (NCANode's, the library's own `/v1/...`, `/metrics` and this one), with their request
//! and response shapes and where they differ from NCANode's.
//!
//! The document is a committed file (`src/server/openapi.json`), embedded as it is. JSON
//! rather than YAML: served as written, read by any client without another parser. A test
//! holds it to the router: every `.route(...)` registered in the server's source is in the
//! document, every path of the document is registered and answered (not 404 / 405), and
//! every schema it refers to is defined; a route added without its description fails it.

use axum::http::header::{HeaderName, CONTENT_TYPE};
use axum::routing::get;
use axum::Router;

use super::ServerConfig;

/// The document, as committed.
const DOCUMENT: &str = include_str!("openapi.json");

pub(super) fn routes() -> Router<std::sync::Arc<ServerConfig>> {
    Router::new().route("/openapi.json", get(document))
}

async fn document() -> ([(HeaderName, &'static str); 1], &'static str) {
    ([(CONTENT_TYPE, "application/json")], served())
}

/// The document as this build serves it: the routes of features left out of the build
/// (a path's `x-qoltanba-feature`) are taken out, so it describes exactly what answers.
fn served() -> &'static str {
    static SERVED: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SERVED.get_or_init(|| {
        let Ok(mut doc) = serde_json::from_str::<serde_json::Value>(DOCUMENT) else {
            return DOCUMENT.to_string();
        };
        if let Some(paths) = doc["paths"].as_object_mut() {
            paths.retain(|_, item| match item["x-qoltanba-feature"].as_str() {
                Some("pdf") => cfg!(feature = "pdf"),
                Some(_) => false,
                None => true,
            });
        }
        serde_json::to_string_pretty(&doc).unwrap_or_else(|_| DOCUMENT.to_string())
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::Arc;

    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use tower::ServiceExt as _;

    use super::*;

    const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];

    /// The server's source files, its folders' (`jwt/`, ...) included.
    fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// (method, path) of every `.route("path", method(...))` in the server's source files.
    fn registered() -> BTreeSet<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/server");
        let mut files = Vec::new();
        sources(&dir, &mut files);
        let mut out = BTreeSet::new();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let calls: Vec<&str> = text.split(".route(").skip(1).collect();
            for call in calls {
                // A registration's path is a literal; anything else (this file's own
                // mentions) is not one.
                let Some(rest) = call.trim_start().strip_prefix("\"/") else {
                    continue;
                };
                let (route, after) = rest.split_once('"').unwrap();
                let route = format!("/{route}");
                // The method: the first `get(` / `post(` ... after the path, not part of a
                // longer name.
                let method = METHODS
                    .iter()
                    .filter_map(|m| {
                        let pat = format!("{m}(");
                        after.match_indices(&pat).find_map(|(i, _)| {
                            let before = after[..i].chars().last();
                            (!before.is_some_and(|c| c.is_alphanumeric() || c == '_'))
                                .then_some((i, *m))
                        })
                    })
                    .min()
                    .map(|(_, m)| m)
                    .unwrap_or_else(|| panic!("{}: no method for {route}", path.display()));
                out.insert((method.to_string(), route));
            }
        }
        out
    }

    fn document_json() -> serde_json::Value {
        serde_json::from_str(DOCUMENT).unwrap()
    }

    /// (method, path) of every operation of the document.
    fn described() -> BTreeSet<(String, String)> {
        let doc = document_json();
        let mut out = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                if method.starts_with("x-") {
                    continue;
                }
                assert!(METHODS.contains(&method.as_str()), "{path}: {method}");
                out.insert((method.clone(), path.clone()));
            }
        }
        out
    }

    #[test]
    fn the_document_describes_exactly_the_routes_registered() {
        let registered = registered();
        assert!(registered.len() >= 19, "{registered:?}");
        let described = described();
        let missing: Vec<_> = registered.difference(&described).collect();
        let extra: Vec<_> = described.difference(&registered).collect();
        assert!(
            missing.is_empty(),
            "served, not in openapi.json: {missing:?}"
        );
        assert!(extra.is_empty(), "in openapi.json, not served: {extra:?}");
    }

    #[test]
    fn every_schema_referred_to_is_defined() {
        let doc = document_json();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        fn refs(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    if let Some(serde_json::Value::String(r)) = m.get("$ref") {
                        out.push(r.clone());
                    }
                    m.values().for_each(|v| refs(v, out));
                }
                serde_json::Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
                _ => {}
            }
        }
        let mut found = Vec::new();
        refs(&doc, &mut found);
        assert!(!found.is_empty());
        for r in found {
            let name = r.strip_prefix("#/components/schemas/").unwrap();
            assert!(schemas.contains_key(name), "{r} is not defined");
        }
    }

    /// Every operation described is answered by the router (not 404 nor 405), and the
    /// document is served as committed.
    #[tokio::test]
    async fn every_route_described_is_answered() {
        let verifier = crate::condition::Verifier::builder().build();
        let at: chrono::DateTime<chrono::Utc> = "2026-11-23T00:00:00Z".parse().unwrap();
        let config = ServerConfig::new(Arc::new(verifier), Arc::new(move || at));
        let answered: serde_json::Value = serde_json::from_str(served()).unwrap();
        for (method, path) in described() {
            if !answered["paths"][&path].is_object() {
                continue; // a route of a feature this build leaves out
            }
            let request = Request::builder()
                .method(method.to_uppercase().as_str())
                .uri(&path)
                .header("content-type", "application/json")
                .body(Body::from("{}"))
                .unwrap();
            let response = super::super::router(config.clone())
                .oneshot(request)
                .await
                .unwrap();
            let status = response.status();
            assert!(
                status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}: {status}"
            );
            if path == "/openapi.json" {
                use http_body_util::BodyExt as _;
                let body = response.into_body().collect().await.unwrap().to_bytes();
                assert_eq!(&body[..], served().as_bytes());
            }
        }
    }
}
