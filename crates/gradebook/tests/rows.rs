//! Rows that try the rules' edges: how a spec is found, another student's variant, an
//! answer the key does not name, a resubmission, answer columns in another case or graded
//! by no spec, numbers beyond f64, results files' permissions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use nnhw_backprop as _;
use nnhw_neural_nets as _;

use common::{DAVE, FEED, SIMPLE, book, run, run_with, solve};
use nnhw_gradebook::{Book, Format, Options, Shard, write_results};
use serde_json::Value as Json;

/// Dave's variant, drawn again for `student` (same numbers, another id).
fn variant_of(stem: &str, student: &str) -> nnhw_core::Solved {
    let id = format!("{stem}-{student}");
    let text = DAVE
        .replace("simple_network-dave", &id)
        .replace("student = \"dave\"", &format!("student = {student:?}"));
    solve(&format!("variants/{id}.toml"), &text)
}

/// What one row `student,cell` grades against in `book` (the gradebook's spec cell), or
/// the problem reported.
fn found(book: &Book, student: &str, cell: &str) -> Result<String, String> {
    let input = format!("student,spec,loss\n{student},{cell},0.2673\n");
    let r = run_with(book, input.as_bytes(), &Options::default());
    if r.summary.graded == 0 {
        return Err(r.err.lines().next().unwrap().replace("class.csv:2: ", ""));
    }
    // The row given comes first; rows for problems not submitted follow it.
    let first = r.out.lines().nth(1).unwrap();
    Ok(first.split(',').nth(1).unwrap().to_string())
}

/// `(student, spec, loss)` of each gradebook row.
fn graded(out: &str) -> Vec<String> {
    out.lines()
        .skip(1)
        .map(|l| l.split(',').take(5).collect::<Vec<_>>().join(","))
        .collect()
}

#[test]
fn a_spec_is_found_by_variant_id_then_stem_and_student_then_file_name() {
    let book = Book::new(vec![
        solve("a/simple_network.toml", SIMPLE),
        solve("b/simple_network.toml", SIMPLE),
        solve("variants/simple_network-dave.toml", DAVE),
        solve("problems/feedforward.toml", FEED),
    ]);
    let ok = |s: &str| Ok(s.to_string());
    for (student, cell, expected) in [
        ("dave", "simple_network", ok("simple_network-dave")),
        ("dave", "simple_network.toml", ok("simple_network-dave")),
        ("dave", "simple_network-dave", ok("simple_network-dave")),
        ("eve", "simple_network-dave", ok("simple_network-dave")),
        ("eve", "a/simple_network.toml", ok("simple_network")),
        ("eve", "feedforward.toml", ok("feedforward")),
        ("eve", "feedforward", ok("feedforward")),
        ("eve", "problems/feedforward.toml", ok("feedforward")),
        (
            "eve",
            "simple_network",
            Err("`simple_network` is the file name of 2 specs (a/simple_network.toml, b/simple_network.toml); name one by its path or variant id".to_string()),
        ),
        (
            "eve",
            "simple_network.toml",
            Err("`simple_network.toml` is the file name of 2 specs (a/simple_network.toml, b/simple_network.toml); name one by its path or variant id".to_string()),
        ),
    ] {
        assert_eq!(found(&book, student, cell), expected, "{student},{cell}");
    }
}

#[test]
fn an_answer_the_key_does_not_name_is_reported_and_not_scored() {
    let partial = SIMPLE.replace("dC_dw1 = 2.0809\ndC_dw2 = -0.0042\ndC_db = -0.1387\n", "");
    let no_key = SIMPLE.split("[expected]").next().unwrap().to_string();
    let book = Book::new(vec![
        solve("partial.toml", &partial),
        solve("open.toml", &no_key),
    ]);
    assert_eq!(book.names(), ["loss", "dC_dw1", "dC_dw2", "dC_db"]);
    let input = "student,spec,loss,dC_db\nalice,partial,0.2884,-0.1387\nbob,open,0.2884,-0.1387\n";
    let r = run_with(&book, input.as_bytes(), &Options::default());
    assert_eq!(
        r.out,
        "\
student,spec,score,max_score,loss,dC_dw1,dC_dw2,dC_db
alice,partial,1,1,right,,,
bob,open,2,4,right,missing,missing,right
alice,open,0,4,missing,missing,missing,missing
bob,partial,0,1,missing,,,
"
    );
    assert_eq!(
        r.err,
        "class.csv:2: `dC_db` is not graded in partial (its key does not name it); not scored\n"
    );
}

