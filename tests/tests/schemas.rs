//! Every JSON output against its published schema: the schemas in `docs/schemas/` are
//! generated from the output types (schemars) and must be the committed ones; every
//! output of every spec (reports, `--answer` verdicts right, wrong and unusable, the
//! kinds, a small class's gradebooks and Gradescope files, the autograder's results)
//! must validate against them with an independent validator (jsonschema).
//!
//! `NNHW_UPDATE_SCHEMAS=1 cargo test -p nnhw-tests --test schemas` rewrites the schemas
//! after a type changed (never under CI=true, where drift fails).

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use nnhw_core::json::{KindsJson, ReportJson};
use nnhw_core::{Solved, Value};
use nnhw_grade::feedback::{self, VerdictsJson};
use nnhw_gradebook::ClassReport;
use nnhw_gradebook::json::{GradescopeJson, StudentResultsJson, SubmissionJson};
use nnhw_gradescope::ResultsJson;
use serde_json::Value as Json;

/// Each published schema: its file under `docs/schemas/` and the type it describes, as
/// serialized (an optional field is one the type may leave out).
fn schemas() -> Vec<(&'static str, schemars::Schema)> {
    fn schema<T: schemars::JsonSchema>() -> schemars::Schema {
        schemars::generate::SchemaSettings::draft2020_12()
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<T>()
    }
    vec![
        ("report.schema.json", schema::<ReportJson>()),
        ("verdicts.schema.json", schema::<VerdictsJson>()),
        ("kinds.schema.json", schema::<KindsJson>()),
        ("grade.schema.json", schema::<SubmissionJson>()),
        ("gradescope.schema.json", schema::<GradescopeJson>()),
        (
            "gradescope-student.schema.json",
            schema::<StudentResultsJson<'static>>(),
        ),
        ("autograder-results.schema.json", schema::<ResultsJson>()),
        ("class-report.schema.json", schema::<ClassReport>()),
    ]
}

fn workspace() -> PathBuf {
    nnhw_tests::problems_dir().parent().unwrap().to_path_buf()
}

fn schemas_dir() -> PathBuf {
    workspace().join("docs/schemas")
}

#[test]
fn published_schemas_are_generated_from_the_output_types() {
    let update = std::env::var_os("NNHW_UPDATE_SCHEMAS").is_some_and(|v| v != "0")
        && std::env::var("CI").map_or(true, |ci| ci != "true");
    let mut drifted = Vec::new();
    for (name, schema) in schemas() {
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        let path = schemas_dir().join(name);
        if update {
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            drifted.push(name);
        }
    }
    assert!(
        drifted.is_empty(),
        "docs/schemas/ differs from the output types for {drifted:?}: review the change, \
         then run NNHW_UPDATE_SCHEMAS=1 cargo test -p nnhw-tests --test schemas"
    );
}

/// The validator of a published schema.
fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(schemas_dir().join(name)).unwrap();
    let schema: Json = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Panics with every error of `instance` against `validator`.
fn assert_valid(validator: &jsonschema::Validator, instance: &Json, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(5)
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{instance}");
}

