//! The class report as a page, for staff who grade to learn what to teach again: per
//! problem, each answer's right / wrong / unusable / missing counts, the score
//! distribution (a histogram drawn by nnhw-plot), and per answer the known mistakes the
//! grader recognised, the most common wrong answers as it read them, why answers could
//! not be read, and which drawn numbers go with wrong answers; then the students without a
//! submission and the later submissions that did not count.
//!
//! It shows what nnhw-gradebook tallied ([`ClassReport`]) and nothing else: no student
//! id next to an answer (ids appear only among the absent students and the duplicates).

use maud::{Markup, html};
use nnhw_core::format::count;
use nnhw_gradebook::report::{
    AnswerReport, BucketReport, ClassReport, MIN_BUCKET, ParamReport, ProblemReport,
};

use crate::statement;

/// Drawn params shown per answer (the JSON report has every one).
const PARAMS_SHOWN: usize = 3;
/// A drawn param is shown with an answer when buckets as different as its would come by
/// chance less often than this (a χ² test; the JSON report has every param).
const NOTABLE: f64 = 0.01;

/// The page for `report`, headed `title`.
pub fn class_report(title: &str, report: &ClassReport) -> String {
    let body = html! {
        header {
            h1 { (title) }
            p.source {
                (count(report.graded as usize, "submission", "submissions")) " graded of "
                (count(report.rows as usize, "row", "rows")) " read"
                @if report.unanswered > 0 {
                    " · " (count(report.unanswered as usize, "problem", "problems"))
                    " not submitted, counted with every answer missing"
                }
                @if report.repeated > 0 {
                    " · " (count(report.repeated as usize, "later submission", "later submissions")) " not counted"
                }
                @if report.reported > 0 {
                    " · " (count(report.reported as usize, "row was", "rows were")) " reported when grading"
                }
                " · " (count(report.problems.len(), "problem", "problems"))
            }
        }
        (contents(report))
        main {
            @for (i, problem) in report.problems.iter().enumerate() {
                (self::problem(problem, &format!("problem-{}", i + 1)))
            }
            (absent(report))
            (duplicates(report))
        }
    };
    crate::document(title, body)
}

fn contents(report: &ClassReport) -> Markup {
    html! {
        nav.brief aria-labelledby="contents" {
            h2 #contents { "Contents" }
            ol {
                @for (i, p) in report.problems.iter().enumerate() {
                    li {
                        a href={ "#problem-" (i + 1) } { (p.title) }
                        span.muted { " — " (count(p.submissions as usize, "submission", "submissions"))
                            @if let Some(mean) = p.mean_score { ", mean " (one_decimal(mean)) " of " (p.max_score) } }
                    }
                }
                @if !report.absent.is_empty() || report.absent_not_listed > 0 {
                    li { a href="#absent" { "Students without a submission" } }
                }
                @if !report.duplicates.is_empty() || report.duplicates_not_listed > 0 {
                    li { a href="#duplicates" { "Later submissions that did not count" } }
                }
            }
        }
    }
}

fn problem(p: &ProblemReport, id: &str) -> Markup {
    let variants = p.specs > 1;
    let histogram = nnhw_plot::histogram(
        &p.title,
        "submissions by how many answers they had right",
        "answers right",
        "submissions",
        "submissions with this score",
        &p.scores,
    );
    html! {
        section.spec id=(id) aria-labelledby={ (id) "-title" } {
            h2 id={ (id) "-title" } { (p.title) }
            p.source {
                code { (p.problem) } " · " (p.kind)
                @if variants { " · " (count(p.specs as usize, "variant", "variants")) }
                " · " (count(p.submissions as usize, "submission", "submissions"))
                @if let Some(mean) = p.mean_score { ", mean score " (one_decimal(mean)) " of " (p.max_score) }
            }
            h3 { "Answers" }
            div.table {
                table.tally {
                    thead { tr {
                        th scope="col" { "answer" } th scope="col" { "right" } th scope="col" { "wrong" }
                        th scope="col" { "unusable" } th scope="col" { "missing" } th scope="col" { "share" }
                    } }
                    tbody {
                        @for a in &p.answers {
                            tr {
                                th scope="row" { code { (a.name) } }
                                td.right { (a.right) } td.wrong { (a.wrong) }
                                td.unusable { (a.unusable) } td.missing { (a.missing) }
                                td { (bar(a)) }
                            }
                        }
                    }
                }
            }
            @if let Some(svg) = histogram {
                div.scores { (statement::figure(&nnhw_core::Figure {
                    name: "scores".into(),
                    caption: format!("{}: how many submissions had each number of answers right, of {}", p.title, p.max_score),
                    svg,
                }, &format!("{id}-scores"))) }
            }
            @for (k, a) in p.answers.iter().enumerate() {
                @if a.wrong + a.unusable > 0 {
                    (answer(a, variants, &format!("{id}-answer-{}", k + 1)))
                }
            }
        }
    }
}

