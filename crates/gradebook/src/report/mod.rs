//! A class report: what a class got wrong, tallied while [`crate::grade_tallied`] streams
//! the rows, for staff who grade to learn what to teach again.
//!
//! Per original problem (every variant `<stem>-<student>` of it together) and per answer:
//! how many were right, wrong, unusable and missing; how many gave each known wrong answer
//! the grader recognises (its hint); the most common wrong answers, as nnhw-grade read them
//! (`0.50` and `.5` are one answer); the score distribution; and, for variants, how the
//! drawn numbers of those who got an answer right differ from those who got it wrong.
//!
//! Memory stays flat in the number of rows: the tally keeps counts, and at most
//! [`DISTINCT`] distinct wrong answers per answer (later new ones are counted as other),
//! never a row. What a row adds is computed in the parallel grading closure ([`Tally::see`])
//! and folded in input order ([`Tally::add`]). No student id is ever put next to an
//! answer: ids appear only among the absent students and the duplicate rows.

use std::collections::{BTreeSet, HashMap};

use nnhw_grade::{Verdict, clip};

use crate::grading::{Graded, Outcome};
use crate::{Book, Summary};

/// The JSON report's `format_version`: the one every nnhw JSON output carries.
pub use nnhw_core::json::FORMAT_VERSION;
/// Most distinct wrong answers (and unusable reasons, and hints) kept per answer; a new
/// one past these is counted as other.
pub const DISTINCT: usize = 10_000;
/// Most common wrong answers (and unusable reasons) reported per answer.
pub const TOP: usize = 5;
/// Most drawn params compared per problem (a variant that draws a whole matrix has many).
pub const MAX_PARAMS: usize = 64;
/// Most duplicate rows and absent students listed; more are counted.
pub const LISTED: usize = 1_000;
/// The longest wrong answer or reason kept, in characters.
const CLIP: usize = 200;

/// The tally of a class, built as rows are graded.
#[derive(Debug, Clone)]
pub struct Tally {
    problems: Vec<ProblemTally>,
    /// Per book entry: its problem, its answers' places there, its drawn params' buckets.
    entries: Vec<EntryInfo>,
    absent: BTreeSet<String>,
    absent_not_listed: u64,
    duplicates: Vec<Duplicate>,
    duplicates_not_listed: u64,
}

#[derive(Debug, Clone)]
struct EntryInfo {
    problem: usize,
    /// For each graded answer of the entry, its index among the problem's answers.
    slots: Vec<usize>,
    /// For each drawn param of the problem, this entry's bucket and number.
    params: Vec<(usize, Option<f64>)>,
}

#[derive(Debug, Clone)]
struct ProblemTally {
    problem: String,
    title: String,
    kind: String,
    specs: u64,
    submissions: u64,
    scores: Vec<u64>,
    score_sum: u64,
    answers: Vec<AnswerTally>,
    params: Vec<Drawn>,
}

/// A drawn param of a problem and its buckets.
#[derive(Debug, Clone)]
struct Drawn {
    path: String,
    buckets: Vec<Bucket>,
}

#[derive(Debug, Clone)]
struct AnswerTally {
    name: String,
    right: u64,
    wrong: u64,
    unusable: u64,
    missing: u64,
    hints: Capped,
    wrong_answers: Capped,
    unusable_reasons: Capped,
    /// Per drawn param: right and wrong stats, and per bucket (right, wrong).
    params: Vec<ParamTally>,
}

#[derive(Debug, Clone, Default)]
struct ParamTally {
    right: Running,
    wrong: Running,
    buckets: Vec<[u64; 2]>,
}

/// Counts by text, at most [`DISTINCT`] texts, the rest counted together.
#[derive(Debug, Clone, Default)]
struct Capped {
    counts: HashMap<String, u64>,
    other: u64,
}

impl Capped {
    fn add(&mut self, text: &str) {
        if let Some(n) = self.counts.get_mut(text) {
            *n += 1;
        } else if self.counts.len() < DISTINCT {
            self.counts.insert(text.to_string(), 1);
        } else {
            self.other += 1;
        }
    }

    /// The `top` most common, most first (ties by text), and how many others there were.
    fn top(&self, top: usize) -> (Vec<Count>, u64) {
        let mut all: Vec<Count> = self
            .counts
            .iter()
            .map(|(text, &count)| Count {
                text: text.clone(),
                count,
            })
            .collect();
        all.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
        let rest: u64 = all.iter().skip(top).map(|c| c.count).sum::<u64>() + self.other;
        all.truncate(top);
        (all, rest)
    }
}

