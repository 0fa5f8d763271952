//! Section 1's statements and question figures on the repository's specs and on 100
//! variants of each spec with a `[variants]` table: every param shown, a prompt for every
//! answer in the solver's order, the question's key phrases, and no answer anywhere.
//!
//! `cargo test -p nnhw-neural-nets --test questions -- --ignored --nocapture` prints every
//! homework statement and writes every question figure to /tmp/neural-nets-questions/.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::{check, leaks, pose, problems, specs, words};
use nnhw_core::draws::Draws;
use nnhw_core::registry;
use nnhw_core::rng::Rng;
use nnhw_core::spec::Document;
use nnhw_core::statement::{prompt_text, text};

// Links the crate so its kinds are registered.
use nnhw_neural_nets as _;

/// Draws tried per spec with a `[variants]` table.
const VARIANTS: u64 = 100;

#[test]
fn every_spec_states_its_question_without_the_key() {
    let specs = specs();
    assert!(specs.len() >= 9, "found only {} nn specs", specs.len());
    for (name, homework, spec) in &specs {
        let posed = pose(spec).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(name, &posed);
        // The homework's networks are drawn; 1.4 has no network to draw.
        if *homework && posed.kind != "nn.inverse-temperature" {
            assert_eq!(posed.figures.len(), 1, "{name} draws no question figure");
        }
    }
}

/// `spec` with its `[params]` replaced by `params`, the rest of its header kept.
fn with_params<K: std::fmt::Display, V: std::fmt::Display>(
    spec: &str,
    params: impl IntoIterator<Item = (K, V)>,
) -> String {
    let head = spec.split("[params]").next().unwrap_or("");
    let mut out = format!("{head}[params]\n");
    for (key, value) in params {
        out.push_str(&format!("{key} = {value}\n"));
    }
    out
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
        let kind = registry::find(&doc.header().unwrap().kind).unwrap();
        let (_, original, _) = registry::stated(kind.build, &spec).unwrap();
        let mut stated = 0;
        for seed in 0..VARIANTS {
            let mut params = original.clone();
            variants.draw(&mut params, &mut Rng::new(seed));
            let text = with_params(&spec, &params);
            // A draw the kind refuses never reaches a student.
            let Ok(posed) = pose(&text) else { continue };
            check(&format!("{name} (seed {seed})"), &posed);
            stated += 1;
        }
        assert!(
            stated >= VARIANTS / 2,
            "{name}: only {stated} draws were built"
        );
    }
    assert_eq!(drawn_specs, 4, "the four homework specs draw variants");
}

#[test]
fn a_planted_answer_is_found() {
    let spec = std::fs::read_to_string(problems().join("feedforward.toml")).unwrap();
    let mut posed = pose(&spec).unwrap();
    assert!(leaks(&words(&posed), &posed).is_empty());
    // o₂ = 3.059022269e-7: to 9 decimals 0.000000306, in the report's own digits 3.059022269e-7.
    let plain = posed.statement.clone();
    for planted in [
        "o₂ = 0.000000306.",
        "o₂ ≈ 3.059022269e-7",
        "e^0/(e^15+e^0)",
        "Here z₂ = 13.",
        "Then u₁ = 15.",
    ] {
        posed.statement = plain.clone();
        posed.statement.say(planted);
        assert!(
            !leaks(&words(&posed), &posed).is_empty(),
            "{planted} not found"
        );
    }
    let region = std::fs::read_to_string(problems().join("decision_boundaries.toml")).unwrap();
    for planted in ["The lines are x₁ = 1 and so on.", "Its area is 4."] {
        let mut posed = pose(&region).unwrap();
        posed.statement.say(planted);
        assert!(
            !leaks(&words(&posed), &posed).is_empty(),
            "{planted} not found"
        );
    }
    let sum = std::fs::read_to_string(problems().join("nn_output.toml")).unwrap();
    for planted in ["Then u₂ = −s + 2.", "o₁ = e^0/(e^0+e^2)"] {
        let mut posed = pose(&sum).unwrap();
        posed.statement.say(planted);
        assert!(
            !leaks(&words(&posed), &posed).is_empty(),
            "{planted} not found"
        );
    }
    let floor = std::fs::read_to_string(problems().join("inverse_temperature.toml")).unwrap();
    for planted in ["Note 1/0.001 − 1 = 999.", "The gap is ln(999)/3."] {
        let mut posed = pose(&floor).unwrap();
        posed.statement.say(planted);
        assert!(
            !leaks(&words(&posed), &posed).is_empty(),
            "{planted} not found"
        );
    }
}

