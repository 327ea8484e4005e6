//! All reading of files in one place: size-bounded reads, `-` for standard input, folders
//! expanded to their files, the objects the trust options name, and an input of the wrong
//! kind named for what it is ([`qoltanba::input::sniff`]).

use std::io::Read;
use std::path::{Path, PathBuf};

use qoltanba::input::{MAX_CERT_INPUT_LEN, MAX_CRL_INPUT_LEN};
use qoltanba::revocation::Crl;
use qoltanba::revocation::{ocsp_limits, OcspResponse};
use qoltanba::Certificate;
use zeroize::Zeroizing;

use crate::error::{Cause, Failure};

/// The name that reads standard input.
const STDIN: &str = "-";

/// Is `path` standard input (`-`)?
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// Is `path` a folder (standard input never is)?
pub fn is_folder(path: &Path) -> bool {
    !is_stdin(path) && path.is_dir()
}

/// Standard input is read once: refuse it named for two arguments at once (before
/// anything is read).
pub fn one_stdin<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Result<(), Failure> {
    let n = paths.into_iter().filter(|p| is_stdin(p)).count();
    if n > 1 {
        return Err(Failure::usage(format!(
            "standard input (-) is named for {n} arguments; it can be read for one only"
        )));
    }
    Ok(())
}

/// Read a whole file, or standard input for `-`, refusing more than `limit` bytes.
pub fn read(path: &Path, limit: usize) -> qoltanba::Result<Vec<u8>> {
    if !is_stdin(path) {
        return qoltanba::input::read_file(path, limit);
    }
    let mut buf = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| qoltanba::Error::Io {
            path: "standard input".into(),
            reason: e.to_string(),
        })?;
    if buf.len() > limit {
        return Err(qoltanba::Error::TooLarge {
            what: "standard input",
            len: buf.len(),
            limit,
        });
    }
    Ok(buf)
}

/// The files of an input to judge or use: `-` itself, a file itself, or a folder's files
/// (a folder holding none is [`qoltanba::Error::NothingFound`], `what` saying what it
/// should have held).
pub fn expand(path: &Path, what: &'static str) -> qoltanba::Result<Vec<PathBuf>> {
    if is_stdin(path) {
        return Ok(vec![path.to_path_buf()]);
    }
    qoltanba::input::input_files(path, what)
}

/// The files of a barcode input: `-`, a file, or a folder's texts and images of codes.
pub fn expand_codes(path: &Path) -> qoltanba::Result<Vec<PathBuf>> {
    if is_stdin(path) {
        return Ok(vec![path.to_path_buf()]);
    }
    qoltanba::barcode::input_files(path)
}

/// A key file, read into a buffer zeroized on drop. Never standard input.
pub fn secret(path: &Path, limit: usize) -> Result<Zeroizing<Vec<u8>>, Failure> {
    not_stdin(path, "--key")?;
    Ok(qoltanba::keys::read_secret_file(path, limit)?)
}

/// The first line of a password file, in a buffer zeroized on drop. Never standard input.
pub fn password(path: &Path) -> Result<Zeroizing<Vec<u8>>, Failure> {
    not_stdin(path, "--password-file")?;
    Ok(qoltanba::keys::read_password_file(path)?)
}

fn not_stdin(path: &Path, option: &str) -> Result<(), Failure> {
    if is_stdin(path) {
        return Err(Failure::usage(format!(
            "{option} is not read from standard input: name its file"
        )));
    }
    Ok(())
}

/// Write an output file.
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), Failure> {
    std::fs::write(path, bytes)
        .map_err(|e| Failure::new(Cause::Output, format!("{}: {e}", path.display())))
}

