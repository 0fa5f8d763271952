//! The specs under problems/, the homework's variants, and made specs of every shape the
//! kinds take, each through [`super::check`]; and what their statements must say.

use nnhw_core::registry::stated;
use nnhw_core::statement::{Form, prompt_text, text};

use nnhw_plot::svg_text;

use super::{build, check, check_shown, planted, question_figures, root, specs};
use crate::candidates::Candidate;

#[test]
fn every_spec_is_stated_whole_and_without_its_key() {
    let all = specs();
    assert_eq!(
        all.len(),
        9,
        "{:?}",
        all.iter().map(|s| &s.0).collect::<Vec<_>>()
    );
    for (file, kind, spec) in all {
        check(&file, &kind, &spec);
    }
}

#[test]
fn the_homework_question_reads_as_the_homework_asks_it() {
    for (name, x) in [
        ("lstm1", "x = [0, 0, 1, 1, 1, 0]"),
        ("lstm2", "x = [1, 1, 0, 1, 1]"),
    ] {
        let spec = std::fs::read_to_string(format!("{}/{name}.toml", root())).unwrap();
        let s = check(name, "lstm.states", &spec);
        let t = text(&s);
        for phrase in [
            "A scalar LSTM",
            "f_t = σ(W^{f,h} h_{t−1} + W^{f,x} x_t + b_f)",
            "i_t = σ(W^{i,h} h_{t−1} + W^{i,x} x_t + b_i)",
            "o_t = σ(W^{o,h} h_{t−1} + W^{o,x} x_t + b_o)",
            "c_t = f_t c_{t−1} + i_t tanh(W^{c,h} h_{t−1} + W^{c,x} x_t + b_c)",
            "h_t = o_t tanh(c_t)",
            "W^{f,h} = 0,   W^{f,x} = 0,   b_f = -100",
            "W^{i,h} = 0,   W^{i,x} = 100,   b_i = 100",
            "W^{o,h} = 0,   W^{o,x} = 100,   b_o = 0",
            "W^{c,h} = -100,   W^{c,x} = 50,   b_c = 0",
            "for an argument a ≥ 1, σ(a) = 1 and tanh(a) = 1; for a ≤ −1, σ(a) = 0 and tanh(a) = −1",
            "rounded to the nearest integer",
            "±0.5 to 0",
            "the next step is fed the rounded h_t",
            x,
            "from h_{−1} = 0 and c_{−1} = 0",
            "What is h_t at each step?",
        ] {
            assert!(t.contains(phrase), "{name}: no `{phrase}` in\n{t}");
        }
        assert_eq!(s.prompts[0].form, Form::Wholes(x.matches(',').count() + 1));
    }
    let spec = std::fs::read_to_string(format!("{}/lstm_info.toml", root())).unwrap();
    let s = check("lstm_info", "lstm.info", &spec);
    let t = text(&s);
    assert!(t.contains("What information does h_t carry about the input sequence x_0 … x_t?"));
    assert!(t.contains("length 1 to 12 (max_length)"), "{t}");
    for c in Candidate::ALL {
        assert!(
            t.contains(&format!(
                "{} {}",
                nnhw_core::statement::item_label(c.name()),
                c.describe()
            )),
            "{t}"
        );
    }
    assert_eq!(s.prompts[0].form, Form::Choice(Candidate::options()));
    assert!(
        s.prompts[2]
            .ask
            .starts_with("If the states the LSTM can reach")
    );
}