#[test]
fn the_homework_questions_say_what_the_homework_says() {
    let text_of = |file: &str| {
        let spec = std::fs::read_to_string(problems().join(file)).unwrap();
        text(&pose(&spec).unwrap().statement)
    };
    let feedforward = text_of("feedforward.toml");
    for phrase in [
        "two inputs x₁, x₂, four hidden units and two outputs",
        "zⱼ = x₁·W₁ⱼ + x₂·W₂ⱼ + W₀ⱼ",
        "where f is ReLU, f(z) = max(0, z)",
        "uₖ = Σⱼ f(zⱼ)·Vⱼₖ + V₀ₖ",
        "inverse temperature β = 1",
        "oₖ = e^(β·f(uₖ)) / Σᵢ e^(β·f(uᵢ))",
        "x = (x₁, x₂) = [3, 14]. What is the final output (o₁, o₂)?",
    ] {
        assert!(
            feedforward.contains(phrase),
            "no `{phrase}` in\n{feedforward}"
        );
    }
    // W as the homework writes it, one row per hidden unit: x₁'s weight, x₂'s, the bias.
    assert!(feedforward.contains("W = ⎢ 0   1  -1⎥"), "{feedforward}");
    assert!(
        feedforward.contains("V = ⎡ 1   1   1   1  0⎤\n    ⎣-1  -1  -1  -1  2⎦"),
        "{feedforward}"
    );

    let region = text_of("decision_boundaries.toml");
    assert!(region.contains("Plot the lines zⱼ = 0"), "{region}");
    assert!(region.contains("all four zⱼ < 0"), "{region}");
    assert!(!region.contains("x₁ = 1"), "{region}");

    let output = text_of("nn_output.toml");
    assert!(output.contains("f(z₁) + f(z₂) + f(z₃) + f(z₄)"), "{output}");
    assert!(output.contains("[1, 0, 3]"), "{output}");
    assert!(!output.contains("-s"), "{output}");

    let temperature = text_of("inverse_temperature.toml");
    assert!(temperature.contains("o₂ ≥ 0.001"), "{temperature}");
    assert!(temperature.contains("[1, 3]"), "{temperature}");
    assert!(!temperature.contains("ln"), "{temperature}");
}

#[test]
fn a_general_network_is_stated_in_layers() {
    let spec = std::fs::read_to_string(problems().join("beyond/deep_tanh_sigmoid.toml")).unwrap();
    let said = text(&pose(&spec).unwrap().statement);
    for phrase in [
        "three inputs and three layers",
        "zˡⱼ = Σₖ wˡⱼₖ·aˡ⁻¹ₖ + bˡⱼ",
        "f₁ is tanh",
        "f₂ is the sigmoid",
        "f₃ is the identity",
        "β = 2",
        "b³ = [0, 0, 0]",
    ] {
        assert!(said.contains(phrase), "no `{phrase}` in\n{said}");
    }
}

/// A spec's statement text, checked as every spec's is.
fn stated(spec: &str) -> String {
    let posed = pose(spec).unwrap_or_else(|e| panic!("{e}"));
    check("inline spec", &posed);
    text(&posed.statement)
}

