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
use nnhw_core::{Choice, FieldError, Figure, Params, Problem, Report, Statement, Value};

use crate::candidates::{Candidate, Prefix};
use crate::figure::info::{Checked, info};
use crate::machine::{self, Explored, Machine, Minimal};
use crate::model::StepValues;
use crate::spec::{LstmSpec, Setup};
use crate::trace::run;

/// The longest sequences checked when the spec does not say.
pub const DEFAULT_MAX_LENGTH: u32 = 12;
/// The longest allowed: 2^25 steps, a second or two.
pub const MAX_LENGTH_LIMIT: u32 = 24;
/// Subtrees below this depth are walked on one thread.
const PARALLEL_DEPTH: u32 = 8;

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

    /// x_0, x_1, … as bits.
    fn bits_vec(self) -> Vec<u8> {
        (0..self.length)
            .rev()
            .map(|k| ((self.bits >> k) & 1) as u8)
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
    /// The machine, explored once.
    proof: OnceLock<Proof>,
}

/// What the LSTM as a machine says about every length.
enum Proof {
    /// The states close: the machine, its minimal form, and each candidate's shortest
    /// counterexample (`None`: it holds for every length).
    Proved {
        machine: Machine,
        minimal: Minimal,
        counterexamples: Vec<Option<Vec<u8>>>,
    },
    /// They do not, and why.
    Open(String),
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
        proof: OnceLock::new(),
    }))
}

impl Info {
    /// Visits `sequence` (already stepped into `buffers[0]`) and everything below it.
    fn walk(&self, sequence: Sequence, prefix: Prefix, buffers: &mut [StepValues]) -> Findings {
        let Some((here, below)) = buffers.split_first_mut() else {
            return [None; Candidate::ALL.len()];
        };
        let h = self.setup.rounding.apply(here.h[0]);
        let c = here.c[0];
        let mut found: Findings =
            std::array::from_fn(|k| (!Candidate::ALL[k].agrees(h, &prefix, c)).then_some(sequence));
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
        buffers: &mut [StepValues],
    ) -> Findings {
        if let Some(first) = buffers.first_mut() {
            self.setup.lstm.step(&[f64::from(x)], h_prev, c_prev, first);
        }
        self.walk(sequence.then(x), prefix.then(x), buffers)
    }

    fn proof(&self) -> &Proof {
        self.proof.get_or_init(
            || match machine::explore(&self.setup, machine::MAX_STATES) {
                Explored::Open(why) => Proof::Open(why),
                Explored::Closed(machine) => {
                    let minimal = machine::minimise(&machine);
                    let counterexamples = Candidate::ALL
                        .iter()
                        .map(|&c| machine::counterexample(&machine, c))
                        .collect();
                    Proof::Proved {
                        machine,
                        minimal,
                        counterexamples,
                    }
                }
            },
        )
    }

    /// The working about the machine: its states, and each candidate proved or refuted.
    fn describe_machine(&self, r: &mut Report) {
        match self.proof() {
            Proof::Open(why) => {
                r.heading("No proof for every length");
                r.text(format!(
                    "{why}; so the answer rests on the exhaustive check below"
                ));
            }
            Proof::Proved {
                machine,
                minimal,
                counterexamples,
            } => {
                r.heading(format!(
                    "The LSTM as a machine: {} reachable states (h fed back, c) close under inputs 0 and 1; minimal: {} states",
                    machine.states.len(),
                    minimal.output.len()
                ));
                let name = |b: usize| {
                    if b == minimal.start {
                        format!("s{b} (start)")
                    } else {
                        format!("s{b}")
                    }
                };
                let rows = (0..minimal.output.len())
                    .map(|b| {
                        vec![
                            Value::text(name(b)),
                            Value::Number(minimal.output[b]),
                            Value::text(format!("s{}", minimal.next[b][0])),
                            Value::text(format!("s{}", minimal.next[b][1])),
                        ]
                    })
                    .collect();
                r.steps.push(nnhw_core::Step::Table {
                    columns: ["state", "h", "after x = 0", "after x = 1"]
                        .map(String::from)
                        .to_vec(),
                    rows,
                });
                for (candidate, found) in Candidate::ALL.iter().zip(counterexamples) {
                    let verdict = match found {
                        None => "holds for every length (no reachable state of the machine and the candidate disagrees)".to_string(),
                        Some(x) => self.counterexample(x, *candidate),
                    };
                    r.text(format!("h_t is {}: {verdict}", candidate.describe()));
                }
            }
        }
    }

