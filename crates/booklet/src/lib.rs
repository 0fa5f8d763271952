//! nnhw-booklet: solved specs as one self-contained HTML page, for reading in a browser
//! or printing to PDF. One spec gives a page; several give a booklet in the order they
//! come, with a table of contents by section. Handouts ([`handout`], [`class`]) and a
//! class's graded report ([`class_report`]) are pages of the same style.
//!
//! The page needs nothing from outside: the stylesheet is inline, figures are inline SVG
//! (each with a text alternative), and formulas and exact forms are MathML built from
//! the expression trees nnhw-grade parses (so what a page typesets is what the grader
//! reads). No JavaScript. Every string from a spec goes through maud, which escapes it.
//!
//! It is not a solver, holds no grading rule (verdicts come in already made), and does
//! not write files (the runner prints the page).

mod class_report;
mod handout;
mod prose;
mod statement;
mod style;
mod value;

use maud::{DOCTYPE, Markup, PreEscaped, html};
use nnhw_core::{Solved, Step};
use nnhw_grade::{Judged, Verdict, feedback};

pub use class_report::class_report;
pub use handout::{Sheet, Student, class, handout};
pub use value::value;

/// A page for `specs` (a booklet when there are several), headed `title`. Each spec's
/// label names its homework section (`2 LSTM`), or a part after the homework and its
/// section in it (`Beyond the homework: 2 LSTM`); a booklet gives each section a heading
/// and the contents list them.
pub fn page(title: &str, specs: &[(Solved, String)]) -> String {
    // Each part's sections together and each section's specs together, parts and
    // sections in the order they first appear, specs in the order given: the homework's
    // parts, then the examples beyond it.
    let mut order: Vec<usize> = (0..specs.len()).collect();
    let part = |label: &str| label.split_once(": ").map(|(part, _)| part.to_owned());
    let first = |key: &dyn Fn(&str) -> bool| specs.iter().position(|(_, s)| key(s)).unwrap_or(0);
    order.sort_by_cached_key(|&i| {
        let label = specs[i].1.as_str();
        let of_part = part(label);
        (first(&|s| part(s) == of_part), first(&|s| s == label), i)
    });
    let specs: Vec<&(Solved, String)> = order.iter().map(|&i| &specs[i]).collect();
    let body = if specs.len() > 1 {
        let groups = groups(&specs);
        html! {
            header { h1 { (title) } }
            (contents(&groups))
            main {
                @for (g, group) in groups.iter().enumerate() {
                    @if group.opens_part() {
                        h2.part id=(format!("part-of-{}", g + 1)) { (group.part.unwrap_or_default()) }
                    }
                    section.topic aria-labelledby=(format!("section-{}", g + 1)) {
                        h2.topic id=(format!("section-{}", g + 1)) { (group.section) }
                        div.specs { @for (i, solved) in &group.specs { (report(solved, &anchor(*i))) } }
                    }
                }
            }
        }
    } else {
        html! {
            header { h1 { (title) } }
            main { @for (solved, _) in &specs { (report(solved, &anchor(0))) } }
        }
    };
    document(title, body)
}

/// Consecutive specs of one section, and the part the section is in (none for the
/// homework).
struct Group<'a> {
    part: Option<&'a str>,
    section: &'a str,
    /// Whether the group before it was in another part.
    new_part: bool,
    specs: Vec<(usize, &'a Solved)>,
}

impl Group<'_> {
    fn opens_part(&self) -> bool {
        self.new_part && self.part.is_some()
    }
}

fn groups<'a>(specs: &[&'a (Solved, String)]) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    for (i, (solved, label)) in specs.iter().enumerate() {
        let (part, section) = match label.split_once(": ") {
            Some((part, section)) => (Some(part), section),
            None => (None, label.as_str()),
        };
        match groups.last_mut() {
            Some(g) if g.part == part && g.section == section => g.specs.push((i, solved)),
            last => {
                let new_part = last.is_none_or(|g| g.part != part);
                groups.push(Group {
                    part,
                    section,
                    new_part,
                    specs: vec![(i, solved)],
                });
            }
        }
    }
    groups
}

/// The page for `--answer`: the spec's heading and each verdict with its feedback.
pub fn answers(solved: &Solved, verdicts: &[Judged], reveal: bool) -> String {
    document(&solved.title, answers_markup(solved, verdicts, reveal))
}

/// [`answers`] as a fragment for a notebook's output (see [`fragment`]).
pub fn answers_fragment(solved: &Solved, verdicts: &[Judged], reveal: bool) -> String {
    scoped(answers_markup(solved, verdicts, reveal))
}

/// One report as a fragment for a notebook's output: the page's markup in a
/// `<div class="nnhw">`, with the page's stylesheet scoped to it (`@scope`), so that the
/// notebook around it keeps its own style.
pub fn fragment(solved: &Solved) -> String {
    scoped(report(solved, &anchor(0)))
}

/// The question alone, for another system to pose it (a PrairieLearn question): the
/// statement and the figures that pose it in a `<div class="nnhw">`, with no key, no
/// prompts (that system asks for each answer itself) and no stylesheet (see
/// [`scoped_style`]), since one question page shows it once per variant.
pub fn question(solved: &Solved) -> String {
    html! {
        div.nnhw {
            (statement::blocks(&solved.statement))
            @for (k, f) in solved.question_figures.iter().enumerate() {
                (statement::figure(f, &format!("question-{}", k + 1)))
            }
        }
    }
    .into_string()
}