#[test]
fn a_vector_lstm_shows_matrices_and_a_sequence_of_vectors() {
    let spec = std::fs::read_to_string(format!("{}/beyond/lstm_vector.toml", root())).unwrap();
    let s = check("lstm_vector", "lstm.states", &spec);
    let t = text(&s);
    for phrase in [
        "each a vector of 3 numbers",
        "a 3×3 matrix W^{g,h} on h_{t−1}",
        "a 3×2 matrix W^{g,x} on x_t",
        "entry by entry",
        "⎡ 0.1  0.2  -0.1⎤",
        "x_0 = [1, 0], x_1 = [0, 1], x_2 = [1, 1], x_3 = [0.5, -0.5]",
        "h_{−1} = [0, 0.1, -0.1]",
        "rounding: none",
        "approximation: exact",
    ] {
        assert!(t.contains(phrase), "no `{phrase}` in\n{t}");
    }
    assert_eq!(s.prompts[0].form, Form::Matrix(4, 3));
    let figure = &question_figures("lstm_vector", "lstm.states", &spec)[0];
    let words = svg_text(&figure.svg);
    assert!(
        words.contains("W^{f,h}: 3×3") && words.contains("W^{c,x}: 3×2"),
        "{words}"
    );
}

#[test]
fn the_scalar_figure_shows_every_parameter_by_its_gate() {
    let spec = std::fs::read_to_string(format!("{}/lstm1.toml", root())).unwrap();
    let figure = &question_figures("lstm1", "lstm.states", &spec)[0];
    let words = svg_text(&figure.svg);
    for line in [
        "W^{f,h} = 0",
        "b_f = −100",
        "W^{i,x} = 100",
        "b_i = 100",
        "W^{c,h} = −100",
        "W^{c,x} = 50",
        "W^{o,x} = 100",
        "cₜ₋₁",
        "hₜ₋₁",
        "xₜ",
        "tanh",
    ] {
        assert!(words.contains(line), "no `{line}` in\n{words}");
    }
}

/// Every input the homework's [variants] tables can draw (6 to 8 bits for 2.1, 5 to 8
/// for 2.2), each stated with the same checks.
#[test]
fn every_drawn_input_is_stated_without_its_key() {
    for (name, lengths) in [("lstm1", 6..=8), ("lstm2", 5..=8)] {
        let spec = std::fs::read_to_string(format!("{}/{name}.toml", root())).unwrap();
        let line = spec.lines().find(|l| l.starts_with("x = ")).unwrap();
        for n in lengths {
            for bits in 0..1u32 << n {
                let x: Vec<String> = (0..n)
                    .rev()
                    .map(|k| ((bits >> k) & 1).to_string())
                    .collect();
                let drawn = spec.replace(line, &format!("x = [{}]", x.join(", ")));
                let drawn = drawn.split("[expected]").next().unwrap();
                check(name, "lstm.states", drawn);
            }
        }
    }
}

/// The search finds what it is for: each way of giving the key away, planted in a
/// statement or a figure that holds none.
#[test]
fn a_planted_key_is_caught() {
    let spec = |name: &str| std::fs::read_to_string(format!("{}/{name}.toml", root())).unwrap();
    let (lstm1, vector, info) = (spec("lstm1"), spec("beyond/lstm_vector"), spec("lstm_info"));
    assert_eq!(
        planted("lstm.states", &lstm1, "", true),
        Vec::<String>::new()
    );
    // lstm1's h, as a list and as a bare sequence; the vector LSTM's first forget gate
    // (0.6524894622) to 4 decimals, as the figure writes numbers.
    for (kind, spec, said) in [
        ("lstm.states", &lstm1, "Hint: h = [0, 0, 1, -1, 1, 0]."),
        (
            "lstm.states",
            &lstm1,
            "The outputs run 0, 0, 1, −1, 1, 0 here.",
        ),
        (
            "lstm.states",
            &vector,
            "At t = 0 the forget gate of unit 0 is 0.6525.",
        ),
    ] {
        let found = planted(kind, spec, said, true);
        assert!(!found.is_empty(), "`{said}` not caught");
    }
    // lstm.info's choices: an option of the meaning in a figure, by its text or its name;
    // in the statement, a length it holds for other than every length.
    assert_eq!(planted("lstm.info", &info, "", false), Vec::<String>::new());
    assert_eq!(planted("lstm.info", &info, "", true), Vec::<String>::new());
    let (_, _, report) = stated(build("lstm.info"), &info).unwrap();
    let choice = |name: &str| match report.answers.iter().find(|a| a.name == name) {
        Some(nnhw_core::Answer {
            value: nnhw_core::Value::Choice(c),
            ..
        }) => c.clone(),
        other => panic!("{name} is not a choice: {other:?}"),
    };
    let meaning = choice("meaning");
    let right = &meaning.options[meaning.chosen];
    assert!(!planted("lstm.info", &info, &right.text, false).is_empty());
    assert!(!planted("lstm.info", &info, &right.name, false).is_empty());
    let holds_for = choice("holds_for");
    let other = holds_for.options.iter().find(|o| o.name != "every length");
    let said = format!("It holds for {}.", other.unwrap().name);
    assert!(
        !planted("lstm.info", &info, &said, true).is_empty(),
        "{said}"
    );
}

