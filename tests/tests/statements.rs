//! Every kind poses its question: for every spec under problems/ (and five variants of
//! each spec with a `[variants]` table, whose numbers are the students' own), the statement
//! says something, shows every value of the spec's `[params]` (`unshown` is empty), and has
//! one prompt for each answer the solver gives, each prompt sentence naming its form.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use nnhw_core::registry;
use nnhw_core::statement::{prompt_text, unshown};
use nnhw_tests::{display_name, spec_files};

fn params(text: &str) -> toml::Table {
    let whole: toml::Table = toml::from_str(text).unwrap();
    whole["params"].as_table().unwrap().clone()
}

/// What is wrong with the statement of the spec `text`, named `file`.
fn faults(file: &str, text: &str) -> Vec<String> {
    let solved = nnhw_grade::solve_text(file, text, false).unwrap_or_else(|e| panic!("{e}"));
    let statement = &solved.statement;
    let mut faults = Vec::new();
    if statement.blocks.is_empty() {
        faults.push("the statement says nothing".to_string());
    }
    for missing in unshown(statement, &params(text)) {
        faults.push(format!("does not show {missing}"));
    }
    let mut names = BTreeSet::new();
    for prompt in &statement.prompts {
        if !names.insert(prompt.name.as_str()) {
            faults.push(format!("two prompts for `{}`", prompt.name));
        }
        if prompt.ask.trim().is_empty() {
            faults.push(format!("the prompt for `{}` asks nothing", prompt.name));
        }
        let line = prompt_text(prompt, &solved.tolerance);
        if !line.contains("Give ") {
            faults.push(format!(
                "the prompt for `{}` does not say its form: {line}",
                prompt.name
            ));
        }
    }
    for answer in &solved.report.answers {
        if statement.prompt_for(&answer.name).is_none() {
            faults.push(format!("no prompt for the answer `{}`", answer.name));
        }
    }
    faults
}

#[test]
fn every_kind_states_its_question_with_every_param_and_a_prompt_per_answer() {
    let files = spec_files();
    let mut kinds = BTreeSet::new();
    let mut all = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let name = display_name(path);
        let solved = nnhw_grade::solve_text(&name, &text, false).unwrap();
        kinds.insert(solved.kind);
        for fault in faults(&name, &text) {
            all.push(format!("{name}: {fault}"));
        }
        let doc = nnhw_core::spec::Document::parse(&name, &text).unwrap();
        if nnhw_core::draws::Draws::read(&doc).unwrap().is_some() {
            let ids: Vec<String> = (1..=5).map(|i| format!("v{i}")).collect();
            let generated = nnhw_variants::generate(&name, &text, 7, &ids, &|| {}).unwrap();
            for v in generated.variants {
                for fault in faults(&v.file_name, &v.text) {
                    all.push(format!("{name}, variant {}: {fault}", v.id));
                }
            }
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
    let registered: BTreeSet<&str> = registry::kinds().iter().map(|k| k.name).collect();
    assert_eq!(
        kinds, registered,
        "every kind is stated through a spec of its own"
    );
}
