//! The class report page from a tally: what is shown, what is escaped, and what is left
//! out (no section for absent students or duplicates when there are none, no drawn param
//! that goes with wrong answers no more than chance would).

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nnhw_gradebook::report::{
    AnswerReport, BucketReport, ClassReport, Count, Duplicate, ParamReport, ProblemReport, Stats,
};

fn stats(count: u64, mean: f64) -> Stats {
    Stats {
        count,
        mean: Some(mean),
        min: Some(mean - 1.0),
        max: Some(mean + 1.0),
    }
}

fn bucket(label: &str, right: u64, wrong: u64) -> BucketReport {
    BucketReport {
        label: label.into(),
        low: None,
        high: None,
        value: None,
        right,
        wrong,
    }
}

fn param(name: &str, p_value: f64, buckets: Vec<BucketReport>) -> ParamReport {
    ParamReport {
        param: name.into(),
        right: stats(10, 2.5),
        wrong: stats(9, -3.0),
        buckets,
        spread: Some(0.9),
        p_value: Some(p_value),
    }
}

fn answer(name: &str, params: Vec<ParamReport>) -> AnswerReport {
    AnswerReport {
        name: name.into(),
        right: 10,
        wrong: 9,
        unusable: 1,
        missing: 0,
        known_mistakes: vec![Count {
            text: "σ′ is not `1-sigma(z)`".into(),
            count: 4,
        }],
        wrong_answers: vec![Count {
            text: "<script>alert(1)</script>".into(),
            count: 3,
        }],
        other_wrong_answers: 6,
        distinct_wrong_answers: 5,
        unusable_reasons: vec![Count {
            text: "cannot read this".into(),
            count: 1,
        }],
        other_unusable: 0,
        params,
    }
}

fn report(absent: Vec<String>, duplicates: Vec<Duplicate>) -> ClassReport {
    ClassReport {
        format_version: 1,
        rows: 21,
        graded: 20,
        reported: 1,
        repeated: 1,
        unanswered: 0,
        problems: vec![ProblemReport {
            problem: "simple_network".into(),
            title: "3.4 Simple network & <friends>".into(),
            kind: "backprop.simple-network".into(),
            specs: 20,
            submissions: 20,
            max_score: 2,
            scores: vec![1, 9, 10],
            mean_score: Some(1.45),
            drawn: vec!["w2".into(), "b".into()],
            answers: vec![
                answer(
                    "dC_dw2",
                    vec![
                        param(
                            "w2",
                            0.0001,
                            vec![bucket("w2 < 0", 1, 9), bucket("w2 ≥ 0", 9, 0)],
                        ),
                        param("b", 0.5, vec![bucket("b = 1", 5, 5), bucket("b = 2", 5, 4)]),
                    ],
                ),
                answer("loss", vec![param("b", 0.5, vec![bucket("b = 1", 5, 5)])]),
            ],
        }],
        absent,
        absent_not_listed: 0,
        duplicates,
        duplicates_not_listed: 0,
    }
}

#[test]
fn the_page_shows_the_tally_and_escapes_what_students_wrote() {
    let page = nnhw_booklet::class_report(
        "Class report: answers.csv",
        &report(
            vec!["<b>s9</b>".into()],
            vec![Duplicate {
                student: "s1".into(),
                spec: "simple_network-s1".into(),
                line: 21,
            }],
        ),
    );
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("<script>"), "a wrong answer is text");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("3.4 Simple network &amp; &lt;friends&gt;"));
    assert!(page.contains("&lt;b&gt;s9&lt;/b&gt;"));
    // The known mistake's typed part as code, its count before it.
    assert!(page.contains("<strong>4</strong> × σ′ is not <code>1-sigma(z)</code>"));
    assert!(page.contains("others (4 distinct)"));
    // The histogram: one figure with its text alternative.
    assert_eq!(page.matches("<svg").count(), 1);
    assert!(page.contains("aria-label=\"3.4 Simple network &amp; &lt;friends&gt;: how many"));
    // w2 goes with wrong answers (p = 0.0001): said in a sentence and shown; b does not.
    assert!(
        page.contains(
            "<code>dC_dw2</code> was wrong 9 of 10 times with <span class=\"range\">w2 &lt; 0</span>, \
             and 0 of 9 with <span class=\"range\">w2 ≥ 0</span>."
        ),
        "{page}"
    );
    assert!(page.contains("<code>w2</code>"));
    assert!(!page.contains("<code>b</code>"));
    assert!(page.contains("No drawn number goes with wrong answers to <code>loss</code>"));
    for section in ["id=\"absent\"", "id=\"duplicates\""] {
        assert!(page.contains(section), "{section}");
    }
    assert!(page.contains("1 later submission not counted"));
}

#[test]
fn sections_without_content_are_left_out() {
    let page = nnhw_booklet::class_report("Class report", &report(Vec::new(), Vec::new()));
    for section in ["id=\"absent\"", "id=\"duplicates\"", "href=\"#absent\""] {
        assert!(!page.contains(section), "{section}");
    }
}