#[test]
fn other_networks_read_right() {
    // The output layer's own activation gets its own letter; no softmax leaves β unused.
    let said = stated(
        "kind = \"nn.feedforward\"\n[params]\nx = [0.25, -2, 7]\noutput = \"none\"\nbeta = 3\n\
         [[params.layers]]\nweights = [[1, 2, 3], [4, 5, 6]]\nactivation = \"tanh\"\n\
         [[params.layers]]\nweights = [[1, -1]]\nbias = [0.5]\nactivation = \"sigmoid\"\n",
    );
    for phrase in [
        "three inputs x₁, x₂, x₃, two hidden units and one output",
        "zⱼ = x₁·W₁ⱼ + x₂·W₂ⱼ + x₃·W₃ⱼ + W₀ⱼ",
        "where f is tanh, f(z) = tanh(z)",
        "and passes on g(uₖ), where g is the sigmoid, g(z) = σ(z) = 1/(1 + e^(−z))",
        "No softmax follows (the output is none): the final output is oₖ = g(uₖ), and β = 3 plays no part.",
        "(W₁ⱼ, W₂ⱼ, W₃ⱼ, W₀ⱼ): the weights of x₁, x₂ and x₃, then the bias",
        "V = [[1, -1, 0.5]]",
        "What is the final output (o₁)?",
    ] {
        assert!(said.contains(phrase), "no `{phrase}` in\n{said}");
    }
    assert!(!said.contains("softmax of"), "{said}");

    // One layer, many inputs: section 3's notation, the input's indices shortened.
    let said = stated(
        "kind = \"nn.feedforward\"\n[params]\nx = [1, 2, 3, 4, 5, 6]\n\
         [[params.layers]]\nweights = [[1, 0, 0, 0, 0, -1], [0, 1, 0, 0, -1, 0]]\nactivation = \"identity\"\n",
    );
    for phrase in [
        "six inputs and one layer of two units",
        "f₁ is the identity, f₁(z) = z",
        "inverse temperature β = 1",
        "x = (x₁, …, x₆) = [1, 2, 3, 4, 5, 6]",
        "b¹ = [0, 0]",
    ] {
        assert!(said.contains(phrase), "no `{phrase}` in\n{said}");
    }
}

#[test]
fn other_regions_and_sums_read_right() {
    let said = stated(
        "kind = \"nn.decision-region\"\n[params]\nweights = [[1, 0]]\nbias = [-2]\nregion = \"all-positive\"\nview = [-3, 3, -2.5, 2.5]\n",
    );
    for phrase in [
        "one hidden unit",
        "Plot the line zⱼ = 0",
        "where zⱼ > 0 (the all-positive region)",
        "x₁ from -3 to 3 and x₂ from -2.5 to 2.5",
    ] {
        assert!(said.contains(phrase), "no `{phrase}` in\n{said}");
    }
    let said = stated(
        "kind = \"nn.output-from-hidden-sum\"\n[params]\nweights = [[1, 1, 1, 1, 1, 1]]\nhidden_sums = [2.5]\nactivation = \"tanh\"\n",
    );
    for phrase in [
        "six hidden units and one output",
        "f(z₁) + … + f(z₆) takes each of the values [2.5]",
        "(V₁ₖ, …, V₆ₖ, V₀ₖ)",
        "V = [[1, 1, 1, 1, 1, 1, 0]]",
        "inverse temperature β = 1",
    ] {
        assert!(said.contains(phrase), "no `{phrase}` in\n{said}");
    }
}

#[test]
fn one_beta_reads_right() {
    let said =
        stated("kind = \"nn.inverse-temperature\"\n[params]\nbetas = [2.5]\nmin_o2 = 0.125\n");
    assert!(said.contains("We want o₂ ≥ 0.125."), "{said}");
    assert!(
        said.contains("For β = 2.5: how large may the gap f(u₁) − f(u₂) be?"),
        "{said}"
    );
}

#[test]
#[ignore = "prints the statements and writes the question figures to /tmp/neural-nets-questions"]
fn show_every_question() {
    let dir = Path::new("/tmp/neural-nets-questions");
    std::fs::create_dir_all(dir).unwrap();
    for (name, _, spec) in specs() {
        let posed = pose(&spec).unwrap();
        println!("===== {name}\n{}\n", text(&posed.statement));
        for p in &posed.statement.prompts {
            println!("[{}] {}", p.name, prompt_text(p, &posed.tolerance));
        }
        println!();
        for figure in &posed.figures {
            std::fs::write(dir.join(format!("{name}.{}.svg", figure.name)), &figure.svg).unwrap();
        }
    }
}
