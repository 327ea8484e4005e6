//! Secrets from files and the environment, read into buffers zeroized on drop.

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Largest password file [`read_password_file`] reads.
pub const MAX_PASSWORD_FILE_LEN: usize = 64 * 1024;

/// Read a file of secrets (a private key, a PKCS#12 file, a password) whole into a buffer
/// zeroized on drop, refusing one larger than `limit`. The buffer is allocated at the
/// file's size; one that grows while read (a pipe, `/dev/stdin`) is moved to a larger
/// zeroizing buffer, the smaller one zeroized: no copy of the bytes is left in freed
/// memory.
pub fn read_secret_file(path: &std::path::Path, limit: usize) -> Result<Zeroizing<Vec<u8>>> {
    use std::io::Read;
    let io = |e: std::io::Error| Error::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let too_large = |len: u64| Error::TooLarge {
        what: "file",
        len: usize::try_from(len).unwrap_or(usize::MAX),
        limit,
    };
    if size > limit as u64 {
        return Err(too_large(size));
    }
    // One octet more than expected: the read that fills it shows there is more.
    let mut buf = Zeroizing::new(vec![0u8; size as usize + 1]);
    let mut filled = 0usize;
    loop {
        if filled == buf.len() {
            if filled > limit {
                return Err(too_large(filled as u64));
            }
            let mut larger = Zeroizing::new(vec![0u8; (filled * 2).clamp(64, limit + 1)]);
            larger[..filled].copy_from_slice(&buf[..filled]);
            buf = larger;
        }
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io(e)),
        }
    }
    // The octets past `filled` are zeros; the spare capacity is zeroized on drop too.
    buf.truncate(filled);
    Ok(buf)
}

/// The password on the first line of a file (its line ending, `\n` or `\r\n`, left out),
/// read with [`read_secret_file`] (at most [`MAX_PASSWORD_FILE_LEN`]) and cut in place.
pub fn read_password_file(path: &std::path::Path) -> Result<Zeroizing<Vec<u8>>> {
    let mut buf = read_secret_file(path, MAX_PASSWORD_FILE_LEN)?;
    let mut end = buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len());
    if end > 0 && buf.get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    buf.truncate(end);
    Ok(buf)
}

/// The password in the environment variable `name`, when set: its bytes as the operating
/// system holds them (not converted to UTF-8), moved into a buffer zeroized on drop
/// without an intermediate copy. (The process's environment block itself keeps the
/// variable: that copy is not this process's to clear.)
pub fn password_from_env(name: &str) -> Option<Zeroizing<Vec<u8>>> {
    std::env::var_os(name).map(|v| Zeroizing::new(v.into_encoded_bytes()))
}
