//! What the question asks and how PrairieLearn takes each answer: which element, under
//! which names, with which key per variant. An answer goes to one of PrairieLearn's own
//! elements only where that element judges as nnhw does; otherwise the whole question is
//! graded outside PrairieLearn by nnhw's runner (see `grader`).

use std::collections::BTreeSet;

use nnhw_core::statement::{Prompt, prompt_text};
use nnhw_core::{Choosable, Form, Solved, SpecError, Tolerance, Value};
use serde_json::{Map, Value as Json, json};

/// The params server.py sets (see server.py); no element may keep its own under them.
pub const PARAMS: [&str; 6] = [
    "variant",
    "statement",
    "entries",
    "choices",
    "prompts",
    "notations",
];

/// How PrairieLearn takes one answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// One `pl-number-input`: a finite number, judged within the spec's tolerance.
    Number,
    /// One `pl-number-input` per entry of a list of finite numbers (`o_1`, `o_2`, …),
    /// written by a mustache section, since the length may differ between variants.
    Entries,
    /// A `pl-multiple-choice` among the kind's options, in the kind's order.
    Choice(Vec<Choosable>),
    /// A `pl-string-input` in nnhw's answer language, judged by nnhw's runner: equations
    /// in any form and order, polygons from any corner, formulas, `inf`.
    Text,
}

/// One graded answer of the question.
#[derive(Debug, Clone)]
pub struct Asked {
    /// The answer's name, as nnhw and the question's elements call it.
    pub name: String,
    /// The element that takes it.
    pub input: Input,
}

/// The question all variants share.
#[derive(Debug, Clone)]
pub struct Question {
    /// The spec's title.
    pub title: String,
    /// The registered kind.
    pub kind: String,
    /// The spec's tolerance (the same in every variant).
    pub tolerance: Tolerance,
    /// The graded answers, in the statement's order.
    pub asked: Vec<Asked>,
    /// Whether nnhw's runner grades it (some answer is [`Input::Text`]).
    pub external: bool,
}

/// The element an answer of `form` with value `value` can go to in one variant.
fn input_of(form: &Form, value: &Value) -> Input {
    let finite = |v: &Value| v.as_number().is_some_and(f64::is_finite);
    match (form, value) {
        (Form::Number | Form::Whole, v) if finite(v) => Input::Number,
        (Form::Numbers(_) | Form::Wholes(_), Value::List(xs)) if xs.iter().all(finite) => {
            Input::Entries
        }
        (Form::Choice(_), Value::Choice(c)) => Input::Choice(c.options.clone()),
        _ => Input::Text,
    }
}

/// The prompt beside an element: nnhw's own for a text input (its notation is nnhw's);
/// for PrairieLearn's elements the question, and how to fill them in.
fn element_prompt(prompt: &Prompt, input: &Input, tolerance: &Tolerance) -> String {
    let ask = prompt.ask.trim();
    let whole = matches!(prompt.form, Form::Whole | Form::Wholes(_));
    let how = match (input, whole) {
        (Input::Text, _) => return prompt_text(prompt, tolerance),
        (Input::Choice(_), _) => return ask.to_string(),
        (Input::Number, true) => "Give a whole number.".to_string(),
        (Input::Entries, true) => "Give each entry as a whole number.".to_string(),
        (Input::Number, false) => format!("Give a decimal number, {}.", tolerance.words()),
        (Input::Entries, false) => {
            format!(
                "Give each entry as a decimal number, {}.",
                tolerance.words()
            )
        }
    };
    if ask.is_empty() {
        how
    } else {
        format!("{ask} {how}")
    }
}

