//! `lstm.info`: what does h_t carry? Each candidate meaning is checked against the LSTM on
//! every binary input sequence of length 1..=max_length.
//!
//! All shorter sequences are prefixes of longer ones, so the sequences form a binary tree
//! and each prefix's state is computed once, from its parent's: 2^(L+1) − 2 steps in all.
//! The top of the tree is split across threads with rayon; each subtree reports the first
//! (shortest, then lexicographically smallest) counterexample to each candidate, so the
//! answer does not depend on scheduling.

use std::sync::OnceLock;

use nnhw_core::format::number;
use nnhw_core::{Choice, FieldError, Figure, Params, Problem, Report, Value};

use crate::candidates::{Candidate, Prefix};
use crate::figure::info::{Verdict, info};
use crate::model::Step;
use crate::spec::{LstmSpec, Setup};
use crate::trace::run;

/// The longest sequences checked when the spec does not say.
pub const DEFAULT_MAX_LENGTH: u32 = 12;
/// The longest allowed: 2^25 steps, a second or two.
pub const MAX_LENGTH_LIMIT: u32 = 24;
/// Subtrees below this depth are walked on one thread.
const PARALLEL_DEPTH: u32 = 8;
/// h_t and a prediction agree when this close (they are integers when h is rounded).
const AGREE: f64 = 1e-9;

/// A binary sequence: `length` bits, x_0 the most significant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Sequence {
    length: u32,
    bits: u32,
}

impl Sequence {
    fn then(self, x: u8) -> Sequence {
        Sequence {
            length: self.length + 1,
            bits: (self.bits << 1) | u32::from(x),
        }
    }

    fn inputs(self) -> Vec<Vec<f64>> {
        (0..self.length)
            .rev()
            .map(|k| vec![f64::from((self.bits >> k) & 1)])
            .collect()
    }
}

/// First counterexample per candidate, in [`Candidate::ALL`] order.
type Findings = [Option<Sequence>; Candidate::ALL.len()];

fn earliest(a: Findings, b: Findings) -> Findings {
    std::array::from_fn(|k| match (a[k], b[k]) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    })
}

/// A scalar LSTM and how long the sequences get.
pub struct Info {
    setup: Setup,
    max_length: u32,
    /// The report and the figure both need the verdicts; the tree is walked once.
    findings: OnceLock<Findings>,
}

/// Deserializes and validates the params.
pub fn build(params: &Params<'_>) -> Result<Box<dyn Problem>, FieldError> {
    let spec: LstmSpec = params.parse()?;
    let max_length = spec.max_length(DEFAULT_MAX_LENGTH, MAX_LENGTH_LIMIT)?;
    if spec.hidden() != 1 {
        return Err(FieldError::new(
            "weights.f_h",
            format!(
                "{} rows, but lstm.info reads the meaning of a scalar h_t: the state must be 1 unit wide",
                spec.hidden()
            ),
        ));
    }
    let setup = spec.setup(1)?;
    Ok(Box::new(Info {
        setup,
        max_length,
        findings: OnceLock::new(),
    }))
}

impl Info {
    /// Visits `sequence` (already stepped into `buffers[0]`) and everything below it.
    fn walk(&self, sequence: Sequence, prefix: Prefix, buffers: &mut [Step]) -> Findings {
        let Some((here, below)) = buffers.split_first_mut() else {
            return [None; Candidate::ALL.len()];
        };
        let h = self.setup.rounding.apply(here.h[0]);
        let c = here.c[0];
        let mut found: Findings = std::array::from_fn(|k| {
            let predicted = Candidate::ALL[k].predict(&prefix, c);
            // Written so that a nan h agrees with no candidate.
            let agrees = (h - predicted).abs() <= AGREE;
            (!agrees).then_some(sequence)
        });
        if sequence.length == self.max_length {
            return found;
        }
        let h_next = [if self.setup.feed_rounded {
            h
        } else {
            here.h[0]
        }];
        let c_next = [c];
        if sequence.length < PARALLEL_DEPTH {
            let (zero, one) = rayon::join(
                || self.child(sequence, prefix, 0, &h_next, &c_next, &mut below.to_vec()),
                || self.child(sequence, prefix, 1, &h_next, &c_next, &mut below.to_vec()),
            );
            found = earliest(found, earliest(zero, one));
        } else {
            for x in [0, 1] {
                let child = self.child(sequence, prefix, x, &h_next, &c_next, below);
                found = earliest(found, child);
            }
        }
        found
    }