/// Runs the CLI in this process; (status, stdout, stderr).
fn run(args: &[&str]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = runner::run(
        std::iter::once("runner").chain(args.iter().copied()),
        &mut out,
        &mut err,
    );
    (
        status,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn lines(text: &str) -> Vec<Json> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn every_report_validates() {
    let report = validator("report.schema.json");
    let figures = tempfile::tempdir().unwrap();
    let problems = nnhw_tests::problems_dir();
    let (status, out, err) = run(&[
        "--format",
        "json",
        "--figures",
        figures.path().to_str().unwrap(),
        problems.to_str().unwrap(),
    ]);
    assert_eq!(status, 0, "{err}");
    let reports = lines(&out);
    assert_eq!(reports.len(), nnhw_tests::spec_files().len());
    for object in &reports {
        assert_valid(&report, object, object["file"].as_str().unwrap_or("?"));
    }
    assert!(reports.iter().any(|r| r.get("figures").is_some()));
    // Without --figures, as a program that only reads answers gets it.
    let (_, out, _) = run(&["--format", "json", problems.to_str().unwrap()]);
    for object in lines(&out) {
        assert_valid(&report, &object, "without figures");
    }
}

#[test]
fn counts_are_integers() {
    let path = nnhw_tests::problems_dir().join("lstm_info.toml");
    let (_, out, _) = run(&["--format", "json", path.to_str().unwrap()]);
    let report = &lines(&out)[0];
    let answer = |name: &str| {
        report["answers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap()["value"]
            .clone()
    };
    assert!(answer("states").is_u64(), "{}", answer("states"));
    assert!(answer("sequences_checked").is_u64());
}

/// What a student might type for `value`: the key itself where it is easily typed.
fn typed(value: &Value) -> String {
    let list = |items: Vec<String>| format!("[{}]", items.join(", "));
    match value {
        Value::Number(x) if x.is_infinite() => if *x > 0.0 { "inf" } else { "-inf" }.into(),
        Value::Number(x) => format!("{x:e}"),
        Value::Count(n) => n.to_string(),
        Value::List(items) | Value::Set(items) => list(items.iter().map(typed).collect()),
        Value::Text(t) => t.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Formula(f) => f.ascii.clone(),
        Value::Choice(c) => c.option().name.clone(),
        Value::Lines(lines) => list(lines.iter().map(|l| l.text.clone()).collect()),
        Value::Polygon(p) => list(
            p.corners
                .iter()
                .map(|c| format!("[{:e}, {:e}]", c[0], c[1]))
                .collect(),
        ),
    }
}

fn solved(path: &Path) -> Solved {
    nnhw_grade::solve_file(path, &nnhw_tests::display_name(path), false).unwrap()
}

#[test]
fn every_verdict_validates() {
    let verdicts = validator("verdicts.schema.json");
    let mut seen = BTreeSet::new();
    let mut revealed = 0;
    for path in nnhw_tests::spec_files() {
        let solved = solved(&path);
        let mut arguments = vec!["no_such_answer=1".to_string()];
        for answer in &solved.report.answers {
            for given in [typed(&answer.value), "987654.321".into(), "[1, 2".into()] {
                arguments.push(format!("{}={given}", answer.name));
            }
        }
        let judged = nnhw_grade::judge_arguments(&solved, &arguments);
        for reveal in [false, true] {
            let json = serde_json::to_value(feedback::verdicts_json(&solved, &judged, reveal));
            let json = json.unwrap();
            assert_valid(&verdicts, &json, &solved.file);
            for item in json["verdicts"].as_array().unwrap() {
                seen.insert(item["verdict"].as_str().unwrap().to_string());
                revealed += usize::from(item.get("answer").is_some());
            }
        }
    }
    assert_eq!(
        seen,
        BTreeSet::from(["right", "wrong", "unusable"].map(String::from))
    );
    assert!(revealed > 0, "no wrong verdict revealed its answer");
    // As the CLI writes them.
    let path = nnhw_tests::problems_dir().join("lstm_info.toml");
    let (_, out, _) = run(&[
        "--format",
        "json",
        path.to_str().unwrap(),
        "--answer",
        "states=3",
        "--answer",
        "sequences_checked=5",
        "--answer",
        "meaning=blah",
        "--reveal",
    ]);
    assert_valid(&verdicts, &lines(&out)[0], "lstm_info --answer");
}

#[test]
fn the_kinds_validate() {
    let (status, out, err) = run(&["list", "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    assert_valid(&validator("kinds.schema.json"), &lines(&out)[0], "list");
}

#[test]
fn a_class_gradebook_validates() {
    let dir = tempfile::tempdir().unwrap();
    let submissions = dir.path().join("answers.csv");
    std::fs::write(
        &submissions,
        "student,spec,loss,dC_dw1,dC_dw2,dC_db,states,sequences_checked,meaning\n\
         ann,simple_network,0.5,1,,x,,,\n\
         ann,lstm_info,,,,,3,8190,run-parity\n\
         bob,lstm_info,,,,,2,[1,\n\
         cy,no_such_spec,1,,,,,,\n",
    )
    .unwrap();
    let problems = nnhw_tests::problems_dir();
    let specs = ["simple_network.toml", "lstm_info.toml"].map(|s| problems.join(s));
    let specs: Vec<&str> = specs.iter().map(|p| p.to_str().unwrap()).collect();
    let grade = |format: &str, more: &[&str]| {
        let mut args = vec![
            "grade",
            "--submissions",
            submissions.to_str().unwrap(),
            "--format",
            format,
        ];
        args.extend(more);
        args.extend(&specs);
        let (_, out, err) = run(&args);
        let objects = lines(&out);
        assert!(objects.len() >= 3, "{err}");
        objects
    };
    let schema = validator("grade.schema.json");
    let report = dir.path().join("report.json");
    let objects = grade("json", &["--report", report.to_str().unwrap()]);
    for object in &objects {
        assert_valid(&schema, object, "grade --format json");
    }
    let missing = objects
        .iter()
        .flat_map(|o| o["answers"].as_array().unwrap())
        .any(|a| a["verdict"] == "missing");
    assert!(missing, "no missing answer in {objects:?}");
    let class: Json = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_valid(&validator("class-report.schema.json"), &class, "--report");

    let schema = validator("gradescope.schema.json");
    let results = dir.path().join("results");
    for object in grade("gradescope", &["--results", results.to_str().unwrap()]) {
        assert_valid(&schema, &object, "grade --format gradescope");
    }
    let schema = validator("gradescope-student.schema.json");
    let mut students = 0;
    for entry in std::fs::read_dir(&results).unwrap() {
        let path = entry.unwrap().path().join("results.json");
        let text = std::fs::read_to_string(&path).unwrap();
        assert_valid(&schema, &serde_json::from_str(&text).unwrap(), "--results");
        students += 1;
    }
    assert!(students >= 2, "{students} results files");
}

#[test]
fn the_autograders_results_validate() {
    let schema = validator("autograder-results.schema.json");
    let root = tempfile::tempdir().unwrap();
    let read = |path: &Path| -> Json {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    // Nothing there: a message, scored 0.
    let outcome = nnhw_gradescope::autograde(root.path()).unwrap();
    assert_valid(
        &schema,
        &read(&outcome.written),
        "an autograder with nothing",
    );

    let nnhw = root.path().join("source/nnhw");
    std::fs::create_dir_all(nnhw.join("specs")).unwrap();
    std::fs::copy(
        nnhw_tests::problems_dir().join("simple_network.toml"),
        nnhw.join("specs/simple_network.toml"),
    )
    .unwrap();
    let config = nnhw_gradescope::Config {
        format_version: nnhw_gradescope::FORMAT_VERSION,
        exported_by: "runner (test)".into(),
        reveal: true,
        visibility: nnhw_gradescope::Visibility::Visible,
        common: vec!["simple_network.toml".into()],
        students: vec![nnhw_gradescope::Student {
            id: "ann".into(),
            emails: vec!["ann@example.edu".into()],
            sids: Vec::new(),
            specs: Vec::new(),
        }],
    };
    std::fs::write(
        nnhw.join("autograder.json"),
        serde_json::to_string(&config).unwrap(),
    )
    .unwrap();
    std::fs::write(
        root.path().join("submission_metadata.json"),
        r#"{"users": [{"email": "ann@example.edu", "name": "Ann"}]}"#,
    )
    .unwrap();
    std::fs::create_dir_all(root.path().join("submission")).unwrap();
    std::fs::write(
        root.path().join("submission/answers.csv"),
        "student,spec,loss,dC_dw1\nann,simple_network,0.5,1\n",
    )
    .unwrap();
    let outcome = nnhw_gradescope::autograde(root.path()).unwrap();
    assert_eq!(outcome.max_score, Some(4), "{}", outcome.output);
    let results = read(&outcome.written);
    assert_eq!(results["tests"].as_array().unwrap().len(), 4);
    assert_valid(&schema, &results, "a graded submission");
}

#[test]
fn a_wrong_output_fails_validation() {
    let path = nnhw_tests::problems_dir().join("feedforward.toml");
    let right = serde_json::to_value(nnhw_core::render::json(&solved(&path))).unwrap();
    let report = validator("report.schema.json");
    assert_valid(&report, &right, "the report itself");
    /// What is wrong, and how to spoil a right report with it.
    type Spoil = (&'static str, fn(&mut Json));
    let wrongs: [Spoil; 5] = [
        ("a value that is an object", |r| {
            r["answers"][0]["value"] = serde_json::json!({ "x": 1 });
        }),
        ("format_version as text", |r| {
            r["format_version"] = "1".into()
        }),
        ("a field no one declared", |r| r["extra"] = 1.into()),
        ("no statement", |r| {
            r.as_object_mut().unwrap().remove("statement");
        }),
        ("a number JSON cannot hold, named wrong", |r| {
            r["answers"][0]["value"][0] = serde_json::json!(null);
        }),
    ];
    for (what, spoil) in wrongs {
        let mut wrong = right.clone();
        spoil(&mut wrong);
        assert!(!report.is_valid(&wrong), "{what} validates");
    }
    let verdict = serde_json::json!({
        "format_version": 1, "file": "f", "kind": "k", "title": "t",
        "verdicts": [{ "name": "o", "given": "1", "verdict": "maybe", "detail": "" }],
    });
    assert!(!validator("verdicts.schema.json").is_valid(&verdict));
}
