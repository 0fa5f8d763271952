//! Inputs built to exhaust memory or time are refused with exit 2 and a message naming
//! the limit, never a crash. (Limits inside a kind's params are in bad_input.rs.)

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nnhw-limits-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(dir: &PathBuf, file: &str) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_runner"))
        .arg(file)
        .current_dir(dir)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(dir);
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_5000_deep_array_is_refused() {
    let dir = scratch("deep");
    let depth = 5000;
    let text = format!(
        "kind = \"nn.feedforward\"\n[params]\nx = {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    std::fs::write(dir.join("deep.toml"), text).unwrap();
    let (code, stderr) = run(&dir, "deep.toml");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.starts_with("deep.toml:3:"), "{stderr}");
    assert!(stderr.contains("not valid TOML"), "{stderr}");
}

#[test]
fn a_binary_file_is_refused() {
    let dir = scratch("binary");
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    std::fs::write(dir.join("blob.toml"), bytes).unwrap();
    let (code, stderr) = run(&dir, "blob.toml");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not UTF-8 text"), "{stderr}");
}

#[test]
fn a_100_mb_spec_is_refused_before_it_is_read() {
    let dir = scratch("huge");
    let file = std::fs::File::create(dir.join("huge.toml")).unwrap();
    // Sparse: the size is what is checked, before a byte is read.
    file.set_len(100 * 1024 * 1024).unwrap();
    let (code, stderr) = run(&dir, "huge.toml");
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        stderr.trim(),
        "huge.toml: 104857600 bytes; a spec may have at most 4194304"
    );
}

#[test]
fn too_many_region_units_are_refused() {
    let dir = scratch("units");
    let rows = vec!["[1, 0]"; 5001].join(", ");
    let bias = vec!["-1"; 5001].join(", ");
    std::fs::write(
        dir.join("units.toml"),
        format!("kind = \"nn.decision-region\"\n[params]\nweights = [{rows}]\nbias = [{bias}]\n"),
    )
    .unwrap();
    let (code, stderr) = run(&dir, "units.toml");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with("units.toml:3:11: params.weights: 5001 units; at most 5000"),
        "{stderr}"
    );
}

#[test]
fn an_lstm_trace_too_large_to_keep_is_refused() {
    let dir = scratch("lstm-cells");
    let row = |n: usize| format!("[{}]", vec!["0"; n].join(", "));
    let square = format!("[{}]", vec![row(3); 3].join(", "));
    let column = format!("[{}]", ["[1]"; 3].join(", "));
    let weights: String = ["f", "i", "o", "c"]
        .iter()
        .map(|g| format!("{g}_h = {square}\n{g}_x = {column}\n"))
        .collect();
    std::fs::write(
        dir.join("cells.toml"),
        format!(
            "kind = \"lstm.states\"\n[params]\nx = {}\n[params.weights]\n{weights}",
            row(70_000)
        ),
    )
    .unwrap();
    let (code, stderr) = run(&dir, "cells.toml");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("params.x: 70000 steps × 3 state units = 210000 values of h per trace; the limit is 200000"),
        "{stderr}"
    );
}

#[test]
fn an_embedding_experiment_too_wide_is_refused() {
    let dir = scratch("embeddings-wide");
    let words: String = (0..20_000)
        .map(|i| format!("w{i} = [0.5, 0.5]\n"))
        .collect();
    std::fs::write(
        dir.join("wide.toml"),
        format!(
            "kind = \"embeddings.unseen-words\"\n[params]\nhidden = 100\n[params.vocabulary]\n{words}[[params.train]]\nwords = [\"w0\"]\nlabel = 1\n[[params.test]]\nwords = [\"w1\"]\nlabel = 0\n"
        ),
    )
    .unwrap();
    let (code, stderr) = run(&dir, "wide.toml");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("params.hidden: (vocabulary 20000 + embedding width 2) × hidden 100 = 2000200 first-layer weights; the limit is 2000000"),
        "{stderr}"
    );
}

#[test]
fn an_answer_too_large_to_print_is_refused() {
    let dir = scratch("hidden-sums");
    let rows = vec!["[1]"; 2_000].join(", ");
    let sums = vec!["1"; 1_000].join(", ");
    std::fs::write(
        dir.join("sums.toml"),
        format!("kind = \"nn.output-from-hidden-sum\"\n[params]\nweights = [{rows}]\nhidden_sums = [{sums}]\n"),
    )
    .unwrap();
    let (code, stderr) = run(&dir, "sums.toml");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "params.hidden_sums: 1000 sums × 2000 outputs = 2000000 output values; at most 1000000"
        ),
        "{stderr}"
    );
}

#[test]
fn too_many_temperature_curves_are_refused() {
    let dir = scratch("betas");
    let betas = vec!["1"; 1_001].join(", ");
    std::fs::write(
        dir.join("betas.toml"),
        format!("kind = \"nn.inverse-temperature\"\n[params]\nbetas = [{betas}]\nmin_o2 = 0.001\n"),
    )
    .unwrap();
    let (code, stderr) = run(&dir, "betas.toml");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("params.betas: 1001 values; at most 1000"),
        "{stderr}"
    );
}
