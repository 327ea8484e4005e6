//! NCANode's own contract (`../shared/ncanode/openapi.yml`) against the service, for RSA
//! (the test PKI), GOST 2015 and GOST 2004 (the real NCA test material): every request
//! is built to NCANode's request schema and checked against it before it is sent; every
//! answer is checked against NCANode's response schema (types, and no field NCANode does
//! not have), and its verdict against what the material must give.
#![cfg(feature = "server")]

mod common;

use base64::Engine as _;
use serde_json::{json, Value};

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .expect("base64")
}

/// Fields the service adds to NCANode's answers, each documented in the compatibility
/// table (`server::ncanode`, `server::signing`): (route, field).
const EXTRAS: &[(&str, &str)] = &[
    // The content is handed out only when the CMS is valid: `valid` says which.
    ("/cms/extract", "response.valid"),
    // The header and payload are handed out only when the token is proven: `valid` says
    // so (NCANode's current code answers it too; its published schema lacks it).
    ("/jwt/decode", "response.valid"),
    // A signature over an earlier revision vouches for that revision only: the answer says
    // which signatures cover the file as it stands (tests/pades_review.rs).
    ("/pdf/verify", "response.signers[0].coversWholeDocument"),
    // Whether the container's key is proven to be the certificate's (its public key
    // computed from the private one): a key on a GOST curve the library does not know is
    // not, and its certificate is not vouched for (tests/keys_review27.rs).
    ("/pkcs12/info", "response.signers[0].keyProven"),
];

/// NCANode's OpenAPI document.
struct Contract(Value);

impl Contract {
    fn load() -> Option<Contract> {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ncanode/openapi.yml");
        let text = std::fs::read_to_string(&path).ok()?;
        Some(Contract(
            serde_yaml_ng::from_str(&text).expect("NCANode's OpenAPI is YAML"),
        ))
    }

    fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.rsplit('/').next().unwrap_or_default();
                &self.0["components"]["schemas"][name]
            }
            None => schema,
        }
    }

    /// The request and 200 response schemas of `POST route`.
    fn schemas(&self, route: &str) -> (&Value, &Value) {
        let op = &self.0["paths"][route]["post"];
        assert!(op.is_object(), "{route} is not in NCANode's contract");
        let request = &op["requestBody"]["content"]["application/json"]["schema"];
        let response = &op["responses"]["200"]["content"]["*/*"]["schema"];
        (self.resolve(request), self.resolve(response))
    }

    /// What in `value` does not fit `schema` (`at`: where, for the message).
    fn check(&self, value: &Value, schema: &Value, at: &str, errors: &mut Vec<String>) {
        let schema = self.resolve(schema);
        if value.is_null() {
            return; // absent or null: NCANode's Jackson writes either
        }
        let kind = schema.get("type").and_then(Value::as_str);
        let fits = match kind {
            Some("string") => value.is_string(),
            Some("integer") => value.is_i64() || value.is_u64(),
            Some("boolean") => value.is_boolean(),
            Some("array") => value.is_array(),
            Some("object") | None => value.is_object(),
            Some(_) => true,
        };
        if !fits {
            errors.push(format!("{at}: {value} is not {kind:?}"));
            return;
        }
        if let (Some(allowed), Some(s)) =
            (schema.get("enum").and_then(Value::as_array), value.as_str())
        {
            if !allowed.iter().any(|a| a == s) {
                errors.push(format!("{at}: {s:?} is not one of {allowed:?}"));
            }
        }
        if let Some(items) = value.as_array() {
            for (i, item) in items.iter().enumerate() {
                self.check(item, &schema["items"], &format!("{at}[{i}]"), errors);
            }
        }
        if let Some(object) = value.as_object() {
            let properties = schema.get("properties").and_then(Value::as_object);
            if let Some(required) = schema.get("required").and_then(Value::as_array) {
                for r in required.iter().filter_map(Value::as_str) {
                    if object.get(r).is_none_or(Value::is_null) {
                        errors.push(format!("{at}.{r}: required, absent"));
                    }
                }
            }
            match properties {
                Some(properties) => {
                    for (k, v) in object {
                        match properties.get(k) {
                            Some(s) => self.check(v, s, &format!("{at}.{k}"), errors),
                            None => errors.push(format!("{at}.{k}: not in NCANode's schema")),
                        }
                    }
                }
                // A free-form object (additionalProperties): its values' kinds only.
                None => {
                    if let Some(extra) =
                        schema.get("additionalProperties").filter(|e| e.is_object())
                    {
                        for (k, v) in object {
                            self.check(v, extra, &format!("{at}.{k}"), errors);
                        }
                    }
                }
            }
        }
    }
}

