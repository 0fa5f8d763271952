//! The registry against every list that must know its kinds, none of them kept by hand:
//!
//! - every kind a spec under problems/ uses is registered (and listed by `runner list`),
//!   and every registered kind has a spec there;
//! - every crate that submits kinds is linked into the runner: a crate the runner forgot
//!   compiles cleanly and its kinds silently vanish, so this test names the crate;
//! - the Kinds table of docs/kinds.md, the fuzz dictionary and the fuzz corpus name exactly the
//!   registered kinds.
//!
//! `cargo xtask new-kind` writes all of these for a new kind; this test holds whether or
//! not it did.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use nnhw_core::registry;
use nnhw_core::spec::Document;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
    out.sort();
}

/// Each kind the specs under `dir` use, with the first spec that uses it.
fn spec_kinds(dir: &Path) -> BTreeMap<String, PathBuf> {
    let mut specs = Vec::new();
    files(dir, "toml", &mut specs);
    let mut kinds = BTreeMap::new();
    for spec in specs {
        let text = std::fs::read_to_string(&spec).unwrap();
        let file = spec.display().to_string();
        let header = Document::parse(&file, &text)
            .and_then(|d| d.header())
            .unwrap_or_else(|e| panic!("{e}"));
        kinds.entry(header.kind).or_insert(spec);
    }
    kinds
}

/// Each crate under crates/ that submits kinds (its package name) and the kinds it
/// names, read from its source: the registry cannot say which crate a kind came from.
fn declaring_crates() -> BTreeMap<String, Vec<String>> {
    let mut crates = BTreeMap::new();
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        let dir = entry.unwrap().path();
        let Ok(manifest) = std::fs::read_to_string(dir.join("Cargo.toml")) else {
            continue;
        };
        let package = manifest
            .lines()
            .find_map(|l| l.strip_prefix("name = \""))
            .map(|rest| rest.trim_end_matches('"').to_string())
            .unwrap();
        let mut sources = Vec::new();
        files(&dir.join("src"), "rs", &mut sources);
        let mut kinds = Vec::new();
        for source in sources {
            let text = std::fs::read_to_string(source).unwrap();
            if text.contains("inventory::submit!") {
                kinds.extend(text.match_indices("name: \"").map(|(at, prefix)| {
                    let rest = &text[at + prefix.len()..];
                    rest[..rest.find('"').unwrap()].to_string()
                }));
            }
        }
        if !kinds.is_empty() {
            crates.insert(package, kinds);
        }
    }
    crates
}

fn registered() -> BTreeSet<&'static str> {
    registry::kinds().iter().map(|k| k.name).collect()
}

#[test]
fn every_crate_that_submits_kinds_is_linked_into_the_runner() {
    let registered = registered();
    let crates = declaring_crates();
    assert!(crates.len() >= 4, "found only {crates:?}");
    let unlinked: Vec<String> = crates
        .iter()
        .filter(|(_, kinds)| !kinds.iter().any(|k| registered.contains(k.as_str())))
        .map(|(package, kinds)| {
            format!(
                "crate {package} submits {} but is not linked into the runner, so none is registered: \
                 crates/runner/src/lib.rs needs `use {} as _;` and crates/runner/Cargo.toml \
                 `{package}.workspace = true`",
                kinds.join(", "),
                package.replace('-', "_")
            )
        })
        .collect();
    assert!(unlinked.is_empty(), "{}", unlinked.join("\n"));
}

#[test]
fn every_kind_a_spec_uses_is_registered_and_listed() {
    let listing = runner::list();
    let crates = declaring_crates();
    let mut problems = Vec::new();
    for (kind, spec) in spec_kinds(&root().join("problems")) {
        if registry::find(&kind).is_none() {
            let home = crates
                .iter()
                .find(|(_, kinds)| kinds.contains(&kind))
                .map_or("no crate under crates/ submits it".to_string(), |(p, _)| {
                    format!("crate {p} submits it but is not linked into the runner")
                });
            problems.push(format!(
                "{}: kind {kind} is not registered: {home}",
                spec.display()
            ));
        } else if !listing.contains(&kind) {
            problems.push(format!("runner list omits {kind}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_registered_kind_has_a_spec_under_problems() {
    let used = spec_kinds(&root().join("problems"));
    let missing: Vec<&str> = registered()
        .into_iter()
        .filter(|k| !used.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty(),
        "no spec under problems/ uses {missing:?}: a kind without one is never snapshotted \
         or self-tested (`cargo xtask new-kind` writes one)"
    );
}

/// The kinds in the first column of the Kinds table in docs/kinds.md.
fn table_kinds() -> BTreeSet<String> {
    let page = std::fs::read_to_string(root().join("docs/kinds.md")).unwrap();
    let mut lines = page.lines();
    assert!(
        lines.any(|l| l.starts_with("| kind | params | answers |")),
        "docs/kinds.md has no Kinds table"
    );
    lines
        .take_while(|l| l.starts_with('|'))
        .filter_map(|row| row.strip_prefix("| `"))
        .map(|rest| rest[..rest.find('`').unwrap()].to_string())
        .collect()
}

#[test]
fn the_kinds_table_names_exactly_the_registered_kinds() {
    let table = table_kinds();
    let registered: BTreeSet<String> = registered().into_iter().map(String::from).collect();
    let missing: Vec<_> = registered.difference(&table).collect();
    let stale: Vec<_> = table.difference(&registered).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "docs/kinds.md's Kinds table lacks rows for {missing:?} and has rows for unregistered {stale:?}"
    );
}

#[test]
fn the_fuzz_dictionary_and_corpus_know_every_kind() {
    let fuzz = root().join("fuzz");
    let dictionary = std::fs::read_to_string(fuzz.join("spec.dict")).unwrap();
    let tokens: BTreeSet<&str> = dictionary.lines().map(|l| l.trim_matches('"')).collect();
    let corpus = spec_kinds(&fuzz.join("corpus/spec"));
    let mut problems = Vec::new();
    for kind in registered() {
        if !tokens.contains(kind) {
            problems.push(format!("fuzz/spec.dict lacks \"{kind}\""));
        }
        if !corpus.contains_key(kind) {
            problems.push(format!(
                "fuzz/corpus/spec/ has no spec of {kind} (copy its problems/ spec there)"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn names_are_unique_and_summaries_present() {
    let kinds = registry::kinds();
    assert_eq!(registered().len(), kinds.len());
    assert!(kinds.iter().all(|k| !k.summary.is_empty()));
}
