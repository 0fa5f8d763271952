//! 1.4's question: the softmax with inverse temperature β, the floor on o₂ and the βs to
//! try; how large may the gap f(u₁) − f(u₂) be, and what does increasing β do to it.
//! Never the bound itself, in any form.

use nnhw_core::statement::{given, math, words};
use nnhw_core::{Form, Statement, Value};

use super::{InverseTemperature, trend_options};
use crate::wording::softmax;

impl InverseTemperature {
    /// The question, from the params alone.
    pub(super) fn question(&self) -> Statement {
        let mut s = Statement::default();
        s.say("A network with two outputs o₁, o₂ ends in a softmax with inverse temperature β:");
        s.display([softmax(|i, u| (format!("f(u_{i})"), format!("f(u{u})")))]);
        let floor = Value::Number(self.min_o2);
        s.paragraph([
            words("where f(u₁) and f(u₂) are the activated outputs of the last layer. We want "),
            math("o_2", "o₂"),
            words(" ≥ "),
            given(floor),
            words("."),
        ]);
        let betas: Vec<f64> = self.betas.iter().map(|b| b.value()).collect();
        let (each, shown, for_each) = match betas[..] {
            [one] => ("For β = ", Value::Number(one), ""),
            _ => ("For each β in ", Value::numbers(&betas), ", in turn"),
        };
        s.paragraph([
            words(each),
            given(shown),
            words(format!(
                "{for_each}: how large may the gap f(u₁) − f(u₂) be? And what does increasing β do to the allowed gap?"
            )),
        ]);
        let order = if betas.len() == 1 {
            ""
        } else {
            ", for each β in the order given"
        };
        s.prompt(
            "max_gap",
            format!(
                "How large may the gap f(u₁) − f(u₂) be while o₂ ≥ {}{order}?",
                nnhw_core::format::number(self.min_o2)
            ),
            Form::Numbers(betas.len()),
        );
        s.prompt(
            "trend",
            "What does increasing β do to the allowed gap: does it make it smaller or larger?",
            Form::Choice(trend_options()),
        );
        s
    }
}