#[test]
fn a_variant_is_whose_it_records_never_whose_id_it_ends_with() {
    let book = Book::new(vec![
        solve("problems/simple_network.toml", SIMPLE),
        variant_of("simple_network", "dave"),
        variant_of("simple_network", "erin"),
        variant_of("simple_network", "7"),
        variant_of("my-spec", "s1"),
        variant_of("my-spec", "s2"),
        variant_of("lstm2", "jo-ann"),
        variant_of("lstm2", "ann"),
        variant_of("lstm2", "2024-17"),
        variant_of("lstm2", "17"),
    ]);
    let ok = |s: &str| Ok(s.to_string());
    let theirs = |variant: &str, owner: &str, own: &str| {
        Err(format!(
            "`{variant}` was drawn for student `{owner}`; `{own}` is this student's"
        ))
    };
    for (student, cell, expected) in [
        ("erin", "simple_network-dave", theirs("simple_network-dave", "dave", "simple_network-erin")),
        ("erin", "simple_network-dave.toml", theirs("simple_network-dave", "dave", "simple_network-erin")),
        ("erin", "variants/simple_network-dave.toml", theirs("simple_network-dave", "dave", "simple_network-erin")),
        ("erin", "simple_network", ok("simple_network-erin")),
        ("erin", "simple_network-erin", ok("simple_network-erin")),
        ("dave", "simple_network-dave", ok("simple_network-dave")),
        // Without a variant of their own, the variant named is graded (handed out by hand).
        ("eve", "simple_network-dave", ok("simple_network-dave")),
        ("eve", "simple_network-7", ok("simple_network-7")),
        ("eve", "simple_network", ok("simple_network")),
        ("s1", "my-spec-s2", theirs("my-spec-s2", "s2", "my-spec-s1")),
        ("s1", "my-spec", ok("my-spec-s1")),
        // An id that ends in `-ann` is not ann's: jo-ann's variant is jo-ann's.
        ("ann", "lstm2-jo-ann", theirs("lstm2-jo-ann", "jo-ann", "lstm2-ann")),
        ("ann", "lstm2", ok("lstm2-ann")),
        ("jo-ann", "lstm2", ok("lstm2-jo-ann")),
        // `lstm2-2024` names no problem: 2024-17's variant is not found through it.
        (
            "17",
            "lstm2-2024",
            Err("no spec `lstm2-2024` among the 10 graded (looked for a variant id `lstm2-2024`, a variant of `lstm2-2024` drawn for 17, then a file name or stem)".into()),
        ),
        ("17", "lstm2", ok("lstm2-17")),
        ("17", "lstm2-2024-17", theirs("lstm2-2024-17", "2024-17", "lstm2-17")),
    ] {
        assert_eq!(found(&book, student, cell), expected, "{student},{cell}");
    }
    // Two variants of one problem drawn for one student (two seeds): neither is guessed.
    let mut retake = variant_of("simple_network", "dave");
    retake.file = "retake/simple_network-dave.toml".into();
    let book = Book::new(vec![variant_of("simple_network", "dave"), retake]);
    assert_eq!(
        found(&book, "dave", "simple_network"),
        Err("2 variants of `simple_network` were drawn for dave (variants/simple_network-dave.toml, retake/simple_network-dave.toml); name one by its variant id".into())
    );
    assert_eq!(
        found(&book, "dave", "retake/simple_network-dave.toml"),
        Ok("simple_network-dave".into())
    );
}

#[test]
fn a_second_submission_of_a_problem_is_reported_and_the_first_counts_everywhere() {
    let input = "\
student,spec,loss,dC_db
alice,simple_network,0.5,
alice,simple_network,0.2884,
bob,simple_network,0.2884,
alice,problems/simple_network.toml,0.2884,-0.1387,x
";
    let messages = "\
class.csv:3: a second submission of simple_network by alice; the first, on line 2, counts and this one is not graded
class.csv:5: 5 fields, but the header has 4; a third submission of simple_network by alice; the first, on line 2, counts and this one is not graded
";
    // Not only with results files: the gradebook lists the first row alone, so a sum of
    // its scores counts alice once.
    let r = run(input, Format::Csv, false);
    assert_eq!(r.err, messages);
    assert_eq!(
        graded(&r.out),
        [
            "alice,simple_network,0,4,wrong",
            "bob,simple_network,1,4,right",
            "alice,feedforward,0,1,",
            "bob,feedforward,0,1,",
        ]
    );
    assert_eq!(
        (r.summary.graded, r.summary.repeated, r.summary.problems),
        (2, 2, 2)
    );
    let dir = tempfile::tempdir().unwrap();
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
    assert_eq!(String::from_utf8(err).unwrap(), r.err);
    assert_eq!((summary.graded, summary.problems), (2, 2));
    let alice: Json = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("alice/results.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        (alice["score"].as_i64(), alice["max_score"].as_i64()),
        (Some(0), Some(5))
    );
}

