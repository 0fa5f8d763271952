//! Answer parsing from arbitrary text, judged against a number, a list, a formula and a
//! word: any input must end in a verdict or a located parse error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nnhw_core::Value;
use nnhw_core::check::{Given, Tolerance, compare};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let references = [
        Value::Number(0.5),
        Value::numbers(&[1.0, -1.0]),
        Value::Formula {
            unicode: String::new(),
            ascii: "a_k^(l-1)*delta_j^l".into(),
        },
        Value::text("smaller"),
        Value::Bool(true),
    ];
    if let Ok(given) = Given::parse(text) {
        for reference in &references {
            let _ = compare(reference, &given, &Tolerance::default());
        }
    }
    let _ = nnhw_core::expr::evaluate(text);
});
