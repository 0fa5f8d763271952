//! `embeddings.unseen-words`: the report of the experiment and its verdicts.

use std::sync::OnceLock;

use nnhw_core::format::number;
use nnhw_core::{
    Choice, Choosable, FieldError, Figure, Params, Problem, Report, Statement, Step, Value,
};

use crate::experiment::{self, Trial};
use crate::figure;
use crate::question;
use crate::spec::{self, Setup};
use crate::statements::{self, Accuracy, Measured};

/// The experiment's setup, and its outcome once run.
pub struct UnseenWords {
    setup: Setup,
    /// The report and the figure both need the trials; they are trained once.
    trials: OnceLock<Vec<Trial>>,
}

/// Deserializes and validates the params.
pub fn build(params: &Params<'_>) -> Result<Box<dyn Problem>, FieldError> {
    let problem = UnseenWords {
        setup: spec::setup(params)?,
        trials: OnceLock::new(),
    };
    // Trained here, once, so that a run that leaves f64's range is bad input rather
    // than statements judged from garbage.
    if let Some(trial) = problem.trials().iter().position(|t| t.diverged) {
        return Err(FieldError::new(
            "eta",
            format!(
                "training diverges with η = {} (the weights overflow f64 in trial {trial}): take a smaller η",
                number(problem.setup.eta)
            ),
        ));
    }
    Ok(Box::new(problem))
}

impl UnseenWords {
    fn words(&self, pick: impl Fn(bool) -> bool) -> Vec<String> {
        let seen = self.setup.seen();
        self.setup
            .words
            .iter()
            .zip(seen)
            .filter(|&(_, s)| pick(s))
            .map(|(w, _)| w.clone())
            .collect()
    }

    fn trials(&self) -> &[Trial] {
        self.trials.get_or_init(|| experiment::run(&self.setup))
    }

    fn measure(&self, trials: &[Trial]) -> Measured {
        let tests = self.setup.test.len();
        let one_hot: Vec<f64> = trials.iter().map(|t| t.one_hot).collect();
        let embedding: Vec<f64> = trials.iter().map(|t| t.embedding).collect();
        Measured {
            one_hot: Accuracy::of(&one_hot, tests),
            embedding: Accuracy::of(&embedding, tests),
            unseen_unchanged: trials.iter().all(|t| t.unseen_unchanged),
        }
    }
}

impl Problem for UnseenWords {
    /// From the setup alone: the trials are never touched.
    fn statement(&self) -> Statement {
        question::statement(&self.setup)
    }

    /// The vocabulary on the plane, when the embeddings are 2-d.
    fn question_figures(&self, title: &str) -> Vec<Figure> {
        figure::vocabulary(title, &self.setup).into_iter().collect()
    }

    fn solve(&self) -> Report {
        let s = &self.setup;
        let trials = self.trials();
        let m = self.measure(trials);
        let mut r = Report::default();

        let seen = self.words(|seen| seen);
        let unseen = self.words(|seen| !seen);
        r.heading(format!(
            "{} words with {}-d embeddings; {} training and {} test sentences",
            s.words.len(),
            s.width(),
            s.train.len(),
            s.test.len()
        ));
        r.value("seen in training", Value::texts(&seen));
        r.value("never seen in training", Value::texts(&unseen));
        if s.embeddings == crate::spec::Embeddings::Noise {
            r.text("embeddings = \"noise\": every trial replaces every word's vector by uniform noise within the box the given vectors span");
        }
        r.text(format!(
            "one-hot network {}→{}→2 and embedding network {}→{}→2: tanh hidden layer, softmax cross-entropy, SGD with η = {} for {} epochs, {} trials from seed {}",
            s.words.len(),
            s.hidden,
            s.width(),
            s.hidden,
            number(s.eta),
            s.epochs,
            s.trials,
            s.seed
        ));
        r.heading("Test accuracy per trial");
        r.steps.push(Step::Table {
            columns: ["trial", "one-hot", "embedding", "unseen weights unchanged"]
                .map(String::from)
                .to_vec(),
            rows: trials
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    vec![
                        Value::count(i),
                        Value::Number(t.one_hot),
                        Value::Number(t.embedding),
                        Value::Bool(t.unseen_unchanged),
                    ]
                })
                .collect(),
        });
        r.text(format!(
            "mean over {} trials of {} test sentences: one-hot {}, embedding {}",
            trials.len(),
            s.test.len(),
            number(m.one_hot.mean),
            number(m.embedding.mean)
        ));
        r.heading(format!(
            "The statements: intervals are mean ± {} standard errors over trials (99 %), never narrower than the binomial one",
            statements::Z
        ));
        let verdicts = statements::judge(&m);
        for v in &verdicts {
            let mark = if v.holds { "true " } else { "false" };
            r.text(format!("({}) {mark}  {}: {}", v.label, v.statement, v.rule));
        }
        // Each statement is an option: its label, or its sentence.
        let options: Vec<Choosable> = verdicts
            .iter()
            .map(|v| Choosable::new(v.label, v.label, &[v.statement]))
            .collect();
        let held: Vec<Value> = verdicts
            .iter()
            .enumerate()
            .filter(|(_, v)| v.holds)
            .map(|(chosen, _)| {
                Value::Choice(Choice {
                    options: options.clone(),
                    chosen,
                })
            })
            .collect();
        r.answer("true_statements", Value::Set(held), None);
        r.answer("one_hot_accuracy", Value::Number(m.one_hot.mean), None);
        r.answer("embedding_accuracy", Value::Number(m.embedding.mean), None);
        r.answer(
            "unseen_weights_unchanged",
            Value::Bool(m.unseen_unchanged),
            None,
        );
        r.note("an unseen word's one-hot input is 0 in every training sentence, so its first-layer weights get a gradient of exactly 0 and keep their random start: checked bit for bit");
        let seen_in_test = s
            .test
            .iter()
            .flat_map(|e| &e.words)
            .filter(|&&w| s.seen()[w])
            .count();
        if seen_in_test > 0 {
            r.note(format!(
                "{seen_in_test} test word occurrences were seen in training: the test is not only of unseen words"
            ));
        }
        r
    }

    /// The plane of the first trial's embedding network; none unless embeddings are 2-d.
    fn figures(&self, title: &str) -> Vec<Figure> {
        if self.setup.width() != 2 {
            return Vec::new();
        }
        self.trials()
            .first()
            .and_then(|t| figure::plane(title, &self.setup, &t.vectors, &t.embedding_network, 0))
            .into_iter()
            .collect()
    }
}
