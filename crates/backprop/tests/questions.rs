//! Section 3's statements and question figures on the repository's specs and on 100
//! variants of each spec with a `[variants]` table: every param shown, a prompt for every
//! answer in the solver's order, the question's key phrases, and no answer anywhere: not
//! its value, not its formula in either notation, not an intermediate of the working.
//!
//! `cargo test -p nnhw-backprop --test questions -- --ignored --nocapture` prints every
//! statement and writes every question figure to /tmp/backprop-questions/.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::{Posed, leaks, pose, problems, specs, typeset, words};
use nnhw_core::draws::Draws;
use nnhw_core::format::number;
use nnhw_core::registry;
use nnhw_core::rng::Rng;
use nnhw_core::spec::Document;
use nnhw_core::statement::{Form, prompt_text, text};

// Links the crate so its kinds are registered.
use nnhw_backprop as _;

/// Draws tried per spec with a `[variants]` table.
const VARIANTS: u64 = 100;

/// What the kind's question must say, in its words.
fn key_phrases(kind: &str) -> &'static [&'static str] {
    match kind {
        "backprop.formulas" => &[
            "zⱼˡ = Σₖ wⱼₖˡ aₖˡ⁻¹ + bⱼˡ",
            "aⱼˡ = f(zⱼˡ)",
            "wⱼₖˡ the weight from unit k of layer l − 1 to unit j of layer l",
            "The error of unit j in layer l is",
            "δⱼˡ = ∂C/∂zⱼˡ",
            "the error δⱼᴸ of a unit in the output layer",
            "∂C/∂wⱼₖˡ and ∂C/∂bⱼˡ",
            "central difference",
        ],
        "backprop.activation-derivatives" => &[
            "σ(z) = 1/(1 + e^(−z))",
            "ReLU(z) = max(0, z)",
            "What is σ′(z)",
            "magnitude of σ′(z)",
            "ReLU′(z) for z > 0",
            "ReLU′(z) for z < 0",
        ],
        "backprop.simple-network" => &[
            "z₁ = w₁x,   a₁ = ReLU(z₁),   z₂ = w₂a₁ + b,   y = σ(z₂)",
            "C = ½(y − t)²",
            "Compute the loss C and its derivatives ∂C/∂w₁, ∂C/∂w₂ and ∂C/∂b",
        ],
        "backprop.sgd" => &[
            "z₁ = w₁x,   a₁ = ReLU(z₁),   z₂ = w₂a₁ + b,   y = σ(z₂)",
            "C = ½(y − t)²",
            "stochastic gradient descent",
            "learning rate η",
            "from the numbers above",
        ],
        other => panic!("no phrases for {other}"),
    }
}

/// Every check on one stated spec; `name` says which.
fn check(name: &str, posed: &Posed) {
    assert!(
        posed.missing.is_empty(),
        "{name}: params not shown: {:?}",
        posed.missing
    );
    let answers: Vec<&str> = posed
        .report
        .answers
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    let prompts: Vec<&str> = posed
        .statement
        .prompts
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(prompts, answers, "{name}: prompts against answers");
    let said = words(posed);
    for phrase in key_phrases(&posed.kind) {
        assert!(said.contains(phrase), "{name}: no `{phrase}` in\n{said}");
    }
    let leaked = leaks(&said, posed);
    assert!(
        leaked.is_empty(),
        "{name}: answers in the statement: {leaked:?}\n{said}"
    );
    let typeset = typeset(&posed.statement).join("\n");
    let leaked = leaks(&typeset, posed);
    assert!(
        leaked.is_empty(),
        "{name}: answers typeset: {leaked:?}\n{typeset}"
    );
    for figure in &posed.figures {
        assert!(
            figure.name.starts_with("question-"),
            "{name}: {}",
            figure.name
        );
        assert!(
            figure.svg.len() < 100_000,
            "{name}.{}: {} bytes",
            figure.name,
            figure.svg.len()
        );
        assert!(
            figure.svg.contains(&posed.title),
            "{name}.{} lacks the title",
            figure.name
        );
        let drawn = nnhw_plot::svg_text(&figure.svg);
        let leaked = leaks(&drawn, posed);
        assert!(
            leaked.is_empty(),
            "{name}.{}: answers drawn: {leaked:?}\n{drawn}",
            figure.name
        );
    }
}

#[test]
fn every_spec_states_its_question_without_the_key() {
    let specs = specs();
    assert!(
        specs.len() >= 7,
        "found only {} backprop specs",
        specs.len()
    );
    for (name, _, spec) in &specs {
        let posed = pose(spec).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(name, &posed);
        let figures: Vec<&str> = posed.figures.iter().map(|f| f.name.as_str()).collect();
        let wanted: &[&str] = match posed.kind.as_str() {
            "backprop.formulas" => &["question-layers"],
            "backprop.activation-derivatives" => &[],
            _ => &["question-graph"],
        };
        assert_eq!(figures, wanted, "{name}");
    }
}

