//! The LSTM as a finite Moore machine: what makes `lstm.info`'s answer hold for every
//! input length rather than the lengths it could check.
//!
//! With saturating σ and tanh and the rounded h fed back, the states (h fed back, c) the
//! LSTM can reach on binary inputs are often finitely many. [`explore`] finds them
//! breadth-first, comparing states exactly (their bits), and gives up past a bound: an
//! exact model's cell state drifts through ever new values. [`minimise`] merges states
//! no input sequence tells apart (Moore's partition refinement), and [`counterexample`]
//! decides a candidate meaning for every length at once, by searching the product of the
//! machine with the candidate's own few states for a disagreement (breadth-first, so the
//! first one found is the shortest, and among those the smallest in binary order, the one
//! the exhaustive check reports).

use std::collections::{HashMap, HashSet, VecDeque};

use crate::candidates::{Candidate, Prefix};
use crate::model::StepValues;
use crate::spec::Setup;

/// Most reachable states explored before the proof is given up.
pub const MAX_STATES: usize = 100_000;

/// A state of the machine: what the next step sees, and the h_t it outputs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct State {
    /// h as the next step sees it (rounded or not, as the spec says).
    pub h_fed: f64,
    /// The cell state c.
    pub c: f64,
    /// h_t as reported (after rounding); for the start state, h₋₁ rounded.
    pub h: f64,
}

/// The reachable part of the LSTM on inputs 0 and 1.
#[derive(Debug, Clone)]
pub struct Machine {
    /// Every reachable state; the start (h₋₁, c₋₁) first.
    pub states: Vec<State>,
    /// `next[s][x]`: the state after input x in state s.
    pub next: Vec<[usize; 2]>,
}

/// What exploring found.
#[derive(Debug, Clone)]
pub enum Explored {
    /// The states close: the LSTM is this finite machine.
    Closed(Machine),
    /// They do not (within [`MAX_STATES`]), and why.
    Open(String),
}

/// Bits that identify a value exactly, with −0 and +0 one value.
fn bits(v: f64) -> u64 {
    (v + 0.0).to_bits()
}

/// The states reachable from (h₋₁, c₋₁), breadth-first, up to `limit` of them.
pub fn explore(setup: &Setup, limit: usize) -> Explored {
    let start = State {
        h_fed: setup.h0[0],
        c: setup.c0[0],
        h: setup.rounding.apply(setup.h0[0]),
    };
    let mut states = vec![start];
    let mut next: Vec<[usize; 2]> = Vec::new();
    let mut index: HashMap<(u64, u64), usize> = HashMap::new();
    index.insert((bits(start.h_fed), bits(start.c)), 0);
    let mut step = StepValues::new(1);
    let mut s = 0;
    while s < states.len() {
        let here = states[s];
        let mut targets = [0; 2];
        for x in [0u8, 1] {
            setup
                .lstm
                .step(&[f64::from(x)], &[here.h_fed], &[here.c], &mut step);
            let (raw, c) = (step.h[0], step.c[0]);
            let h = setup.rounding.apply(raw);
            let h_fed = if setup.feed_rounded { h } else { raw };
            if !(h_fed.is_finite() && c.is_finite()) {
                return Explored::Open("a state left f64's range".into());
            }
            let key = (bits(h_fed), bits(c));
            let target = match index.get(&key) {
                Some(&t) => t,
                None => {
                    if states.len() >= limit {
                        return Explored::Open(format!(
                            "more than {limit} distinct states (h, c) are reachable: the cell state keeps taking new values"
                        ));
                    }
                    states.push(State { h_fed, c, h });
                    index.insert(key, states.len() - 1);
                    states.len() - 1
                }
            };
            targets[usize::from(x)] = target;
        }
        next.push(targets);
        s += 1;
    }
    Explored::Closed(Machine { states, next })
}

/// A machine with indistinguishable states merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimal {
    /// Each block's output h.
    pub output: Vec<f64>,
    /// `next[b][x]`: the block after input x.
    pub next: Vec<[usize; 2]>,
    /// The block the start state is in.
    pub start: usize,
}