    /// `holds_for` as a choice between the two scopes an answer can have, so "all
    /// lengths" or "up to 12" read as what they mean.
    fn scope(&self, chosen: &str) -> Choice {
        let n = self.max_length;
        let bounded = format!("lengths 1 to {n}");
        let options = vec![
            nnhw_core::Choosable::new(
                "every length",
                "every length",
                &[
                    "all lengths",
                    "any length",
                    "every input length",
                    "for every length",
                    "all n",
                    "proved",
                ],
            ),
            nnhw_core::Choosable::new(
                &bounded,
                &bounded,
                &[
                    &format!("up to {n}"),
                    &format!("1 to {n}"),
                    &format!("lengths up to {n}"),
                    &format!("up to length {n}"),
                    "only the checked lengths",
                ],
            ),
        ];
        let chosen = if chosen == bounded {
            bounded.as_str()
        } else {
            "every length"
        };
        Choice::named(options.clone(), chosen).unwrap_or(Choice { options, chosen: 0 })
    }

    fn findings(&self) -> &Findings {
        self.findings.get_or_init(|| self.check_all())
    }

    fn check_all(&self) -> Findings {
        let mut zero_buffers = vec![StepValues::new(1); self.max_length as usize];
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

    fn counterexample(&self, x: &[u8], candidate: Candidate) -> String {
        let inputs: Vec<Vec<f64>> = x.iter().map(|&b| vec![f64::from(b)]).collect();
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
    /// From the setup and max_length alone: no proof, no check.
    fn statement(&self) -> Statement {
        crate::question::info(&self.setup, self.max_length)
    }

    fn question_figures(&self, title: &str) -> Vec<Figure> {
        crate::figure::cell::cell(title, &self.setup)
            .into_iter()
            .collect()
    }

    fn solve(&self) -> Report {
        let findings = self.findings();
        let sequences = (1u64 << (self.max_length + 1)) - 2;
        let mut r = Report::default();
        self.describe_machine(&mut r);
        r.heading(format!(
            "Every binary x of length 1 to {}: {sequences} sequences, each prefix stepped once",
            self.max_length
        ));
        for (candidate, found) in Candidate::ALL.iter().zip(findings) {
            let verdict = match found {
                None => "holds on every sequence".to_string(),
                Some(sequence) => self.counterexample(&sequence.bits_vec(), *candidate),
            };
            r.text(format!("h_t is {}: {verdict}", candidate.describe()));
        }
        // The proof, when there is one, decides; the bounded check only when there is not.
        let (held, holds_for): (Vec<Candidate>, String) = match self.proof() {
            Proof::Proved {
                counterexamples, ..
            } => (
                Candidate::ALL
                    .iter()
                    .zip(counterexamples)
                    .filter(|(_, f)| f.is_none())
                    .map(|(c, _)| *c)
                    .collect(),
                "every length".into(),
            ),
            Proof::Open(_) => (
                Candidate::ALL
                    .iter()
                    .zip(findings)
                    .filter(|(_, f)| f.is_none())
                    .map(|(c, _)| *c)
                    .collect(),
                format!("lengths 1 to {}", self.max_length),
            ),
        };
        let chosen = held.first().map_or("none", |c| c.name());
        if let Some(meaning) = Choice::named(Candidate::options(), chosen) {
            r.answer("meaning", Value::Choice(meaning), None);
        }
        r.answer("holds_for", Value::Choice(self.scope(&holds_for)), None);
        if let Proof::Proved { minimal, .. } = self.proof() {
            r.answer("states", Value::count(minimal.output.len()), None);
        }
        r.answer("sequences_checked", Value::Count(sequences), None);
        if let Proof::Proved {
            counterexamples, ..
        } = self.proof()
        {
            for ((candidate, proved), checked) in
                Candidate::ALL.iter().zip(counterexamples).zip(findings)
            {
                if let (Some(x), None) = (proved, checked) {
                    r.note(format!(
                        "{} holds on every input up to length {} but fails on one of length {}: the proof, not the bounded check, decides",
                        candidate.name(),
                        self.max_length,
                        x.len()
                    ));
                }
            }
        }
        if held.len() > 1 {
            r.note(format!(
                "{} candidates held; the first listed is the answer",
                held.len()
            ));
        }
        if held.is_empty() {
            r.note(match self.proof() {
                Proof::Proved { .. } => {
                    "no candidate holds: h_t is what the machine above computes, state by state"
                }
                Proof::Open(_) => {
                    "no candidate held; each one's first counterexample is in the working"
                }
            });
        }
        r
    }

    fn figures(&self, title: &str) -> Vec<Figure> {
        let (checked, found): (Option<u32>, Vec<Option<Vec<u8>>>) = match self.proof() {
            Proof::Proved {
                counterexamples, ..
            } => (None, counterexamples.clone()),
            Proof::Open(_) => (
                Some(self.max_length),
                self.findings()
                    .iter()
                    .map(|f| f.map(Sequence::bits_vec))
                    .collect(),
            ),
        };
        let verdicts: Vec<Checked> = Candidate::ALL
            .iter()
            .zip(found)
            .map(|(&candidate, counterexample)| Checked {
                candidate,
                counterexample,
            })
            .collect();
        let diagram = match self.proof() {
            Proof::Proved { minimal, .. } => crate::figure::machine::machine(
                title,
                &minimal.output,
                &minimal.next,
                minimal.start,
            ),
            Proof::Open(_) => None,
        };
        diagram
            .into_iter()
            .chain(info(title, &self.setup, checked, &verdicts))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every lstm.info spec under problems/, built.
    fn specs() -> Vec<(String, Info)> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../problems");
        let mut found = Vec::new();
        for dir in [root.to_string(), format!("{root}/beyond")] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let Ok(doc) = nnhw_core::spec::Document::parse("spec.toml", &text) else {
                    continue;
                };
                if doc.header().map(|h| h.kind).ok().as_deref() != Some("lstm.info") {
                    continue;
                }
                let spec: LstmSpec = doc.params().parse().unwrap();
                let info = Info {
                    setup: spec.setup(1).unwrap(),
                    max_length: spec
                        .max_length(DEFAULT_MAX_LENGTH, MAX_LENGTH_LIMIT)
                        .unwrap(),
                    findings: OnceLock::new(),
                    proof: OnceLock::new(),
                };
                found.push((path.display().to_string(), info));
            }
        }
        found
    }

    #[test]
    fn the_proof_and_the_exhaustive_check_agree_on_every_spec() {
        let all = specs();
        assert!(!all.is_empty());
        for (path, info) in all {
            let Proof::Proved {
                counterexamples, ..
            } = info.proof()
            else {
                continue;
            };
            for ((candidate, proved), checked) in Candidate::ALL
                .iter()
                .zip(counterexamples)
                .zip(info.findings())
            {
                let within = proved
                    .as_ref()
                    .filter(|x| x.len() <= info.max_length as usize);
                assert_eq!(
                    within.cloned(),
                    checked.map(Sequence::bits_vec),
                    "{path}: {}",
                    candidate.name()
                );
            }
        }
    }
}