/// Count, sum, least and greatest of some numbers.
#[derive(Debug, Clone, Copy, Default)]
struct Running {
    count: u64,
    sum: f64,
    min: f64,
    max: f64,
}

impl Running {
    fn add(&mut self, x: f64) {
        if self.count == 0 {
            (self.min, self.max) = (x, x);
        } else {
            self.min = self.min.min(x);
            self.max = self.max.max(x);
        }
        self.count += 1;
        self.sum += x;
    }

    fn stats(&self) -> Stats {
        let some = |x: f64| (self.count > 0).then_some(x);
        Stats {
            count: self.count,
            mean: some(self.sum / self.count.max(1) as f64),
            min: some(self.min),
            max: some(self.max),
        }
    }
}

/// What one graded row adds to the tally: computed where the row is judged (in
/// parallel), added in input order.
#[derive(Debug, Clone)]
pub struct Seen {
    entry: usize,
    score: usize,
    facts: Vec<Fact>,
}

#[derive(Debug, Clone)]
enum Fact {
    Right,
    Wrong { read_as: String, hints: Vec<String> },
    Unusable { reason: String },
    Missing,
}

impl Tally {
    /// An empty tally for the specs of `book`: variants of one original (`<stem>-<student>`,
    /// the variant spec naming its `student`) are one problem, in the order each first
    /// appears; a drawn param is one whose value differs between the problem's specs.
    pub fn new(book: &Book) -> Tally {
        let mut problems: Vec<ProblemTally> = Vec::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut entries = Vec::with_capacity(book.len());
        for i in 0..book.len() {
            let entry = book.entry(i);
            let key = entry.problem.clone();
            let p = match problems.iter().position(|p| p.problem == key) {
                Some(p) => p,
                None => {
                    problems.push(ProblemTally {
                        problem: key,
                        title: entry.solved.title.clone(),
                        kind: entry.solved.kind.to_string(),
                        specs: 0,
                        submissions: 0,
                        scores: Vec::new(),
                        score_sum: 0,
                        answers: Vec::new(),
                        params: Vec::new(),
                    });
                    members.push(Vec::new());
                    problems.len() - 1
                }
            };
            let problem = &mut problems[p];
            problem.specs += 1;
            members[p].push(i);
            if problem.scores.len() < entry.graded.len() + 1 {
                problem.scores.resize(entry.graded.len() + 1, 0);
            }
            let answers = &entry.solved.report.answers;
            let slots = entry
                .graded
                .iter()
                .map(|&a| {
                    let name = &answers[a].name;
                    match problem.answers.iter().position(|t| &t.name == name) {
                        Some(s) => s,
                        None => {
                            problem.answers.push(AnswerTally::new(name));
                            problem.answers.len() - 1
                        }
                    }
                })
                .collect();
            entries.push(EntryInfo {
                problem: p,
                slots,
                params: Vec::new(),
            });
        }
        for (p, members) in members.iter().enumerate() {
            let leaves: Vec<Vec<(String, Leaf)>> = members
                .iter()
                .map(|&i| leaves(&book.entry(i).solved.params))
                .collect();
            let drawn = drawn(&leaves);
            for (m, &i) in members.iter().enumerate() {
                let at = by_path(&leaves[m]);
                entries[i].params = drawn
                    .iter()
                    .map(|(path, buckets)| {
                        let leaf = at.get(path.as_str()).copied();
                        (bucket_of(buckets, leaf), leaf.and_then(Leaf::number))
                    })
                    .collect();
            }
            let problem = &mut problems[p];
            for answer in &mut problem.answers {
                answer.params = drawn
                    .iter()
                    .map(|(_, buckets)| ParamTally {
                        buckets: vec![[0, 0]; buckets.len()],
                        ..ParamTally::default()
                    })
                    .collect();
            }
            problem.params = drawn
                .into_iter()
                .map(|(path, buckets)| Drawn { path, buckets })
                .collect();
        }
        Tally {
            problems,
            entries,
            absent: BTreeSet::new(),
            absent_not_listed: 0,
            duplicates: Vec::new(),
            duplicates_not_listed: 0,
        }
    }

    /// What a graded row adds (computed where the row is judged, in parallel).
    pub(crate) fn see(&self, graded: &Graded<'_>) -> Seen {
        let facts = graded
            .outcomes
            .iter()
            .map(|outcome| match outcome {
                Outcome::Missing => Fact::Missing,
                Outcome::Judged(j) => match j.verdict {
                    Verdict::Right => Fact::Right,
                    Verdict::Wrong => Fact::Wrong {
                        read_as: clip(j.read_as.as_deref().unwrap_or(&j.given), CLIP),
                        hints: j.hints.iter().map(|h| clip(h, CLIP)).collect(),
                    },
                    Verdict::Unusable => Fact::Unusable {
                        reason: clip(&j.detail, CLIP),
                    },
                },
            })
            .collect();
        Seen {
            entry: graded.index,
            score: graded.score(),
            facts,
        }
    }

