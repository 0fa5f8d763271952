//! The question of every spec of the kind: every param shown, every answer prompted, the
//! homework's setting and statements said, and no answer anywhere in it.

use std::collections::HashSet;

use nnhw_core::registry::stated;
use nnhw_core::spec::Document;
use nnhw_core::statement::{Block, leaks, text, unshown};
use nnhw_core::{Form, Report, Statement, Step, Tolerance};

use crate::statements::STATEMENTS;
use crate::unseen_words::build;

pub(crate) const SPECS: [&str; 2] = [
    "problems/word_embeddings.toml",
    "problems/beyond/noise_embeddings.toml",
];

pub(crate) fn spec(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A spec's question, its unshown params, its solution, its tolerance and what its
/// `[params]` render to ([`leaks::given`]).
pub(crate) struct Stated {
    pub statement: Statement,
    pub missing: Vec<String>,
    pub report: Report,
    pub tolerance: Tolerance,
    pub given: HashSet<String>,
}

pub(crate) fn stated_text(text: &str) -> Stated {
    let (statement, params, report) = stated(build, text).unwrap();
    let header = Document::parse("spec.toml", text)
        .unwrap()
        .header()
        .unwrap();
    Stated {
        missing: unshown(&statement, &params),
        given: leaks::given(&params),
        tolerance: header.tolerance,
        statement,
        report,
    }
}

/// The key's renderings that `shown` (a statement's text, its prompts, a figure's SVG)
/// holds: core's needles of the answers and the working ([`leaks::needles`]), numbers
/// from 3 decimals on as the report's verdicts write them (core starts at the graded
/// decimals, about nine significant digits for these specs), leaving out what the params
/// render to (a class label `1` says nothing of an accuracy of 1).
pub(crate) fn leaks(shown: &str, stated: &Stated) -> Vec<String> {
    let tolerance = Tolerance {
        decimals: Some(stated.tolerance.decimals.map_or(3, |d| d.min(3))),
        ..Tolerance::default()
    };
    let needles = leaks::needles(&stated.report, &stated.statement, &tolerance);
    leaks::find(shown, &needles, &stated.given)
}

fn statement_of(path: &str) -> Stated {
    stated_text(&spec(path))
}

#[test]
fn every_param_is_shown() {
    for path in SPECS {
        let missing = statement_of(path).missing;
        assert!(missing.is_empty(), "{path}: unshown {missing:?}");
    }
}

#[test]
fn every_answer_is_prompted_in_order_with_its_form() {
    for path in SPECS {
        let Stated {
            statement, report, ..
        } = statement_of(path);
        let answers: Vec<&str> = report.answers.iter().map(|a| a.name.as_str()).collect();
        let prompts: Vec<&str> = statement.prompts.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(prompts, answers, "{path}");
        let form = |name: &str| statement.prompt_for(name).map(|p| p.form.clone());
        assert_eq!(
            form("true_statements"),
            Some(Form::Labels(
                ["a", "b", "c", "d"].map(String::from).to_vec()
            ))
        );
        assert_eq!(form("one_hot_accuracy"), Some(Form::Number));
        assert_eq!(form("embedding_accuracy"), Some(Form::Number));
        assert_eq!(form("unseen_weights_unchanged"), Some(Form::Bool));
        let unseen = statement.prompt_for("unseen_weights_unchanged").unwrap();
        assert!(unseen.ask.contains("first-layer weights"));
        assert!(unseen.ask.contains("random start"));
    }
}

#[test]
fn the_homework_setting_and_statements_are_said() {
    let statement = statement_of(SPECS[0]).statement;
    let said = text(&statement);
    for phrase in [
        "one-hot vector over the whole dictionary of 12 words",
        "seen in training or not",
        "pre-trained embedding",
        "tanh",
        "random weights",
        "the same training sequences",
        "Seen in training: bridge [0.01, 1], car [0.01, 0.8], cat [0.9, 0.2]",
        "Never seen in training: cow [0.93, 0.35], tiger [0.88, 0.45], tower [0.02, 0.95], truck [0.03, 0.85].",
        "The 8 training sequences. Of class 1: [cat, dog], [lion, horse], [cat, lion], [dog, horse]; of class 0: [car, bridge],",
        "The 6 test sequences. Of class 1: [tiger], [cow], [tiger, cow]; of class 0: [truck], [tower], [truck, tower].",
        "Every word of the test sequences is one never seen in training.",
        "embeddings = given",
        "Which statements are true?",
    ] {
        assert!(said.contains(phrase), "missing {phrase:?} in\n{said}");
    }
    let items = statement.blocks.iter().find_map(|b| match b {
        Block::Items(items) => Some(items),
        _ => None,
    });
    let labels: Vec<&str> = items.unwrap().iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["a", "b", "c", "d"]);
    for (label, sentence) in STATEMENTS {
        assert!(said.contains(&format!("{label}) {sentence}.")), "{label}");
    }
}

