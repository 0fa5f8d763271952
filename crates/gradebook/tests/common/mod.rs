//! What the tests share: three specs (3.4, Dave's variant of it, 1.1) and a grading run.

#![allow(dead_code)]

use nnhw_core::Solved;
use nnhw_gradebook::{Book, Format, Options, Summary, grade};

/// 3.4: loss 0.28842841648, dC_dw1 2.0809165622, dC_dw2 -0.0041618331, dC_db -0.1387277708.
pub const SIMPLE: &str = r#"
kind = "backprop.simple-network"
title = "3.4 Simple network"
tolerance = { decimals = 3 }
[params]
x = 3
t = 1
w1 = 0.01
w2 = -5
b = -1
[expected]
loss = 0.2884
dC_dw1 = 2.0809
dC_dw2 = -0.0042
dC_db = -0.1387
"#;

/// Dave's variant of 3.4: z2 = 1, y = σ(1), loss = σ(1)²/2 = 0.26726.
pub const DAVE: &str = r#"
kind = "backprop.simple-network"
title = "3.4 Simple network"
variant = "simple_network-dave"
student = "dave"
tolerance = { decimals = 3 }
[params]
x = 2
t = 0
w1 = 0.5
w2 = 1
b = 0
[expected]
loss = 0.2673
"#;

/// 1.1: o = [e^15/(e^15+1), 1/(e^15+1)].
pub const FEED: &str = r#"
kind = "nn.feedforward"
title = "1.1 Feed forward"
tolerance = { decimals = 9 }
[params]
x = [3, 14]
[[params.layers]]
weights = [[1, 0], [0, 1], [-1, 0], [0, -1]]
bias = [-1, -1, -1, -1]
[[params.layers]]
weights = [[1, 1, 1, 1], [-1, -1, -1, -1]]
bias = [0, 2]
[expected]
o = ["e^15/(e^15+e^0)", "e^0/(e^15+e^0)"]
"#;

pub fn solve(file: &str, text: &str) -> Solved {
    nnhw_grade::solve_text(file, text, false).unwrap()
}

pub fn book() -> Book {
    Book::new(vec![
        solve("problems/simple_network.toml", SIMPLE),
        solve("problems/feedforward.toml", FEED),
        solve("variants/simple_network-dave.toml", DAVE),
    ])
}

pub struct Run {
    pub out: String,
    pub err: String,
    pub summary: Summary,
}

pub fn run_with(book: &Book, input: &[u8], options: &Options) -> Run {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let summary = grade(book, input, "class.csv", options, &mut out, &mut err).unwrap();
    Run {
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
        summary,
    }
}

pub fn run(input: &str, format: Format, reveal: bool) -> Run {
    let options = Options {
        format,
        reveal,
        shard: None,
        results: None,
        roster: None,
        as_student: None,
    };
    run_with(&book(), input.as_bytes(), &options)
}
