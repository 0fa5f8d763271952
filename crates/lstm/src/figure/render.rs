//! Every LSTM spec's figures, and the largest traces the limits allow: each renders, has
//! a title, and stays under 100 KB. `cargo test -p nnhw-lstm -- --ignored` also writes
//! them to /tmp/nnhw-lstm-figures/ to be looked at.

use std::fmt::Write as _;

use nnhw_core::Figure;

const SPECS: [&str; 6] = [
    "problems/lstm1.toml",
    "problems/lstm2.toml",
    "problems/lstm_info.toml",
    "problems/beyond/lstm_exact_unrounded.toml",
    "problems/beyond/lstm_saturation_matters.toml",
    "problems/beyond/lstm_vector.toml",
];

fn figures(file: &str, text: &str) -> Vec<Figure> {
    let solved = nnhw_grade::solve_text(file, text, true).expect("the spec solves");
    assert!(!solved.figures.is_empty(), "{file} draws nothing");
    for f in &solved.figures {
        assert!(
            f.svg.len() < 100_000,
            "{file}: {} is {} bytes",
            f.name,
            f.svg.len()
        );
        assert!(
            f.svg.contains(&solved.title),
            "{file}: the title is missing"
        );
    }
    solved.figures
}

fn spec(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A scalar spec of `steps` steps, or a vector one of `hidden` units and `width` inputs.
fn long(steps: usize, hidden: usize, width: usize) -> String {
    let row = |n: usize, v: f64| format!("[{}]", vec![v.to_string(); n].join(", "));
    let matrix = |r: usize, c: usize, v: f64| format!("[{}]", vec![row(c, v); r].join(", "));
    let mut x = String::from("[");
    for t in 0..steps {
        let v = [0.0, 1.0, 1.0, 0.5, -1.0][t % 5];
        let _ = write!(
            x,
            "{}{}",
            if t == 0 { "" } else { ", " },
            if width == 1 {
                v.to_string()
            } else {
                row(width, v)
            }
        );
    }
    x.push(']');
    let w = |c: usize, v: f64| {
        if hidden == 1 && c == 1 {
            v.to_string()
        } else {
            matrix(hidden, c, v)
        }
    };
    format!(
        "kind = \"lstm.states\"\ntitle = \"Long trace\"\n[params]\nx = {x}\napproximation = \"exact\"\nrounding = \"none\"\n[params.weights]\nf_h = {}\nf_x = {}\ni_h = {}\ni_x = {}\no_h = {}\no_x = {}\nc_h = {}\nc_x = {}\n",
        w(hidden, 0.1),
        w(width, 0.5),
        w(hidden, -0.2),
        w(width, 0.7),
        w(hidden, 0.3),
        w(width, 0.2),
        w(hidden, -0.9),
        w(width, 1.3)
    )
}

fn cases() -> Vec<(String, String)> {
    let mut cases: Vec<(String, String)> = SPECS.iter().map(|p| (p.to_string(), spec(p))).collect();
    cases.push(("long-scalar.toml".into(), long(100_000, 1, 1)));
    cases.push(("long-vector.toml".into(), long(20_000, 10, 4)));
    cases.push(("medium-scalar.toml".into(), long(80, 1, 1)));
    cases.push(("stems-scalar.toml".into(), long(40, 1, 1)));
    cases.push(("wide-short.toml".into(), long(6, 8, 5)));
    cases.push((
        "info-short.toml".into(),
        spec("problems/lstm_info.toml").replace("[params]\n", "[params]\nmax_length = 3\n"),
    ));
    cases.push((
        "info-none.toml".into(),
        spec("problems/lstm_info.toml").replace("c_h = -100", "c_h = 0"),
    ));
    cases
}

#[test]
fn every_figure_renders_small_and_titled() {
    for (file, text) in cases() {
        figures(&file, &text);
    }
}

#[test]
#[ignore = "writes SVGs to /tmp to be looked at"]
fn write_figures_to_look_at() {
    let dir = std::path::Path::new("/tmp/nnhw-lstm-figures");
    std::fs::create_dir_all(dir).unwrap();
    for (file, text) in cases() {
        let stem = std::path::Path::new(&file)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for f in figures(&file, &text) {
            std::fs::write(dir.join(format!("{stem}.{}.svg", f.name)), &f.svg).unwrap();
        }
    }
}

/// A candidate rejected elsewhere but fitting the illustration says where it fails.
#[test]
fn a_candidate_rejected_elsewhere_names_its_counterexample() {
    use crate::candidates::Candidate;
    use crate::figure::info::{Checked, info};
    let text = spec("problems/lstm_info.toml").replace("c_h = -100", "c_h = 0");
    let doc = nnhw_core::spec::Document::parse("echo.toml", &text).unwrap();
    let lstm: crate::spec::LstmSpec = doc.params().parse().unwrap();
    let verdicts: Vec<Checked> = Candidate::ALL
        .iter()
        .map(|&candidate| Checked {
            candidate,
            counterexample: (candidate != Candidate::RunParity).then(|| vec![0, 1, 1]),
        })
        .collect();
    let figure = info("echo", &lstm.setup(1).unwrap(), Some(12), &verdicts).unwrap();
    assert!(figure.svg.contains("fits here; fails on x = 0, 1, 1"));
    assert!(figure.svg.len() < 100_000);
}

/// The scope that qualifies a verdict leads the subtitle, where a cut for width never
/// reaches it.
#[test]
fn the_info_subtitle_leads_with_its_scope() {
    let info = |path: &str| -> String {
        let figures = figures(path, &spec(path));
        let info = figures.into_iter().find(|f| f.name == "info").unwrap();
        nnhw_plot::svg_text(&info.svg)
    };
    let checked = info("problems/beyond/lstm_info_no_proof.toml");
    assert!(
        checked.contains("inputs up to length 12: no candidate fits; runs of 1s up to 3 drawn"),
        "{checked}"
    );
    let proved = info("problems/lstm_info.toml");
    assert!(
        proved.contains("proved for every length: hₜ is run-parity; runs of 1s up to 4 drawn"),
        "{proved}"
    );
}
