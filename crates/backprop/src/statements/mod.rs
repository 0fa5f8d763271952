//! The questions of section 3, as the homework poses them: the setting in its notation
//! (aⱼˡ, wⱼₖˡ, bⱼˡ, zⱼˡ, δⱼˡ; the two-weight network's z₁, a₁, z₂, y), the spec's own
//! numbers, and one prompt per answer.
//!
//! Each function takes the params (with defaults resolved) and nothing the solver
//! computes, so no answer can reach a statement. What is left unsaid is the key: the four
//! formulas of 3.1 and 3.2, σ′, the SGD update, and every value of a forward or backward
//! pass.

pub mod activations;
pub mod layers;
pub mod simple;

use nnhw_core::statement::{Inline, math, words};

/// `lhs = rhs` with each side typeset on its own: the grader's notation reads an
/// expression, not an equation, so a side is typeset only when it is one.
fn equation(lhs: (&str, &str), rhs: (&str, &str)) -> [Inline; 3] {
    [math(lhs.0, lhs.1), words(" = "), math(rhs.0, rhs.1)]
}

/// Equations side by side in one display, separated by commas.
fn equations(all: &[[(&str, &str); 2]]) -> Vec<Inline> {
    let mut pieces = Vec::new();
    for (i, [lhs, rhs]) in all.iter().enumerate() {
        if i > 0 {
            pieces.push(words(",   "));
        }
        pieces.extend(equation(*lhs, *rhs));
    }
    pieces
}

/// `x` as mathematics that reads the same in both notations.
fn name(x: &str) -> Inline {
    math(x, x)
}
