//! The public API, every feature on, as a committed listing (`tests/public-api.txt`): every
//! item a user can name from `qoltanba::`, each public field, variant and inherent method
//! with its signature, and the traits each type implements. A change to the API changes the
//! listing, so it shows in review and is deliberate. After an intended change:
//!
//! ```sh
//! QOLTANBA_BLESS=1 cargo test --all-features --test public_api
//! ```
//!
//! The listing is made from rustdoc's JSON output (`--output-format json`, unstable: the
//! stable toolchain is asked for it with `RUSTC_BOOTSTRAP=1`, as the toolchain has no other
//! way to give it), walked from the crate root through the re-exports, so an item appears
//! under the path a user writes (`qoltanba::Verifier`), not where it is defined.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

const LISTING: &str = "tests/public-api.txt";

#[test]
fn public_api_is_the_committed_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = root.join("target/public-api");
    let status = Command::new(env!("CARGO"))
        .current_dir(root)
        .env("RUSTC_BOOTSTRAP", "1")
        .env_remove("RUSTDOCFLAGS")
        .args(["rustdoc", "-q", "--lib", "--all-features", "--target-dir"])
        .arg(&target)
        .args(["--", "-Z", "unstable-options", "--output-format", "json"])
        .status()
        .expect("cargo rustdoc runs");
    assert!(
        status.success(),
        "cargo rustdoc --output-format json failed"
    );
    let json: Value = serde_json::from_slice(
        &std::fs::read(target.join("doc/qoltanba.json")).expect("rustdoc JSON written"),
    )
    .expect("rustdoc JSON parses");
    let mut api = Api {
        index: &json["index"],
        lines: BTreeSet::new(),
        walked: BTreeSet::new(),
    };
    let root_id = &json["root"];
    api.module(root_id, "qoltanba");
    let mut listing = String::new();
    for line in &api.lines {
        listing.push_str(line);
        listing.push('\n');
    }

    let committed_path = root.join(LISTING);
    if std::env::var_os("QOLTANBA_BLESS").is_some() {
        std::fs::write(&committed_path, &listing).expect("listing written");
        return;
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    if committed != listing {
        let old: BTreeSet<&str> = committed.lines().collect();
        let new: BTreeSet<&str> = listing.lines().collect();
        let mut diff = String::new();
        for l in old.difference(&new) {
            diff.push_str(&format!("- {l}\n"));
        }
        for l in new.difference(&old) {
            diff.push_str(&format!("+ {l}\n"));
        }
        panic!(
            "the public API differs from {LISTING}:\n{diff}\nIf the change is intended: \
             QOLTANBA_BLESS=1 cargo test --all-features --test public_api"
        );
    }
}

struct Api<'a> {
    index: &'a Value,
    lines: BTreeSet<String>,
    /// Modules and types already listed under some path (a type re-exported twice is
    /// listed with its members once per path, but walked once per path only).
    walked: BTreeSet<String>,
}

fn kind(item: &Value) -> &str {
    item["inner"]
        .as_object()
        .and_then(|o| o.keys().next())
        .map(String::as_str)
        .unwrap_or("?")
}

