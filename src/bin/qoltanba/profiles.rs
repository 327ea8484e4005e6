//! `qoltanba profiles list [--json]`, `qoltanba profiles show ID [--json]`,
//! `qoltanba profiles schema ID [--xsd]`: the embedded
//! regulation profiles as data. Under `--json` each profile is the library's own
//! serialisation of `profiles::Profile` (its decree reference included), a line each, with
//! `"schema": 1`; in words, what a provider checks against its decree.

use std::fmt::Write;

use clap::{Args, Subcommand};
use qoltanba::profiles::{ActRef, Profile, RegulationCheck};

use crate::args::Json;
use crate::error::{self, Failure};
use crate::exit;

#[derive(Subcommand)]
pub enum ProfilesCommand {
    /// The embedded profiles: id, service, region and approving decree, a line each.
    List(ListArgs),
    /// One profile in full: its decree, provider, channels, condition, refusal and
    /// request form.
    Show(ShowArgs),
    /// The request form of a profile as a JSON Schema (or, with --xsd, an XML Schema): the
    /// request document `verify --profile` reads the IIN/BIN from.
    Schema(SchemaArgs),
}

#[derive(Args)]
pub struct SchemaArgs {
    /// The profile's id.
    #[arg(value_name = "ID")]
    pub id: String,
    /// An XML Schema (XSD 1.0) of the XML request instead of the JSON Schema.
    #[arg(long)]
    pub xsd: bool,
    /// Which of the service's request forms (1: the main one; some services have one per
    /// kind of application, see `profiles show`).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub form: u32,
}

#[derive(Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub output: Json,
}

#[derive(Args)]
pub struct ShowArgs {
    /// The profile's id (e.g. vko-archive-certificate; `profiles list` names them).
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub output: Json,
}

pub fn run(cmd: ProfilesCommand) -> u8 {
    match cmd {
        ProfilesCommand::List(a) => error::finish(a.output.json, list(a.output.json)),
        ProfilesCommand::Show(a) => error::finish(a.output.json, show(&a)),
        ProfilesCommand::Schema(a) => error::finish(false, schema(&a)),
    }
}

/// The embedded profile `id`, or the usage error naming the ids there are (shared by every
/// command that takes a profile).
pub fn find(id: &str) -> Result<&'static Profile, Failure> {
    Profile::by_id(id).ok_or_else(|| {
        let ids: Vec<&str> = Profile::all().iter().map(|p| p.id.as_str()).collect();
        Failure::usage(format!(
            "no profile {id:?}; the profiles are: {}",
            ids.join(", ")
        ))
    })
}

fn list(json: bool) -> Result<u8, Failure> {
    for p in Profile::all() {
        if json {
            outln!("{}", crate::report::json(None, p));
            continue;
        }
        let decree = match &p.decree_ref {
            Some(d) => format!("{} No. {} of {}", d.issuer, d.number, d.date),
            None => p.decree.clone(),
        };
        outln!(
            "{}: {} ({}){}; {decree}",
            p.id,
            p.title_en,
            p.region,
            if p.requires_eds() {
                ""
            } else {
                ", no EDS step"
            }
        );
    }
    Ok(exit::VALID)
}

fn show(args: &ShowArgs) -> Result<u8, Failure> {
    let p = find(&args.id)?;
    if args.output.json {
        outln!("{}", crate::report::json(None, p));
    } else {
        out!("{}", describe(p));
    }
    Ok(exit::VALID)
}

/// " (translated)" after a Russian value the decree texts do not print; " (placeholder)"
/// after a value that is not the decree's.
fn mark(p: &Profile, field: &str) -> &'static str {
    let placeholder = match field {
        "refusal.ru" => "refusal",
        "official_refusal.ru" => "official_refusal",
        other => other,
    };
    if p.is_translated(field) {
        " (translated)"
    } else if p.is_placeholder(placeholder) {
        " (placeholder)"
    } else {
        ""
    }
}

fn act(a: &ActRef) -> String {
    match &a.what {
        Some(w) => format!("{} No. {}: {w}", a.date, a.number),
        None => format!("{} No. {}", a.date, a.number),
    }
}

