//! Section 1's solution figures on the repository's specs: what the decision-region
//! legend writes, checked against the report.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nnhw_core::registry;
use nnhw_core::spec::Document;
use nnhw_core::{Figure, Report, Value};

// Links the crate so its kinds are registered.
use nnhw_neural_nets as _;

// Shared with the question tests; this file uses only the spec walk.
#[allow(dead_code)]
mod common;

/// Every `nn.decision-region` spec, homework first: (file stem, text).
fn region_specs() -> Vec<(String, String)> {
    common::specs()
        .into_iter()
        .filter(|(_, _, text)| text.contains("kind = \"nn.decision-region\""))
        .map(|(stem, _, text)| (stem, text))
        .collect()
}

fn solve(text: &str) -> (Report, Vec<Figure>) {
    let doc = Document::parse("case.toml", text).unwrap();
    let header = doc.header().unwrap();
    let kind = registry::find(&header.kind).unwrap();
    let problem = (kind.build)(&doc.params()).unwrap();
    (problem.solve(), problem.figures("t"))
}

/// The report's text for a boundary as the figure writes it.
fn drawn(line: &str) -> String {
    line.replace("x1", "x₁")
        .replace("x2", "x₂")
        .replace('-', "−")
}

#[test]
fn the_region_legend_writes_each_line_as_the_report_does() {
    let mut checked = 0;
    for (name, text) in region_specs() {
        let (report, figures) = solve(&text);
        let svg = &figures.iter().find(|f| f.name == "region").unwrap().svg;
        let boundaries = report
            .answers
            .iter()
            .find(|a| a.name == "boundaries")
            .unwrap_or_else(|| panic!("{name}: no boundaries"));
        let Value::Lines(lines) = &boundaries.value else {
            panic!("{name}: boundaries are not lines");
        };
        for (j, line) in lines.iter().enumerate() {
            if line.a == 0.0 && line.b == 0.0 {
                continue;
            }
            let entry = format!(
                "z{} = 0: {}",
                nnhw_plot::subscript(j + 1),
                drawn(&line.text)
            );
            assert!(svg.contains(&entry), "{name}: {entry:?} not in the legend");
            checked += 1;
        }
    }
    assert!(checked >= 9, "only {checked} boundaries checked");
}

#[test]
fn the_triangle_is_written_in_its_weights_own_numbers() {
    let (_, text) = region_specs()
        .into_iter()
        .find(|(name, _)| name == "triangle_region")
        .unwrap();
    let (_, figures) = solve(&text);
    let svg = &figures[0].svg;
    // weights [2, 1], bias −6: the key's 2·x1 + x2 = 6, not x1 + 0.5·x2 = 3.
    assert!(svg.contains("z₃ = 0: 2·x₁ + x₂ = 6"));
    assert!(!svg.contains("0.5·x₂"));
}