fn id_key(id: &Value) -> String {
    match id {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Api<'_> {
    fn item(&self, id: &Value) -> Option<&Value> {
        self.index.get(id_key(id))
    }

    fn module(&mut self, id: &Value, path: &str) {
        if !self.walked.insert(format!("mod {path}")) {
            return;
        }
        let Some(items) = self
            .item(id)
            .and_then(|m| m["inner"]["module"]["items"].as_array())
        else {
            return;
        };
        for child in items.clone() {
            let Some(item) = self.item(&child).cloned() else {
                continue;
            };
            if item["visibility"] != "public" {
                continue;
            }
            if kind(&item) == "use" {
                let u = &item["inner"]["use"];
                let Some(target) = u.get("id").filter(|t| !t.is_null()) else {
                    // A re-export of another crate's item.
                    self.lines.insert(format!(
                        "use {path}::{} = {}",
                        u["name"].as_str().unwrap_or("?"),
                        u["source"].as_str().unwrap_or("?")
                    ));
                    continue;
                };
                let Some(target_item) = self.item(target).cloned() else {
                    continue;
                };
                if u["is_glob"].as_bool() == Some(true) {
                    self.module(target, path);
                } else {
                    let name = u["name"].as_str().unwrap_or("?");
                    self.named(target, &target_item, &format!("{path}::{name}"));
                }
                continue;
            }
            let name = item["name"].as_str().unwrap_or("?").to_string();
            self.named(&child, &item, &format!("{path}::{name}"));
        }
    }

    fn named(&mut self, id: &Value, item: &Value, path: &str) {
        let k = kind(item);
        match k {
            "module" => {
                self.lines.insert(format!("mod {path}"));
                self.module(id, path);
            }
            "function" => {
                self.lines.insert(format!(
                    "fn {path}{}",
                    signature(&item["inner"]["function"])
                ));
            }
            "constant" => {
                let ty = ty(&item["inner"]["constant"]["type"]);
                self.lines.insert(format!("const {path}: {ty}"));
            }
            "static" => {
                let ty = ty(&item["inner"]["static"]["type"]);
                self.lines.insert(format!("static {path}: {ty}"));
            }
            "type_alias" => {
                let ty = ty(&item["inner"]["type_alias"]["type"]);
                self.lines.insert(format!("type {path} = {ty}"));
            }
            "struct" | "enum" | "trait" | "union" => {
                self.lines.insert(format!(
                    "{k} {path}{}",
                    generics(&item["inner"][k]["generics"])
                ));
                if self.walked.insert(format!("{k} {path}")) {
                    self.members(item, k, path);
                }
            }
            "macro" => {
                self.lines.insert(format!("macro {path}"));
            }
            other => {
                self.lines.insert(format!("{other} {path}"));
            }
        }
    }

    fn members(&mut self, item: &Value, k: &str, path: &str) {
        let inner = &item["inner"][k];
        // Public fields.
        if let Some(fields) = inner["kind"]["plain"]["fields"].as_array() {
            for f in fields {
                if let Some(field) = self.item(f) {
                    if field["visibility"] == "public" {
                        self.lines.insert(format!(
                            "field {path}::{}: {}",
                            field["name"].as_str().unwrap_or("?"),
                            ty(&field["inner"]["struct_field"])
                        ));
                    }
                }
            }
        }
        if inner["kind"]["plain"]["has_stripped_fields"].as_bool() == Some(false)
            && inner["kind"]["plain"]["fields"]
                .as_array()
                .is_some_and(|f| !f.is_empty())
        {
            self.lines
                .insert(format!("fields {path}: all public (constructible)"));
        }
        if item["attrs"].to_string().contains("non_exhaustive") {
            self.lines.insert(format!("non_exhaustive {path}"));
        }
        // Enum variants.
        if let Some(variants) = inner["variants"].as_array() {
            for v in variants {
                if let Some(variant) = self.item(v) {
                    self.lines.insert(format!(
                        "variant {path}::{}",
                        variant["name"].as_str().unwrap_or("?")
                    ));
                }
            }
        }
        // Trait items.
        if k == "trait" {
            if let Some(items) = inner["items"].as_array() {
                for i in items {
                    if let Some(ti) = self.item(i) {
                        let line = match kind(ti) {
                            "function" => format!(
                                "trait-fn {path}::{}{}",
                                ti["name"].as_str().unwrap_or("?"),
                                signature(&ti["inner"]["function"])
                            ),
                            other => format!(
                                "trait-{other} {path}::{}",
                                ti["name"].as_str().unwrap_or("?")
                            ),
                        };
                        self.lines.insert(line);
                    }
                }
            }
            return;
        }
        // Impls: inherent methods with their signatures; traits implemented by name
        // (auto traits and blanket impls left out: they follow from the rest).
        let impls = inner["impls"].as_array().cloned().unwrap_or_default();
        for i in impls {
            let Some(imp) = self.item(&i).cloned() else {
                continue;
            };
            let imp = &imp["inner"]["impl"];
            if imp["is_synthetic"].as_bool() == Some(true) || !imp["blanket_impl"].is_null() {
                continue;
            }
            if let Some(tr) = imp["trait"].as_object() {
                let name = tr.get("path").and_then(Value::as_str).unwrap_or("?");
                let args = tr.get("args").map(generic_args).unwrap_or_default();
                let neg = if imp["is_negative"].as_bool() == Some(true) {
                    "!"
                } else {
                    ""
                };
                self.lines
                    .insert(format!("impl {neg}{name}{args} for {path}"));
                continue;
            }
            for m in imp["items"].as_array().cloned().unwrap_or_default() {
                let Some(method) = self.item(&m) else {
                    continue;
                };
                if method["visibility"] != "public" {
                    continue;
                }
                let name = method["name"].as_str().unwrap_or("?");
                let line = match kind(method) {
                    "function" => format!(
                        "method {path}::{name}{}",
                        signature(&method["inner"]["function"])
                    ),
                    "assoc_const" => format!(
                        "assoc-const {path}::{name}: {}",
                        ty(&method["inner"]["assoc_const"]["type"])
                    ),
                    other => format!("{other} {path}::{name}"),
                };
                self.lines.insert(line);
            }
        }
    }
}

fn generics(g: &Value) -> String {
    let params: Vec<String> = g["params"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter(|p| {
                    // Elided and impl-Trait parameters are not written by the user.
                    !p["kind"]["lifetime"].is_object()
                        || !p["name"].as_str().unwrap_or("'_").starts_with("'_")
                })
                .filter(|p| p["kind"]["type"]["is_synthetic"].as_bool() != Some(true))
                .map(|p| p["name"].as_str().unwrap_or("?").to_string())
                .collect()
        })
        .unwrap_or_default();
    if params.is_empty() {
        String::new()
    } else {
        format!("<{}>", params.join(", "))
    }
}

