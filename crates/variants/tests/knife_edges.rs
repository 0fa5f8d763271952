//! Issue 25's knife edges: with seed 0, the first draws of 3.4 for students 11954 and
//! 4459 put a graded answer a float error from a boundary of rounding to 3 decimals, so
//! they are redrawn, and the variants handed out are fit.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nnhw_backprop as _;
use nnhw_core::draws::Draws;
use nnhw_core::registry::{self, Kind, ON_BOUNDARY};
use nnhw_core::rng::Rng;
use nnhw_core::spec::Document;
use nnhw_core::{Fitness, Problem};
use nnhw_variants::{generate, seed};

const STUDENTS: [&str; 2] = ["11954", "4459"];

fn params_body(spec: &str) -> String {
    let whole: toml::Table = toml::from_str(spec).unwrap();
    toml::to_string(whole["params"].as_table().unwrap()).unwrap()
}

/// The draw `student` was handed before issue 25: the first the kind itself called fit.
fn handed_out_before(
    kind: &Kind,
    variants: &Draws,
    original: &toml::Table,
    fitness: &Fitness<'_>,
    student: &str,
) -> String {
    let mut rng = Rng::new(seed::for_student("simple_network", 0, student));
    loop {
        let mut params = original.clone();
        variants.draw(&mut params, &mut rng);
        let body = toml::to_string(&params).unwrap();
        let problem = build(kind, &body);
        if problem.unfit(&problem.solve(), fitness).is_none() {
            return body;
        }
    }
}

fn build(kind: &Kind, body: &str) -> Box<dyn Problem> {
    let text = format!("kind = \"\"\n[params]\n{body}");
    (kind.build)(&Document::parse("spec.toml", &text).unwrap().params()).unwrap()
}

#[test]
fn knife_edge_draws_of_3_4_are_redrawn() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../problems/simple_network.toml"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let doc = Document::parse("simple_network.toml", &text).unwrap();
    let header = doc.header().unwrap();
    let kind = registry::find(&header.kind).unwrap();
    let variants = Draws::read(&doc).unwrap().unwrap();
    let whole: toml::Table = toml::from_str(&text).unwrap();
    let original = whole["params"].as_table().unwrap();
    let original_body = toml::to_string(original).unwrap();
    let solved = build(kind, &original_body).solve();
    let fitness = Fitness {
        original: &solved,
        tolerance: header.tolerance,
    };
    let unfit = |body: &str| {
        registry::unfit_draw(kind.build, &original_body, body, header.tolerance).unwrap()
    };

    let ids: Vec<String> = STUDENTS.iter().map(|s| s.to_string()).collect();
    let generated = generate("simple_network.toml", &text, 0, &ids, &|| {}).unwrap();
    for (student, variant) in STUDENTS.iter().zip(&generated.variants) {
        let before = handed_out_before(kind, &variants, original, &fitness, student);
        assert_eq!(
            unfit(&before).as_deref(),
            Some(ON_BOUNDARY),
            "{student}: {before}"
        );

        // Fit with every answer graded: none within the margin of a boundary.
        let now = params_body(&variant.text);
        assert_ne!(now, before, "{student}");
        assert_eq!(unfit(&now), None, "{student}: {now}");
    }
    assert!(
        generated.redrawn.iter().any(|(why, _)| why == ON_BOUNDARY),
        "{:?}",
        generated.redrawn
    );
}
