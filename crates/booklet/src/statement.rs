//! A question on the page: the statement's paragraphs and displays with the given numbers
//! and the notation typeset as MathML (by nnhw-grade, from the same trees it grades), the
//! words between them as the working's ([`crate::prose`]), the labelled items, the
//! figures that pose it, and what is asked.

use maud::{Markup, PreEscaped, html};
use nnhw_core::render::value_text;
use nnhw_core::statement::{Block, Inline, Prompt, given_text, item_label, prompt_text};
use nnhw_core::{Figure, Statement, Tolerance, Value};

/// The setting and question: paragraphs, displays, labelled items.
pub(crate) fn blocks(statement: &Statement) -> Markup {
    html! {
        @for block in &statement.blocks {
            @match block {
                Block::Paragraph(pieces) => p.statement { (inlines(pieces)) },
                Block::Display(pieces) => div.display.wide[wide(pieces)] { (inlines(pieces)) },
                Block::Items(items) => ol.items {
                    @for (label, pieces) in items {
                        li { span.label { (item_label(label)) } " " (inlines(pieces)) }
                    }
                },
            }
        }
    }
}

/// Characters of text a line holds in one of two printed columns. A display (set smaller)
/// or a table (smaller still) wider than half as many again spans both columns (a matrix
/// or a table of many long numbers), since paper cannot scroll it.
pub(crate) const COLUMN: usize = 56;

/// Whether a display is too wide for a printed column: its width guessed from its text
/// (a matrix as wide as its widest row).
fn wide(pieces: &[Inline]) -> bool {
    let width: usize = pieces
        .iter()
        .map(|piece| match piece {
            Inline::Text(t) => t.chars().count(),
            Inline::Math { unicode, .. } => unicode.chars().count(),
            Inline::Value(Value::List(rows))
                if rows.iter().all(|r| matches!(r, Value::List(_))) =>
            {
                rows.iter()
                    .map(|r| value_text(r).chars().count())
                    .max()
                    .unwrap_or(0)
            }
            Inline::Value(v) => given_text(v).chars().count(),
        })
        .sum();
    width > COLUMN * 3 / 2
}

fn inlines(pieces: &[Inline]) -> Markup {
    html! {
        @for piece in pieces {
            @match piece {
                Inline::Text(t) => (crate::prose::prose(t)),
                Inline::Math { ascii, unicode } => @match nnhw_grade::mathml::mathematics(ascii) {
                    Some(math) => (PreEscaped(math)),
                    None => span.math { (unicode) },
                },
                Inline::Value(v) => @match nnhw_grade::mathml::given(v) {
                    Some(math) => (PreEscaped(math)),
                    None => span.given { (given_text(v)) },
                },
            }
        }
    }
}

/// What is asked: each answer's name and its prompt, form and tolerance included.
pub(crate) fn asked(prompts: &[&Prompt], tolerance: &Tolerance) -> Markup {
    html! {
        @if !prompts.is_empty() {
            ul.asked {
                @for prompt in prompts {
                    li { code.name { (prompt.name) } " — " (ticked(&prompt_text(prompt, tolerance))) }
                }
            }
        }
    }
}

/// Text whose `quoted` parts are what a student types, shown as code (as typed); the rest
/// with numbers in the page's format.
pub(crate) fn ticked(text: &str) -> Markup {
    html! {
        @for (i, part) in text.split('`').enumerate() {
            @if i % 2 == 1 { code { (part) } } @else { (crate::prose::numbers(part)) }
        }
    }
}

/// A figure with its caption, its SVG inline with `id` as the prefix of its element ids.
pub(crate) fn figure(figure: &Figure, id: &str) -> Markup {
    html! {
        figure role="group" aria-label=(figure.caption) {
            div.svg role="img" aria-label=(figure.caption) { (PreEscaped(inline_svg(&figure.svg, id))) }
            figcaption { (figure.caption) }
        }
    }
}

/// A figure's SVG document as an element of the page: without its XML declaration
/// (allowed only at the start of a file), and with its element ids (`legend`,
/// `plot-area`, the same in every figure) made unique on the page by `prefix`. The
/// figures refer to no id, so renaming breaks nothing.
fn inline_svg(svg: &str, prefix: &str) -> String {
    let trimmed = svg.trim_start();
    let body = match trimmed.strip_prefix("<?xml") {
        Some(rest) => rest
            .split_once("?>")
            .map_or(trimmed, |(_, after)| after.trim_start()),
        None => trimmed,
    };
    body.replace(" id=\"", &format!(" id=\"{prefix}-"))
}
