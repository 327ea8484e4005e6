//! Build script: tells the project's own integration tests whether the real NCA test
//! material (`../shared/`, beside the checkout) is there, so that tests needing it are
//! reported as *ignored, with the reason* when it is absent, instead of passing silently.
//! It does nothing else: no code is generated and nothing is read but that one path.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(qoltanba_no_shared)");
    println!("cargo::rerun-if-changed=build.rs");
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if shared.join("nca-test-pki").is_dir() {
        // Watch it, so that its disappearance is noticed too.
        println!("cargo::rerun-if-changed={}", shared.display());
    } else {
        println!("cargo::rustc-cfg=qoltanba_no_shared");
    }
}