/// Refuse `out` (given as `option`) when it names one of `inputs`, the files the command
/// reads: a signature written over the key container or its password file destroys the
/// key (review 104), one over the input the document signed.
pub fn refuse_out_over<'a>(
    option: &str,
    out: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Result<(), Failure> {
    for input in inputs {
        if same_file(out, input) {
            return Err(Failure::usage(format!(
                "{option} {} is a file this command reads ({}): the output is written elsewhere",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

/// Do `a` and `b` name one file (through links, `..` or another spelling; on Unix also
/// two hard links of one file)? `false` when either does not exist or is standard input.
pub fn same_file(a: &Path, b: &Path) -> bool {
    if a == Path::new("-") || b == Path::new("-") {
        return false;
    }
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if ma.dev() == mb.dev() && ma.ino() == mb.ino() {
            return true;
        }
    }
    let _ = (ma, mb);
    matches!(
        (std::fs::canonicalize(a), std::fs::canonicalize(b)),
        (Ok(x), Ok(y)) if x == y
    )
}

/// Is `path` (which may not exist yet) inside the folder `folder` (by its canonical
/// path)? `false` when `folder` is no folder.
pub fn inside_folder(path: &Path, folder: &Path) -> bool {
    if folder == Path::new("-") || !folder.is_dir() {
        return false;
    }
    let Ok(folder) = std::fs::canonicalize(folder) else {
        return false;
    };
    // The file may not exist: its folder's canonical path, and its name.
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::canonicalize(parent).is_ok_and(|p| p.starts_with(&folder))
}

/// Remove what a previous run left at `path` (an output not written this time), so that
/// nothing there passes for this run's output. Nothing there is fine; a folder or a file
/// that cannot be removed is a failure.
pub fn remove_stale(path: &Path) -> Result<(), Failure> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Failure::new(
            Cause::Output,
            format!(
                "{}: a previous output cannot be removed: {e}",
                path.display()
            ),
        )),
    }
}

/// What an input should hold, for naming one that holds something else.
pub struct Expected {
    /// Said in the message: "this is a CRL, not `name`".
    name: &'static str,
    /// The names of [`qoltanba::input::sniff`] that are this kind (whose own error is
    /// reported as it is).
    accepts: &'static [&'static str],
}

pub const CERTIFICATE: Expected = Expected {
    name: "a certificate",
    accepts: &["a certificate"],
};
pub const CRL: Expected = Expected {
    name: "a CRL",
    accepts: &["a CRL"],
};
pub const OCSP_RESPONSE: Expected = Expected {
    name: "an OCSP response",
    accepts: &["an OCSP response"],
};
pub const SIGNED_DATA: Expected = Expected {
    name: "a CMS SignedData",
    accepts: &["a CMS SignedData", "a time-stamp token"],
};
pub const SIGNED_DOCUMENT: Expected = Expected {
    name: "a signed document (CMS SignedData or signed XML)",
    accepts: &["a CMS SignedData", "a time-stamp token", "an XML document"],
};
pub const TIME_STAMP: Expected = Expected {
    name: "a time-stamp token",
    accepts: &["a time-stamp token", "a time-stamp response"],
};
pub const PKCS12: Expected = Expected {
    name: "a PKCS#12 key store",
    accepts: &["a PKCS#12 key store"],
};
pub const PKCS8: Expected = Expected {
    name: "a PKCS#8 private key",
    accepts: &["a PKCS#8 private key", "an encrypted PKCS#8 private key"],
};
pub const CODES: Expected = Expected {
    name: "a BarcodeElement (XML) or an image of codes",
    accepts: &["an XML document", "a PNG image", "a JPEG image"],
};
pub const FIELDS: Expected = Expected {
    name: "the fields of a document (JSON)",
    accepts: &["a JSON document"],
};

/// The failure to report for `bytes`, read from `label`, that did not read as `expected`:
/// `label: this is X, not Y` when they are recognisably something else, else `failure`.
pub fn misread(failure: Failure, label: &Path, bytes: &[u8], expected: &Expected) -> Failure {
    match qoltanba::input::sniff(bytes) {
        Some(found) if !expected.accepts.contains(&found) => Failure {
            found: Some(found),
            ..Failure::new(
                Cause::WrongKind,
                format!(
                    "{}: this is {found}, not {}",
                    label.display(),
                    expected.name
                ),
            )
        },
        _ => failure,
    }
}

/// Every certificate of a file or folder (trust anchors, intermediates), as the library's
/// `trust_path` reads them: a folder holding no certificate is a usage error.
pub fn certificates_in(path: &Path) -> Result<Vec<Certificate>, Failure> {
    let files = if is_stdin(path) {
        vec![path.to_path_buf()]
    } else {
        qoltanba::input::files_of(path)?
    };
    let mut certs = Vec::new();
    for file in files {
        let bytes = read(&file, MAX_CERT_INPUT_LEN)?;
        match Certificate::all_from_input(&bytes) {
            Ok(c) => certs.extend(c),
            Err(e) => return Err(misread(cannot_read(&file, e), &file, &bytes, &CERTIFICATE)),
        }
    }
    if certs.is_empty() {
        return Err(qoltanba::Error::NothingFound {
            what: "certificate",
            path: path.display().to_string(),
        }
        .into());
    }
    Ok(certs)
}

/// The certificate of one file (the first, in a bundle); errors say `path: ...`.
pub fn certificate(path: &Path) -> Result<Certificate, Failure> {
    let bytes =
        read(path, MAX_CERT_INPUT_LEN).map_err(|e| Failure::from(e).context(path.display()))?;
    Certificate::from_input(&bytes).map_err(|e| {
        misread(
            Failure::from(e).context(path.display()),
            path,
            &bytes,
            &CERTIFICATE,
        )
    })
}

/// Every certificate of one file (`sign --chain`).
pub fn chain(path: &Path) -> Result<Vec<Certificate>, Failure> {
    let bytes = read(path, MAX_CERT_INPUT_LEN)?;
    Certificate::all_from_input(&bytes).map_err(|e| {
        misread(
            Failure::from(e).context(path.display()),
            path,
            &bytes,
            &CERTIFICATE,
        )
    })
}

/// Every CRL of a file or folder.
pub fn crls(path: &Path) -> Result<Vec<Crl>, Failure> {
    let mut out = Vec::new();
    for file in expand(path, "CRL")? {
        let bytes = read(&file, MAX_CRL_INPUT_LEN)?;
        // Owned: a DER CRL of tens of megabytes is kept in place, not copied. A file is
        // read again to name what it is, only when it is refused; standard input, which
        // cannot be, is kept.
        let kept = is_stdin(&file).then(|| bytes.clone());
        match Crl::all_from_owned_input(bytes) {
            Ok(c) => out.extend(c),
            Err(e) => {
                let failure = cannot_read(&file, e);
                let again = kept.map_or_else(|| read(&file, MAX_CRL_INPUT_LEN), Ok);
                return Err(match again {
                    Ok(bytes) => misread(failure, &file, &bytes, &CRL),
                    Err(_) => failure,
                });
            }
        }
    }
    Ok(out)
}

/// Every OCSP response of a file or folder (DER, one a file).
pub fn ocsp_responses(path: &Path) -> Result<Vec<OcspResponse>, Failure> {
    let mut out = Vec::new();
    for file in expand(path, "OCSP response")? {
        let bytes = read(&file, ocsp_limits::MAX_RESPONSE_LEN)?;
        match OcspResponse::from_der(&bytes) {
            Ok(r) => out.push(r),
            Err(e) => {
                return Err(misread(
                    cannot_read(&file, e),
                    &file,
                    &bytes,
                    &OCSP_RESPONSE,
                ))
            }
        }
    }
    Ok(out)
}

/// `cannot read FILE: REASON`, as the library says of a file in a folder it could not
/// decode.
fn cannot_read(file: &Path, e: qoltanba::Error) -> Failure {
    Failure::unreadable(qoltanba::Error::Io {
        path: file.display().to_string(),
        reason: e.to_string(),
    })
}