const WEIGHTS: &str = "[params.weights]\nf_h = {fh}\nf_x = {fx}\ni_h = {ih}\ni_x = {ix}\no_h = {oh}\no_x = {ox}\nc_h = {ch}\nc_x = {cx}\n";

/// A spec of `kind` with `params` and the weights `w` (f_h, f_x, i_h, i_x, o_h, o_x,
/// c_h, c_x, as TOML).
fn made(kind: &str, params: &str, w: [&str; 8]) -> String {
    let mut weights = WEIGHTS.to_string();
    for (key, value) in [
        "{fh}", "{fx}", "{ih}", "{ix}", "{oh}", "{ox}", "{ch}", "{cx}",
    ]
    .iter()
    .zip(w)
    {
        weights = weights.replace(key, value);
    }
    format!("kind = \"{kind}\"\ntitle = \"Made\"\n[params]\n{params}\n{weights}")
}

/// Shapes and settings no spec under problems/ has: long numbers, a 1-unit state on
/// vector inputs, a wide state on scalar inputs, the linear approximation, h fed back
/// unrounded, and a sequence long enough to be cut.
fn made_cases() -> Vec<(&'static str, &'static str, String, bool)> {
    let long = [
        "0.123456789",
        "-12345.6789",
        "1e-7",
        "100",
        "0.5",
        "-2.75",
        "3",
        "-0.0123456",
    ];
    let row = [
        "0.5",
        "[0.5, -0.25]",
        "-0.5",
        "[1.5, 0.75]",
        "0.25",
        "[-1, 1]",
        "2",
        "[0.3, -0.3]",
    ];
    let column = [
        "[[0.5, -0.5], [0.25, 1]]",
        "[0.7, -0.2]",
        "[[0, 1], [1, 0]]",
        "[1.25, 0.5]",
        "[[0.1, 0.2], [0.3, 0.4]]",
        "[2.5, -2.5]",
        "[[1, -1], [-1, 1]]",
        "[0.9, 1.1]",
    ];
    let vectors: Vec<String> = (0..20)
        .map(|t| format!("[{}, {}]", t % 3, (t % 5) as f64 / 4.0))
        .collect();
    let wide = [
        "[[0.5, -0.5], [0.25, 1]]",
        "[[0.7, -0.2], [0.1, 0.3]]",
        "[[0, 1], [1, 0]]",
        "[[1.25, 0.5], [-0.5, 0.25]]",
        "[[0.1, 0.2], [0.3, 0.4]]",
        "[[2.5, -2.5], [1, 1]]",
        "[[1, -1], [-1, 1]]",
        "[[0.9, 1.1], [-0.7, 0.6]]",
    ];
    let homework = ["0", "0", "0", "100", "0", "100", "-100", "50"];
    vec![
        (
            "long numbers",
            "lstm.states",
            made(
                "lstm.states",
                "x = [1, 0, 1]\napproximation = \"exact\"\nrounding = \"none\"",
                long,
            ),
            true,
        ),
        (
            "1 unit, 2 inputs",
            "lstm.states",
            made(
                "lstm.states",
                "x = [[1, 0], [0, 1], [1, 1]]\napproximation = \"linear\"\nfeed_rounded = false",
                row,
            ),
            true,
        ),
        (
            "2 units, 1 input",
            "lstm.states",
            made(
                "lstm.states",
                "x = [1, 0, 1, 1]\nh0 = [0.5, -1]\nrounding = \"none\"",
                column,
            ),
            true,
        ),
        (
            "a long sequence",
            "lstm.states",
            made(
                "lstm.states",
                &format!(
                    "x = [{}]\napproximation = \"exact\"\nrounding = \"none\"",
                    vectors.join(", ")
                ),
                wide,
            ),
            false,
        ),
        (
            "linear info",
            "lstm.info",
            made(
                "lstm.info",
                "max_length = 5\napproximation = \"linear\"\n[params.bias]\nf = -100\ni = 100",
                homework,
            ),
            true,
        ),
        (
            "unrounded info",
            "lstm.info",
            made(
                "lstm.info",
                "max_length = 3\nrounding = \"none\"\n[params.bias]\nf = -100\ni = 100",
                homework,
            ),
            true,
        ),
    ]
}