/// Moore's partition refinement: split blocks by output, then by the blocks each input
/// leads to, until nothing splits. Blocks are numbered in order of their first state, so
/// the start is block 0.
pub fn minimise(m: &Machine) -> Minimal {
    let number = |keys: Vec<Vec<u64>>| -> (Vec<usize>, usize) {
        let mut ids: HashMap<Vec<u64>, usize> = HashMap::new();
        let blocks = keys
            .into_iter()
            .map(|k| {
                let fresh = ids.len();
                *ids.entry(k).or_insert(fresh)
            })
            .collect();
        (blocks, ids.len())
    };
    let (mut block, mut count) = number(m.states.iter().map(|s| vec![bits(s.h)]).collect());
    loop {
        let keys = (0..m.states.len())
            .map(|s| {
                let [a, b] = m.next[s];
                vec![block[s] as u64, block[a] as u64, block[b] as u64]
            })
            .collect();
        let (refined, refined_count) = number(keys);
        block = refined;
        if refined_count == count {
            break;
        }
        count = refined_count;
    }
    let mut output = vec![0.0; count];
    let mut next = vec![[0; 2]; count];
    for s in 0..m.states.len() {
        output[block[s]] = m.states[s].h;
        next[block[s]] = [block[m.next[s][0]], block[m.next[s][1]]];
    }
    Minimal {
        output,
        next,
        start: block[0],
    }
}

/// What a candidate can tell apart, reduced to finitely many values: the parities are all
/// it reads of the run and of the count of 1s.
fn reduced(p: Prefix) -> Prefix {
    Prefix {
        run: if p.run == 0 { 0 } else { 2 - p.run % 2 },
        ones: p.ones % 2,
        ..p
    }
}

/// The shortest input (smallest in binary order among the shortest) on which `candidate`
/// says another h_t than the machine, or `None` when it never does, at any length.
pub fn counterexample(m: &Machine, candidate: Candidate) -> Option<Vec<u8>> {
    type Node = (usize, Prefix);
    let start: Node = (0, Prefix::default());
    // The start is before any input: its summary looks like "read a 0" but is not one.
    let mut seen: HashSet<(usize, u8, u8, u32, u32)> = HashSet::new();
    let key = |(s, p): Node| (s, p.x, p.previous, p.run, p.ones);
    let mut nodes: Vec<(Node, Option<usize>, u8)> = vec![(start, None, 0)];
    let mut queue = VecDeque::from([0usize]);
    while let Some(i) = queue.pop_front() {
        let ((s, p), _, _) = nodes[i];
        for x in [0u8, 1] {
            let node = (m.next[s][usize::from(x)], reduced(p.then(x)));
            if !seen.insert(key(node)) {
                continue;
            }
            nodes.push((node, Some(i), x));
            let state = m.states[node.0];
            if !candidate.agrees(state.h, &node.1, state.c) {
                let mut inputs = Vec::new();
                let mut at = Some(nodes.len() - 1);
                while let Some(j) = at {
                    let (_, up, x) = nodes[j];
                    if up.is_some() {
                        inputs.push(x);
                    }
                    at = up;
                }
                inputs.reverse();
                return Some(inputs);
            }
            queue.push_back(nodes.len() - 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn homework() -> Setup {
        let text = include_str!("../../../problems/lstm_info.toml");
        let doc = nnhw_core::spec::Document::parse("lstm_info.toml", text).unwrap();
        let spec: crate::spec::LstmSpec = doc.params().parse().unwrap();
        spec.setup(1).unwrap()
    }

    #[test]
    fn the_homework_lstm_is_a_three_state_machine_carrying_run_parity() {
        let Explored::Closed(m) = explore(&homework(), MAX_STATES) else {
            panic!("the homework's states close");
        };
        let minimal = minimise(&m);
        assert_eq!(minimal.output.len(), 3);
        let mut outputs = minimal.output.clone();
        outputs.sort_by(f64::total_cmp);
        assert_eq!(outputs, [-1.0, 0.0, 1.0]);
        assert_eq!(counterexample(&m, Candidate::RunParity), None);
        // Echo says 1 where the second 1 of a run gives −1.
        assert_eq!(counterexample(&m, Candidate::Echo), Some(vec![1, 1]));
    }

    #[test]
    fn minimising_merges_states_no_input_tells_apart() {
        // Two states with output 0 that both go to themselves: one block.
        let state = |h| State { h_fed: h, c: h, h };
        let m = Machine {
            states: vec![state(0.0), state(0.0), state(1.0)],
            next: vec![[1, 2], [0, 2], [2, 2]],
        };
        let minimal = minimise(&m);
        assert_eq!(minimal.output, [0.0, 1.0]);
        assert_eq!(minimal.next, [[0, 1], [1, 1]]);
    }
}
