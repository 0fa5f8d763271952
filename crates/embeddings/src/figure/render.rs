//! The section's specs and a few extreme vocabularies: each plane and each question
//! figure renders, has its title, and stays under 100 KB; a question figure shows no
//! answer and nothing trained. `cargo test -p nnhw-embeddings -- --ignored` also writes
//! them to /tmp/nnhw-embeddings-figures/ to be looked at.

use std::fmt::Write as _;

use nnhw_core::Figure;
use nnhw_core::spec::Document;
use nnhw_plot::plotters::style::RGBColor;

fn figures(file: &str, text: &str) -> Vec<Figure> {
    let doc = Document::parse(file, text).expect("the spec parses");
    let title = doc.header().expect("a header").title.unwrap_or_default();
    let problem = crate::unseen_words::build(&doc.params()).expect("the spec builds");
    let figures = problem.figures(&title);
    assert!(!figures.is_empty(), "{file} draws nothing");
    for f in &figures {
        assert!(
            f.svg.len() < 100_000,
            "{file}: {} is {} bytes",
            f.name,
            f.svg.len()
        );
        assert!(f.svg.contains(&title), "{file}: the title is missing");
        assert!(
            !f.svg.contains("<rect") || f.svg.matches("<rect").count() < 20,
            "{file}: a raster"
        );
    }
    figures
}

fn spec(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A vocabulary of `n` words with long names on a spiral, half of them in training.
pub(crate) fn many(n: usize, scale: f64) -> String {
    let mut s = String::from(
        "kind = \"embeddings.unseen-words\"\ntitle = \"Many words\"\n[params]\nhidden = 1\nepochs = 1\ntrials = 1\n[params.vocabulary]\n",
    );
    for w in 0..n {
        let a = w as f64 * 0.37;
        let r = scale * (1.0 + w as f64 / n as f64);
        let _ = writeln!(
            s,
            "word_with_a_long_name_{w} = [{}, {}]",
            r * a.cos(),
            r * a.sin()
        );
    }
    for (field, range) in [("train", 0..n / 2), ("test", n / 2..n)] {
        for w in range.step_by(2) {
            let _ = writeln!(
                s,
                "[[params.{field}]]\nwords = [\"word_with_a_long_name_{w}\", \"word_with_a_long_name_{}\"]\nlabel = {}",
                (w + 1).min(n - 1),
                w % 4 / 2
            );
        }
    }
    s
}

fn cases() -> Vec<(String, String)> {
    let mut cases: Vec<(String, String)> = [
        "problems/word_embeddings.toml",
        "problems/beyond/noise_embeddings.toml",
    ]
    .iter()
    .map(|p| (p.to_string(), spec(p)))
    .collect();
    cases.push(("many.toml".into(), many(3_000, 1.0)));
    cases.push(("huge-scale.toml".into(), many(30, 1e6)));
    cases.push((
        "one-point.toml".into(),
        spec("problems/word_embeddings.toml").replace("[0.", "[0.5, 0.5] # ["),
    ));
    cases
}

/// The question figures of a spec, checked as the planes are.
fn question_figures(file: &str, text: &str) -> Vec<Figure> {
    let doc = Document::parse(file, text).expect("the spec parses");
    let title = doc.header().expect("a header").title.unwrap_or_default();
    let problem = crate::unseen_words::build(&doc.params()).expect("the spec builds");
    let figures = problem.question_figures(&title);
    for f in &figures {
        assert_eq!(f.name, "question-vocabulary");
        assert!(f.svg.len() < 100_000, "{file}: {} bytes", f.svg.len());
        assert!(f.svg.contains(&title), "{file}: the title is missing");
        assert!(
            f.svg.contains("never seen"),
            "{file}: unseen words are not told apart"
        );
        // Nothing trained: no class regions, no trial, no accuracy.
        let regions = [(1, 0.18), (0, 0.12)].map(|(c, opacity)| {
            let RGBColor(r, g, b) = super::tint(nnhw_plot::color(c), opacity);
            format!("fill=\"#{r:02X}{g:02X}{b:02X}\"")
        });
        for trained in [
            "embedding net",
            "trial",
            "accuracy",
            &regions[0],
            &regions[1],
        ] {
            assert!(!f.svg.contains(trained), "{file}: {trained}");
        }
    }
    figures
}

#[test]
fn every_question_figure_renders_and_shows_no_answer() {
    for (file, text) in cases() {
        let figures = question_figures(&file, &text);
        assert_eq!(figures.len(), 1, "{file}");
    }
    for path in crate::question::tests::SPECS {
        let text = spec(path);
        let stated = crate::question::tests::stated_text(&text);
        for f in question_figures(path, &text) {
            let leaks = crate::question::tests::leaks(&f.svg, &stated);
            assert_eq!(leaks, Vec::<String>::new(), "{path}");
            for word in ["bridge", "cow", "tiger", "truck"] {
                assert!(f.svg.contains(word), "{path}: {word} is not labelled");
            }
        }
    }
    let noise = question_figures("noise", &spec(crate::question::tests::SPECS[1]));
    assert!(
        noise[0]
            .svg
            .contains("box the noise vectors are drawn from")
    );
}

#[test]
fn no_question_figure_unless_the_embeddings_are_2_d() {
    let three_d = spec("problems/word_embeddings.toml").replace("= [0", "= [0.5, 0");
    assert!(question_figures("3-d", &three_d).is_empty());
}

#[test]
fn every_plane_renders_small_and_titled() {
    for (file, text) in cases() {
        figures(&file, &text);
    }
}

#[test]
#[ignore = "writes SVGs to /tmp to be looked at"]
fn write_planes_to_look_at() {
    let dir = std::path::Path::new("/tmp/nnhw-embeddings-figures");
    std::fs::create_dir_all(dir).unwrap();
    for (file, text) in cases() {
        let stem = std::path::Path::new(&file)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for f in figures(&file, &text)
            .into_iter()
            .chain(question_figures(&file, &text))
        {
            std::fs::write(dir.join(format!("{stem}.{}.svg", f.name)), &f.svg).unwrap();
        }
    }
}
