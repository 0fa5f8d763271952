//! Answer reading from arbitrary text, judged against an answer of every shape the
//! grader knows: any input must end in a verdict, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nnhw_core::Tolerance;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for answer in nnhw_grade::specimens::answers() {
        let _ = nnhw_grade::judge(&answer, text, &Tolerance::default());
    }
});
