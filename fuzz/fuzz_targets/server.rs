//! cargo-fuzz target `server`: the logic is `qoltanba_fuzz::server` (fuzz/src/lib.rs), which the
//! stable replay test (tests/fuzz_corpus.rs) runs on the corpus too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| qoltanba_fuzz::server(data));
