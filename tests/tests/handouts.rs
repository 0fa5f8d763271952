//! Nothing of the key in a handout. Every spec under problems/ and 100 variants of every
//! spec with a `[variants]` table are solved; each answer, and each value of the working,
//! is rendered every way the project renders it (`nnhw_tests::needles`: decimals at the
//! graded precision and finer, the report's and JSON's numbers, scientific notation, exact
//! forms, formulas, MathML, whole lists); and each student's handout page, figures and all,
//! is searched for every one of them.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nnhw_booklet::Sheet;
use nnhw_core::Figures;
use nnhw_tests::{display_name, needles, problems_dir, spec_files};

const VARIANTS: usize = 100;

/// The leaks in the handout of the spec `text`, named `file`.
fn leaks(file: &str, text: &str) -> Vec<String> {
    let solved =
        nnhw_grade::solve_text(file, text, Figures::Question).unwrap_or_else(|e| panic!("{e}"));
    let sheet = Sheet {
        solved: &solved,
        spec: solved.variant.clone().unwrap_or_else(|| file.to_string()),
        student: solved.student.clone(),
    };
    let page = nnhw_booklet::handout(&solved.title, &[sheet]);
    let whole: toml::Table = toml::from_str(text).unwrap();
    let given = needles::given(whole["params"].as_table().unwrap());
    needles::find(&page, &needles::of(&solved), &given)
}

#[test]
fn no_handout_holds_an_answer_or_its_working() {
    let files = spec_files();
    let mut searched = 0;
    let mut all = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let name = display_name(path);
        let mut sheets = vec![(name.clone(), text.clone())];
        let doc = nnhw_core::spec::Document::parse(&name, &text).unwrap();
        if nnhw_core::draws::Draws::read(&doc).unwrap().is_some() {
            let ids: Vec<String> = (1..=VARIANTS).map(|i| format!("s{i}")).collect();
            let generated = nnhw_variants::generate(&name, &text, 0, &ids, &|| {}).unwrap();
            sheets.extend(
                generated
                    .variants
                    .into_iter()
                    .map(|v| (v.file_name, v.text)),
            );
        }
        for (file, text) in sheets {
            searched += 1;
            for leak in leaks(&file, &text) {
                all.push(format!("{file}: {leak}"));
            }
        }
    }
    assert!(all.is_empty(), "{} leaks:\n{}", all.len(), all.join("\n"));
    assert!(
        searched >= 27 + 8 * VARIANTS,
        "only {searched} handouts searched"
    );
}

/// The search finds what it is for: a handout with the answer pasted in is caught.
#[test]
fn a_planted_answer_is_found() {
    let path = problems_dir().join("simple_network.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let planted = text.replace(
        "[params]",
        "[statement]\nafter = \"Hint: C is about 0.28842, and ∂C/∂b = −0.139.\"\n\n[params]",
    );
    let found = leaks("simple_network.toml", &planted);
    assert!(found.iter().any(|l| l.contains("loss")), "{found:?}");
    assert!(found.iter().any(|l| l.contains("dC_db")), "{found:?}");
}
