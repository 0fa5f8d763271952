//! Input from a class that a script or a student made hostile: links planted in the
//! results folder, a folder that cannot be written, a quote left open, ids beyond 2⁶⁴,
//! a key given twice, a header of 160,000 columns, a roster with absent students.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use nnhw_backprop as _;
use nnhw_neural_nets as _;

use common::{book, run, run_with};
use nnhw_gradebook::{Format, Options, Shard, write_results};
use serde_json::Value as Json;

fn results(input: &str, dir: &std::path::Path) -> (nnhw_gradebook::Summary, String) {
    let mut err = Vec::new();
    let summary = write_results(
        &book(),
        input.as_bytes(),
        "class.csv",
        &Options::default(),
        dir,
        &mut err,
    )
    .unwrap();
    (summary, String::from_utf8(err).unwrap())
}

#[cfg(unix)]
#[test]
fn a_link_in_the_results_folder_is_not_followed_and_one_bad_folder_stops_no_one() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("bob")).unwrap();
    std::fs::write(dir.path().join("carol"), "a file, not a folder").unwrap();
    let input = "student,spec,loss\nalice,simple_network,0.2884\nbob,simple_network,0.2884\ncarol,simple_network,0.2884\ndave,simple_network,0.2673\n";
    let (summary, err) = results(input, dir.path());
    assert!(
        err.contains("bob/results.json: the student's folder is a symbolic link; not written"),
        "{err}"
    );
    assert!(
        err.contains("carol/results.json: the student's folder is not a folder; not written"),
        "{err}"
    );
    assert_eq!(summary.problems, 2, "{err}");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    for written in ["alice", "dave"] {
        assert!(dir.path().join(written).join("results.json").is_file());
    }
    // No spill file is left behind.
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.iter().all(|n| !n.starts_with('.')), "{left:?}");
    // A folder that cannot be written is reported, and the students after it are
    // written all the same (root may write anywhere: then there is nothing to see).
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("alice")).unwrap();
    std::fs::set_permissions(
        dir.path().join("alice"),
        std::fs::Permissions::from_mode(0o500),
    )
    .unwrap();
    let writable = std::fs::write(dir.path().join("alice/probe"), "").is_ok();
    let (summary, err) = results(input, dir.path());
    if !writable {
        assert!(err.contains("alice/results.json: "), "{err}");
        assert_eq!(summary.problems, 1, "{err}");
    }
    for written in ["bob", "carol", "dave"] {
        assert!(dir.path().join(written).join("results.json").is_file());
    }
}

#[test]
fn an_open_quote_does_not_swallow_the_next_students_row() {
    let r = run(
        "student,spec,loss\nalice,simple_network,\"0.2884\nbob,simple_network,0.2884\n",
        Format::Csv,
        false,
    );
    assert_eq!(
        r.err,
        "class.csv:2: a quote opened on this line is never closed; the line was read on its own\n"
    );
    assert_eq!(r.summary.graded, 2);
    assert!(
        r.out.contains("\nbob,simple_network,1,4,right,"),
        "{}",
        r.out
    );
}

#[test]
fn numeric_ids_beyond_two_to_the_64_stay_apart() {
    let input = r#"{"student": 18446744073709551616, "spec": "simple_network", "answers": {"loss": 0.2884}}
{"student": 18446744073709551617, "spec": "simple_network", "answers": {"loss": 0.5}}
"#;
    let r = run(input, Format::Json, false);
    assert_eq!(r.err, "");
    let rows: Vec<Json> = r
        .out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows[0]["student"], "18446744073709551616");
    assert_eq!(rows[1]["student"], "18446744073709551617");
    assert_eq!(
        (&rows[0]["score"], &rows[1]["score"]),
        (&Json::from(1), &Json::from(0))
    );
}

