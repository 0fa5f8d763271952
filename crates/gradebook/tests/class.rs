//! A small class graded end to end: CSV and JSON Lines in, every format out, problem rows
//! on the error stream, spec lookup, shards, and no leak of the key without `reveal`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nnhw_backprop as _;
use nnhw_neural_nets as _;

mod common;

use common::{book, run, run_with};
use nnhw_gradebook::{Error, Format, Options, Shard, Summary, grade, write_results};
use serde_json::Value as Json;

const CLASS_CSV: &str = "\
student,spec,loss,dC_dw1,dC_dw2,dC_db,o,zzz
alice,simple_network,0.2884,2.08,,0.3.3,,
bob,feedforward.toml,,,,,\"[e^15/(e^15+1), 1/(e^15+1)]\",hi
carol,nope,1

dave,simple_network,0.2884,,,,,
erin,simple_network-dave,0.267,,,,,
";

const CLASS_JSON: &str = r#"{"student": "alice", "spec": "simple_network", "answers": {"loss": 0.2884, "dC_dw1": "2.08", "dC_dw2": null, "dC_db": "0.3.3"}}
{"student": "bob", "spec": "feedforward.toml", "answers": {"o": ["e^15/(e^15+1)", "1/(e^15+1)"], "zzz": "hi"}}
{"student": "carol", "spec": "nope", "answers": {"loss": 1}}

{"student": "dave", "spec": "simple_network", "answers": {"loss": "0.2884"}}
{"student": "erin", "spec": "simple_network-dave", "answers": {"loss": 0.267}}
"#;

#[test]
fn a_csv_class_becomes_a_csv_gradebook() {
    let r = run(CLASS_CSV, Format::Csv, false);
    assert_eq!(
        r.out,
        "\
student,spec,score,max_score,loss,dC_dw1,dC_dw2,dC_db,o
alice,simple_network,1,4,right,wrong,missing,unusable,
bob,feedforward,1,1,,,,,right
dave,simple_network-dave,0,1,wrong,,,,
erin,simple_network-dave,1,1,right,,,,
alice,feedforward,0,1,,,,,missing
bob,simple_network,0,4,missing,missing,missing,missing,
carol,simple_network,0,4,missing,missing,missing,missing,
carol,feedforward,0,1,,,,,missing
dave,feedforward,0,1,,,,,missing
erin,feedforward,0,1,,,,,missing
"
    );
    assert_eq!(
        r.err,
        "\
class.csv:1: column `zzz` is no graded answer of any spec; ignored
class.csv:4: 3 fields, but the header has 8; no spec `nope` among the 3 graded (looked for a variant id `nope`, a variant of `nope` drawn for carol, then a file name or stem)
"
    );
    assert_eq!(
        r.summary,
        Summary {
            submissions: 5,
            graded: 4,
            problems: 2,
            skipped_other_shards: 0,
            repeated: 0,
            unanswered: 6,
            absent: 0,
            unseen: 0,
        }
    );
}