    /// Adds a graded row. A skipped spec arrives as a row whose answers are all missing.
    pub fn add(&mut self, seen: Seen) {
        let Some(info) = self.entries.get(seen.entry) else {
            return;
        };
        let Some(problem) = self.problems.get_mut(info.problem) else {
            return;
        };
        problem.submissions += 1;
        problem.score_sum += seen.score as u64;
        if let Some(n) = problem.scores.get_mut(seen.score) {
            *n += 1;
        }
        for (fact, &slot) in seen.facts.iter().zip(&info.slots) {
            let answer = &mut problem.answers[slot];
            let judged = match fact {
                Fact::Right => {
                    answer.right += 1;
                    Some(0)
                }
                Fact::Wrong { read_as, hints } => {
                    answer.wrong += 1;
                    answer.wrong_answers.add(read_as);
                    for hint in hints {
                        answer.hints.add(hint);
                    }
                    Some(1)
                }
                Fact::Unusable { reason } => {
                    answer.unusable += 1;
                    answer.unusable_reasons.add(reason);
                    None
                }
                Fact::Missing => {
                    answer.missing += 1;
                    None
                }
            };
            let Some(side) = judged else { continue };
            for (param, &(bucket, number)) in answer.params.iter_mut().zip(&info.params) {
                if let Some(counts) = param.buckets.get_mut(bucket) {
                    counts[side] += 1;
                }
                if let Some(x) = number {
                    if side == 0 {
                        param.right.add(x);
                    } else {
                        param.wrong.add(x);
                    }
                }
            }
        }
    }

    /// Records a later submission of a spec by a student who had already submitted it
    /// (the first one counts): listed in the report, never tallied.
    pub fn duplicate(&mut self, student: &str, spec: &str, line: usize) {
        if self.duplicates.len() < LISTED {
            self.duplicates.push(Duplicate {
                student: clip(student, CLIP),
                spec: clip(spec, CLIP),
                line: line as u64,
            });
        } else {
            self.duplicates_not_listed += 1;
        }
    }

    /// Records a student with no submission (one with variants in the book, or on a
    /// roster).
    pub fn absent(&mut self, student: &str) {
        if self.absent.len() < LISTED || self.absent.contains(student) {
            self.absent.insert(clip(student, CLIP));
        } else {
            self.absent_not_listed += 1;
        }
    }

    /// The report so far; `summary` is what the grading run saw.
    pub fn report(&self, summary: &Summary) -> ClassReport {
        ClassReport {
            format_version: FORMAT_VERSION,
            rows: summary.submissions as u64,
            graded: summary.graded as u64,
            reported: summary.problems as u64,
            repeated: summary.repeated as u64,
            unanswered: summary.unanswered as u64,
            problems: self.problems.iter().map(ProblemTally::report).collect(),
            absent: self.absent.iter().cloned().collect(),
            absent_not_listed: self.absent_not_listed,
            duplicates: self.duplicates.clone(),
            duplicates_not_listed: self.duplicates_not_listed,
        }
    }
}

impl AnswerTally {
    fn new(name: &str) -> AnswerTally {
        AnswerTally {
            name: name.to_string(),
            right: 0,
            wrong: 0,
            unusable: 0,
            missing: 0,
            hints: Capped::default(),
            wrong_answers: Capped::default(),
            unusable_reasons: Capped::default(),
            params: Vec::new(),
        }
    }
}

impl ProblemTally {
    fn report(&self) -> ProblemReport {
        let answers = self
            .answers
            .iter()
            .map(|a| {
                let (known_mistakes, _) = a.hints.top(usize::MAX);
                let (wrong_answers, other_wrong_answers) = a.wrong_answers.top(TOP);
                let (unusable_reasons, other_unusable) = a.unusable_reasons.top(TOP);
                let mut params: Vec<ParamReport> = self
                    .params
                    .iter()
                    .zip(&a.params)
                    .map(|(drawn, tally)| drawn.report(tally))
                    .collect();
                params.sort_by(|x, y| {
                    x.p_value
                        .unwrap_or(2.0)
                        .total_cmp(&y.p_value.unwrap_or(2.0))
                        .then_with(|| {
                            y.spread
                                .unwrap_or(-1.0)
                                .total_cmp(&x.spread.unwrap_or(-1.0))
                        })
                        .then_with(|| x.param.cmp(&y.param))
                });
                AnswerReport {
                    name: a.name.clone(),
                    right: a.right,
                    wrong: a.wrong,
                    unusable: a.unusable,
                    missing: a.missing,
                    known_mistakes,
                    wrong_answers,
                    other_wrong_answers,
                    distinct_wrong_answers: a.wrong_answers.counts.len() as u64,
                    unusable_reasons,
                    other_unusable,
                    params,
                }
            })
            .collect();
        ProblemReport {
            problem: self.problem.clone(),
            title: self.title.clone(),
            kind: self.kind.clone(),
            specs: self.specs,
            submissions: self.submissions,
            max_score: self.scores.len().saturating_sub(1) as u64,
            scores: self.scores.clone(),
            mean_score: (self.submissions > 0)
                .then(|| self.score_sum as f64 / self.submissions as f64),
            drawn: self.params.iter().map(|d| d.path.clone()).collect(),
            answers,
        }
    }
}