#[test]
fn every_shape_the_kinds_take_is_stated_without_its_key() {
    for (name, kind, spec, whole) in made_cases() {
        check_shown(name, kind, &spec, whole);
    }
    let cases = made_cases();
    let text_of = |k: usize| text(&stated(build(cases[k].1), &cases[k].2).unwrap().0);
    let long = text_of(0);
    assert!(
        long.contains("W^{f,h} = 0.123456789") && long.contains("1e-7"),
        "{long}"
    );
    let figure = &question_figures("long", "lstm.states", &cases[0].2)[0];
    assert!(svg_text(&figure.svg).contains("W^{f,h} ≈ 0.1235"));
    let row = text_of(1);
    assert!(
        row.contains("one vector x_t of 2 numbers") && row.contains("both numbers"),
        "{row}"
    );
    assert!(
        row.contains("W^{f,x} = [[0.5, -0.25]]") && row.contains("σ(a) = ½(a + 1)"),
        "{row}"
    );
    assert!(row.contains("fed h_t before rounding"), "{row}");
    let column = text_of(2);
    assert!(
        column.contains("one number x_t") && column.contains("a 2×1 matrix W^{g,x}"),
        "{column}"
    );
    let cut = text_of(3);
    assert!(
        cut.contains("x_9 = [0, 1], …, x_15 = [0, 0]") && cut.contains("x_19"),
        "{cut}"
    );
    assert!(!cut.contains("x_10 "), "{cut}");
}

#[test]
#[ignore = "writes SVGs to /tmp to be looked at"]
fn write_question_figures_to_look_at() {
    let dir = std::path::Path::new("/tmp/nnhw-lstm-question");
    std::fs::create_dir_all(dir).unwrap();
    let homework = specs().into_iter().map(|(file, kind, spec)| {
        let stem = std::path::Path::new(&file).file_stem().unwrap();
        (stem.to_string_lossy().into_owned(), kind, spec)
    });
    let made = made_cases()
        .into_iter()
        .map(|(name, kind, spec, _)| (name.replace([' ', ','], "-"), kind.to_string(), spec));
    for (stem, kind, spec) in homework.chain(made) {
        for f in question_figures(&stem, &kind, &spec) {
            std::fs::write(dir.join(format!("{stem}.{}.svg", f.name)), &f.svg).unwrap();
        }
        let (s, _, _) = stated(build(&kind), &spec).unwrap();
        let doc = nnhw_core::spec::Document::parse(&stem, &spec).unwrap();
        let tolerance = doc.header().unwrap().tolerance;
        let mut shown = text(&s);
        for p in &s.prompts {
            shown.push_str(&format!("\n\n{}: {}", p.name, prompt_text(p, &tolerance)));
        }
        std::fs::write(dir.join(format!("{stem}.txt")), shown).unwrap();
    }
}