/// The profile in words, a fact a line.
fn describe(p: &Profile) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}: {} ({})", p.id, p.title_en, p.region);
    let _ = writeln!(s, "  title (kk): {}", p.title_kk);
    let _ = writeln!(s, "  title (ru): {}{}", p.title_ru, mark(p, "title_ru"));
    let _ = writeln!(s, "  decree: {}", p.decree);
    if let Some(d) = &p.decree_ref {
        let _ = writeln!(
            s,
            "    {}, {} No. {}: {}",
            d.issuer, d.date, d.number, d.citation_kk
        );
        let _ = writeln!(
            s,
            "    registered {} No. {} by the {}: {}",
            d.registered, d.registration_number, d.registered_by, d.registration_kk
        );
        if let Some(r) = &d.repealed_by {
            let _ = writeln!(s, "    repealed by {}", act(r));
        }
    }
    for a in &p.amended_by {
        let _ = writeln!(s, "    regulation amended by {}", act(a));
    }
    let pairs = [
        ("provider", &p.provider, &p.provider_kk),
        (
            "information_system",
            &p.information_system,
            &p.information_system_kk,
        ),
        (
            "signing_subdivision",
            &p.signing_subdivision,
            &p.signing_subdivision_kk,
        ),
    ];
    for (field, ru, kk) in pairs {
        let label = field.replace('_', " ");
        if let Some(kk) = kk {
            let _ = writeln!(s, "  {label} (kk): {kk}");
        }
        let _ = writeln!(s, "  {label} (ru): {ru}{}", mark(p, field));
    }
    if !p.requires_eds() {
        let _ = writeln!(
            s,
            "  no EDS step: `verify --profile` answers that there is no signature to check"
        );
    } else {
        let _ = writeln!(s, "  channels (who certifies: the signatures, in order):");
        for c in &p.channels {
            let sigs: Vec<&str> = c.signatures.iter().map(|r| r.as_str()).collect();
            let _ = writeln!(
                s,
                "    {}: {}",
                c.certified_by.as_str(),
                sigs.join(", then ")
            );
        }
        let roles: Vec<String> = p.official_roles.iter().map(|r| format!("{r:?}")).collect();
        let _ = writeln!(
            s,
            "  an official is proven by the role: {}",
            roles.join(", ")
        );
        let _ = writeln!(
            s,
            "  identity: {}",
            serde_json::to_string(&p.identity)
                .unwrap_or_default()
                .trim_matches('"')
        );
        let names = |checks: &[RegulationCheck]| {
            checks
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(s, "  checks stated: {}", names(&p.checks));
        let unstated = p.not_stated();
        if !unstated.is_empty() {
            let _ = writeln!(
                s,
                "  not stated: {} (unstated_checks: {})",
                names(&unstated),
                serde_json::to_string(&p.unstated_checks)
                    .unwrap_or_default()
                    .trim_matches('"')
            );
        }
        if let Some(c) = &p.condition_kk {
            let _ = writeln!(s, "  condition (kk): {c}");
        }
    }
    let _ = writeln!(s, "  refusal (kk): {}", p.refusal.kk);
    let _ = writeln!(
        s,
        "  refusal (ru): {}{}",
        p.refusal.ru,
        mark(p, "refusal.ru")
    );
    let _ = writeln!(s, "  refusal (en): {}", p.refusal.en);
    if let Some(r) = &p.official_refusal {
        let _ = writeln!(s, "  refusal to sign, an official's EDS (kk): {}", r.kk);
        let _ = writeln!(
            s,
            "  refusal to sign, an official's EDS (ru): {}{}",
            r.ru,
            mark(p, "official_refusal.ru")
        );
        let _ = writeln!(s, "  refusal to sign, an official's EDS (en): {}", r.en);
    }
    for (f, n) in p.request_form.iter().chain(&p.more_request_forms).zip(1..) {
        let _ = writeln!(
            s,
            "  request form {n}: {}{} (`profiles schema {} --form {n}` gives it as XSD or JSON Schema)",
            f.appendix_kk
                .as_deref()
                .or(f.cited_kk.as_deref())
                .unwrap_or("-"),
            if f.printed {
                ""
            } else {
                " (not printed in the decree: the fields are read from its text)"
            },
            p.id
        );
        for field in &f.fields {
            let _ = writeln!(
                s,
                "    {} ({}{}): {} / {}",
                field.name,
                field.kind.as_str(),
                if field.required { ", required" } else { "" },
                field.label_kk.as_deref().unwrap_or("-"),
                field.label_ru
            );
        }
    }
    let forms = p
        .output_forms
        .iter()
        .enumerate()
        .map(|(i, f)| (format!("output form {}", i + 1), f))
        .chain(
            p.refusal_form
                .iter()
                .map(|f| ("refusal form".to_string(), f)),
        );
    for (what, f) in forms {
        let title = [f.title_kk.as_deref(), f.title_ru.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" / ");
        let _ = writeln!(
            s,
            "  {what}: {}{}",
            if title.is_empty() { "-" } else { &title },
            if f.printed {
                ""
            } else {
                " (not printed in the decree)"
            }
        );
        let blanks = f.blanks();
        if !blanks.is_empty() {
            let _ = writeln!(
                s,
                "    blanks (document issue --values): {}",
                blanks.join(", ")
            );
        }
        for (i, sig) in f.signatories.iter().enumerate() {
            let _ = writeln!(
                s,
                "    signatory_{}: {} / {}",
                i + 1,
                sig.kk.as_deref().unwrap_or("-"),
                sig.ru.as_deref().unwrap_or("-")
            );
        }
        if let Some(free) = &f.free_form_kk {
            let _ = writeln!(s, "    free form (kk): {free}");
        }
    }
    s
}

fn schema(args: &SchemaArgs) -> Result<u8, Failure> {
    let p = find(&args.id)?;
    let Some(form) = p.request_form_numbered(args.form) else {
        return Err(Failure::usage(format!(
            "profile {} has {} request form(s), numbered from 1",
            p.id,
            p.request_form.iter().count() + p.more_request_forms.len()
        )));
    };
    if args.xsd {
        out!("{}", form.xml_schema(&p.id, args.form));
    } else {
        out!("{}", form.json_schema(&p.id, args.form));
    }
    Ok(exit::VALID)
}
