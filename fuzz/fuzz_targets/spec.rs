//! Spec loading and solving from arbitrary bytes: any input must end in a report (and a
//! handout, with the figures that pose its question) or a located error, never a panic,
//! a hang or a runaway allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;
// Links every section crate, so every kind is registered.
use runner as _;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(solved) = nnhw_grade::solve_text("fuzz.toml", text, nnhw_core::Figures::Question)
        {
            let _ = nnhw_core::render::text(&solved);
            let _ = nnhw_core::render::json(&solved).to_string();
            let sheet = nnhw_booklet::Sheet {
                solved: &solved,
                spec: "fuzz".into(),
                student: solved.student.clone(),
            };
            let _ = nnhw_booklet::handout("fuzz", &[sheet]);
        }
    }
});
