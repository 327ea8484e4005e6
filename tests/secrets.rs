//! Secrets leave no copies in freed memory (issue 9, item 9): key files, PEM-armoured
//! keys, PKCS#12 files and passwords are read and decoded into buffers zeroized on drop.
//!
//! This binary's allocator looks into every block freed (and every block a reallocation
//! leaves behind, counted as freed) while a check is armed, for probes cut from the
//! secret: a probe found there is a copy of the secret that nobody zeroized.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};

use qoltanba::keys::{
    open_pkcs12, password_from_env, read_password_file, read_secret_file, SigningKey,
};

const PROBES: usize = 4;

static ARMED: AtomicBool = AtomicBool::new(false);
static HITS: AtomicUsize = AtomicUsize::new(0);
static PROBE_PTR: [AtomicPtr<u8>; PROBES] =
    [const { AtomicPtr::new(std::ptr::null_mut()) }; PROBES];
static PROBE_LEN: [AtomicUsize; PROBES] = [const { AtomicUsize::new(0) }; PROBES];

/// Does the block at `ptr` (`size` bytes, about to be freed) hold a probe?
///
/// # Safety
/// `ptr` must be valid for reads of `size` bytes.
unsafe fn inspect(ptr: *const u8, size: usize) {
    if !ARMED.load(Ordering::SeqCst) {
        return;
    }
    let block = unsafe { std::slice::from_raw_parts(ptr, size) };
    for i in 0..PROBES {
        let p = PROBE_PTR[i].load(Ordering::SeqCst);
        let n = PROBE_LEN[i].load(Ordering::SeqCst);
        if p.is_null() || n == 0 || n > size {
            continue;
        }
        let probe = unsafe { std::slice::from_raw_parts(p, n) };
        if block.windows(n).any(|w| w == probe) {
            HITS.fetch_add(1, Ordering::SeqCst);
        }
    }
}

struct Inspecting;

unsafe impl GlobalAlloc for Inspecting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe {
            inspect(ptr, layout.size());
            System.dealloc(ptr, layout)
        }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Always moved, so that the block left behind is inspected.
        unsafe {
            let new = System.alloc(Layout::from_size_align_unchecked(new_size, layout.align()));
            if !new.is_null() {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                inspect(ptr, layout.size());
                System.dealloc(ptr, layout);
            }
            new
        }
    }
}

#[global_allocator]
static ALLOCATOR: Inspecting = Inspecting;

/// Run `f` with the allocator looking for `probes` in what is freed; the copies of the
/// secret left in freed memory (the value `f` returns is dropped while still armed: a
/// zeroizing value leaves nothing either).
fn leaks<T>(probes: &[&[u8]], f: impl FnOnce() -> T) -> usize {
    assert!(probes.len() <= PROBES);
    // Probes live for the whole run: leaked, so never freed while armed.
    for (i, p) in probes.iter().enumerate() {
        let copy: &'static mut [u8] = Box::leak(p.to_vec().into_boxed_slice());
        PROBE_LEN[i].store(copy.len(), Ordering::SeqCst);
        PROBE_PTR[i].store(copy.as_mut_ptr(), Ordering::SeqCst);
    }
    HITS.store(0, Ordering::SeqCst);
    ARMED.store(true, Ordering::SeqCst);
    drop(f());
    ARMED.store(false, Ordering::SeqCst);
    for i in 0..PROBES {
        PROBE_LEN[i].store(0, Ordering::SeqCst);
        PROBE_PTR[i].store(std::ptr::null_mut(), Ordering::SeqCst);
    }
    HITS.load(Ordering::SeqCst)
}

fn pki(f: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test-vectors/pki")
        .join(f)
}

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let p = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("secrets-{name}"));
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The base64 body of a PEM block, one line each, and its DER.
fn pem_body(pem: &str) -> (Vec<String>, Vec<u8>) {
    use base64::Engine as _;
    let lines: Vec<String> = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .map(str::to_string)
        .collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(lines.concat())
        .unwrap();
    (lines, der)
}

#[test]
fn secrets_leave_no_copies_in_freed_memory() {
    // A PEM PKCS#8 key: neither its base64 text nor its DER is left behind. (Before: the
    // `pem` crate's gathered base64 text was freed as it was.)
    let pem = std::fs::read(pki("individual_sign.key.pem")).unwrap();
    let (lines, der) = pem_body(std::str::from_utf8(&pem).unwrap());
    let line = lines[lines.len() / 2].as_bytes();
    let middle = &der[der.len() / 2..der.len() / 2 + 32];
    let hits = leaks(&[line, middle], || {
        SigningKey::from_pkcs8(&pem, None).expect("the key loads")
    });
    assert_eq!(hits, 0, "PEM key: copies of the key freed unzeroized");

    // The same key as DER, read from its file.
    let key_file = temp("key.der", &der);
    let hits = leaks(&[middle], || {
        let bytes = read_secret_file(&key_file, 1 << 20).unwrap();
        SigningKey::from_pkcs8(&bytes, None).expect("the key loads")
    });
    assert_eq!(hits, 0, "DER key file: copies of the key freed unzeroized");

    // A PKCS#12 file and its password, from a password file: the password and the key
    // (the same key as the PEM's) are not left behind.
    let password = b"Qwerty12-not-elsewhere";
    let pw_file = temp("pw", &[&password[..], b"\r\nsecond line\n"].concat());
    let hits = leaks(&[password], || read_password_file(&pw_file).unwrap());
    assert_eq!(hits, 0, "password file: the password freed unzeroized");
    let pw_file = temp("pw-nca", b"Qwerty12\n");
    let p12 = pki("individual_sign.p12");
    let hits = leaks(&[middle], || {
        let pw = read_password_file(&pw_file).unwrap();
        let bytes = read_secret_file(&p12, 1 << 20).unwrap();
        open_pkcs12(&bytes, &pw).expect("the PKCS#12 opens")
    });
    assert_eq!(hits, 0, "PKCS#12: copies of the key freed unzeroized");

    // The password from the environment.
    std::env::set_var("QOLTANBA_TEST_SECRET", "env-password-not-elsewhere");
    let hits = leaks(&[b"env-password-not-elsewhere"], || {
        password_from_env("QOLTANBA_TEST_SECRET").unwrap()
    });
    assert_eq!(hits, 0, "environment: the password freed unzeroized");

    // The check itself finds a copy freed as it is.
    let hits = leaks(&[line], || String::from_utf8(line.to_vec()).unwrap());
    assert_eq!(hits, 1, "the inspecting allocator sees a plain copy");
}
