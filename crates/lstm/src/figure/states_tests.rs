//! The states figure on the repository's specs: what each draws, read from its plan and
//! its SVG.

use super::{Run, plan, states};
use crate::figure::stems::{Series, side_by_side};
use crate::model::Approximation;
use crate::spec::{LstmSpec, Setup};
use crate::trace::{Trace, run};

/// A spec's setup, inputs, run, and the exact model's run when the spec's is not exact.
struct Loaded {
    setup: Setup,
    inputs: Vec<Vec<f64>>,
    trace: Trace,
    exact: Option<Trace>,
}

impl Loaded {
    /// What the figure draws from: the spec's run, with the exact model's if `exact`.
    fn run(&self, exact: bool) -> Run<'_> {
        Run {
            inputs: &self.inputs,
            trace: &self.trace,
            start: (&self.setup.h0, &self.setup.c0),
            exact: if exact { self.exact.as_ref() } else { None },
        }
    }
}

fn load(path: &str) -> Loaded {
    let file = format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(file).unwrap();
    let doc = nnhw_core::spec::Document::parse(path, &text).unwrap();
    let spec: LstmSpec = doc.params().parse().unwrap();
    let inputs = spec.inputs().unwrap();
    let setup = spec.setup(inputs[0].len()).unwrap();
    let trace = run(&setup, &inputs);
    let exact = (setup.lstm.approximation != Approximation::Exact).then(|| {
        let mut exact = setup.clone();
        exact.lstm.approximation = Approximation::Exact;
        run(&exact, &inputs)
    });
    Loaded {
        setup,
        inputs,
        trace,
        exact,
    }
}

#[test]
fn saturation_matters_draws_the_exact_models_h_beside_the_reported_one() {
    let loaded = load("problems/beyond/lstm_saturation_matters.toml");
    let trace = &loaded.trace;
    let run = loaded.run(true);
    let plan = plan(&run);
    // The spec's lesson: saturated, h₁ = 1; exact, h₁ ≈ 0.47, which rounds to 0.
    assert_eq!(trace.h, vec![vec![0.0], vec![1.0]]);
    assert_eq!(plan.exact, vec![(1.0, 0.0)]);
    assert_eq!(plan.exact_raw.len(), 1);
    let (t, raw) = plan.exact_raw[0];
    assert!(t == 1.0 && (raw - 0.47).abs() < 0.01, "{raw}");
    let svg = states("s", &run).unwrap().svg;
    assert!(svg.contains("hₜ of the exact σ and tanh, where it differs"));
    assert!(svg.contains("exact hₜ before rounding"));
    assert!(svg.contains("hₜ, as reported"));
}

#[test]
fn stems_stand_on_their_step_unless_another_shares_it() {
    let loaded = load("problems/beyond/lstm_saturation_matters.toml");
    let run = loaded.run(true);
    let plan = plan(&run);
    let h = Series::new(vec![(0.0, 0.0), (1.0, 1.0)], plan.h_style(0));
    let exact = Series::new(plan.exact.clone(), super::Plan::exact_style());
    let raw = Series {
        points: plan.exact_raw.clone(),
        style: super::Plan::exact_raw_style(),
        with: Some(1),
    };
    let placed = side_by_side(&[h, exact, raw]);
    // t = 0: h alone, on the integer; t = 1: h left, the exact h and its raw value right.
    assert_eq!(placed[0][0].0, 0.0);
    assert!((placed[0][1].0 - 0.88).abs() < 1e-12, "{:?}", placed[0]);
    assert!((placed[1][0].0 - 1.12).abs() < 1e-12, "{:?}", placed[1]);
    assert_eq!(placed[2][0].0, placed[1][0].0);
}

#[test]
fn a_start_state_other_than_zero_is_drawn_at_t_minus_1() {
    let loaded = load("problems/beyond/lstm_exact_unrounded.toml");
    let (inputs, trace) = (&loaded.inputs, &loaded.trace);
    let run = loaded.run(false);
    let drawn = plan(&run);
    assert!(drawn.start);
    // The spec's h0 = 0.1 and c0 = −0.2, then step 0.
    let h = drawn.points(|t| trace.h[t][0], Some(0.1), 1_000);
    assert_eq!(h[0], (-1.0, 0.1));
    assert_eq!(h[1], (0.0, trace.h[0][0]));
    assert_eq!(h.len(), inputs.len() + 1);
    let svg = states("s", &run).unwrap().svg;
    assert!(svg.contains("t = −1: the start state h₋₁, c₋₁"));

    // The homework starts from 0: nothing drawn before t = 0.
    let loaded = load("problems/lstm1.toml");
    let trace = &loaded.trace;
    let zero = loaded.run(false);
    let homework = plan(&zero);
    assert!(!homework.start);
    assert_eq!(
        homework.points(|t| trace.h[t][0], Some(0.0), 1_000)[0].0,
        0.0
    );
}

#[test]
fn the_vector_lstm_numbers_its_units_and_inputs_from_1() {
    let loaded = load("problems/beyond/lstm_vector.toml");
    let run = loaded.run(false);
    let svg = states("s", &run).unwrap().svg;
    for named in [
        "state unit 1",
        "state unit 2",
        "state unit 3",
        "input 1 of xₜ",
        "input 2 of xₜ",
    ] {
        assert!(svg.contains(named), "{named} missing");
    }
    assert!(!svg.contains("state unit 0") && !svg.contains("xₜ[0]"));
}

/// The working's table names units as the figure does.
#[test]
fn the_vector_lstms_working_numbers_its_units_from_1() {
    let path = "problems/beyond/lstm_vector.toml";
    let file = format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(file).unwrap();
    let solved = nnhw_grade::solve_text(path, &text, false).unwrap();
    let units: Vec<f64> = solved
        .report
        .steps
        .iter()
        .find_map(|step| match step {
            nnhw_core::Step::Table { columns, rows } => {
                let unit = columns.iter().position(|c| c == "unit")?;
                Some(
                    rows.iter()
                        .filter_map(|row| row[unit].as_number())
                        .collect(),
                )
            }
            _ => None,
        })
        .unwrap();
    // 4 steps × 3 units, each step's rows naming units 1, 2, 3.
    assert_eq!(units.len(), 12);
    assert!(units.chunks(3).all(|c| c == [1.0, 2.0, 3.0]), "{units:?}");
}
