//! Section 3's figures on the repository's specs: each homework spec draws its figure,
//! every figure stays small, and a network too large for a diagram draws none.
//!
//! `cargo test -p nnhw-backprop --test figures -- --ignored` also writes every figure to
//! /tmp/backprop/ to be looked at.

use std::path::{Path, PathBuf};

use nnhw_core::Figure;
use nnhw_core::registry;
use nnhw_core::spec::Document;

// Links the crate so its kinds are registered.
use nnhw_backprop as _;

/// The spec's title and the figures its kind draws, headed by that title.
struct Solved {
    title: String,
    figures: Vec<Figure>,
}

fn problems() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../problems")
}

fn solve(text: &str) -> Result<Solved, String> {
    let doc = Document::parse("case.toml", text).map_err(|e| e.to_string())?;
    let header = doc.header().map_err(|e| e.to_string())?;
    let kind = registry::find(&header.kind).ok_or("unknown kind")?;
    let problem = (kind.build)(&doc.params()).map_err(|e| doc.locate(e).to_string())?;
    let title = header.title.unwrap_or_else(|| "case".into());
    let figures = problem.figures(&title);
    Ok(Solved { title, figures })
}

/// Every spec of a `backprop.` kind, homework first, with its name.
fn specs() -> Vec<(String, String)> {
    let mut found = Vec::new();
    for dir in [problems(), problems().join("beyond")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if path.extension().is_some_and(|e| e == "toml") && text.contains("kind = \"backprop.")
            {
                let name = path.file_stem().map(|s| s.to_string_lossy().into_owned());
                found.push((name.unwrap_or_default(), text));
            }
        }
    }
    found
}

#[test]
fn every_spec_draws_its_figures_small() {
    let specs = specs();
    assert!(
        specs.len() >= 7,
        "found only {} backprop specs",
        specs.len()
    );
    for (name, text) in specs {
        let solved = solve(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!solved.figures.is_empty(), "{name} draws nothing");
        for figure in &solved.figures {
            assert!(
                figure.svg.len() < 100_000,
                "{name}.{} is {} bytes",
                figure.name,
                figure.svg.len()
            );
            assert!(
                figure.svg.contains(&solved.title),
                "{name}.{} lacks the title",
                figure.name
            );
        }
    }
}

#[test]
fn a_network_too_large_for_a_diagram_draws_nothing() {
    let text = "kind = \"backprop.formulas\"\n[params]\nnetwork = { sizes = [2, 9, 2] }\nx = [1, 2]\ntarget = [0, 1]\n";
    let solved = solve(text).unwrap_or_else(|e| panic!("{e}"));
    assert!(solved.figures.is_empty());
}

#[test]
fn the_largest_diagram_stays_small() {
    for activation in ["sigmoid", "relu"] {
        let text = format!(
            "kind = \"backprop.formulas\"\n[params]\nnetwork = {{ sizes = [8, 8, 8, 8, 8], activation = \"{activation}\" }}\nx = [1, 2, 3, 4, 5, 6, 7, 8]\ntarget = [0, 1, 0, 1, 0, 1, 0, 1]\n"
        );
        let solved = solve(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(solved.figures.len(), 1);
        assert!(
            solved.figures[0].svg.len() < 100_000,
            "{} bytes",
            solved.figures[0].svg.len()
        );
    }
}

#[test]
fn the_longest_run_is_thinned() {
    let text = "kind = \"backprop.sgd\"\n[params]\nx = 3\nt = 1\nw1 = 0.5\nw2 = 0.5\nb = 0\neta = 0.1\nsteps = 100000\n";
    let solved = solve(text).unwrap_or_else(|e| panic!("{e}"));
    assert!(solved.figures.iter().all(|f| f.svg.len() < 100_000));
}

/// Specs at the edges of what the figures must take, beside the repository's.
const EDGES: [(&str, &str); 6] = [
    (
        "edge_largest",
        "kind = \"backprop.formulas\"\n[params]\nnetwork = { sizes = [8, 8, 8, 8, 8], activation = \"sigmoid\" }\nx = [1, 2, 3, 4, 5, 6, 7, 8]\ntarget = [0, 1, 0, 1, 0, 1, 0, 1]\n",
    ),
    (
        "edge_deep_relu",
        "kind = \"backprop.formulas\"\n[params]\nnetwork = { sizes = [3, 4, 4, 4, 2], activation = \"relu\", seed = 3 }\nx = [1, -2, 0.5]\ntarget = [0, 1]\n",
    ),
    (
        "edge_one_unit",
        "kind = \"backprop.formulas\"\ntitle = \"One unit\"\n[params]\nx = [2]\ntarget = [1]\n[[params.layers]]\nweights = [[-1]]\nactivation = \"relu\"\n",
    ),
    (
        "edge_wide_z",
        "kind = \"backprop.activation-derivatives\"\n[params]\nz = [-1000, 0.5, 3000]\n",
    ),
    (
        "edge_long_run",
        "kind = \"backprop.sgd\"\n[params]\nx = 3\nt = 1\nw1 = 0.5\nw2 = 0.5\nb = 0\neta = 0.5\nsteps = 200000\n",
    ),
    (
        "edge_dead_relu",
        "kind = \"backprop.simple-network\"\n[params]\nx = 3\nt = 1\nw1 = -0.5\nw2 = 2\nb = 0.5\n",
    ),
];

#[test]
#[ignore = "writes SVGs to /tmp/backprop/ to be looked at"]
fn write_every_figure() {
    let out = Path::new("/tmp/backprop");
    std::fs::create_dir_all(out).unwrap_or_else(|e| panic!("{e}"));
    let edges = EDGES.iter().map(|(n, t)| (n.to_string(), t.to_string()));
    for (name, text) in specs().into_iter().chain(edges) {
        let solved = solve(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for figure in solved.figures {
            let path = out.join(format!("{name}.{}.svg", figure.name));
            std::fs::write(&path, figure.svg).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
