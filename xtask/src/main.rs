//! The project's own tasks, run as `cargo xtask …` (the alias is in `.cargo/config.toml`).
//!
//! - `cargo xtask new-kind SECTION.NAME [--section "N Title"]` scaffolds a problem kind:
//!   the section crate (or a module in the one that already holds SECTION's kinds), a
//!   spec under `problems/beyond/`, and every list that must know the kind (the runner's
//!   link, the workspace's dependency table, the Kinds table of docs/kinds.md, the fuzz
//!   dictionary and corpus, both lock files).
//!
//! It is for course staff adding problems and for nothing else: no problem logic lives
//! here, and the tests (`tests/tests/registry.rs`) check the lists whether or not this
//! tool wrote them. Plain std and thiserror: it builds in seconds and needs nothing the
//! workspace does not already have.

mod edit;
mod error;
mod names;
mod new_kind;
mod templates;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask new-kind SECTION.NAME [--section \"N Title\"]

  SECTION.NAME   the spec's kind, e.g. perceptron.update-step: SECTION names the
                 section crate (crates/SECTION, package nnhw-SECTION), NAME the kind
                 within it (lowercase letters, digits and '-')
  --section      the section's label for `runner list`, number first
                 (default: the next number after the sections there are, and
                 SECTION capitalised). Ignored when SECTION's crate exists.

Writes the kind, its spec problems/beyond/SECTION_NAME.toml and the lists that name
it; then run `cargo test --workspace`, read and accept the new snapshot, and run
`bash .ci/run`. See docs/adding.md.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("new-kind") => match names::Request::parse(&args[1..]) {
            Ok(request) => match new_kind::run(&workspace_root(), &request) {
                Ok(report) => {
                    println!("{report}");
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("cargo xtask new-kind: {message}");
                    ExitCode::from(2)
                }
            },
            Err(message) => {
                eprintln!("cargo xtask new-kind: {message}\n\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The workspace root: this crate's parent directory.
fn workspace_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map_or(here.clone(), PathBuf::from)
}
