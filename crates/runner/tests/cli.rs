//! The command line end to end: exit codes, formats, listing, help, figures.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::workspace;

use std::process::{Command, Output};

fn runner(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_runner"))
        .args(args)
        .current_dir(workspace())
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn homework_specs_solve_and_match_their_keys() {
    let o = runner(&[
        "problems/feedforward.toml",
        "problems/decision_boundaries.toml",
        "problems/nn_output.toml",
        "problems/inverse_temperature.toml",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for title in [
        "1.1 Feed forward",
        "1.2 Decision boundaries",
        "1.3 Output of the network",
        "1.4 Inverse temperature",
    ] {
        assert!(text.contains(title), "{title} missing");
    }
    assert!(!text.contains('✗'));
    assert_eq!(text.matches('✓').count(), 7, "{text}");
}

#[test]
fn json_is_one_parsable_object_per_spec_with_the_designed_answers() {
    let o = runner(&["--format", "json", "problems/"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let objects: Vec<serde_json::Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let specs = std::fs::read_dir(workspace().join("problems"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .count();
    assert!(objects.len() > specs, "beyond/ specs are included");
    let answers_of = |file: &str| -> Vec<String> {
        let object = objects.iter().find(|o| o["file"] == file).unwrap();
        for key in ["file", "kind", "title", "answers", "steps", "notes"] {
            assert!(object.get(key).is_some(), "{file} lacks {key}");
        }
        object["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(answers_of("problems/feedforward.toml"), ["o"]);
    assert_eq!(
        answers_of("problems/decision_boundaries.toml"),
        ["area", "boundaries", "vertices"]
    );
    assert_eq!(answers_of("problems/nn_output.toml"), ["o1", "o"]);
    assert_eq!(
        answers_of("problems/inverse_temperature.toml"),
        ["max_gap", "trend"]
    );
    let unbounded = objects
        .iter()
        .find(|o| o["file"] == "problems/beyond/unbounded_region.toml")
        .unwrap();
    assert_eq!(unbounded["answers"][0]["value"], "inf");
}

#[test]
fn a_changed_key_exits_1_and_says_by_how_much() {
    let dir = std::env::temp_dir().join(format!("nnhw-cli-key-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = std::fs::read_to_string(workspace().join("problems/nn_output.toml")).unwrap();
    let changed = spec.replace("0.119202922", "0.129202922");
    assert_ne!(spec, changed);
    let path = dir.join("nn_output.toml");
    std::fs::write(&path, changed).unwrap();
    let o = runner(&[path.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("✗ o1[1] is 0.119202922, the key says 0.129202922: off by 0.01, more than the 0.0005 that 3 decimals allow"),
        "{text}"
    );
    assert!(
        stderr(&o).contains("1 spec: 0 matched the key, 1 did not, 0 have no key, 0 bad input")
    );
}

#[test]
fn list_shows_every_section_1_kind_with_its_summary() {
    let o = runner(&["list"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.starts_with("1 Neural networks\n"), "{text}");
    for kind in [
        "nn.feedforward",
        "nn.decision-region",
        "nn.output-from-hidden-sum",
        "nn.inverse-temperature",
    ] {
        assert!(text.contains(kind), "{kind}");
    }
}

#[test]
fn help_has_examples_and_version_prints() {
    let help = runner(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = stdout(&help);
    assert!(
        text.contains("Examples:") && text.contains("runner list"),
        "{text}"
    );
    assert!(text.contains("Exit status"));
    let version = runner(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(stdout(&version).starts_with("runner 0."));
    let nothing = runner(&[]);
    assert_eq!(nothing.status.code(), Some(2));
    let bad_format = runner(&["--format", "yaml", "problems/"]);
    assert_eq!(bad_format.status.code(), Some(2));
}

#[test]
fn an_empty_directory_is_bad_input() {
    let dir = std::env::temp_dir().join(format!("nnhw-cli-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let o = runner(&[dir.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no specs in this directory"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn figures_are_written_whole_into_the_directory() {
    let dir = std::env::temp_dir().join(format!("nnhw-cli-figures-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = runner(&[
        "--figures",
        dir.join("nested").to_str().unwrap(),
        "problems/decision_boundaries.toml",
        "problems/inverse_temperature.toml",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(dir.join("nested"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "decision_boundaries.question-network.svg",
            "decision_boundaries.region.svg",
            "inverse_temperature.o2.svg"
        ]
    );
    let svg = std::fs::read_to_string(dir.join("nested/decision_boundaries.region.svg")).unwrap();
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("z₁ = 0: x₁ = 1"));
    assert!(
        stdout(&o).contains("Figures\n  ")
            && stdout(&o).contains("decision_boundaries.region.svg: ")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_report_says_when_a_spec_draws_no_figure() {
    let dir = std::env::temp_dir().join(format!("nnhw-cli-no-figure-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // Twenty inputs are too many units for a diagram, of the question or of its solution.
    let spec = dir.join("wide.toml");
    let x = vec!["0.5"; 20].join(", ");
    let row = format!("[{}]", vec!["0.1"; 20].join(", "));
    std::fs::write(
        &spec,
        format!("kind = \"nn.feedforward\"\n[params]\nx = [{x}]\n[[params.layers]]\nweights = [{row}, {row}]\n"),
    )
    .unwrap();
    let o = runner(&[
        "--figures",
        dir.join("out").to_str().unwrap(),
        spec.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Figures\n  none: nn.feedforward draws no figure for this spec"),
        "{}",
        stdout(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