#[test]
fn answer_columns_match_in_any_case_and_unknown_ones_are_reported_once() {
    let input = "\
Student,Spec,LOSS,dc_DB,o,typo
alice,simple_network,0.2884,-0.1387,,1
bob,simple_network,0.2884,,[1],2
carol,feedforward,0.2884,,,3
";
    let r = run(input, Format::Csv, false);
    assert_eq!(
        r.err,
        "\
class.csv:1: column `typo` is no graded answer of any spec; ignored
class.csv:3: no answer named `o` in simple_network (its graded answers: loss, dC_dw1, dC_dw2, dC_db); not scored
class.csv:4: no answer named `LOSS` in feedforward (its graded answers: o); not scored
"
    );
    assert_eq!(
        graded(&r.out),
        [
            "alice,simple_network,2,4,right",
            "bob,simple_network,1,4,right",
            "carol,feedforward,0,1,",
            "alice,feedforward,0,1,",
            "bob,feedforward,0,1,",
            "carol,simple_network,0,4,missing",
        ]
    );
    assert_eq!((r.summary.graded, r.summary.problems), (3, 3));
}

#[test]
fn an_answer_given_twice_in_two_cases_is_reported_and_the_later_counts() {
    let r = run(
        "student,spec,loss,LOSS\nalice,simple_network,0.5,0.2884\n",
        Format::Csv,
        false,
    );
    assert_eq!(
        r.err,
        "class.csv:2: `LOSS` answers `loss` again; the later value counts\n"
    );
    assert_eq!(
        graded(&r.out),
        ["alice,simple_network,1,4,right", "alice,feedforward,0,1,"]
    );
}

#[test]
fn a_json_number_beyond_f64_is_read_as_text_and_unusable() {
    let input = r#"{"student": "a", "spec": "simple_network", "answers": {"loss": 1e400, "dC_db": -0.1387}}
"#;
    let r = run(input, Format::Json, false);
    assert_eq!(r.err, "");
    let row: Json = serde_json::from_str(r.out.lines().next().unwrap()).unwrap();
    assert_eq!(row["score"], 1);
    assert_eq!(row["answers"][0]["given"], "1e400");
    assert_eq!(
        row["answers"][0]["verdict"], "unusable",
        "{}",
        row["answers"][0]
    );
    assert!(
        row["answers"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("`1e400` is too large for a number")
    );
    assert_eq!(row["answers"][3]["verdict"], "right");
    // The row is its student's shard's, as any other (serde skips the number there).
    let count = 4;
    let student = ["bob", "carol", "dave", "erin"]
        .into_iter()
        .find(|s| Shard::of(s, count) != 0)
        .unwrap();
    let input = input.replace("\"a\"", &format!("\"{student}\""));
    for index in 0..count {
        let options = Options {
            shard: Some(Shard { index, count }),
            ..Options::default()
        };
        let r = run_with(&book(), input.as_bytes(), &options);
        let ours = Shard::of(student, count) == index;
        assert_eq!(r.summary.graded, usize::from(ours), "shard {index}");
    }
}

#[cfg(unix)]
#[test]
fn results_files_are_readable_as_the_umask_allows() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let input = "student,spec,loss\nalice,simple_network,0.2884\n";
    write_results(
        &book(),
        input.as_bytes(),
        "class.csv",
        &Options::default(),
        dir.path(),
        &mut Vec::new(),
    )
    .unwrap();
    let mode = std::fs::metadata(dir.path().join("alice/results.json"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    // The umask, as Linux shows it (reading it any other way would change it).
    let umask = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("Umask:"))?.to_string();
            u32::from_str_radix(line["Umask:".len()..].trim(), 8).ok()
        });
    match umask {
        Some(umask) => assert_eq!(mode, 0o644 & !umask, "{mode:o}, umask {umask:o}"),
        None => assert_eq!(mode & 0o600, 0o600, "{mode:o}"),
    }
}

#[test]
fn one_students_file_is_graded_as_theirs_whatever_its_student_cells_say() {
    // The row given comes first, graded against Dave's own variant.
    let daves = |out: &str| {
        out.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("dave,simple_network-dave,"))
    };
    let options = Options {
        roster: Some(vec!["dave".into()]),
        as_student: Some("dave".into()),
        ..Options::default()
    };
    // Dave's own variant found from the problem's name, with no student, his id, and
    // another student's id in the cell; the broken line stays broken.
    let input = "student,spec,loss\n,simple_network,0.2673\n";
    let r = run_with(&book(), input.as_bytes(), &options);
    assert_eq!(r.summary.graded, 1, "{}", r.err);
    assert_eq!(r.summary.problems, 0, "{}", r.err);
    assert!(daves(&r.out), "{}", r.out);
    let input = "student,spec,loss\nalice,simple_network,0.2673\n\"open,x\n";
    let r = run_with(&book(), input.as_bytes(), &options);
    assert_eq!(r.summary.graded, 1, "{}", r.err);
    assert!(
        r.err
            .contains("class.csv:2: the row names student `alice`; graded as dave's"),
        "{}",
        r.err
    );
    assert!(daves(&r.out), "{}", r.out);
    // Nobody else is given rows: the roster is dave alone.
    assert!(
        r.out.lines().skip(1).all(|l| l.starts_with("dave,")),
        "{}",
        r.out
    );
}