#[test]
fn a_student_given_twice_is_reported_in_one_shard_only() {
    let input = r#"{"student": "alice", "spec": "simple_network", "answers": {"loss": 0.2884}}
{"student": "alice", "spec": "feedforward", "student": "bob", "answers": {"o": "[1, 0]"}}
"#;
    let mut reported = 0;
    let mut dirs = Vec::new();
    for index in 0..4 {
        let dir = tempfile::tempdir().unwrap();
        let options = Options {
            shard: Some(Shard { index, count: 4 }),
            results: Some(dir.path().to_path_buf()),
            ..Options::default()
        };
        let r = run_with(&book(), input.as_bytes(), &options);
        if r.err.contains("class.csv:2: `student` is given twice") {
            reported += 1;
            assert_eq!(index, 0);
        }
        assert!(!r.out.contains("bob"), "{}", r.out);
        dirs.push(dir);
    }
    assert_eq!(reported, 1);
    // alice's results are written by her shard alone.
    let with_alice = dirs
        .iter()
        .filter(|d| d.path().join("alice/results.json").exists())
        .count();
    assert_eq!(with_alice, 1);
}

#[test]
fn a_header_of_160000_columns_is_read_in_one_pass() {
    // Names in base 36, so that the header stays under the 1 MB a line may have.
    let name = |mut i: usize| {
        let mut name = String::from("c");
        loop {
            name.push(char::from_digit((i % 36) as u32, 36).unwrap());
            i /= 36;
            if i == 0 {
                return name;
            }
        }
    };
    let mut header = String::from("student,spec,loss");
    for i in 0..160_000 {
        header.push(',');
        header.push_str(&name(i));
    }
    let r = run(
        &format!("{header}\nalice,simple_network,0.2884\n"),
        Format::Csv,
        false,
    );
    assert_eq!(r.summary.graded, 1);
    assert_eq!(
        r.err.lines().count(),
        160_000 + 1,
        "each unknown column once, and the row"
    );
    let twice = format!("{header},c7\nalice,simple_network,0.2884\n");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let e = nnhw_gradebook::grade(
        &book(),
        twice.as_bytes(),
        "class.csv",
        &Options::default(),
        &mut out,
        &mut err,
    )
    .unwrap_err();
    assert!(e.to_string().contains("column `c7` appears twice"), "{e}");
}

#[test]
fn a_roster_names_who_submitted_nothing_and_their_problems_score_zero() {
    let options = Options {
        roster: Some(vec!["alice".into(), "zed".into(), "dave".into()]),
        ..Options::default()
    };
    let r = run_with(
        &book(),
        b"student,spec,loss\nalice,simple_network,0.2884\n",
        &options,
    );
    assert_eq!(
        r.err,
        "class.csv: 2 students on the roster submitted nothing: zed, dave\n"
    );
    assert_eq!((r.summary.absent, r.summary.unanswered), (2, 5));
    let rows: Vec<&str> = r.out.lines().skip(1).collect();
    assert_eq!(
        rows,
        [
            "alice,simple_network,1,4,right,missing,missing,missing,",
            "alice,feedforward,0,1,,,,,missing",
            "zed,simple_network,0,4,missing,missing,missing,missing,",
            "zed,feedforward,0,1,,,,,missing",
            "dave,feedforward,0,1,,,,,missing",
            "dave,simple_network-dave,0,1,missing,,,,",
        ]
    );
}

#[test]
fn among_many_students_exactly_the_second_submissions_are_caught() {
    let mut input = String::from("student,spec,loss\n");
    for round in 0..2 {
        for i in 0..20_000 {
            // Each id once more in the second round; `s1` and `S1` are two students.
            let id = if i % 2 == 0 {
                format!("s{i}")
            } else {
                format!("S{}", i - 1)
            };
            let answer = if round == 0 { "0.2884" } else { "0.5" };
            input.push_str(&format!("{id},simple_network,{answer}\n"));
        }
    }
    let r = run(&input, Format::Csv, false);
    assert_eq!(r.summary.graded, 20_000);
    assert_eq!(r.summary.repeated, 20_000);
    // The first submission is the one graded: every graded row has loss right.
    let wrong = r
        .out
        .lines()
        .filter(|l| l.contains(",simple_network,") && !l.contains(",right,"))
        .count();
    assert_eq!(wrong, 0);
}

#[test]
fn without_a_roster_a_student_with_variants_and_no_row_is_counted_not_graded() {
    let r = run(
        "student,spec,loss\nalice,simple_network,0.2884\n",
        Format::Csv,
        false,
    );
    assert_eq!(r.err, "");
    assert!(!r.out.contains("dave"), "{}", r.out);
    assert_eq!((r.summary.unseen, r.summary.absent), (1, 0));
}
