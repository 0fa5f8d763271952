//! MathML typesetting of exact forms and formulas (`nnhw_grade::mathml`).

use nnhw_grade::mathml::{equation, to_mathml};

fn math(inner: &str) -> String {
    format!("<math display=\"inline\">{inner}</math>")
}

/// The MathML of `text`, or nothing (which no assertion expects).
fn shown(text: &str) -> String {
    to_mathml(text).unwrap_or_default()
}

const E15: &str = "<msup><mi>e</mi><mn>15</mn></msup>";
const E0: &str = "<msup><mi>e</mi><mn>0</mn></msup>";
const TIMES: &str = "<mo>&#x2062;</mo>";
const APPLY: &str = "<mo>&#x2061;</mo>";

fn parenthesised(inner: &str) -> String {
    format!("<mrow><mo>(</mo>{inner}<mo>)</mo></mrow>")
}

#[test]
fn exact_forms_are_fractions_of_powers() {
    let softmax = |top: &str| format!("<mfrac>{top}<mrow>{E15}<mo>+</mo>{E0}</mrow></mfrac>");
    assert_eq!(shown("e^15/(e^15+e^0)"), math(&softmax(E15)));
    assert_eq!(
        shown("[e^15/(e^15+e^0), e^0/(e^15+e^0)]"),
        math(&format!(
            "<mrow><mo>[</mo>{}<mo>,</mo>{}<mo>]</mo></mrow>",
            softmax(E15),
            softmax(E0)
        ))
    );
    assert_eq!(
        shown("ln(999)/3"),
        math(&format!(
            "<mfrac><mrow><mi>ln</mi>{APPLY}{}</mrow><mn>3</mn></mfrac>",
            parenthesised("<mn>999</mn>")
        ))
    );
    assert_eq!(
        shown("e^(-2)"),
        math("<msup><mi>e</mi><mrow><mo>−</mo><mn>2</mn></mrow></msup>")
    );
    assert_eq!(shown("ln(99)/0.5").matches("<mn>0.5</mn>").count(), 1);
    assert_eq!(
        shown("1e-7"),
        math(
            "<mrow><mn>1</mn><mo>×</mo><msup><mn>10</mn><mrow><mo>−</mo><mn>7</mn></mrow></msup></mrow>"
        )
    );
}

#[test]
fn formulas_are_typeset_in_index_notation() {
    let a_jl = "<msubsup><mi>a</mi><mi>j</mi><mi>L</mi></msubsup>";
    let z_jl = "<msubsup><mi>z</mi><mi>j</mi><mi>L</mi></msubsup>";
    let f_prime = "<msup><mi>f</mi><mo>′</mo></msup>";
    assert_eq!(
        shown("(partialC)/(partiala_j^L)*f'(z_j^L)"),
        math(&format!(
            "<mrow><mfrac><mrow><mi>∂</mi><mi>C</mi></mrow><mrow><mi>∂</mi>{a_jl}</mrow></mfrac>\
             {TIMES}{f_prime}{APPLY}{}</mrow>",
            parenthesised(z_jl)
        ))
    );
    assert_eq!(
        shown("a_k^(l-1)*delta_j^l"),
        math(&format!(
            "<mrow><msubsup><mi>a</mi><mi>k</mi><mrow><mi>l</mi><mo>−</mo><mn>1</mn></mrow></msubsup>\
             {TIMES}<msubsup><mi>δ</mi><mi>j</mi><mi>l</mi></msubsup></mrow>"
        ))
    );
    // Read as (η·∂C)/∂w₁, shown as η times the derivative.
    let w1 = "<msub><mi>w</mi><mn>1</mn></msub>";
    assert_eq!(
        shown("w_1-eta*(partialC)/(partialw_1)"),
        math(&format!(
            "<mrow>{w1}<mo>−</mo><mi>η</mi>{TIMES}<mfrac><mrow><mi>∂</mi><mi>C</mi></mrow>\
             <mrow><mi>∂</mi>{w1}</mrow></mfrac></mrow>"
        ))
    );
    assert_eq!(
        shown("sum_k w_kj^(l+1)*delta_k^(l+1)*f'(z_j^l)"),
        math(&format!(
            "<mrow><munder><mo>∑</mo><mi>k</mi></munder>\
             <msubsup><mi>w</mi><mrow><mi>k</mi><mi>j</mi></mrow><mrow><mi>l</mi><mo>+</mo><mn>1</mn></mrow></msubsup>\
             {TIMES}<msubsup><mi>δ</mi><mi>k</mi><mrow><mi>l</mi><mo>+</mo><mn>1</mn></mrow></msubsup>\
             {TIMES}{f_prime}{APPLY}{}</mrow>",
            parenthesised("<msubsup><mi>z</mi><mi>j</mi><mi>l</mi></msubsup>")
        ))
    );
    assert_eq!(
        equation("delta_j^L", "a_j^L").unwrap(),
        math(&format!(
            "<mrow><msubsup><mi>δ</mi><mi>j</mi><mi>L</mi></msubsup><mo>=</mo>{a_jl}</mrow>"
        ))
    );
    assert_eq!(
        equation("sigmoid'(z)", "sigma(z)").unwrap(),
        math(&format!(
            "<mrow><mrow><msup><mi>σ</mi><mo>′</mo></msup>{APPLY}{z}</mrow><mo>=</mo>\
             <mrow><mi>σ</mi>{APPLY}{z}</mrow></mrow>",
            z = parenthesised("<mi>z</mi>")
        ))
    );
}

