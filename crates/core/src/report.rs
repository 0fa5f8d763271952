//! What a solved problem says: answers, the working that led to them, notes, figures.
//!
//! An answer's [`Value`] carries what grading needs to know about its structure (a
//! choice's options, a formula's left side, a polygon's corners) but no grading rule:
//! those live in the nnhw-grade crate.

/// A value in an answer or a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number; may be ±inf (an unbounded area, say).
    Number(f64),
    /// A count, an index or a time step: a whole number that JSON writes as an integer.
    /// Read and judged as the number it is.
    Count(u64),
    /// A list (nested for matrices); its length is fixed by the question.
    List(Vec<Value>),
    /// A list whose order does not matter; how many entries it has is part of the answer.
    Set(Vec<Value>),
    /// Text shown to people; not an answer anyone is asked to type.
    Text(String),
    /// A yes/no answer.
    Bool(bool),
    /// A formula in Unicode for people and in the ASCII notation students type.
    Formula(Formula),
    /// One option out of a fixed list.
    Choice(Choice),
    /// Straight lines in the (x1, x2) plane, in any order: one per unit.
    Lines(Vec<Line>),
    /// The corners of a region, in order around it.
    Polygon(Polygon),
}

impl Value {
    /// A count (of states, of sequences checked), an index or a time step.
    pub fn count(n: usize) -> Value {
        Value::Count(n as u64)
    }

    /// The number a [`Value::Number`] or [`Value::Count`] is; `None` for anything else.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(x) => Some(*x),
            Value::Count(n) => Some(*n as f64),
            _ => None,
        }
    }

    /// A list of numbers.
    pub fn numbers(xs: &[f64]) -> Value {
        Value::List(xs.iter().map(|&x| Value::Number(x)).collect())
    }

    /// A matrix as a list of lists of numbers.
    pub fn matrix<R: AsRef<[f64]>>(rows: &[R]) -> Value {
        Value::List(rows.iter().map(|r| Value::numbers(r.as_ref())).collect())
    }

    /// A text value.
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    /// A list of texts.
    pub fn texts<S: AsRef<str>>(items: &[S]) -> Value {
        Value::List(items.iter().map(|s| Value::text(s.as_ref())).collect())
    }
}

/// A formula answer: `δⱼᴸ = ∂C/∂aⱼᴸ · f′(zⱼᴸ)`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Formula {
    /// The whole equation for people: `δⱼᴸ = ∂C/∂aⱼᴸ · f′(zⱼᴸ)`.
    pub unicode: String,
    /// The right-hand side in the notation students type: `(partialC)/(partiala_j^L)*f'(z_j^L)`.
    pub ascii: String,
    /// The left-hand side in that notation (`delta_j^L`), so `delta_j^L = …` and
    /// `w_1 ← …` are read as the answer they name.
    pub lhs: Option<String>,
    /// Names that mean the same in this problem, `(alias, name)`: in a sigmoid network
    /// `sigma'` is `f'`.
    pub aliases: Vec<(String, String)>,
}

impl Formula {
    /// A formula with its left side.
    pub fn new(unicode: &str, lhs: &str, ascii: &str) -> Formula {
        Formula {
            unicode: unicode.into(),
            ascii: ascii.into(),
            lhs: Some(lhs.into()),
            aliases: Vec::new(),
        }
    }

    /// The same formula where `alias` names the same function or variable as `name`.
    pub fn alias(mut self, alias: &str, name: &str) -> Formula {
        self.aliases.push((alias.into(), name.into()));
        self
    }
}

/// One option of a choice: a short name, the text a report shows, and other ways to say it.
#[derive(Debug, Clone, PartialEq)]
pub struct Choosable {
    /// Short name, typed by students (`run-parity`, `smaller`, `a`).
    pub name: String,
    /// What the report shows (a sentence, or the name again).
    pub text: String,
    /// Other accepted wordings (`decreases`, `goes down`).
    pub synonyms: Vec<String>,
}