fn signature(f: &Value) -> String {
    let sig = &f["sig"];
    let inputs: Vec<String> = sig["inputs"]
        .as_array()
        .map(|ins| {
            ins.iter()
                .map(|p| {
                    let name = p[0].as_str().unwrap_or("_");
                    let t = ty(&p[1]);
                    match (name, t.as_str()) {
                        ("self", "Self") => "self".to_string(),
                        ("self", "&Self") => "&self".to_string(),
                        ("self", "&mut Self") => "&mut self".to_string(),
                        _ => format!("{name}: {t}"),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let output = match &sig["output"] {
        Value::Null => String::new(),
        o => format!(" -> {}", ty(o)),
    };
    format!(
        "{}({}){output}",
        generics(&f["generics"]),
        inputs.join(", ")
    )
}

fn generic_args(args: &Value) -> String {
    let Some(a) = args["angle_bracketed"].as_object() else {
        return String::new();
    };
    let mut parts: Vec<String> = a
        .get("args")
        .and_then(Value::as_array)
        .map(|xs| {
            xs.iter()
                .map(|x| {
                    if let Some(t) = x.get("type") {
                        ty(t)
                    } else if let Some(l) = x.get("lifetime") {
                        l.as_str().unwrap_or("'_").to_string()
                    } else if let Some(c) = x.get("const") {
                        c["expr"].as_str().unwrap_or("_").to_string()
                    } else {
                        "_".to_string()
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    if let Some(cs) = a.get("constraints").and_then(Value::as_array) {
        for c in cs {
            let name = c["name"].as_str().unwrap_or("?");
            let t = c["binding"]["equality"]["type"].clone();
            parts.push(format!("{name} = {}", ty(&t)));
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("<{}>", parts.join(", "))
    }
}

fn bounds(bs: &Value) -> String {
    bs.as_array()
        .map(|bs| {
            bs.iter()
                .filter_map(|b| {
                    let tb = b.get("trait_bound")?;
                    Some(format!(
                        "{}{}",
                        tb["trait"]["path"].as_str().unwrap_or("?"),
                        generic_args(&tb["trait"]["args"])
                    ))
                })
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .unwrap_or_default()
}

fn ty(t: &Value) -> String {
    let Some((k, v)) = t.as_object().and_then(|o| o.iter().next()) else {
        return "_".to_string();
    };
    match k.as_str() {
        "resolved_path" => format!(
            "{}{}",
            v["path"].as_str().unwrap_or("?"),
            generic_args(&v["args"])
        ),
        "primitive" | "generic" => v.as_str().unwrap_or("?").to_string(),
        "borrowed_ref" => {
            let m = if v["is_mutable"].as_bool() == Some(true) {
                "mut "
            } else {
                ""
            };
            let l = v["lifetime"]
                .as_str()
                .filter(|l| *l != "'_")
                .map(|l| format!("{l} "))
                .unwrap_or_default();
            format!("&{l}{m}{}", ty(&v["type"]))
        }
        "slice" => format!("[{}]", ty(v)),
        "array" => format!("[{}; {}]", ty(&v["type"]), v["len"].as_str().unwrap_or("_")),
        "tuple" => format!(
            "({})",
            v.as_array()
                .map(|ts| ts.iter().map(ty).collect::<Vec<_>>().join(", "))
                .unwrap_or_default()
        ),
        "impl_trait" => format!("impl {}", bounds(v)),
        "dyn_trait" => format!(
            "dyn {}",
            v["traits"]
                .as_array()
                .map(|ts| ts
                    .iter()
                    .map(|t| format!(
                        "{}{}",
                        t["trait"]["path"].as_str().unwrap_or("?"),
                        generic_args(&t["trait"]["args"])
                    ))
                    .collect::<Vec<_>>()
                    .join(" + "))
                .unwrap_or_default()
        ),
        "qualified_path" => format!(
            "<{}>::{}",
            ty(&v["self_type"]),
            v["name"].as_str().unwrap_or("?")
        ),
        "raw_pointer" => format!("*{}", ty(&v["type"])),
        "function_pointer" => "fn(..)".to_string(),
        other => other.to_string(),
    }
}