#[test]
fn parentheses_only_where_precedence_needs_them() {
    let (a, b, c) = ("<mi>a</mi>", "<mi>b</mi>", "<mi>c</mi>");
    let sum = parenthesised(&format!("<mrow>{a}<mo>+</mo>{b}</mrow>"));
    let two = "<mn>2</mn>";
    // -2^2 is −(2²), as the grader reads it.
    assert_eq!(
        shown("-2^2"),
        math(&format!("<mrow><mo>−</mo><msup>{two}{two}</msup></mrow>"))
    );
    assert_eq!(
        shown("(-2)^2"),
        math(&format!(
            "<msup>{}{two}</msup>",
            parenthesised(&format!("<mrow><mo>−</mo>{two}</mrow>"))
        ))
    );
    assert_eq!(
        shown("-(a+b)"),
        math(&format!("<mrow><mo>−</mo>{sum}</mrow>"))
    );
    assert_eq!(shown("(a+b)^2"), math(&format!("<msup>{sum}{two}</msup>")));
    assert_eq!(
        shown("c*(a+b)"),
        math(&format!("<mrow>{c}{TIMES}{sum}</mrow>"))
    );
    assert_eq!(
        shown("c-(a+b)"),
        math(&format!("<mrow>{c}<mo>−</mo>{sum}</mrow>"))
    );
    assert_eq!(
        shown("(a+b)-c"),
        math(&format!("<mrow>{a}<mo>+</mo>{b}<mo>−</mo>{c}</mrow>"))
    );
    assert_eq!(
        shown("(a+b)/c"),
        math(&format!("<mfrac><mrow>{a}<mo>+</mo>{b}</mrow>{c}</mfrac>"))
    );
    assert_eq!(
        shown("a+-b"),
        math(&format!(
            "<mrow>{a}<mo>+</mo>{}</mrow>",
            parenthesised(&format!("<mrow><mo>−</mo>{b}</mrow>"))
        ))
    );
    assert_eq!(
        shown("2*3"),
        math("<mrow><mn>2</mn><mo>·</mo><mn>3</mn></mrow>")
    );
    assert_eq!(shown("2a"), math(&format!("<mrow>{two}{TIMES}{a}</mrow>")));
    // Only a derivative is split off its factor: `a*b/c` is one fraction, as read.
    assert_eq!(
        shown("a*b/c"),
        math(&format!("<mfrac><mrow>{a}{TIMES}{b}</mrow>{c}</mfrac>"))
    );
    assert_eq!(
        shown("(1, 2)"),
        math("<mrow><mo>(</mo><mn>1</mn><mo>,</mo><mn>2</mn><mo>)</mo></mrow>")
    );
    // An index superscript is not mistaken for a power.
    assert_eq!(
        shown("(a_k^l)^2"),
        math(&format!(
            "<msup>{}{two}</msup>",
            parenthesised("<msubsup><mi>a</mi><mi>k</mi><mi>l</mi></msubsup>")
        ))
    );
    assert_eq!(
        shown("|a| + sqrt(b)"),
        math(&format!(
            "<mrow><mrow><mo>|</mo>{a}<mo>|</mo></mrow><mo>+</mo><msqrt>{b}</msqrt></mrow>"
        ))
    );
}