#[test]
fn json_lines_grade_the_same() {
    let csv = run(CLASS_CSV, Format::Json, false);
    let json = run(CLASS_JSON, Format::Json, false);
    assert_eq!(json.summary, csv.summary);
    assert_eq!(
        json.err,
        "\
class.csv:2: no answer named `zzz` in feedforward (its graded answers: o); not scored
class.csv:3: no spec `nope` among the 3 graded (looked for a variant id `nope`, a variant of `nope` drawn for carol, then a file name or stem)
"
    );
    let strip_lines = |text: &str| -> Vec<Json> {
        text.lines()
            .map(|l| {
                let mut v: Json = serde_json::from_str(l).unwrap();
                v.as_object_mut().unwrap().remove("line");
                v
            })
            .collect()
    };
    assert_eq!(strip_lines(&json.out), strip_lines(&csv.out));
    let first: Json = serde_json::from_str(json.out.lines().next().unwrap()).unwrap();
    assert_eq!(first["format_version"], 1);
    assert_eq!(first["student"], "alice");
    assert_eq!(first["spec"], "simple_network");
    assert_eq!(first["file"], "problems/simple_network.toml");
    assert_eq!(
        (first["score"].clone(), first["max_score"].clone()),
        (1.into(), 4.into())
    );
    let verdicts: Vec<&str> = first["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["right", "wrong", "missing", "unusable"]);
    assert_eq!(first["answers"][1]["given"], "2.08");
    assert_eq!(first["answers"][2]["given"], Json::Null);
    assert!(first.get("variant").is_none());
    let dave: Json = serde_json::from_str(json.out.lines().nth(2).unwrap()).unwrap();
    assert_eq!(dave["variant"], "simple_network-dave");
}

#[test]
fn gradescope_objects_carry_scores_and_tests() {
    let r = run(CLASS_CSV, Format::Gradescope, false);
    let objects: Vec<Json> = r
        .out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The four graded rows, then the six problems a student did not submit.
    assert_eq!(objects.len(), 10);
    let skipped = &objects[4];
    assert_eq!(
        (&skipped["score"], &skipped["max_score"]),
        (&Json::from(0), &Json::from(1))
    );
    assert_eq!(skipped["extra_data"]["student"], "alice");
    assert_eq!(skipped["extra_data"]["line"], Json::Null);
    assert_eq!(skipped["tests"][0]["output"], "missing: no answer given");
    let alice = &objects[0];
    assert_eq!(alice["score"], 1);
    assert_eq!(alice["max_score"], 4);
    assert_eq!(
        alice["output"],
        "3.4 Simple network (simple_network): 1 of 4 answers right"
    );
    let tests = alice["tests"].as_array().unwrap();
    let names: Vec<&str> = tests.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["loss", "dC_dw1", "dC_dw2", "dC_db"]);
    for t in tests {
        for key in ["name", "score", "max_score", "output", "visibility"] {
            assert!(t.get(key).is_some(), "{key} in {t}");
        }
        assert_eq!(t["visibility"], "visible");
        assert_eq!(t["max_score"], 1);
    }
    let scores: Vec<i64> = tests.iter().map(|t| t["score"].as_i64().unwrap()).collect();
    assert_eq!(scores, [1, 0, 0, 0]);
    assert_eq!(
        tests[1]["output"],
        "✗ 2.08 is not the answer to 3 decimals\nread as: 2.08\n\
         hint: a number here looks cut off rather than rounded: round to 3 decimals"
    );
    assert_eq!(tests[2]["output"], "missing: no answer given");
    assert!(
        tests[3]["output"]
            .as_str()
            .unwrap()
            .starts_with("⚠ cannot read this\n")
    );
    assert_eq!(alice["extra_data"]["student"], "alice");
}

#[test]
fn without_reveal_nothing_of_the_key_is_shown() {
    let input = "student,spec,loss,dC_db\nalice,simple_network,0.5,-0.2\n";
    for format in [Format::Csv, Format::Json, Format::Gradescope] {
        let hidden = run(input, format, false);
        for digits in ["2884", "1387", "0.288", "0.139"] {
            assert!(
                !hidden.out.contains(digits),
                "{format:?} shows {digits}: {}",
                hidden.out
            );
            assert!(!hidden.err.contains(digits));
        }
    }
    let shown = run(input, Format::Json, true);
    assert!(
        shown.out.contains("\"answer\":0.28842841648243966"),
        "{}",
        shown.out
    );
    let shown = run(input, Format::Gradescope, true);
    assert!(
        shown.out.contains("the answer is 0.2884284165"),
        "{}",
        shown.out
    );
    // A right answer is not followed by the answer even with reveal.
    let right = run(
        "student,spec,loss\nalice,simple_network,0.2884\n",
        Format::Json,
        true,
    );
    assert!(!right.out.contains("\"answer\""));
}

