//! nnhw-grade: the answer language of nnhw and the rules that judge an answer.
//!
//! Every verdict nnhw gives goes through this crate: a spec's `[expected]` key checked
//! against the solver's answer ([`KeyJudge`]), a student's `--answer`, and (later) a whole
//! class's submissions. It reads what people type (numbers, expressions, lists, formulas
//! in index notation, choices, equations of lines, polygons), compares it with an answer
//! under the spec's tolerance, and says right, wrong, or unusable, with feedback that
//! never gives the answer away unless asked to.
//!
//! It is not a solver (the section crates compute every answer) and holds no answer key.
//!
//! The expression parser is our own ([`parse`], a Pratt parser, about 300 lines) rather
//! than a crate's: the grading needs things no expression crate offers together —
//! unary minus below `^` and `^` right-associative (exmex, which nnhw used before, has
//! both the other way round, which judged `-2^2` as 4), index notation as one variable in
//! every order, functions the formula leaves abstract (f′) evaluated as random smooth
//! functions, a floating-point error bound carried through every operation, and an
//! error position for every refusal.

mod arith;
mod choice;
mod compare;
mod error;
mod eval;
mod expr;
pub mod feedback;
mod formula;
mod functions;
mod given;
mod index;
mod judge;
mod key;
mod leibniz;
mod letters;
mod lex;
pub mod mathml;
mod name;
mod notation;
mod parse;
mod read;
pub mod specimens;
mod unicode;

pub use error::clip;
pub use judge::{
    Judged, Verdict, judge, judge_argument, judge_argument_posed, judge_arguments, judge_posed,
};
pub use key::{KeyJudge, solve_file, solve_text};
pub use notation::notation;