/// The stylesheet for [`question`] and [`fragment`]: the page's, scoped to `.nnhw`.
pub fn scoped_style() -> String {
    format!("@scope (.nnhw) {{\n{}}}", style::scoped())
}

fn scoped(body: Markup) -> String {
    html! {
        div.nnhw {
            style { "@scope (.nnhw) {\n" (PreEscaped(style::scoped())) "}" }
            (body)
        }
    }
    .into_string()
}

fn answers_markup(solved: &Solved, verdicts: &[Judged], reveal: bool) -> Markup {
    html! {
        header { h1 { (solved.title) } p.source { (solved.kind) " · " (solved.file) } }
        main {
            section.spec {
                h2 { "Your answers" }
                ul.verdicts {
                    @for v in verdicts {
                        li class=(v.verdict.word()) {
                            span.mark aria-hidden="true" { (feedback::mark(v.verdict)) }
                            " " strong { (v.name) } ": " (v.detail)
                            @for line in feedback::details(v) { pre.detail { (line) } }
                            @if reveal && v.verdict == Verdict::Wrong {
                                @if let Some(a) = solved.report.named(&v.name) {
                                    p.revealed { "The answer is " (value(&a.value, a.exact.as_deref())) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn document(title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (nnhw_core::text::one_line(title, 300)) }
                style { (PreEscaped(style::CSS)) }
            }
            body { (body) }
        }
    }
    .into_string()
}

fn anchor(i: usize) -> String {
    format!("part-{}", i + 1)
}

fn contents(groups: &[Group]) -> Markup {
    html! {
        nav aria-labelledby="contents" {
            h2 #contents { "Contents" }
            @for (g, group) in groups.iter().enumerate() {
                @if group.opens_part() {
                    h3.part { a href=(format!("#part-of-{}", g + 1)) { (group.part.unwrap_or_default()) } }
                }
                @if group.part.is_some() { h4 { (group.section) } } @else { h3 { (group.section) } }
                ol {
                    @for (i, solved) in &group.specs {
                        li { a href={ "#" (anchor(*i)) } { (solved.title) } }
                    }
                }
            }
        }
    }
}

fn report(solved: &Solved, id: &str) -> Markup {
    let r = &solved.report;
    html! {
        section.spec id=(id) aria-labelledby={ (id) "-title" } {
            h2 id={ (id) "-title" } { (solved.title) }
            p.source { (solved.kind) " · " (solved.file) }
            @if !solved.statement.blocks.is_empty() || !solved.question_figures.is_empty() {
                h3 { "Question" }
                (statement::blocks(&solved.statement))
                @for (k, f) in solved.question_figures.iter().enumerate() {
                    (statement::figure(f, &format!("{id}-question-{}", k + 1)))
                }
                (statement::asked(&solved.asked(), &solved.tolerance))
            }
            @if !r.steps.is_empty() {
                h3 { "Working" }
                div.working { @for step in &r.steps { (self::step(step)) } }
            }
            h3 { "Answers" }
            div.table {
                table.answers {
                    thead { tr { th scope="col" { "answer" } th scope="col" { "value" } th scope="col" { "against the key" } } }
                    tbody {
                        @for (answer, check) in r.answers.iter().zip(&solved.checks) {
                            tr {
                                th scope="row" { code { (answer.name) } }
                                td { (value(&answer.value, answer.exact.as_deref())) }
                                td {
                                    @match check {
                                        Some(c) if c.passed => span.right { "✓ " (prose::numbers(&c.detail)) },
                                        Some(c) => span.wrong { "✗ " (prose::numbers(&c.detail)) },
                                        None => span.muted { "no key" },
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @for (k, f) in solved.figures.iter().enumerate() {
                (statement::figure(f, &format!("{id}-figure-{}", k + 1)))
            }
            @if !r.notes.is_empty() {
                h3 { "Notes" }
                ul.notes { @for note in &r.notes { li { (prose::prose(note)) } } }
            }
        }
    }
}

fn step(step: &Step) -> Markup {
    match step {
        Step::Heading(h) => html! { h4 { (prose::prose(h)) } },
        Step::Value {
            name,
            value: v,
            exact,
        } => html! {
            p.value { span.name { (prose::prose(name)) } " = " (value(v, exact.as_deref())) }
        },
        Step::Text(t) => html! { p { (prose::prose(t)) } },
        Step::Table { columns, rows } => html! {
            div.table.wide[wide_table(columns, rows)] {
                table {
                    thead { tr { @for c in columns { th scope="col" { (prose::prose(c)) } } } }
                    tbody { @for row in rows { tr { @for cell in row { td { (value(cell, None)) } } } } }
                }
            }
        },
    }
}

/// Whether a table is too wide for a printed column (see [`statement::COLUMN`]): its
/// columns' widest cells (a heading wraps at its spaces), with room between them.
fn wide_table(columns: &[String], rows: &[Vec<nnhw_core::Value>]) -> bool {
    let width: usize = columns
        .iter()
        .enumerate()
        .map(|(c, heading)| {
            let cells = rows.iter().filter_map(|row| row.get(c));
            let widest = cells
                .map(|v| value::text(v).chars().count())
                .max()
                .unwrap_or(0);
            let word = heading
                .split(' ')
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            widest.max(word) + 2
        })
        .sum();
    width > statement::COLUMN * 3 / 2
}
