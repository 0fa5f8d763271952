//! The question of every spec of the kind: every param shown, every answer prompted, the
//! homework's setting and statements said, and no answer anywhere in it.

use nnhw_core::format::number;
use nnhw_core::registry::stated;
use nnhw_core::statement::{Block, text, unshown};
use nnhw_core::{Form, Report, Statement, Step, Value};

use crate::statements::STATEMENTS;
use crate::unseen_words::build;

pub(crate) const SPECS: [&str; 2] = [
    "problems/word_embeddings.toml",
    "problems/beyond/noise_embeddings.toml",
];

pub(crate) fn spec(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A spec's question, its unshown params, its solution and every number of its
/// `[params]` as the report writes it.
pub(crate) struct Stated {
    pub statement: Statement,
    pub missing: Vec<String>,
    pub report: Report,
    pub numbers: Vec<String>,
}

pub(crate) fn stated_text(text: &str) -> Stated {
    let (statement, params, report) = stated(build, text).unwrap();
    let missing = unshown(&statement, &params);
    let mut numbers = Vec::new();
    let mut stack: Vec<_> = params.values().collect();
    while let Some(v) = stack.pop() {
        if let Some(items) = v.as_array() {
            stack.extend(items);
        } else if let Some(table) = v.as_table() {
            stack.extend(table.values());
        } else if let Some(i) = v.as_integer() {
            numbers.push(number(i as f64));
        } else if let Some(f) = v.as_float() {
            numbers.push(number(f));
        }
    }
    Stated {
        statement,
        missing,
        report,
        numbers,
    }
}

/// Every way an answer number is written: as the report writes it, in full, and to 3
/// decimals (the report's verdicts) and every finer number of decimals.
fn renderings(x: f64) -> Vec<String> {
    let mut out = vec![number(x), format!("{x}")];
    for d in 3..=16 {
        let fixed = format!("{x:.d$}");
        out.push(
            fixed
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string(),
        );
        out.push(fixed);
    }
    out
}

/// The renderings of `report`'s number answers that `shown` (a statement's text or a
/// figure's SVG) holds. A rendering that is also a param's number is not looked for:
/// the statement must show every param, and a class label `1` says nothing of an
/// accuracy of 1.
pub(crate) fn leaks(shown: &str, report: &Report, params: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for answer in &report.answers {
        let Value::Number(x) = answer.value else {
            continue;
        };
        for r in renderings(x) {
            if !params.contains(&r) && shown.contains(&r) {
                found.push(format!("{} = {r}", answer.name));
            }
        }
    }
    found
}

fn statement_of(path: &str) -> (Statement, Vec<String>, Report, Vec<String>) {
    let s = stated_text(&spec(path));
    (s.statement, s.missing, s.report, s.numbers)
}

#[test]
fn every_param_is_shown() {
    for path in SPECS {
        let (_, missing, _, _) = statement_of(path);
        assert!(missing.is_empty(), "{path}: unshown {missing:?}");
    }
}

#[test]
fn every_answer_is_prompted_in_order_with_its_form() {
    for path in SPECS {
        let (statement, _, report, _) = statement_of(path);
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
    let (statement, _, _, _) = statement_of(SPECS[0]);
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
    let (statement, _, _, _) = statement_of(SPECS[1]);
    let said = text(&statement);
    assert!(
        said.contains("embeddings = noise: the embedding network does not read the vectors below")
    );
    assert!(said.contains("fresh random vector"));
    assert!(said.contains("only set that box"));
}

#[test]
fn no_answer_is_given_away() {
    for path in SPECS {
        let (statement, _, report, params) = statement_of(path);
        let said = text(&statement);
        let asked: String = statement.prompts.iter().map(|p| p.ask.clone()).collect();
        assert_eq!(
            leaks(&said, &report, &params),
            Vec::<String>::new(),
            "{path}"
        );
        assert_eq!(
            leaks(&asked, &report, &params),
            Vec::<String>::new(),
            "{path}"
        );
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
        let (statement, _, _, _) = statement_of(path);
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
