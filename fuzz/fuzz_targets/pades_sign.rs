//! cargo-fuzz target `pades_sign`: the logic is `qoltanba_fuzz::pades` (fuzz/src/lib.rs), which
//! the stable replay test (tests/fuzz_corpus.rs) runs on the corpus too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| qoltanba_fuzz::pades_sign(data));
