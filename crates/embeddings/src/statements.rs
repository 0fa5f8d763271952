//! The four statements of the homework, each judged from the measurements by a rule that
//! the report prints beside it.
//!
//! Each network's accuracy is the mean over trials; its 99 % interval is that mean
//! ± z standard errors. The standard error comes from the spread of the per-trial
//! accuracies (predictions within one trial share a network, so they are not
//! independent), and is never taken narrower than the binomial one of all predictions
//! pooled, √(¼/n). "At chance" means ½ lies in the interval; "clearly above chance"
//! means the whole interval lies above ½; "alike" means each mean lies in the other's
//! interval.

/// The z of a two-sided 99 % interval.
pub const Z: f64 = 2.576;

/// The closed interval [lo, hi].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower end.
    pub lo: f64,
    /// Upper end.
    pub hi: f64,
}

impl Interval {
    /// Whether `x` lies in it.
    pub fn contains(self, x: f64) -> bool {
        self.lo <= x && x <= self.hi
    }

    fn show(self) -> String {
        format!("[{:.3}, {:.3}]", self.lo, self.hi)
    }
}

/// One network's accuracy over the trials.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Accuracy {
    /// Mean over trials.
    pub mean: f64,
    /// Its 99 % interval.
    pub interval: Interval,
}

impl Accuracy {
    /// From per-trial accuracies, each over `tests` predictions.
    pub fn of(per_trial: &[f64], tests: usize) -> Accuracy {
        let t = per_trial.len().max(1) as f64;
        let mean = per_trial.iter().sum::<f64>() / t;
        let spread = if per_trial.len() > 1 {
            let ss: f64 = per_trial.iter().map(|a| (a - mean).powi(2)).sum();
            (ss / (t - 1.0)).sqrt() / t.sqrt()
        } else {
            0.0
        };
        let binomial = (0.25 / (t * tests.max(1) as f64)).sqrt();
        let half = Z * spread.max(binomial);
        Accuracy {
            mean,
            interval: Interval {
                lo: (mean - half).max(0.0),
                hi: (mean + half).min(1.0),
            },
        }
    }
}

/// What the statements are judged on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    /// The one-hot network.
    pub one_hot: Accuracy,
    /// The embedding network.
    pub embedding: Accuracy,
    /// Whether no unseen word's one-hot weights moved in any trial.
    pub unseen_unchanged: bool,
}

/// A statement, the rule that decides it, and whether it held.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// `a`, `b`, `c`, `d`.
    pub label: &'static str,
    /// The homework's wording.
    pub statement: &'static str,
    /// The rule, with the measured numbers.
    pub rule: String,
    /// Whether it held.
    pub holds: bool,
}

const CHANCE: f64 = 0.5;

/// The homework's statements, `(label, wording)`: the question lists them, the verdicts
/// judge them, both from here.
pub const STATEMENTS: [(&str, &str); 4] = [
    (
        "a",
        "The one-hot network cannot classify the unseen sequence correctly",
    ),
    ("b", "The embedding network has a fighting chance"),
    ("c", "Both networks perform alike"),
    ("d", "Neither network can classify it"),
];

/// Judges the four statements.
pub fn judge(m: &Measured) -> Vec<Claim> {
    let (one_hot, embedding) = (m.one_hot, m.embedding);
    let at_chance = |a: Accuracy| a.interval.contains(CHANCE);
    vec![
        Claim {
            label: STATEMENTS[0].0,
            statement: STATEMENTS[0].1,
            rule: format!(
                "its unseen words' weights never moved ({}) and chance 0.5 lies in its accuracy's interval {:.3} {}",
                m.unseen_unchanged,
                one_hot.mean,
                one_hot.interval.show()
            ),
            holds: m.unseen_unchanged && at_chance(one_hot),
        },
        Claim {
            label: STATEMENTS[1].0,
            statement: STATEMENTS[1].1,
            rule: format!(
                "its accuracy's interval {:.3} {} lies wholly above chance 0.5",
                embedding.mean,
                embedding.interval.show()
            ),
            holds: embedding.interval.lo > CHANCE,
        },
        Claim {
            label: STATEMENTS[2].0,
            statement: STATEMENTS[2].1,
            rule: format!(
                "one-hot {:.3} lies in the embedding network's interval {} and embedding {:.3} in the one-hot network's {}",
                one_hot.mean,
                embedding.interval.show(),
                embedding.mean,
                one_hot.interval.show()
            ),
            holds: embedding.interval.contains(one_hot.mean)
                && one_hot.interval.contains(embedding.mean),
        },
        Claim {
            label: STATEMENTS[3].0,
            statement: STATEMENTS[3].1,
            rule: format!(
                "chance 0.5 lies in both intervals, one-hot {} and embedding {}",
                one_hot.interval.show(),
                embedding.interval.show()
            ),
            holds: at_chance(one_hot) && at_chance(embedding),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(one_hot: &[f64], embedding: &[f64]) -> Measured {
        Measured {
            one_hot: Accuracy::of(one_hot, 6),
            embedding: Accuracy::of(embedding, 6),
            unseen_unchanged: true,
        }
    }

    fn held(m: &Measured) -> Vec<&'static str> {
        judge(m)
            .into_iter()
            .filter(|v| v.holds)
            .map(|v| v.label)
            .collect()
    }

    const COIN: [f64; 8] = [0.0, 1.0, 0.5, 0.33, 0.67, 0.17, 0.83, 0.5];

    #[test]
    fn the_homework_outcome_is_a_and_b() {
        assert_eq!(held(&measured(&COIN, &[1.0; 8])), ["a", "b"]);
    }

    #[test]
    fn two_coin_flippers_are_alike_and_neither_classifies() {
        let other = [0.5, 0.33, 0.67, 0.5, 0.17, 0.83, 0.5, 0.5];
        assert_eq!(held(&measured(&COIN, &other)), ["a", "c", "d"]);
    }

    #[test]
    fn moved_unseen_weights_void_a() {
        let mut m = measured(&COIN, &[1.0; 8]);
        m.unseen_unchanged = false;
        assert_eq!(held(&m), ["b"]);
    }

    #[test]
    fn the_interval_is_never_narrower_than_the_binomial_one() {
        let perfect = Accuracy::of(&[1.0; 20], 6);
        let binomial = Z * (0.25f64 / 120.0).sqrt();
        assert!((perfect.interval.lo - (1.0 - binomial)).abs() < 1e-12);
        assert_eq!(perfect.interval.hi, 1.0);
        let spread = Accuracy::of(&COIN, 6);
        assert!(spread.interval.hi - spread.mean > Z * (0.25f64 / 48.0).sqrt());
    }
}