#[test]
fn unreadable_texts_are_not_typeset() {
    for text in [
        "2*", "", "[1, ]", "[1, 2", "x<y", "a_{<}", "a & b", "foo(x)", "x = 1", "w <- w",
    ] {
        assert_eq!(to_mathml(text), None, "{text}");
    }
    assert_eq!(equation("2*", "x"), None);
    assert_eq!(equation("x", "a = b"), None);
    // A chain the parser builds in a loop is typeset to a bound, and never overflows.
    assert_eq!(to_mathml(&("1/".repeat(3000) + "1")), None);
    assert!(to_mathml(&("x+".repeat(4000) + "1")).is_some());
    let nested = "(".repeat(199) + "x" + &")".repeat(199);
    assert_eq!(to_mathml(&nested), Some(math("<mi>x</mi>")));
}

/// Every exact form and formula the homework prints (`cargo run -p runner -- --format
/// json problems/`, and the report snapshots), with `e^(-2)` and `e^(1.5)`, the other
/// shapes nnhw-core's `exp_power` writes.
#[test]
fn every_form_the_homework_shows_is_typeset() {
    let exact = [
        "[e^0/(e^0+e^2), e^2/(e^0+e^2)]",
        "[e^1/(e^1+e^1), e^0/(e^0+e^2), e^3/(e^3+e^0)]",
        "[e^1/(e^1+e^1), e^1/(e^1+e^1)]",
        "[e^15/(e^15+e^0), e^0/(e^15+e^0)]",
        "[e^3/(e^3+e^0), e^0/(e^3+e^0)]",
        "[ln(99)/0.5, ln(99), ln(99)/2, ln(99)/4, ln(99)/10]",
        "[ln(999), ln(999)/3]",
        "[e^(-2)/(e^(-2)+e^(1.5)), e^(1.5)/(e^(-2)+e^(1.5))]",
    ];
    let formulas = [
        ("delta_j^L", "(partialC)/(partiala_j^L)*f'(z_j^L)"),
        ("delta_j^l", "sum_k w_kj^(l+1)*delta_k^(l+1)*f'(z_j^l)"),
        ("(partialC)/(partialw_jk^l)", "a_k^(l-1)*delta_j^l"),
        ("(partialC)/(partialb_j^l)", "delta_j^l"),
        ("sigmoid'(z)", "e^(-z)/(1+e^(-z))^2"),
        ("w_1", "w_1-eta*(partialC)/(partialw_1)"),
    ];
    let typeset = exact
        .iter()
        .map(|t| to_mathml(t))
        .chain(formulas.iter().map(|(_, rhs)| to_mathml(rhs)))
        .chain(formulas.iter().map(|(lhs, rhs)| equation(lhs, rhs)));
    for shown in typeset {
        let shown = shown.expect("typeset");
        // No ASCII notation is left over in what is shown.
        for ascii in ["partial", "delta", "eta", "sigma", "_", "^", "*", "'"] {
            assert!(!shown.contains(ascii), "{ascii} in {shown}");
        }
    }
}