    fn child(
        &self,
        sequence: Sequence,
        prefix: Prefix,
        x: u8,
        h_prev: &[f64],
        c_prev: &[f64],
        buffers: &mut [Step],
    ) -> Findings {
        if let Some(first) = buffers.first_mut() {
            self.setup.lstm.step(&[f64::from(x)], h_prev, c_prev, first);
        }
        self.walk(sequence.then(x), prefix.then(x), buffers)
    }

    fn findings(&self) -> &Findings {
        self.findings.get_or_init(|| self.check_all())
    }

    fn check_all(&self) -> Findings {
        let mut zero_buffers = vec![Step::new(1); self.max_length as usize];
        let mut one_buffers = zero_buffers.clone();
        let root = Sequence { length: 0, bits: 0 };
        let start = Prefix::default();
        let (h0, c0) = (&self.setup.h0, &self.setup.c0);
        let (zero, one) = rayon::join(
            || self.child(root, start, 0, h0, c0, &mut zero_buffers),
            || self.child(root, start, 1, h0, c0, &mut one_buffers),
        );
        earliest(zero, one)
    }

    fn counterexample(&self, sequence: Sequence, candidate: Candidate) -> String {
        let inputs = sequence.inputs();
        let trace = run(&self.setup, &inputs);
        let t = inputs.len() - 1;
        let mut prefix = Prefix::default();
        for x in &inputs {
            prefix = prefix.then(u8::from(x[0] == 1.0));
        }
        let c = trace.steps.last().map_or(0.0, |s| s.c[0]);
        let xs: Vec<f64> = inputs.iter().map(|x| x[0]).collect();
        let hs: Vec<f64> = trace.h.iter().map(|h| h[0]).collect();
        format!(
            "fails on x = {}: h = {}, but it says h_{t} = {}",
            nnhw_core::format::list(&xs, |v| number(*v)),
            nnhw_core::format::list(&hs, |v| number(*v)),
            number(candidate.predict(&prefix, c))
        )
    }
}

impl Problem for Info {
    fn solve(&self) -> Report {
        let findings = self.findings();
        let sequences = (1u64 << (self.max_length + 1)) - 2;
        let mut r = Report::default();
        r.heading(format!(
            "Every binary x of length 1 to {}: {sequences} sequences, each prefix stepped once",
            self.max_length
        ));
        for (candidate, found) in Candidate::ALL.iter().zip(findings) {
            let verdict = match found {
                None => "holds on every sequence".to_string(),
                Some(sequence) => self.counterexample(*sequence, *candidate),
            };
            r.text(format!("h_t is {}: {verdict}", candidate.describe()));
        }
        let held: Vec<Candidate> = Candidate::ALL
            .iter()
            .zip(findings)
            .filter(|(_, f)| f.is_none())
            .map(|(c, _)| *c)
            .collect();
        let chosen = held.first().map_or("none", |c| c.name());
        if let Some(meaning) = Choice::named(Candidate::options(), chosen) {
            r.answer("meaning", Value::Choice(meaning), None);
        }
        r.answer("sequences_checked", Value::Number(sequences as f64), None);
        if held.len() > 1 {
            r.note(format!(
                "{} candidates held on every sequence; the first listed is the answer",
                held.len()
            ));
        }
        if held.is_empty() {
            r.note("no candidate held; each one's first counterexample is in the working");
        }
        r
    }

    fn figures(&self, title: &str) -> Vec<Figure> {
        let verdicts: Vec<Verdict> = Candidate::ALL
            .iter()
            .zip(self.findings())
            .map(|(&candidate, found)| Verdict {
                candidate,
                counterexample: found
                    .map(|s| s.inputs().iter().map(|x| u8::from(x[0] == 1.0)).collect()),
            })
            .collect();
        info(title, &self.setup, self.max_length, &verdicts)
            .into_iter()
            .collect()
    }
}
