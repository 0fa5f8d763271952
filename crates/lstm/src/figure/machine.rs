//! `lstm.info`'s state diagram: the minimal machine the LSTM is, each state with the hₜ
//! it outputs, each arrow with the input that takes it.

use nnhw_core::Figure;
use nnhw_core::format::number;
use nnhw_plot::diagram::{self, MachineState, Transition};
use nnhw_plot::{color, figure_labelled};

/// The diagram of a minimal machine: `output[b]` and `next[b][x]` per state, `start` the
/// state before any input. `None` past [`diagram::MAX_STATES`] states (the working has
/// the table).
pub fn machine(title: &str, output: &[f64], next: &[[usize; 2]], start: usize) -> Option<Figure> {
    if output.len() > diagram::MAX_STATES {
        return None;
    }
    let states: Vec<MachineState> = output
        .iter()
        .enumerate()
        .map(|(b, &h)| MachineState {
            name: format!("s{b}"),
            output: format!("h = {}", number(h).replace('-', "−")),
            color: match h {
                h if h > 0.0 => color(0),
                h if h < 0.0 => color(1),
                _ => color(7),
            },
        })
        .collect();
    let mut transitions = Vec::new();
    for (b, &[zero, one]) in next.iter().enumerate() {
        if zero == one {
            transitions.push(Transition {
                from: b,
                to: zero,
                label: "0, 1".into(),
            });
        } else {
            for (x, to) in [(0, zero), (1, one)] {
                transitions.push(Transition {
                    from: b,
                    to,
                    label: x.to_string(),
                });
            }
        }
    }
    let subtitle = format!(
        "the minimal machine, {} states: hₜ in each state, input xₜ on each arrow",
        output.len()
    );
    let svg = figure_labelled(title, &subtitle, &[], |area, labels| {
        diagram::draw_machine(area, &states, &transitions, start, labels)
    })?;
    Some(Figure {
        name: "machine".into(),
        caption:
            "the LSTM as its minimal machine: states with their output h, arrows with the input"
                .into(),
        svg,
    })
}