/// The service, with NCANode's schemas checked on every exchange.
struct Service(common::service::Service);

impl Service {
    fn start(verifier: qoltanba::Verifier, at: &str) -> Service {
        Service(common::service::Service::start(verifier, at))
    }

    /// `POST route` with `body`, both checked against NCANode's schemas: (status, answer).
    fn post(&self, contract: &Contract, route: &str, body: Value) -> (u16, Value) {
        let (request_schema, response_schema) = contract.schemas(route);
        let mut errors = Vec::new();
        contract.check(&body, request_schema, "request", &mut errors);
        assert!(
            errors.is_empty(),
            "{route}: our request is not NCANode's: {errors:?}"
        );
        let (status, answer) = self.0.post(route, &body.to_string());
        if status == 200 {
            let mut errors = Vec::new();
            contract.check(&answer, response_schema, "response", &mut errors);
            errors.retain(|e| {
                !EXTRAS.iter().any(|(r, field)| {
                    *r == route && e == &format!("{field}: not in NCANode's schema")
                })
            });
            assert!(
                errors.is_empty(),
                "{route}: the answer is not NCANode's: {errors:?}\n{answer}"
            );
            assert_eq!(answer["status"], 200, "{route}: {answer}");
        } else {
            // NCANode's error shape: {status, message}.
            assert_eq!(answer["status"], status, "{route}: {answer}");
            assert!(answer["message"].is_string(), "{route}: {answer}");
        }
        (status, answer)
    }
}

/// Signing material: a PKCS#12, its certificate, and whether JWT applies (RSA only).
struct Keys {
    p12: Vec<u8>,
    cert: Vec<u8>,
    jwt: bool,
}