/// The answer's verdicts as one bar, each part as wide as its share.
fn bar(a: &AnswerReport) -> Markup {
    let total = (a.right + a.wrong + a.unusable + a.missing).max(1) as f64;
    let parts = [
        ("right", a.right),
        ("wrong", a.wrong),
        ("unusable", a.unusable),
        ("missing", a.missing),
    ];
    let label = parts
        .iter()
        .map(|(word, n)| format!("{n} {word}"))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        span.bar role="img" aria-label=(label) {
            @for (word, n) in parts {
                @if n > 0 {
                    span class=(word) style=(format!("width: {:.2}%", 100.0 * n as f64 / total)) {}
                }
            }
        }
    }
}

fn answer(a: &AnswerReport, variants: bool, id: &str) -> Markup {
    let judged = a.right + a.wrong;
    html! {
        div.answer id=(id) {
            h3 { code { (a.name) } ": "
                (not_right(a))
                span.muted { " of " (count((judged + a.unusable + a.missing) as usize, "submission", "submissions")) }
            }
            @if !a.known_mistakes.is_empty() { div.group {
                h4 { "Known mistakes the grader recognised" }
                ul.mistakes {
                    @for m in &a.known_mistakes {
                        li { strong { (m.count) } " × " (statement::ticked(&m.text)) }
                    }
                }
            }}
            @if !a.wrong_answers.is_empty() { div.group {
                h4 { "Most common wrong answers" }
                @if variants { p.note { "Each student had their own numbers: the same wrong answer from several students is rare, and telling." } }
                div.table {
                    table.counts {
                        thead { tr { th scope="col" { "read as" } th scope="col" { "submissions" } } }
                        tbody {
                            @for w in &a.wrong_answers {
                                tr { td { code { (w.text) } } td { (w.count) } }
                            }
                            @if a.other_wrong_answers > 0 {
                                tr.other { td { "others" @if a.distinct_wrong_answers as usize > a.wrong_answers.len() {
                                    " (" (a.distinct_wrong_answers as usize - a.wrong_answers.len()) " distinct" @if a.distinct_wrong_answers >= nnhw_gradebook::report::DISTINCT as u64 { " or more" } ")"
                                } } td { (a.other_wrong_answers) } }
                            }
                        }
                    }
                }
            }}
            @if !a.unusable_reasons.is_empty() { div.group {
                h4 { "Why answers could not be read" }
                div.table {
                    table.counts {
                        thead { tr { th scope="col" { "the grader said" } th scope="col" { "submissions" } } }
                        tbody {
                            @for r in &a.unusable_reasons {
                                tr { td { (statement::ticked(&r.text)) } td { (r.count) } }
                            }
                            @if a.other_unusable > 0 { tr.other { td { "other reasons" } td { (a.other_unusable) } } }
                        }
                    }
                }
            }}
            (params(a))
        }
    }
}

/// `3 wrong, 2 unusable`, `5 unusable`: the verdicts that were not right, those there were.
fn not_right(a: &AnswerReport) -> String {
    let mut parts = Vec::new();
    if a.wrong > 0 {
        parts.push(format!("{} wrong", a.wrong));
    }
    if a.unusable > 0 {
        parts.push(format!("{} unusable", a.unusable));
    }
    parts.join(", ")
}