#[test]
fn noise_says_what_the_vectors_are_for() {
    let said = text(&statement_of(SPECS[1]).statement);
    assert!(
        said.contains("embeddings = noise: the embedding network does not read the vectors below")
    );
    assert!(said.contains("fresh random vector"));
    assert!(said.contains("only set that box"));
}

#[test]
fn no_answer_is_given_away() {
    for path in SPECS {
        let stated = statement_of(path);
        let (statement, report) = (&stated.statement, &stated.report);
        let said = text(statement);
        let asked: String = statement.prompts.iter().map(|p| p.ask.clone()).collect();
        assert_eq!(leaks(&said, &stated), Vec::<String>::new(), "{path}");
        assert_eq!(leaks(&asked, &stated), Vec::<String>::new(), "{path}");
        // The set and the yes/no answers: no statement is called true or false, and
        // nothing says what happens to the unseen words' weights.
        let judged = said
            .replace("Which statements are true?", "")
            .to_lowercase();
        for word in [
            "true",
            "false",
            "yes",
            "never moved",
            "gradient",
            "keep their",
        ] {
            assert!(!judged.contains(word), "{path}: says {word:?}");
        }
        for step in &report.steps {
            if let Step::Text(line) = step {
                assert!(
                    !said.contains(line.as_str()),
                    "{path}: the working's {line:?}"
                );
            }
        }
    }
}

/// The search finds what it is for: the key planted in a statement, a prompt or a figure.
#[test]
fn a_planted_answer_is_found() {
    let (homework, noise) = (statement_of(SPECS[0]), statement_of(SPECS[1]));
    for (stated, shown) in [
        // The one-hot accuracy (0.4333333333) to the verdicts' 3 decimals and in full.
        (
            &homework,
            "One-hot nets get 0.433 of the test sequences right.",
        ),
        (&homework, "one_hot_accuracy = 0.4333333333"),
        (&homework, "The true ones are [a, b]."),
        // noise's embedding accuracy (0.5416666667) as a figure's label.
        (&noise, "<text x=\"5\" y=\"9\">mean 0.5417</text>"),
    ] {
        assert!(!leaks(shown, stated).is_empty(), "`{shown}` not found");
    }
}

#[test]
fn a_large_vocabulary_is_listed_in_part() {
    let text_of = |spec: &str| {
        let (statement, _, _) = stated(build, spec).unwrap();
        text(&statement)
    };
    let big = crate::figure::render::many(3_000, 1.0);
    let said = text_of(&big);
    assert!(said.contains("and 1400 more."), "{said:.2000}");
    assert!(said.len() < 40_000, "{} characters", said.len());
    let three_d = spec(SPECS[0]).replace("= [0", "= [0.5, 0");
    let said = text_of(&three_d);
    assert!(said.contains("a vector of 3 numbers"));
    assert!(said.contains("cat [0.5, 0.9, 0.2]"));
}

#[test]
#[ignore = "writes the questions to /tmp to be read"]
fn write_questions_to_read() {
    let dir = std::path::Path::new("/tmp/nnhw-embeddings-questions");
    std::fs::create_dir_all(dir).unwrap();
    for path in SPECS {
        let statement = statement_of(path).statement;
        let mut out = text(&statement);
        out.push_str("\n\nPrompts\n");
        for p in &statement.prompts {
            let line = nnhw_core::statement::prompt_text(p, &nnhw_core::Tolerance::default());
            out.push_str(&format!("  {}: {line}\n", p.name));
        }
        let stem = std::path::Path::new(path)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        std::fs::write(dir.join(format!("{stem}.txt")), out).unwrap();
    }
}