/// Every route that takes and gives NCANode's shapes, with `keys`, for `label`.
fn every_route(contract: &Contract, service: &Service, keys: &Keys, label: &str) {
    let signer = json!({"key": b64(&keys.p12), "password": "Qwerty12"});
    let valid = |(status, answer): (u16, Value), route: &str| {
        assert_eq!(status, 200, "{label} {route}: {answer}");
        assert_eq!(answer["valid"], true, "{label} {route}: {answer}");
        answer
    };

    valid(
        service.post(
            contract,
            "/x509/info",
            json!({"certs": [b64(&keys.cert)], "revocationCheck": ["CRL"]}),
        ),
        "/x509/info",
    );
    let (_, info) = service.post(contract, "/pkcs12/info", json!({"keys": [signer]}));
    assert_eq!(info["valid"], true, "{label}: {info}");
    let (status, aliases) = service.post(contract, "/pkcs12/aliases", json!({"keys": [signer]}));
    assert_eq!(status, 200, "{label}: {aliases}");
    assert_eq!(
        aliases["aliases"].as_array().map(Vec::len),
        Some(1),
        "{label}: {aliases}"
    );

    // CMS: sign, verify, extract, add a signer.
    let data = b"{\"iin\":\"123456789011\",\"service\":\"test\"}";
    let (status, signed) = service.post(
        contract,
        "/cms/sign",
        json!({"data": b64(data), "signers": [signer], "withTsp": false}),
    );
    assert_eq!(status, 200, "{label}: {signed}");
    let cms = signed["cms"].as_str().expect("cms").to_string();
    let verified = valid(
        service.post(
            contract,
            "/cms/verify",
            json!({"cms": cms, "revocationCheck": ["OCSP", "CRL"]}),
        ),
        "/cms/verify",
    );
    assert_eq!(verified["signers"].as_array().map(Vec::len), Some(1));
    let (status, extracted) = service.post(contract, "/cms/extract", json!({"cms": cms}));
    assert_eq!(status, 200, "{label}: {extracted}");
    assert_eq!(unb64(extracted["data"].as_str().expect("data")), data);
    let (status, added) = service.post(
        contract,
        "/cms/sign/add",
        json!({"cms": cms, "signers": [signer]}),
    );
    assert_eq!(status, 200, "{label}: {added}");
    let both = valid(
        service.post(contract, "/cms/verify", json!({"cms": added["cms"]})),
        "/cms/verify (two signers)",
    );
    assert_eq!(both["signers"].as_array().map(Vec::len), Some(2));
    // A changed content byte: never valid.
    let mut tampered = unb64(&cms);
    if let Some(i) = tampered.windows(4).position(|w| w == b"test") {
        tampered[i] ^= 1;
    }
    let (_, r) = service.post(contract, "/cms/verify", json!({"cms": b64(&tampered)}));
    assert_ne!(r["valid"], true, "{label}: tampered CMS: {r}");

    // XML and SOAP.
    let (status, xml) = service.post(
        contract,
        "/xml/sign",
        json!({"xml": "<request><iin>123456789011</iin></request>", "signers": [signer]}),
    );
    assert_eq!(status, 200, "{label}: {xml}");
    valid(
        service.post(contract, "/xml/verify", json!({"xml": xml["xml"]})),
        "/xml/verify",
    );
    let soap = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><m>1</m></soap:Body></soap:Envelope>";
    let (status, wsse) = service.post(
        contract,
        "/wsse/sign",
        json!({"xml": soap, "key": b64(&keys.p12), "password": "Qwerty12"}),
    );
    assert_eq!(status, 200, "{label}: {wsse}");
    valid(
        service.post(contract, "/wsse/verify", json!({"xml": wsse["xml"]})),
        "/wsse/verify",
    );

    // PDF: sign a PDF another producer wrote (an incremental update), verify it.
    let pdf = std::fs::read(common::pki("../pdf/xref-stream.pdf")).expect("the PDF fixture");
    let (status, signed_pdf) = service.post(
        contract,
        "/pdf/sign",
        json!({"pdf": b64(&pdf), "signers": [{"signer": signer, "reason": "Өтініш / Заявление"}]}),
    );
    assert_eq!(status, 200, "{label}: {signed_pdf}");
    let verified = valid(
        service.post(contract, "/pdf/verify", json!({"pdf": signed_pdf["pdf"]})),
        "/pdf/verify",
    );
    assert_eq!(
        verified["signers"].as_array().map(Vec::len),
        Some(1),
        "{verified}"
    );
    let mut appended = unb64(signed_pdf["pdf"].as_str().expect("pdf"));
    appended.extend_from_slice(b"\n% appended after the signature\n");
    let (_, r) = service.post(contract, "/pdf/verify", json!({"pdf": b64(&appended)}));
    assert_eq!(r["valid"], false, "{label}: bytes after the signature: {r}");

    // The raw signature check, with a signature the library makes with the key.
    let bundle = qoltanba::keys::open_pkcs12(&keys.p12, b"Qwerty12").expect("the key");
    let message = "to be signed";
    let signature = bundle.key.sign(message.as_bytes()).expect("a signature");
    valid(
        service.post(
            contract,
            "/x509/verify",
            json!({"certificate": b64(&keys.cert), "signature": b64(&signature), "data": message}),
        ),
        "/x509/verify",
    );
    let (_, r) = service.post(
        contract,
        "/x509/verify",
        json!({"certificate": b64(&keys.cert), "signature": b64(&signature), "data": "something else"}),
    );
    assert_eq!(r["valid"], false, "{label}: another message: {r}");

    // JWT: RS256 for RSA keys; NCANode's GOST JWTs are refused, not guessed.
    let jwt = json!({"jwt": {"header": {"alg": "RS256", "typ": "JWT"}, "payload": {"sub": "123456789011"}}, "key": b64(&keys.p12), "password": "Qwerty12"});
    let (status, encoded) = service.post(contract, "/jwt/encode", jwt);
    if keys.jwt {
        assert_eq!(status, 200, "{label}: {encoded}");
        let (status, decoded) = service.post(
            contract,
            "/jwt/decode",
            json!({"jwt": encoded["jwt"], "key": b64(&keys.cert)}),
        );
        assert_eq!(status, 200, "{label}: {decoded}");
    } else {
        assert_eq!(status, 400, "{label}: {encoded}");
    }
}

fn verifier(
    trust: &[&std::path::Path],
    intermediate: &[&std::path::Path],
    crl: &[&std::path::Path],
) -> qoltanba::Verifier {
    let mut b = qoltanba::Verifier::builder();
    for p in trust {
        b = b.trust_path(p).expect("trust");
    }
    for p in intermediate {
        b = b.intermediate_path(p).expect("intermediate");
    }
    for p in crl {
        b = b.crl_path(p).expect("crl");
    }
    b.build()
}

