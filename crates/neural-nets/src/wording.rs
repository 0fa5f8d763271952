//! Words and notation the section's statements share: counts in words, the activations
//! by name with their definitions, indexed lists such as `x₁, x₂` or `V₁ₖ, …, V₄ₖ`.
//!
//! A statement shows the params and nothing computed; its own words carry no digits
//! either, so that no count (1.2's four units) can read as an answer (1.2's area 4).

use nnhw_core::numerics::Activation;
use nnhw_core::statement::{Inline, math};
use nnhw_plot::subscript;

/// `four hidden units`: the count in words up to twelve; past that, `many hidden units`
/// (the matrices show how many), since a digit there could be an answer.
pub(crate) fn counted(n: usize, singular: &str, plural: &str) -> String {
    let noun = if n == 1 { singular } else { plural };
    format!("{} {noun}", in_words(n))
}

/// `four`; `many` past twelve.
pub(crate) fn in_words(n: usize) -> &'static str {
    nnhw_core::format::in_words(n).unwrap_or("many")
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn and_list(items: &[String]) -> String {
    nnhw_core::format::joined(items, "and")
}

/// The activation's name as the homework writes it, to follow "f is".
pub(crate) fn name(a: Activation) -> &'static str {
    match a {
        Activation::Relu => "ReLU",
        Activation::Sigmoid => "the sigmoid",
        Activation::Tanh => "tanh",
        Activation::Identity => "the identity",
    }
}

/// The activation's definition with the function named `f` (ASCII, Unicode): `f(z) =
/// max(0, z)`.
pub(crate) fn definition(a: Activation, f: (&str, &str)) -> Inline {
    let (ascii, unicode) = match a {
        Activation::Relu => ("max(0, z)", "max(0, z)"),
        Activation::Sigmoid => ("sigma(z) = 1/(1+e^(-z))", "σ(z) = 1/(1 + e^(−z))"),
        Activation::Tanh => ("tanh(z)", "tanh(z)"),
        Activation::Identity => ("z", "z"),
    };
    math(
        format!("{}(z) = {ascii}", f.0),
        format!("{}(z) = {unicode}", f.1),
    )
}

/// `x₁, x₂, x₃` for up to four entries, `x₁, …, x₁₂` past that: each `name` with its
/// index `i` and the `after` subscript (ASCII, Unicode), such as `V_1k`, `V₁ₖ`.
pub(crate) fn indexed(n: usize, name: &str, after: (&str, &str)) -> Inline {
    let (ascii, unicode) = indexed_text(n, ", ", |i| {
        (
            format!("{name}_{i}{}", after.0),
            format!("{name}{}{}", subscript(i), after.1),
        )
    });
    math(ascii, unicode)
}

/// `(x₁, x₂)`, `(o₁, …, o₉)`.
pub(crate) fn tuple(name: &str, n: usize) -> (String, String) {
    let (ascii, unicode) = indexed_text(n, ", ", |i| {
        (format!("{name}_{i}"), format!("{name}{}", subscript(i)))
    });
    (format!("({ascii})"), format!("({unicode})"))
}

/// `f(z₁) + f(z₂) + f(z₃) + f(z₄)`, or `f(z₁) + … + f(z₉)` past four terms.
pub(crate) fn hidden_sum(n: usize) -> Inline {
    let (ascii, unicode) = indexed_text(n, " + ", activated);
    math(ascii, unicode)
}

/// `f(z₁), …, f(z₄)`.
pub(crate) fn hidden_activations(n: usize) -> Inline {
    let (ascii, unicode) = indexed_text(n, ", ", activated);
    math(ascii, unicode)
}

fn activated(i: usize) -> (String, String) {
    (format!("f(z_{i})"), format!("f(z{})", subscript(i)))
}

/// Terms 1 to n joined by `gap` (ASCII, Unicode): all of them up to four, else the first
/// and the last with an ellipsis between.
fn indexed_text(n: usize, gap: &str, term: impl Fn(usize) -> (String, String)) -> (String, String) {
    let (shown, gap) = if n <= 4 {
        ((1..=n).collect::<Vec<_>>(), gap.to_string())
    } else {
        (vec![1, n], format!("{gap}…{gap}"))
    };
    let (ascii, unicode): (Vec<String>, Vec<String>) = shown.into_iter().map(term).unzip();
    (ascii.join(&gap), unicode.join(&gap))
}

/// The softmax with inverse temperature β over `f(uₖ)` (ASCII, Unicode names of the
/// activated output, with `k` and `i` standing for the index).
pub(crate) fn softmax(of: impl Fn(&str, &str) -> (String, String)) -> Inline {
    let (ak, uk) = of("k", "ₖ");
    let (ai, ui) = of("i", "ᵢ");
    math(
        format!("o_k = e^(beta*{ak})/(sum_i e^(beta*{ai}))"),
        format!("oₖ = e^(β·{uk}) / Σᵢ e^(β·{ui})"),
    )
}

#[cfg(test)]
mod tests {
    use nnhw_core::statement::Inline;

    use super::*;

    fn unicode(piece: Inline) -> String {
        match piece {
            Inline::Math { unicode, .. } => unicode,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn counts_are_words_and_lists_shorten() {
        assert_eq!(counted(4, "unit", "units"), "four units");
        assert_eq!(counted(1, "output", "outputs"), "one output");
        assert_eq!(counted(40, "unit", "units"), "many units");
        assert_eq!(unicode(indexed(2, "x", ("", ""))), "x₁, x₂");
        assert_eq!(unicode(indexed(9, "V", ("k", "ₖ"))), "V₁ₖ, …, V₉ₖ");
        assert_eq!(unicode(hidden_sum(3)), "f(z₁) + f(z₂) + f(z₃)");
        assert_eq!(unicode(hidden_sum(6)), "f(z₁) + … + f(z₆)");
        assert_eq!(tuple("o", 3).1, "(o₁, o₂, o₃)");
    }
}