/// `params` as the body of a `[params]` table.
fn body<K: std::fmt::Display, V: std::fmt::Display>(
    params: impl IntoIterator<Item = (K, V)>,
) -> String {
    params
        .into_iter()
        .map(|(key, value)| format!("{key} = {value}\n"))
        .collect()
}

/// `spec` with its `[params]` replaced by `params`, the rest of its header kept.
fn with_params(spec: &str, params: &str) -> String {
    let head = spec.split("[params]").next().unwrap_or("");
    format!("{head}[params]\n{params}")
}

#[test]
fn every_variant_states_its_question_without_the_key() {
    let mut drawn_specs = 0;
    for (name, _, spec) in specs() {
        let doc = Document::parse("spec.toml", &spec).unwrap();
        let Some(variants) = Draws::read(&doc).unwrap() else {
            continue;
        };
        drawn_specs += 1;
        let header = doc.header().unwrap();
        let kind = registry::find(&header.kind).unwrap();
        let (_, original, _) = registry::stated(kind.build, &spec).unwrap();
        let original_body = body(&original);
        // As `runner variants` does, unfit draws are redrawn until VARIANTS are fit.
        let mut stated = 0;
        for seed in 0..10 * VARIANTS {
            if stated == VARIANTS {
                break;
            }
            let mut params = original.clone();
            variants.draw(&mut params, &mut Rng::new(seed));
            let drawn_body = body(&params);
            // A draw the kind refuses or declares unfit never reaches a student.
            let fit =
                registry::unfit_draw(kind.build, &original_body, &drawn_body, header.tolerance);
            if !matches!(fit, Ok(None)) {
                continue;
            }
            let posed = pose(&with_params(&spec, &drawn_body)).unwrap();
            check(&format!("{name} (seed {seed})"), &posed);
            stated += 1;
        }
        assert_eq!(stated, VARIANTS, "{name}: only {stated} draws were fit");
    }
    assert_eq!(drawn_specs, 2, "3.4 and 3.5 draw variants");
}

/// The statement of a homework spec.
fn stated(file: &str) -> Posed {
    let spec = std::fs::read_to_string(problems().join(file)).unwrap();
    pose(&spec).unwrap()
}

#[test]
fn the_homework_questions_say_what_the_homework_says() {
    let error = text(&stated("backprop_error.toml").statement);
    for phrase in [
        "layer sizes [2, 3, 2] (inputs first), f = sigmoid in every layer",
        "from seed 0",
        "x = [0.5, -1] with target t = [1, 0], and its loss is quadratic",
        "C = ½ Σⱼ (aⱼᴸ − tⱼ)²",
        "For each of its 17 weights and biases p",
        "h = 1e-6",
    ] {
        assert!(error.contains(phrase), "no `{phrase}` in\n{error}");
    }
    // The drawn weights, a 3×2 matrix and a 2×3 one.
    assert!(error.contains("w¹ = ⎢"), "{error}");
    assert!(error.contains("w² = ⎡"), "{error}");

    let parameters = text(&stated("parameter_derivatives.toml").statement);
    for phrase in [
        "2 inputs and 2 layers",
        "layer 1, f = ReLU:",
        "layer 2, f = sigmoid:",
    ] {
        assert!(
            parameters.contains(phrase),
            "no `{phrase}` in\n{parameters}"
        );
    }
    assert!(
        parameters.contains("b¹ = [0.5, 0.5, 0.5, 0.5]"),
        "{parameters}"
    );

    let activations = text(&stated("activation_functions.toml").statement);
    assert!(
        activations.contains("z = [-10, -2, 0, 2, 10]"),
        "{activations}"
    );

    let simple = text(&stated("simple_network.toml").statement);
    assert!(
        simple.contains("t = 1, x = 3, w₁ = 0.01, w₂ = -5 and b = -1."),
        "{simple}"
    );

    let sgd = stated("sgd.toml");
    let said = text(&sgd.statement);
    assert!(said.contains("learning rate η = 0.1, for 1 step"), "{said}");
    let loss_after = sgd
        .statement
        .prompt_for("loss_after")
        .map(|p| p.ask.as_str());
    assert_eq!(loss_after, Some("What is the loss C after the step?"));
    assert_eq!(
        sgd.statement.prompt_for("loss_after").map(|p| &p.form),
        Some(&Form::Numbers(1))
    );
}

