//! What a solved problem says: answers, the working that led to them, notes, figures.

/// A value in an answer or a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number; may be ±inf (an unbounded area, say).
    Number(f64),
    /// A list (nested for matrices).
    List(Vec<Value>),
    /// A list whose order does not matter (the statements that hold): a given answer
    /// matches when its entries match these in some order.
    Set(Vec<Value>),
    /// Text or a choice: compared case- and space-insensitively.
    Text(String),
    /// A yes/no answer.
    Bool(bool),
    /// A formula in Unicode for people and in the ASCII notation students type.
    Formula {
        /// `δⱼᴸ = ∂C/∂aⱼᴸ · f′(zⱼᴸ)`
        unicode: String,
        /// `delta_j^L = dC/da_j^L * f'(z_j^L)`
        ascii: String,
    },
}

impl Value {
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

/// One named answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The name a key or `--answer` refers to (`o`, `area`).
    pub name: String,
    /// The computed value.
    pub value: Value,
    /// The exact form, when it says more than the decimals (`e^15/(e^15+e^0)`).
    pub exact: Option<String>,
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
        });
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
