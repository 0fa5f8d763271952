//! What a problem asks: the setting (equations, the given numbers typeset by type), the
//! question, and one prompt per answer saying what to give, in what form, how close.
//!
//! A kind states its question from its params alone ([`crate::Problem::statement`]), so a
//! statement can never hold an answer the solver computed; a spec's `[statement]` table
//! may say it in its own words ([`spec`]). The words for an answer's form and tolerance
//! are written here once ([`Form::sentence`]), so every kind says them the same way.
//!
//! [`unshown`] and [`leaks`] are the checks a kind's tests (and the handouts' test) run on
//! a statement: every param shown, nothing of the key. This module is the model and its
//! text; HTML is nnhw-booklet's, the notation a student
//! types is nnhw-grade's (`nnhw_grade::notation`).

mod form;
pub mod leaks;
mod shown;
pub(crate) mod spec;
mod text;

pub use form::Form;
pub use shown::unshown;
pub use text::{block as block_text, item_label, prompt_text, text, value as given_text};

use crate::Value;

/// A problem's question.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Statement {
    /// The setting and the question, in reading order.
    pub blocks: Vec<Block>,
    /// One per answer the kind gives, in the order it gives them.
    pub prompts: Vec<Prompt>,
}

/// One block of a statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph: words with typeset pieces among them.
    Paragraph(Vec<Inline>),
    /// Shown on its own, set off from the text: an equation, a given matrix.
    Display(Vec<Inline>),
    /// Labelled items, such as the statements to judge: `(label, what it says)`.
    Items(Vec<(String, Vec<Inline>)>),
}

/// A piece of a block.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Words.
    Text(String),
    /// A given value, typeset by its type: a number, a vector, a matrix (a list of rows),
    /// a sequence, words.
    Value(Value),
    /// Mathematics: `ascii` in the notation the grader reads (typeset from it where it
    /// can be read), `unicode` for plain text and wherever it cannot.
    Math {
        /// As a student would type it: `z_j = x_1*W_1j + x_2*W_2j + W_0j`.
        ascii: String,
        /// As people read it: `zⱼ = x₁·W₁ⱼ + x₂·W₂ⱼ + W₀ⱼ`.
        unicode: String,
    },
}

/// Words, for building blocks.
pub fn words(text: impl Into<String>) -> Inline {
    Inline::Text(text.into())
}

/// A given value, for building blocks.
pub fn given(value: Value) -> Inline {
    Inline::Value(value)
}

/// Mathematics, for building blocks: `ascii` as the grader reads it, `unicode` for people.
pub fn math(ascii: impl Into<String>, unicode: impl Into<String>) -> Inline {
    Inline::Math {
        ascii: ascii.into(),
        unicode: unicode.into(),
    }
}

/// What one answer asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    /// The answer's name, as a key, `--answer` and an answer sheet name it.
    pub name: String,
    /// The question for this answer, a sentence or two: "What is the final output (o₁, o₂)?"
    pub ask: String,
    /// The form the answer takes; with the spec's tolerance it gives the second sentence.
    pub form: Form,
}

impl Statement {
    /// Adds a paragraph.
    pub fn paragraph(&mut self, pieces: impl IntoIterator<Item = Inline>) -> &mut Self {
        self.blocks
            .push(Block::Paragraph(pieces.into_iter().collect()));
        self
    }

    /// Adds a paragraph of words only.
    pub fn say(&mut self, text: impl Into<String>) -> &mut Self {
        self.paragraph([words(text)])
    }

    /// Adds a display: an equation, a given matrix.
    pub fn display(&mut self, pieces: impl IntoIterator<Item = Inline>) -> &mut Self {
        self.blocks
            .push(Block::Display(pieces.into_iter().collect()));
        self
    }

    /// Adds `name = value` as a display, the name typeset as mathematics.
    pub fn show(&mut self, ascii: &str, unicode: &str, value: Value) -> &mut Self {
        self.display([math(ascii, unicode), words(" = "), given(value)])
    }

    /// Adds labelled items.
    pub fn items(&mut self, items: Vec<(String, Vec<Inline>)>) -> &mut Self {
        self.blocks.push(Block::Items(items));
        self
    }

    /// Adds the prompt for the answer `name`.
    pub fn prompt(&mut self, name: &str, ask: impl Into<String>, form: Form) -> &mut Self {
        self.prompts.push(Prompt {
            name: name.to_string(),
            ask: ask.into(),
            form,
        });
        self
    }

    /// The prompt for the answer `name`.
    pub fn prompt_for(&self, name: &str) -> Option<&Prompt> {
        self.prompts.iter().find(|p| p.name == name)
    }
}
