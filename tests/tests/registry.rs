//! Every kind DESIGN.md names for the sections built so far is registered.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

const SECTION_1: [&str; 4] = [
    "nn.feedforward",
    "nn.decision-region",
    "nn.output-from-hidden-sum",
    "nn.inverse-temperature",
];

const SECTION_2: [&str; 2] = ["lstm.states", "lstm.info"];

const SECTION_3: [&str; 4] = [
    "backprop.formulas",
    "backprop.activation-derivatives",
    "backprop.simple-network",
    "backprop.sgd",
];

const SECTION_4: [&str; 1] = ["embeddings.unseen-words"];

#[test]
fn every_designed_kind_is_registered() {
    // Linking the runner links every section crate, as the binary does.
    let listing = runner::list();
    for name in SECTION_1
        .into_iter()
        .chain(SECTION_2)
        .chain(SECTION_3)
        .chain(SECTION_4)
    {
        assert!(
            nnhw_core::registry::find(name).is_some(),
            "{name} is not registered"
        );
        assert!(listing.contains(name), "runner list omits {name}");
    }
}

#[test]
fn names_are_unique_and_summaries_present() {
    let kinds = nnhw_core::registry::kinds();
    let mut names: Vec<_> = kinds.iter().map(|k| k.name).collect();
    names.dedup();
    assert_eq!(names.len(), kinds.len());
    assert!(kinds.iter().all(|k| !k.summary.is_empty()));
}