#[test]
fn shards_partition_the_class_by_student() {
    let mut input = String::from("student,spec,loss\n");
    for i in 0..300 {
        let answer = ["0.2884", "0.5", "x+", ""][i % 4];
        input.push_str(&format!("s{i},simple_network,{answer}\n"));
    }
    input.push_str(",simple_network,0.2884\n");
    let whole = run(&input, Format::Csv, false);
    assert_eq!(whole.summary.graded, 300);
    let mut rows: Vec<String> = Vec::new();
    let mut problems = 0;
    let count = 4;
    for index in 0..count {
        let options = Options {
            format: Format::Csv,
            reveal: false,
            shard: Some(Shard { index, count }),
            results: None,
            roster: None,
            as_student: None,
        };
        let r = run_with(&book(), input.as_bytes(), &options);
        assert_eq!(r.summary.submissions, 301);
        assert_eq!(
            r.summary.skipped_other_shards + r.summary.graded + r.summary.problems,
            301
        );
        for line in r.out.lines().skip(1) {
            let student = line.split(',').next().unwrap();
            assert_eq!(Shard::of(student, count), index);
            rows.push(line.to_string());
        }
        problems += r.summary.problems;
        if index == 0 {
            assert_eq!(r.err, "class.csv:302: no student\n");
        }
    }
    assert_eq!(problems, 1);
    let mut expected: Vec<String> = whole.out.lines().skip(1).map(String::from).collect();
    expected.sort();
    rows.sort();
    assert_eq!(rows, expected);
}

#[test]
fn malformed_rows_are_reported_and_the_rest_graded() {
    let mut input = b"student,spec,loss,dC_db\n".to_vec();
    input.extend_from_slice(b"alice,simple_network,\"0.2884,-0.1387\n"); // 2: unclosed quote
    input.extend_from_slice(b"bob,simple_network,0.2884,-0.1387\n"); // 3
    input.extend_from_slice(b"carol,simple_network,0.28\xff,-0.1387\n"); // 4: not UTF-8
    input.extend_from_slice(b"dave,simple_network,");
    input.extend(std::iter::repeat_n(b'9', (1 << 20) + 1)); // 5: too long
    input.extend_from_slice(b"\n,simple_network,0.2884,\n"); // 6: no student
    input.extend_from_slice(b"erin,,0.2884\n"); // 7: no spec
    input.extend_from_slice(b"fay,\"simple\nnetwork\",0.2884,\n"); // 8-9: a spec over two lines
    input.extend_from_slice(b"gus,simple_network,0.2884,-0.1387,extra\x1b[31m\n"); // 10
    let r = run_with(&book(), &input, &Options::default());
    assert_eq!(
        r.out,
        "\
student,spec,score,max_score,loss,dC_dw1,dC_dw2,dC_db,o
alice,simple_network,0,4,unusable,missing,missing,missing,
bob,simple_network,2,4,right,missing,missing,right,
carol,simple_network,1,4,unusable,missing,missing,right,
gus,simple_network,2,4,right,missing,missing,right,
alice,feedforward,0,1,,,,,missing
bob,feedforward,0,1,,,,,missing
carol,feedforward,0,1,,,,,missing
erin,simple_network,0,4,missing,missing,missing,missing,
erin,feedforward,0,1,,,,,missing
fay,simple_network,0,4,missing,missing,missing,missing,
fay,feedforward,0,1,,,,,missing
gus,feedforward,0,1,,,,,missing
"
    );
    assert_eq!(
        r.err,
        "\
class.csv:2: a quote opened on this line is never closed; the line was read on its own; 3 fields, but the header has 4
class.csv:4: not UTF-8: the bad bytes were read as �
class.csv:5: this line is 1048597 bytes, over the 1 MB a line may have; not read
class.csv:6: no student
class.csv:7: 3 fields, but the header has 4; no spec
class.csv:8: no spec `simple\\nnetwork` among the 3 graded (looked for a variant id `simple\\nnetwork`, a variant of `simple\\nnetwork` drawn for fay, then a file name or stem)
class.csv:10: 5 fields, but the header has 4
"
    );
    assert_eq!(r.summary.problems, 7);
    assert_eq!(r.summary.submissions, 8);
}

