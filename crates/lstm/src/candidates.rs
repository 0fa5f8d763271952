//! Candidate meanings of h_t for a scalar LSTM read on binary inputs. Each says what h_t
//! should be, given the input so far (summarised in [`Prefix`]) and the cell state c_t.

/// What a candidate may look at: a summary of x_0..x_t kept up to date step by step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Prefix {
    /// x_t.
    pub x: u8,
    /// x_{t−1}; 0 at t = 0.
    pub previous: u8,
    /// Length of the run of 1s ending at t (0 when x_t = 0).
    pub run: u32,
    /// Number of 1s in x_0..x_t.
    pub ones: u32,
}

impl Prefix {
    /// The summary after reading one more input.
    pub fn then(self, x: u8) -> Prefix {
        Prefix {
            x,
            previous: self.x,
            run: if x == 1 { self.run + 1 } else { 0 },
            ones: self.ones + u32::from(x),
        }
    }
}

/// A candidate description of h_t.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Candidate {
    /// +1 when the current run of 1s has odd length, −1 when even, 0 when x_t = 0.
    RunParity,
    /// h_t = x_t.
    Echo,
    /// +1 when the 1s so far are odd in number, −1 when even.
    OnesParity,
    /// h_t = x_{t−1}.
    Previous,
    /// h_t = sign(c_t).
    CellSign,
}

impl Candidate {
    /// Every candidate, in the order a held one is preferred.
    pub const ALL: [Candidate; 5] = [
        Candidate::RunParity,
        Candidate::Echo,
        Candidate::OnesParity,
        Candidate::Previous,
        Candidate::CellSign,
    ];

    /// The description a report and an answer key use.
    pub fn describe(self) -> &'static str {
        match self {
            Candidate::RunParity => {
                "whether the current run of consecutive 1s is odd (+1) or even (-1); 0 when x_t = 0"
            }
            Candidate::Echo => "the current input: h_t = x_t",
            Candidate::OnesParity => "whether the number of 1s so far is odd (+1) or even (-1)",
            Candidate::Previous => "the previous input: h_t = x_(t-1), 0 at t = 0",
            Candidate::CellSign => "the sign of the cell state: h_t = sign(c_t)",
        }
    }

    /// The short name an answer may use.
    pub fn name(self) -> &'static str {
        match self {
            Candidate::RunParity => "run-parity",
            Candidate::Echo => "echo",
            Candidate::OnesParity => "ones-parity",
            Candidate::Previous => "previous",
            Candidate::CellSign => "cell-sign",
        }
    }

    /// Other ways students say it.
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            Candidate::RunParity => &[
                "run parity",
                "parity of the current run",
                "parity of the current run of 1s",
                "parity of the current run of ones",
                "parity of the run of 1s",
                "parity of the run of ones",
                "whether the current run of 1s is odd or even",
                "whether the current run of ones is odd or even",
                "whether the current run of consecutive 1s is odd or even",
                "odd run",
                "odd or even run of 1s",
                "current run parity",
            ],
            Candidate::Echo => &[
                "the current input",
                "current input",
                "h_t = x_t",
                "x_t",
                "input",
            ],
            Candidate::OnesParity => &[
                "parity of the number of 1s",
                "parity of the number of ones",
                "parity of ones",
                "parity of 1s",
                "whether the number of 1s so far is odd or even",
                "whether the number of ones so far is odd or even",
                "ones parity",
            ],
            Candidate::Previous => &[
                "previous-input",
                "the previous input",
                "previous input",
                "h_t = x_(t-1)",
                "x_(t-1)",
                "x_t-1",
                "delayed input",
            ],
            Candidate::CellSign => &[
                "sign of the cell state",
                "sign of c",
                "sign(c_t)",
                "h_t = sign(c_t)",
                "cell sign",
            ],
        }
    }

    /// Every candidate, and `none`, as the options of the `meaning` answer.
    pub fn options() -> Vec<nnhw_core::Choosable> {
        let mut options: Vec<nnhw_core::Choosable> = Candidate::ALL
            .iter()
            .map(|c| nnhw_core::Choosable::new(c.name(), c.describe(), c.synonyms()))
            .collect();
        options.push(nnhw_core::Choosable::new(
            "none",
            "none of the candidates",
            &["none of them", "no candidate"],
        ));
        options
    }

    /// Whether the LSTM's `h` agrees with this candidate's prediction: within 1e-9 (they
    /// are integers when h is rounded); a nan h agrees with nothing. The one rule the
    /// exhaustive check, the proof and the figure all use.
    pub fn agrees(self, h: f64, p: &Prefix, c: f64) -> bool {
        (h - self.predict(p, c)).abs() <= 1e-9
    }

    /// What h_t should be under this candidate.
    pub fn predict(self, p: &Prefix, c: f64) -> f64 {
        let parity = |n: u32| if n % 2 == 1 { 1.0 } else { -1.0 };
        match self {
            Candidate::RunParity if p.x == 0 => 0.0,
            Candidate::RunParity => parity(p.run),
            Candidate::Echo => f64::from(p.x),
            Candidate::OnesParity => parity(p.ones),
            Candidate::Previous => f64::from(p.previous),
            Candidate::CellSign if c > 0.0 => 1.0,
            Candidate::CellSign if c < 0.0 => -1.0,
            Candidate::CellSign => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(xs: &[u8]) -> Prefix {
        xs.iter().fold(Prefix::default(), |p, &x| p.then(x))
    }

    #[test]
    fn run_parity_follows_the_homework_examples() {
        // 2.2: x = 1,1,0,1,1 → h = 1,−1,0,1,−1
        let xs = [1, 1, 0, 1, 1];
        let h: Vec<f64> = (1..=xs.len())
            .map(|t| Candidate::RunParity.predict(&summary(&xs[..t]), 0.0))
            .collect();
        assert_eq!(h, [1.0, -1.0, 0.0, 1.0, -1.0]);
    }

    #[test]
    fn summaries_track_previous_and_ones() {
        let p = summary(&[1, 0, 1]);
        assert_eq!((p.x, p.previous, p.run, p.ones), (1, 0, 1, 2));
        assert_eq!(Candidate::OnesParity.predict(&p, 0.0), -1.0);
        assert_eq!(Candidate::Previous.predict(&p, 0.0), 0.0);
        assert_eq!(Candidate::CellSign.predict(&p, -0.2), -1.0);
    }
}