/// The drawn params whose wrong rate varies most for this answer.
fn params(a: &AnswerReport) -> Markup {
    let tested = a.params.iter().any(|p| p.p_value.is_some());
    let shown: Vec<&ParamReport> = a
        .params
        .iter()
        .filter(|p| p.p_value.is_some_and(|v| v < NOTABLE))
        .take(PARAMS_SHOWN)
        .collect();
    if shown.is_empty() {
        return html! {
            @if tested {
                p.note { "No drawn number goes with wrong answers to " code { (a.name) } " more than chance would." }
            }
        };
    }
    html! {
        div.drawn {
            h4 { "Drawn numbers and this answer" }
            @if let Some(sentence) = shown.first().and_then(|p| sentence(&a.name, p)) { p { (sentence) } }
            div.table {
                table.params {
                    thead { tr {
                        th scope="col" { "drawn" } th scope="col" { "right" } th scope="col" { "wrong" }
                        th scope="col" { "wrong rate" }
                    } }
                    @for p in &shown {
                        tbody {
                            tr.param {
                                th scope="rowgroup" colspan="4" {
                                    code { (p.param) }
                                    span.muted {
                                        @if let (Some(r), Some(w)) = (p.right.mean, p.wrong.mean) {
                                            " — mean " (short(r)) " when right, " (short(w)) " when wrong;"
                                        }
                                        @if let Some(v) = p.p_value { " by chance: p = " (short(v)) }
                                    }
                                }
                            }
                            @for b in &p.buckets {
                                @if b.right + b.wrong > 0 {
                                    tr {
                                        td { (b.label) } td.right { (b.right) } td.wrong { (b.wrong) }
                                        td { (rate(b)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `dC_dw2 was wrong 9 of 10 times with w2 < 0, and 1 of 12 with w2 ≥ 0.`: the buckets
/// with the highest and the lowest wrong rate.
fn sentence(name: &str, p: &ParamReport) -> Option<Markup> {
    let counted: Vec<&BucketReport> = p
        .buckets
        .iter()
        .filter(|b| b.right + b.wrong >= MIN_BUCKET)
        .collect();
    let wrong_rate = |b: &&BucketReport| b.wrong as f64 / (b.right + b.wrong) as f64;
    let worst = counted
        .iter()
        .max_by(|x, y| wrong_rate(x).total_cmp(&wrong_rate(y)))?;
    let best = counted
        .iter()
        .min_by(|x, y| wrong_rate(x).total_cmp(&wrong_rate(y)))?;
    Some(html! {
        code { (name) } " was wrong " (worst.wrong) " of " (worst.right + worst.wrong)
        " times with " span.range { (worst.label) } ", and " (best.wrong) " of "
        (best.right + best.wrong) " with " span.range { (best.label) } "."
    })
}

fn rate(b: &BucketReport) -> Markup {
    let n = b.right + b.wrong;
    let share = b.wrong as f64 / n.max(1) as f64;
    html! {
        span.rate { span.meter { span style=(format!("width: {:.1}%", 100.0 * share)) {} } " " (format!("{:.0}%", 100.0 * share)) }
    }
}

fn absent(report: &ClassReport) -> Markup {
    if report.absent.is_empty() && report.absent_not_listed == 0 {
        return html! {};
    }
    let total = report.absent.len() as u64 + report.absent_not_listed;
    html! {
        section.people #absent aria-labelledby="absent-title" {
            h2 #absent-title { "Students without a submission" }
            p { (count(total as usize, "student has", "students have")) " no submission." }
            ul.students { @for s in &report.absent { li { code { (s) } } } }
            @if report.absent_not_listed > 0 { p.muted { "and " (report.absent_not_listed) " more" } }
        }
    }
}

fn duplicates(report: &ClassReport) -> Markup {
    if report.duplicates.is_empty() && report.duplicates_not_listed == 0 {
        return html! {};
    }
    html! {
        section.people #duplicates aria-labelledby="duplicates-title" {
            h2 #duplicates-title { "Later submissions that did not count" }
            p { "A student's first submission of a problem counts; these came after it and are not in the counts above." }
            div.table {
                table.counts.listing {
                    thead { tr { th scope="col" { "student" } th scope="col" { "problem" } th scope="col" { "line" } } }
                    tbody {
                        @for d in &report.duplicates {
                            tr { td { code { (d.student) } } td { code { (d.spec) } } td { (d.line) } }
                        }
                    }
                }
            }
            @if report.duplicates_not_listed > 0 { p.muted { "and " (report.duplicates_not_listed) " more" } }
        }
    }
}

fn one_decimal(x: f64) -> String {
    nnhw_core::format::trim_zeros(&format!("{x:.1}"))
}

/// A mean for people: two significant digits.
fn short(x: f64) -> String {
    nnhw_core::format::digits(x, 2, nnhw_core::format::Rounding::Nearest)
}
