//! A class of 10⁵ submission rows over 300 specs, graded whole: the unit course staff
//! wait for. `cargo bench -p nnhw-gradebook --bench grade`.

use std::fmt::Write as _;

use criterion::{Criterion, criterion_main};
use nnhw_backprop as _;
use nnhw_core::Value;
use nnhw_gradebook::{Book, Format, Options, grade};

const SPECS: usize = 300;
const ROWS: usize = 100_000;

/// 300 variants of 3.4 (backprop.simple-network), without a key: all four answers graded.
fn book() -> Book {
    let specs = (0..SPECS)
        .map(|k| {
            let text = format!(
                "kind = \"backprop.simple-network\"\ntolerance = {{ decimals = 3 }}\n\
                 [params]\nx = {}\nt = 1\nw1 = {}\nw2 = {}\nb = {}\n",
                1 + k % 7,
                0.01 * (k % 13 + 1) as f64,
                -5 + (k % 5) as i64,
                -1 + (k % 3) as i64
            );
            nnhw_grade::solve_text(&format!("specs/p{k}.toml"), &text, false)
        })
        .collect::<Result<Vec<_>, _>>();
    match specs {
        Ok(specs) => Book::new(specs),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2)
        }
    }
}

/// 10⁵ rows: per cell, 6 in 10 right (the answer to 4 decimals), 2 wrong, 1 garbled, 1
/// missing.
fn class(book: &Book) -> String {
    let specs: Vec<Vec<f64>> = book
        .specs()
        .map(|s| {
            s.report
                .answers
                .iter()
                .map(|a| match a.value {
                    Value::Number(x) => x,
                    _ => 0.0,
                })
                .collect()
        })
        .collect();
    let mut text = format!("student,spec,{}\n", book.names().join(","));
    for r in 0..ROWS {
        let k = r % SPECS;
        let _ = write!(text, "s{},p{k}", r / SPECS);
        for (c, value) in specs[k].iter().enumerate() {
            let cell = match (r + c) % 10 {
                0..=5 => format!("{value:.4}"),
                6 | 7 => format!("{:.4}", value + 0.1),
                8 => "0.3.3".to_string(),
                _ => String::new(),
            };
            let _ = write!(text, ",{cell}");
        }
        text.push('\n');
    }
    text
}

fn grading(c: &mut Criterion) {
    let book = book();
    let input = class(&book);
    for (label, format) in [
        ("10^5 rows, 300 specs, csv", Format::Csv),
        ("10^5 rows, 300 specs, gradescope", Format::Gradescope),
    ] {
        let options = Options {
            format,
            ..Options::default()
        };
        c.bench_function(label, |b| {
            b.iter(|| {
                grade(
                    &book,
                    input.as_bytes(),
                    "class.csv",
                    &options,
                    &mut std::io::sink(),
                    &mut std::io::sink(),
                )
            })
        });
    }
}

// criterion_group! defines an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group! {
        name = benches;
        config = criterion::Criterion::default().sample_size(10);
        targets = super::grading
    }
}
use group::benches;
criterion_main!(benches);