impl Choosable {
    /// An option; `text` doubles as an accepted wording.
    pub fn new(name: &str, text: &str, synonyms: &[&str]) -> Choosable {
        Choosable {
            name: name.into(),
            text: text.into(),
            synonyms: synonyms.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// The option chosen out of `options`.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// Every option the question offers, in the order they are listed to students.
    pub options: Vec<Choosable>,
    /// Index of the right one.
    pub chosen: usize,
}

impl Choice {
    /// The option chosen by name; `None` when no option has that name.
    pub fn named(options: Vec<Choosable>, name: &str) -> Option<Choice> {
        let chosen = options.iter().position(|o| o.name == name)?;
        Some(Choice { options, chosen })
    }

    /// The chosen option.
    pub fn option(&self) -> &Choosable {
        &self.options[self.chosen]
    }
}

/// The line a·x1 + b·x2 + c = 0, with the text a report shows (`x1 = 1`). a = b = 0 is a
/// unit with no boundary.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Coefficient of x1.
    pub a: f64,
    /// Coefficient of x2.
    pub b: f64,
    /// The constant.
    pub c: f64,
    /// As people write it.
    pub text: String,
}

impl Line {
    /// Which of a and b leads (the larger in size), and the coefficients scaled so it is
    /// 1: the numbers a given line is graded against. `None` for a unit with no boundary.
    pub fn graded(&self) -> Option<(usize, [f64; 3])> {
        let lead = if self.a.abs() >= self.b.abs() { 0 } else { 1 };
        let coefficients = [self.a, self.b, self.c];
        let by = coefficients[lead];
        (by != 0.0).then(|| (lead, coefficients.map(|x| x / by)))
    }
}

/// Corners in order around a region; an unbounded region's corners are a path, not a cycle.
#[derive(Debug, Clone, PartialEq)]
pub struct Polygon {
    /// (x1, x2) of each corner.
    pub corners: Vec<[f64; 2]>,
    /// Whether the last corner joins the first.
    pub closed: bool,
}

/// A known wrong answer and what to tell a student who gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Hint {
    /// The wrong answer, of the same shape as the right one.
    pub when: Value,
    /// What to say; it must not give the right answer away.
    pub say: String,
}

/// One named answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The name a key or `--answer` refers to (`o`, `area`).
    pub name: String,
    /// The computed value.
    pub value: Value,
    /// The exact form, when it says more than the decimals (`e^15/(e^15+e^0)`).
    pub exact: Option<String>,
    /// Known wrong answers with what to say about them.
    pub hints: Vec<Hint>,
}

/// One piece of the working shown before the answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Starts a group of steps (`Layer 1 (relu)`).
    Heading(String),
    /// A named intermediate value (`z = [2, 13, -4, -15]`).
    Value {
        /// The quantity's name.
        name: String,
        /// Its value.
        value: Value,
        /// Its exact form, if any.
        exact: Option<String>,
    },
    /// A sentence.
    Text(String),
    /// A table, for traces and comparisons.
    Table {
        /// Column headings.
        columns: Vec<String>,
        /// Rows, each as wide as `columns`.
        rows: Vec<Vec<Value>>,
    },
}

/// An SVG figure to write next to the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// File-name suffix: the runner writes `<spec>.<name>.svg`.
    pub name: String,
    /// What it shows, one line.
    pub caption: String,
    /// The SVG document.
    pub svg: String,
}

/// Everything a problem's solver says about one spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// The answers, in the order the homework asks for them.
    pub answers: Vec<Answer>,
    /// The working.
    pub steps: Vec<Step>,
    /// Remarks: caveats, interpretations, what the figure shows.
    pub notes: Vec<String>,
}

impl Report {
    /// Adds an answer.
    pub fn answer(&mut self, name: &str, value: Value, exact: Option<String>) {
        self.answers.push(Answer {
            name: name.to_string(),
            value,
            exact,
            hints: Vec::new(),
        });
    }

    /// The answer named `name`.
    pub fn named(&self, name: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.name == name)
    }

    /// The answer named `name` when it is one number.
    pub fn number(&self, name: &str) -> Option<f64> {
        self.named(name)?.value.as_number()
    }

    /// Every number in the answer named `name`, nested lists flattened; empty when there
    /// is no such answer.
    pub fn numbers(&self, name: &str) -> Vec<f64> {
        fn collect(value: &Value, out: &mut Vec<f64>) {
            match value {
                Value::Number(_) | Value::Count(_) => out.extend(value.as_number()),
                Value::List(items) | Value::Set(items) => {
                    items.iter().for_each(|v| collect(v, out));
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        if let Some(answer) = self.named(name) {
            collect(&answer.value, &mut out);
        }
        out
    }

    /// Adds a known wrong answer to the answer named `name` (added before).
    pub fn hint(&mut self, name: &str, when: Value, say: impl Into<String>) {
        if let Some(answer) = self.answers.iter_mut().find(|a| a.name == name) {
            answer.hints.push(Hint {
                when,
                say: say.into(),
            });
        }
    }

    /// Adds a heading step.
    pub fn heading(&mut self, text: impl Into<String>) {
        self.steps.push(Step::Heading(text.into()));
    }

    /// Adds a named value step.
    pub fn value(&mut self, name: impl Into<String>, value: Value) {
        self.steps.push(Step::Value {
            name: name.into(),
            value,
            exact: None,
        });
    }

    /// Adds a sentence to the working.
    pub fn text(&mut self, text: impl Into<String>) {
        self.steps.push(Step::Text(text.into()));
    }

    /// Adds a note.
    pub fn note(&mut self, text: impl Into<String>) {
        self.notes.push(text.into());
    }
}