mod drawn;
mod shape;

pub use drawn::MIN_BUCKET;
use drawn::{Bucket, Leaf, bucket_of, by_path, drawn, leaves};
pub use shape::*;

#[cfg(test)]
mod tests {
    use super::drawn::*;
    use super::*;

    #[test]
    fn quartile_ranges_split_at_zero_when_both_signs_are_drawn() {
        let numbers = [-5.0, -4.0, -1.0, 0.5, 1.0, 2.0, 3.0, 4.5];
        assert_eq!(
            ranges(&numbers),
            vec![
                (None, Some(-4.0)),
                (Some(-4.0), Some(0.0)),
                (Some(0.0), Some(2.0)),
                (Some(2.0), None)
            ]
        );
        let positive = [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0];
        assert_eq!(
            ranges(&positive),
            vec![
                (None, Some(2.0)),
                (Some(2.0), Some(2.5)),
                (Some(2.5), Some(3.5)),
                (Some(3.5), None)
            ]
        );
    }

    #[test]
    fn drawn_params_are_those_that_differ_with_a_bucket_for_absent_ones() {
        let spec = |text: &str| leaves(&toml::from_str::<toml::Table>(text).unwrap());
        let specs = [
            spec("x = [1, 0]\nt = 1\nw = { a = 2 }"),
            spec("x = [1, 1, 0]\nt = 1\nw = { a = 3 }"),
        ];
        let drawn = drawn(&specs);
        let paths: Vec<&str> = drawn.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["w.a", "x[1]", "x[2]"]);
        let labels: Vec<String> = drawn[2].1.iter().map(|b| b.label("x[2]")).collect();
        assert_eq!(labels, ["x[2] = 0", "no x[2]"]);
        assert_eq!(bucket_of(&drawn[2].1, None), 1);
        assert_eq!(bucket_of(&drawn[2].1, Some(&Leaf::Number(0.0))), 0);
    }

    #[test]
    fn chi_square_tails_match_the_tables() {
        // The 5% critical values for 1, 2, 4 and 10 degrees of freedom, and 1%.
        for (x, k, p) in [
            (3.841_458_820_694_124, 1.0, 0.05),
            (5.991_464_547_107_979, 2.0, 0.05),
            (9.487_729_036_781_154, 4.0, 0.05),
            (18.307_038_053_275_146, 10.0, 0.05),
            (6.634_896_601_021_213, 1.0, 0.01),
        ] {
            let got = chi_square_tail(x, k);
            assert!((got - p).abs() < 1e-9, "χ²({k}) ≥ {x}: {got}");
        }
        assert_eq!(chi_square_tail(0.0, 3.0), 1.0);
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-12);
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-12);
        // Wrong only where w2 < 0: far from chance. Half wrong everywhere: chance.
        assert!(independence(&[[2, 6], [0, 7], [12, 0], [12, 0]]).unwrap() < 1e-6);
        assert!(independence(&[[5, 5], [6, 6], [0, 0]]).unwrap() > 0.99);
        assert_eq!(independence(&[[5, 0], [6, 0]]), None);
        assert_eq!(independence(&[[5, 3], [0, 0]]), None);
    }

    #[test]
    fn capped_counts_keep_the_first_distinct_texts_and_count_the_rest() {
        let mut capped = Capped::default();
        for i in 0..DISTINCT + 5 {
            capped.add(&i.to_string());
        }
        capped.add("0");
        let (top, rest) = capped.top(1);
        assert_eq!(
            top,
            [Count {
                text: "0".into(),
                count: 2
            }]
        );
        assert_eq!(rest, (DISTINCT as u64 - 1) + 5);
        assert_eq!(capped.counts.len(), DISTINCT);
    }
}