#[test]
#[cfg_attr(qoltanba_no_shared, ignore = "../shared is absent")]
fn rsa_gost_2015_and_gost_2004_in_ncanode_shapes() {
    let Some(contract) = Contract::load() else {
        common::shared("ncanode");
        return;
    };
    let pki = common::pki;
    // RSA: the project's test PKI.
    let rsa = Service::start(
        verifier(
            &[&pki("root.cer")],
            &[&pki("nca_rsa.cer")],
            &[&pki("nca_rsa_current.crl")],
        ),
        "2026-11-23T00:00:00Z",
    );
    let keys = Keys {
        p12: std::fs::read(pki("individual_sign.p12")).expect("p12"),
        cert: std::fs::read(pki("individual_sign.cer")).expect("cert"),
        jwt: true,
    };
    every_route(&contract, &rsa, &keys, "RSA");

    let Some(shared) = common::shared("nca-test-pki") else {
        return;
    };
    // GOST 2015/512: the NCA's test kit.
    let g = |f: &str| shared.join("gost2015").join(f);
    let gost = Service::start(
        verifier(
            &[&g("root_test_gost_2022.cer")],
            &[&g("nca_gost2022_test.cer")],
            &[&g("nca_gost2022_test.crl")],
        ),
        "2026-11-23T00:00:00Z",
    );
    let p12 = std::fs::read(g("individual_valid.p12")).expect("p12");
    let bundle = qoltanba::keys::open_pkcs12(&p12, b"Qwerty12").expect("the NCA key");
    let keys = Keys {
        cert: bundle.certificate.der().to_vec(),
        p12,
        jwt: false,
    };
    every_route(&contract, &gost, &keys, "GOST 2015");

    // GOST 34.310-2004: no key is published; its certificate and a Kalkan XML signature.
    let o = |f: &str| shared.join(f);
    let old = Service::start(
        verifier(
            &[&o("gost2004/nca_gost_test.crt")],
            &[],
            &[&o("gost2004/nca_gost_test.crl")],
        ),
        "2022-06-01T00:00:00Z",
    );
    let cert = std::fs::read(o("gost2004/ceo_sign_2022.cer")).expect("cert");
    let (status, r) = old.post(&contract, "/x509/info", json!({"certs": [b64(&cert)]}));
    assert_eq!((status, &r["valid"]), (200, &json!(true)), "{r}");
    assert_eq!(r["signers"][0]["subject"]["bin"], "123456789021", "{r}");
    let xml = std::fs::read_to_string(o("xml/gost2004_org_2020.xml")).expect("xml");
    let (status, r) = old.post(&contract, "/xml/verify", json!({"xml": xml}));
    // Signed in 2020; the 2022 CRL cannot prove its status then, and the service judges
    // at its clock (2022), past the signer's certificate: never valid, always the shape.
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["valid"], false, "{r}");
}

/// Fields of NCANode's request schemas the service's own OpenAPI document (the schemas
/// its routes read, `src/server/openapi.json`) leaves out on purpose: (route, field).
const NOT_READ: &[(&str, &str)] = &[];

/// Every field NCANode's request schemas define, at any depth (nested objects and array
/// items), is one the service reads for that route: a client sending a field NCANode
/// takes (`detached` on `/cms/sign` was one) must not get a 400 for a field the service
/// does not know. The service's document is checked against its routes by its own tests
/// (`server::openapi`); this compares it with NCANode's.
#[test]
#[cfg_attr(qoltanba_no_shared, ignore = "../shared is absent")]
fn every_field_ncanode_reads_is_read_by_the_service() {
    let Some(contract) = Contract::load() else {
        common::shared("ncanode");
        return;
    };
    let ours = Contract(
        serde_json::from_str(
            &std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/server/openapi.json"),
            )
            .expect("the service's OpenAPI document"),
        )
        .expect("JSON"),
    );
    /// The property names of `schema`, with their paths, at any depth.
    fn fields(c: &Contract, schema: &Value, at: &str, out: &mut Vec<String>, depth: usize) {
        let schema = c.resolve(schema);
        if depth > 8 {
            return;
        }
        if let Some(items) = schema.get("items") {
            fields(c, items, &format!("{at}[]"), out, depth + 1);
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                let here = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                out.push(here.clone());
                fields(c, v, &here, out, depth + 1);
            }
        }
    }
    let mut missing = Vec::new();
    let paths = contract.0["paths"].as_object().expect("NCANode's paths");
    for (route, item) in paths {
        let Some(request) = item
            .get("post")
            .map(|op| &op["requestBody"]["content"]["application/json"]["schema"])
            .filter(|s| !s.is_null())
        else {
            continue;
        };
        let mut theirs = Vec::new();
        fields(&contract, request, "", &mut theirs, 0);
        let our_request = &ours.0["paths"][route.as_str()]["post"]["requestBody"]["content"]
            ["application/json"]["schema"];
        assert!(
            !our_request.is_null(),
            "{route}: NCANode's route has no request schema in the service's document"
        );
        let mut read = Vec::new();
        fields(&ours, our_request, "", &mut read, 0);
        for f in theirs {
            if !read.contains(&f) && !NOT_READ.contains(&(route.as_str(), f.as_str())) {
                missing.push(format!("{route}: {f}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "fields NCANode reads that the service does not: {missing:#?}"
    );
}