#[test]
fn bad_json_lines_are_reported_one_by_one() {
    let input = "\
{\"student\": \"alice\", \"spec\": \"simple_network\", \"answers\": {\"loss\": 0.2884}}
{\"student\": \"bob\", \"spec\": 
[1, 2]
{\"student\": 7, \"spec\": \"simple_network\"}
{\"student\": \"dan\", \"spec\": \"simple_network\", \"answers\": {\"loss\": {\"x\": 1}}}
";
    let r = run(input, Format::Csv, false);
    assert_eq!(
        r.err,
        "\
class.csv:2: not JSON: EOF while parsing a value at line 1 column 27; not read
class.csv:3: not a JSON object {\"student\", \"spec\", \"answers\"}; not read
class.csv:4: no `answers` (an object NAME: VALUE): every answer is missing
class.csv:5: answer `loss` is a JSON object; give text, a number or a list
"
    );
    let students: Vec<&str> = r
        .out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    // The three graded rows, then each one's 1.1, which they did not submit.
    assert_eq!(students, ["alice", "7", "dan", "alice", "7", "dan"]);
}

#[test]
fn an_input_without_a_header_is_refused_whole() {
    let cases = [
        ("", "class.csv: no submissions"),
        ("\n\n", "class.csv: no submissions"),
        (
            "alice,simple_network,0.2884\n",
            "class.csv:1: it is `alice,simple_network,0.2884`",
        ),
        (
            "student,spec,loss,,loss\n",
            "class.csv:1: column 4 has no name",
        ),
        (
            "student,spec,loss,loss\n",
            "class.csv:1: column `loss` appears twice",
        ),
        (
            "student,spec,\"loss\n",
            "class.csv:1: a quote in the header is never closed",
        ),
    ];
    for (input, start) in cases {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let e = grade(
            &book(),
            input.as_bytes(),
            "class.csv",
            &Options::default(),
            &mut out,
            &mut err,
        )
        .unwrap_err();
        assert!(matches!(e, Error::Input(_)));
        assert!(e.to_string().starts_with(start), "{input:?}: {e}");
    }
    // Trailing unnamed columns (a spreadsheet's) are allowed.
    let r = run(
        "student,spec,loss,,\nalice,simple_network,0.2884,,\n",
        Format::Csv,
        false,
    );
    assert_eq!(r.err, "");
    assert_eq!(r.summary.graded, 1);
}

#[test]
fn results_files_merge_each_students_submissions() {
    let dir = tempfile::tempdir().unwrap();
    let input = "\
student,spec,loss,o
alice,simple_network,0.2884,
alice,feedforward,,\"[1, 0]\"
../bob,simple_network,0.5,
alice,simple_network,0.2884,
";
    let (options, mut err) = (Options::default(), Vec::new());
    let summary = write_results(
        &book(),
        input.as_bytes(),
        "class.csv",
        &options,
        dir.path(),
        &mut err,
    )
    .unwrap();
    assert_eq!(summary.graded, 3);
    assert_eq!(
        String::from_utf8(err).unwrap(),
        "class.csv:5: a second submission of simple_network by alice; \
         the first, on line 2, counts and this one is not graded\n"
    );
    let read = |p: &std::path::Path| -> Json {
        serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
    };
    let alice = read(&dir.path().join("alice/results.json"));
    assert_eq!(alice["score"], 1);
    assert_eq!(alice["max_score"], 5);
    let names: Vec<&str> = alice["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "simple_network: loss",
            "simple_network: dC_dw1",
            "simple_network: dC_dw2",
            "simple_network: dC_db",
            "feedforward: o"
        ]
    );
    let entries: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries.len(), 2);
    let bob = entries.iter().find(|e| *e != "alice").unwrap();
    assert!(bob.starts_with("_bob-"), "{bob}");
    let bob = read(&dir.path().join(bob).join("results.json"));
    // bob did not submit 1.1: it counts in his max_score, every answer missing.
    assert_eq!(
        (bob["score"].as_i64(), bob["max_score"].as_i64()),
        (Some(0), Some(5))
    );
}
