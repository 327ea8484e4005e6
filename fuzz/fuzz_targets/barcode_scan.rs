//! cargo-fuzz target `barcode_scan`: the logic is `qoltanba_fuzz::barcode_scan`
//! (fuzz/src/lib.rs), which the stable replay test (tests/fuzz_corpus.rs) runs on the
//! corpus too.
//!
//! The QR detector is qoltanba's own (forked from rqrr into `src/barcode/detect/`, bounded
//! by a work meter and free of panics), and rqrr's decoder, which it still calls, cannot
//! panic on the grids it is given: any panic is a finding, and aborts as libFuzzer's
//! default hook makes it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| qoltanba_fuzz::barcode_scan(data));
