//! The `[statement]` table: placeholders, prompts, limits and located errors.

use super::super::{Form, Prompt};
use super::*;

fn kind_statement() -> Statement {
    let mut s = Statement::default();
    s.say("The kind's own words.");
    s.prompts.push(Prompt {
        name: "h".into(),
        ask: "What is h?".into(),
        form: Form::Wholes(3),
    });
    s
}

fn applied(text: &str) -> Result<Statement, SpecError> {
    let doc = Document::parse("s.toml", text)?;
    apply(&doc, "lstm.states", kind_statement())
}

const PARAMS: &str = "kind = \"k\"\n[params]\nx = [1, 0, 1]\nweights = { f_h = 2 }\n[[params.layers]]\nweights = [[1, 0], [0, 1]]\n";

#[test]
fn placeholders_are_filled_by_type_and_a_matrix_is_displayed() {
    let spec = format!(
        "{PARAMS}[statement]\nbefore = \"Week {{{{3}}}}.\"\ntext = \"\"\"\nRun it on x = {{x}}, f_h = {{weights.f_h}}.\n\nW = {{layers[0].weights}}\n\"\"\"\nprompts = {{ h = \"Enter h.\" }}\n"
    );
    let s = applied(&spec).unwrap();
    assert_eq!(
        s.blocks,
        vec![
            Block::Paragraph(vec![Inline::Text("Week {3}.".into())]),
            Block::Paragraph(vec![
                Inline::Text("Run it on x = ".into()),
                Inline::Value(Value::numbers(&[1.0, 0.0, 1.0])),
                Inline::Text(", f_h = ".into()),
                Inline::Value(Value::Number(2.0)),
                Inline::Text(".".into()),
            ]),
            Block::Display(vec![
                Inline::Text("W = ".into()),
                Inline::Value(Value::matrix(&[[1.0, 0.0], [0.0, 1.0]])),
            ]),
        ]
    );
    assert_eq!(s.prompts[0].ask, "Enter h.");
    assert_eq!(s.prompts[0].form, Form::Wholes(3));
}

#[test]
fn after_extends_and_no_table_keeps_the_kind_statement() {
    assert_eq!(applied(PARAMS).unwrap(), kind_statement());
    let s = applied(&format!(
        "{PARAMS}[statement]\nafter = \"Show your working.\"\n"
    ))
    .unwrap();
    assert_eq!(s.blocks.len(), 2);
    assert_eq!(
        s.blocks[1],
        Block::Paragraph(vec![Inline::Text("Show your working.".into())])
    );
}

#[test]
fn bad_placeholders_and_prompts_are_located() {
    let at = |statement: &str| {
        let e = applied(&format!("{PARAMS}[statement]\n{statement}\n")).unwrap_err();
        (e.field.clone(), e.location, e.message.clone())
    };
    // line 8 is the [statement] line's successor
    let (field, location, message) = at("text = \"x = {x} and {beta}\"");
    assert_eq!(field, "statement.text");
    assert_eq!(location, Some((8, 21)));
    assert!(message.contains("[params] has no `beta`"), "{message}");

    let (field, location, message) = at("text = \"{layers[3].weights}\"");
    assert_eq!((field.as_str(), location), ("statement.text", Some((8, 9))));
    assert!(message.contains("no `layers[3]`"), "{message}");

    let (_, _, message) = at("text = \"{x[one]}\"");
    assert!(message.contains("not a param path"), "{message}");
    let (_, location, message) = at("text = \"a } b\"");
    assert_eq!(location, Some((8, 11)));
    assert!(message.contains("`}}`"), "{message}");
    let (_, _, message) = at("text = \"a {x b\"");
    assert!(message.contains("not closed"), "{message}");

    let (field, location, message) = at("prompts = { o = \"What is o?\" }");
    assert_eq!(field, "statement.prompts.o");
    assert_eq!(location, Some((8, 17)));
    assert_eq!(message, "no answer named `o`; lstm.states answers h");

    let (field, _, message) = at("texts = \"typo\"");
    assert_eq!(field, "statement.texts");
    assert!(message.contains("unknown field"), "{message}");
}

#[test]
fn own_words_must_show_what_variants_draw() {
    let spec = |text: &str| {
        format!(
            "{PARAMS}[variants]\n\"layers[0].weights\" = {{ integers = [-1, 1] }}\n[statement]\ntext = \"{text}\"\n"
        )
    };
    let e = applied(&spec("x = {x}")).unwrap_err();
    assert_eq!(e.field, "statement.text");
    assert!(
        e.message.contains("shows no `{layers[0].weights}`"),
        "{}",
        e.message
    );
    assert!(applied(&spec("W = {layers[0].weights}")).is_ok());
    assert!(applied(&spec("W = {layers}")).is_ok());
    // One row of a drawn matrix is not the matrix.
    assert!(applied(&spec("W = {layers[0].weights[1]}")).is_err());
}

#[test]
fn prompts_fill_their_placeholders_and_text_is_not_empty() {
    let s = applied(&format!(
        "{PARAMS}[statement]\nprompts = {{ h = \"h for x = {{x}}, f_h = {{weights.f_h}}?\" }}\n"
    ))
    .unwrap();
    assert_eq!(s.prompts[0].ask, "h for x = [1, 0, 1], f_h = 2?");
    let e = applied(&format!(
        "{PARAMS}[statement]\nprompts = {{ h = \"{{nope}}\" }}\n"
    ))
    .unwrap_err();
    assert_eq!(e.field, "statement.prompts.h");
    assert!(
        e.message.contains("[params] has no `nope`"),
        "{}",
        e.message
    );
    let e = applied(&format!("{PARAMS}[statement]\ntext = \"  \"\n")).unwrap_err();
    assert_eq!(e.field, "statement.text");
    assert!(e.message.starts_with("empty"), "{}", e.message);
}

#[test]
fn a_small_template_cannot_bring_in_a_huge_param() {
    let big: Vec<String> = (0..30_000).map(|i| i.to_string()).collect();
    let spec = format!(
        "kind = \"k\"\n[params]\nx = [{}]\n[statement]\ntext = \"{{x}} {{x}} {{x}} {{x}}\"\n",
        big.join(",")
    );
    let e = applied(&spec).unwrap_err();
    assert!(
        e.message.contains("more than 100000 values"),
        "{}",
        e.message
    );
    let spec = format!("{PARAMS}[statement]\ntext = \"{}\"\n", "{x}".repeat(1_001));
    assert!(applied(&spec).unwrap_err().message.contains("placeholders"));
}

#[test]
fn control_characters_in_the_words_are_escaped() {
    let s = applied(&format!(
        "{PARAMS}[statement]\ntext = \"red \\u001b[31m\"\n"
    ))
    .unwrap();
    assert_eq!(
        s.blocks,
        vec![Block::Paragraph(vec![Inline::Text(
            "red \\u{1b}[31m".into()
        )])]
    );
}
