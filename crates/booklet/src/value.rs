//! A value on the page: numbers rounded as the text report rounds them, formulas and
//! exact forms typeset as MathML (falling back to the text when the grader cannot parse
//! them), lists bracketed, numbers in the page's format ([`crate::prose::numbers`]).

use maud::{Markup, PreEscaped, html};
use nnhw_core::Value;
use nnhw_core::render::value_text;

/// `value`, and `= exact` typeset after it when there is an exact form.
pub fn value(value: &Value, exact: Option<&str>) -> Markup {
    html! {
        @match value {
            Value::Formula(f) => {
                @match f.lhs.as_deref().and_then(|lhs| nnhw_grade::mathml::equation(lhs, &f.ascii)) {
                    Some(math) => (PreEscaped(math)),
                    None => span.formula { (f.unicode) },
                }
            }
            // Words (an option's description, a note): their mathematics typeset too.
            Value::Text(_) | Value::Choice(_) => span.text { (crate::prose::prose(&value_text(value))) },
            _ => span.number { (text(value)) },
        }
        @if let Some(exact) = exact {
            " = "
            @match nnhw_grade::mathml::to_mathml(exact) {
                Some(math) => (PreEscaped(math)),
                None => span.exact { (exact) },
            }
        }
    }
}

/// A value as text in the page's number format.
pub(crate) fn text(value: &Value) -> String {
    crate::prose::numbers(&value_text(value))
}