/// Names that a mustache section and an HTML attribute take as they are.
fn plain(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Question {
    /// The question of `solved` (every variant, solved): each graded answer's element is
    /// the one every variant allows, and [`Input::Text`] for all when any needs it.
    pub fn new(file: &str, solved: &[Solved]) -> Result<Question, SpecError> {
        let first = solved
            .first()
            .ok_or_else(|| SpecError::whole_file(file, "no variant was drawn"))?;
        let prompts: Vec<&Prompt> = first.asked();
        let mut asked = Vec::new();
        for prompt in &prompts {
            if !plain(&prompt.name) {
                return Err(SpecError::whole_file(
                    file,
                    format!(
                        "answer `{}`: PrairieLearn's elements need a name of letters, digits and _",
                        nnhw_core::text::one_line(&prompt.name, 60)
                    ),
                ));
            }
            let mut input: Option<Input> = None;
            for s in solved {
                let here = match (
                    s.asked().iter().find(|p| p.name == prompt.name),
                    s.report.named(&prompt.name),
                ) {
                    (Some(p), Some(a)) => input_of(&p.form, &a.value),
                    _ => Input::Text,
                };
                input = Some(match input {
                    Some(before) if before != here => Input::Text,
                    _ => here,
                });
            }
            asked.push(Asked {
                name: prompt.name.clone(),
                input: input.unwrap_or(Input::Text),
            });
        }
        let external = asked.iter().any(|a| a.input == Input::Text);
        if external {
            // In a question graded outside PrairieLearn every answer goes to nnhw.
            for a in &mut asked {
                a.input = Input::Text;
            }
        }
        for a in &asked {
            // pl-multiple-choice keeps its options in params[answers-name].
            if matches!(a.input, Input::Choice(_)) && PARAMS.contains(&a.name.as_str()) {
                return Err(SpecError::whole_file(
                    file,
                    format!(
                        "answer `{}`: a choice cannot take the name of server.py's own params ({})",
                        a.name,
                        PARAMS.join(", ")
                    ),
                ));
            }
        }
        let mut names = BTreeSet::new();
        for a in &asked {
            names.insert(a.name.clone());
        }
        for a in &asked {
            if a.input == Input::Entries {
                let clash = solved
                    .iter()
                    .filter_map(|s| list_len(s, &a.name))
                    .flat_map(|n| (1..=n).map(|i| entry_name(&a.name, i)))
                    .find(|e| names.contains(e));
                if let Some(e) = clash {
                    return Err(SpecError::whole_file(
                        file,
                        format!(
                            "the entries of `{}` would be named `{e}`, which another answer is",
                            a.name
                        ),
                    ));
                }
            }
        }
        Ok(Question {
            title: first.title.clone(),
            kind: first.kind.to_string(),
            tolerance: first.tolerance,
            asked,
            external,
        })
    }

    /// One variant as server.py keeps it: its id, statement, correct answers, and the
    /// prompts and notations (as HTML), entries and choices question.html lays out for it. `key_text`
    /// gives the key of a text answer in nnhw's answer language.
    pub fn variant(
        &self,
        id: &str,
        solved: &Solved,
        key_text: &dyn Fn(&str) -> Option<String>,
    ) -> Json {
        let mut correct = Map::new();
        let mut entries = Map::new();
        let mut choices = Map::new();
        let mut prompts = Map::new();
        let mut notations = Map::new();
        for a in &self.asked {
            // The prompt is the variant's own: it may name the variant's numbers or the
            // length of its list.
            if let Some(p) = solved.asked().iter().find(|p| p.name == a.name) {
                let text = element_prompt(p, &a.input, &self.tolerance);
                prompts.insert(a.name.clone(), Json::String(crate::page::text(&text)));
                if a.input == Input::Text {
                    let notation = crate::page::text(&nnhw_grade::notation(&p.form));
                    notations.insert(a.name.clone(), Json::String(notation));
                }
            }
            let value = solved.report.named(&a.name).map(|x| &x.value);
            match (&a.input, value) {
                (Input::Number, Some(v)) if v.as_number().is_some() => {
                    correct.insert(a.name.clone(), json!(v.as_number()));
                }
                (Input::Entries, Some(Value::List(xs))) => {
                    let mut list = Vec::new();
                    for (i, x) in xs.iter().enumerate() {
                        let name = entry_name(&a.name, i + 1);
                        if let Some(x) = x.as_number() {
                            correct.insert(name.clone(), json!(x));
                        }
                        list.push(json!({
                            "name": name,
                            "label": format!("{}, entry {} of {}:", a.name, i + 1, xs.len()),
                        }));
                    }
                    entries.insert(a.name.clone(), Json::Array(list));
                }
                (Input::Choice(_), Some(Value::Choice(c))) => {
                    // pl-multiple-choice sets its own correct answer from these flags.
                    let list = c
                        .options
                        .iter()
                        .enumerate()
                        .map(|(i, o)| {
                            json!({
                                "name": o.name,
                                "text": o.text,
                                "correct": if i == c.chosen { "true" } else { "false" },
                            })
                        })
                        .collect();
                    choices.insert(a.name.clone(), Json::Array(list));
                }
                _ => {
                    if let Some(text) = key_text(&a.name) {
                        correct.insert(a.name.clone(), Json::String(text));
                    }
                }
            }
        }
        json!({
            "variant": id,
            "statement": nnhw_booklet::question(solved),
            "correct": correct,
            "entries": entries,
            "choices": choices,
            "prompts": prompts,
            "notations": notations,
        })
    }
}

fn list_len(solved: &Solved, name: &str) -> Option<usize> {
    match solved.report.named(name).map(|a| &a.value) {
        Some(Value::List(xs)) => Some(xs.len()),
        _ => None,
    }
}

/// The element name of entry `i` (from 1) of list answer `name`.
pub fn entry_name(name: &str, i: usize) -> String {
    format!("{name}_{i}")
}

/// The key of `name` in a variant spec's `[expected]` table, in nnhw's answer language
/// (what a student would type): `[x1 = 1, x2 = 4]`, `[[0.5, -0.5], …]`, `0.25`.
pub fn key_text(expected: &toml::Table, name: &str) -> Option<String> {
    fn text(v: &toml::Value) -> String {
        match v {
            toml::Value::String(s) => s.clone(),
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Float(x) => format!("{x}"),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Array(xs) => {
                let parts: Vec<String> = xs.iter().map(text).collect();
                format!("[{}]", parts.join(", "))
            }
            other => other.to_string(),
        }
    }
    expected.get(name).map(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_back_in_the_answer_language() {
        let table: toml::Table = toml::from_str(
            "b = [\"x1 = 1\", \"x2 = -1\"]\nv = [[-4.0, -0.5], [0.5, 4]]\nn = 0.1\ni = 3",
        )
        .unwrap_or_default();
        assert_eq!(key_text(&table, "b").as_deref(), Some("[x1 = 1, x2 = -1]"));
        assert_eq!(
            key_text(&table, "v").as_deref(),
            Some("[[-4, -0.5], [0.5, 4]]")
        );
        assert_eq!(key_text(&table, "n").as_deref(), Some("0.1"));
        assert_eq!(key_text(&table, "i").as_deref(), Some("3"));
        assert_eq!(key_text(&table, "none"), None);
    }

    #[test]
    fn plain_names_only() {
        assert!(plain("dC_dw1") && plain("_x") && plain("o"));
        assert!(!plain("") && !plain("1o") && !plain("o-1") && !plain("o.1"));
    }
}
