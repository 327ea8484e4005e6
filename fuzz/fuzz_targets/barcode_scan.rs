//! cargo-fuzz target `barcode_scan`: the logic is `qoltanba_fuzz::barcode_scan`
//! (fuzz/src/lib.rs), which the stable replay test (tests/fuzz_corpus.rs) runs on the
//! corpus too.
//!
//! The QR detector (forked from rqrr into `src/barcode/detect/`) and rqrr's decoder have
//! assertions some images reach (rqrr issue #54); `qoltanba::barcode::scan_luma` contains
//! them and reports the code as unreadable. So this target aborts on a panic only when it
//! comes from outside them: libfuzzer-sys's own hook would abort on the contained ones too
//! and stop every run at the first.
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;

fn abort_on_uncontained_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_rqrr = info.location().is_some_and(|l| {
                l.file().contains("/rqrr-") || l.file().contains("barcode/detect/")
            });
            if !in_rqrr {
                default(info);
                std::process::abort();
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    abort_on_uncontained_panics();
    qoltanba_fuzz::barcode_scan(data)
});