#[test]
fn the_four_formulas_offer_one_notation() {
    let posed = stated("backprop_error.toml");
    let forms: Vec<&Form> = posed.statement.prompts[..4]
        .iter()
        .map(|p| &p.form)
        .collect();
    let Form::Formula(names) = forms[0] else {
        panic!("{:?}", forms[0])
    };
    assert!(forms.iter().all(|f| *f == forms[0]), "{forms:?}");
    // Every name the answers use is offered, so the list gives none of them away.
    for needed in [
        "delta_j^L",
        "delta_k^(l+1)",
        "w_kj^(l+1)",
        "a_k^(l-1)",
        "f'(z_j^L)",
        "f'(z_j^l)",
        "(partialC)/(partiala_j^L)",
    ] {
        assert!(
            names.iter().any(|n| n == needed),
            "{needed} not in {names:?}"
        );
    }
}

#[test]
fn a_large_drawn_network_is_described_not_printed() {
    let spec = "kind = \"backprop.formulas\"\n[params]\nnetwork = { sizes = [2, 300, 2], activation = \"tanh\", seed = 4 }\nx = [1, 2]\ntarget = [0, 1]\nloss = \"cross-entropy\"\n";
    let posed = pose(spec).unwrap();
    check("large", &posed);
    let said = text(&posed.statement);
    for phrase in [
        "w¹ is 300×2, too large to show here.",
        "w² is 2×300, too large to show here.",
        "f = tanh in every layer",
        "cross-entropy over the softmax",
        "For each of its 1502 weights and biases p",
    ] {
        assert!(said.contains(phrase), "no `{phrase}` in\n{said}");
    }
}

#[test]
fn a_three_layer_network_of_its_own_is_stated_layer_by_layer() {
    let spec = "kind = \"backprop.formulas\"\n[params]\nx = [1, -2]\ntarget = [0.25]\n[[params.layers]]\nweights = [[0.5, -1.5], [2, 0.125]]\nactivation = \"tanh\"\n[[params.layers]]\nweights = [[1, -1], [0.75, 3]]\nbias = [0.5, -0.5]\nactivation = \"identity\"\n[[params.layers]]\nweights = [[2.5, -4]]\nbias = [7]\nactivation = \"sigmoid\"\n";
    let posed = pose(spec).unwrap();
    check("three layers", &posed);
    let said = text(&posed.statement);
    for phrase in [
        "2 inputs and 3 layers",
        "layer 1, f = tanh:",
        "b¹ = [0, 0]",
        "layer 2, f = identity:",
        "layer 3, f = sigmoid:",
        "b³ = [7]",
    ] {
        assert!(said.contains(phrase), "no `{phrase}` in\n{said}");
    }
}

/// The checks above would see a leak: each kind's statement with one answer or
/// intermediate added, as a careless statement would say it.
#[test]
fn a_statement_that_gives_the_key_away_is_caught() {
    let cases = [
        ("backprop_error.toml", "δⱼᴸ = ∂C/∂aⱼᴸ · f′(zⱼᴸ)".to_string()),
        (
            "parameter_derivatives.toml",
            "note that ∂C/∂w = aₖˡ⁻¹ δⱼˡ".to_string(),
        ),
        (
            "activation_functions.toml",
            "recall σ′ = σ(z)(1 − σ(z))".to_string(),
        ),
        ("sgd.toml", "the rule is w₁ − η·∂C/∂w₁".to_string()),
        // 3.4's loss to its 3 decimals, and y = σ(z₂) to the report's 10 digits.
        ("simple_network.toml", "so C = 0.288".to_string()),
        (
            "simple_network.toml",
            format!("y = {}", number(1.0 / (1.0 + 1.15f64.exp()))),
        ),
        // z₁ = w₁x, a short intermediate, by its name; 3.5's w₁ after the step
        // (−0.1980916562) as the diagrams draw numbers, coarser than its 9 decimals.
        ("simple_network.toml", "Here z₁ = 0.03.".to_string()),
        ("sgd.toml", "w₁ becomes −0.1981".to_string()),
    ];
    for (file, said) in cases {
        let mut posed = stated(file);
        assert!(leaks(&words(&posed), &posed).is_empty(), "{file}");
        posed.statement.say(said.clone());
        assert!(
            !leaks(&words(&posed), &posed).is_empty(),
            "{file}: `{said}` not caught"
        );
    }
}

#[test]
#[ignore = "prints the statements and writes the question figures to /tmp/backprop-questions"]
fn show_every_question() {
    let dir = Path::new("/tmp/backprop-questions");
    std::fs::create_dir_all(dir).unwrap();
    for (name, _, spec) in specs() {
        let posed = pose(&spec).unwrap();
        println!("===== {name}\n{}\n", text(&posed.statement));
        for p in &posed.statement.prompts {
            println!("[{}] {}", p.name, prompt_text(p, &posed.tolerance));
        }
        println!("typeset:");
        for ascii in typeset(&posed.statement) {
            println!("  {ascii}");
        }
        println!();
        for figure in &posed.figures {
            std::fs::write(dir.join(format!("{name}.{}.svg", figure.name)), &figure.svg).unwrap();
        }
    }
}
