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
use std::path::Path;

use nnhw_grade::{Verdict, clip};
use serde::Serialize;

use crate::book::Entry;
use crate::grading::{Graded, Outcome};
use crate::{Book, Summary};

/// The JSON report's `format_version`.
pub const FORMAT_VERSION: u32 = 1;
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
            let key = original(entry);
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

impl Drawn {
    fn report(&self, tally: &ParamTally) -> ParamReport {
        let buckets: Vec<BucketReport> = self
            .buckets
            .iter()
            .zip(&tally.buckets)
            .map(|(bucket, &[right, wrong])| BucketReport {
                label: bucket.label(&self.path),
                low: bucket.low,
                high: bucket.high,
                value: bucket.value.clone(),
                right,
                wrong,
            })
            .collect();
        let rates: Vec<f64> = buckets
            .iter()
            .filter(|b| b.right + b.wrong >= MIN_BUCKET)
            .map(|b| b.wrong as f64 / (b.right + b.wrong) as f64)
            .collect();
        let spread = (rates.len() >= 2).then(|| {
            rates.iter().copied().fold(f64::MIN, f64::max)
                - rates.iter().copied().fold(f64::MAX, f64::min)
        });
        let table: Vec<[u64; 2]> = buckets.iter().map(|b| [b.right, b.wrong]).collect();
        ParamReport {
            param: self.path.clone(),
            right: tally.right.stats(),
            wrong: tally.wrong.stats(),
            p_value: independence(&table),
            buckets,
            spread,
        }
    }
}

/// Fewest right-or-wrong answers a bucket needs for its wrong rate to count in a spread.
pub const MIN_BUCKET: u64 = 3;

/// The problem a spec belongs to: a variant's original (its id less `-<student>`), or
/// else the spec's label (its variant id or file stem).
fn original(entry: &Entry) -> String {
    let solved = &entry.solved;
    if let (Some(variant), Some(student)) = (&solved.variant, &solved.student)
        && let Some(stem) = variant
            .strip_suffix(student.as_str())
            .and_then(|s| s.strip_suffix('-'))
        && !stem.is_empty()
    {
        return stem.to_string();
    }
    if solved.variant.is_some() {
        return entry.label.clone();
    }
    Path::new(&solved.file)
        .file_stem()
        .map_or_else(|| entry.label.clone(), |s| s.to_string_lossy().into_owned())
}

/// A param's value at one path.
#[derive(Debug, Clone, PartialEq)]
enum Leaf {
    Number(f64),
    Text(String),
}

impl Leaf {
    fn number(&self) -> Option<f64> {
        match self {
            Leaf::Number(x) => Some(*x),
            Leaf::Text(_) => None,
        }
    }
}

/// Most leaves read from one spec's params.
const MAX_LEAVES: usize = 4_096;

/// Every number, text and boolean in `params` with its path (`w2`, `x[3]`,
/// `layers[0].bias[1]`).
fn leaves(params: &toml::Table) -> Vec<(String, Leaf)> {
    fn walk(path: String, value: &toml::Value, out: &mut Vec<(String, Leaf)>) {
        if out.len() >= MAX_LEAVES {
            return;
        }
        match value {
            toml::Value::Integer(i) => out.push((path, Leaf::Number(*i as f64))),
            toml::Value::Float(x) => out.push((path, Leaf::Number(*x))),
            toml::Value::String(s) => out.push((path, Leaf::Text(clip(s, 60)))),
            toml::Value::Boolean(b) => out.push((path, Leaf::Text(b.to_string()))),
            toml::Value::Datetime(d) => out.push((path, Leaf::Text(d.to_string()))),
            toml::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(format!("{path}[{i}]"), item, out);
                }
            }
            toml::Value::Table(table) => {
                for (key, item) in table {
                    let path = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(path, item, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    for (key, value) in params {
        walk(key.clone(), value, &mut out);
    }
    out
}

/// A spec's leaves by path.
fn by_path(leaves: &[(String, Leaf)]) -> HashMap<&str, &Leaf> {
    leaves.iter().map(|(p, l)| (p.as_str(), l)).collect()
}

/// A range or value of a drawn param.
#[derive(Debug, Clone, PartialEq)]
struct Bucket {
    /// Numbers at or above this (none: no lower end).
    low: Option<f64>,
    /// Numbers below this (none: no upper end).
    high: Option<f64>,
    /// One value: a number (as text), a text, or `None` with no ends: the param absent.
    value: Option<String>,
    number: Option<f64>,
}

impl Bucket {
    fn label(&self, path: &str) -> String {
        let n = |x: f64| nnhw_core::format::number(x);
        match (&self.value, self.low, self.high) {
            (Some(v), _, _) => format!("{path} = {v}"),
            (None, Some(lo), Some(hi)) => format!("{} ≤ {path} < {}", n(lo), n(hi)),
            (None, Some(lo), None) => format!("{path} ≥ {}", n(lo)),
            (None, None, Some(hi)) => format!("{path} < {}", n(hi)),
            (None, None, None) => format!("no {path}"),
        }
    }

    fn holds(&self, leaf: Option<&Leaf>) -> bool {
        match (leaf, &self.value) {
            (None, v) => v.is_none() && self.low.is_none() && self.high.is_none(),
            (Some(Leaf::Number(x)), Some(_)) => self.number == Some(*x),
            (Some(Leaf::Text(t)), Some(v)) => self.number.is_none() && t == v,
            (Some(Leaf::Number(x)), None) => {
                (self.low.is_some() || self.high.is_some())
                    && self.low.is_none_or(|lo| *x >= lo)
                    && self.high.is_none_or(|hi| *x < hi)
            }
            (Some(Leaf::Text(_)), None) => false,
        }
    }
}

fn bucket_of(buckets: &[Bucket], leaf: Option<&Leaf>) -> usize {
    buckets
        .iter()
        .position(|b| b.holds(leaf))
        .unwrap_or(usize::MAX)
}

/// Most buckets of single values: a param with more distinct numbers is cut in ranges.
const VALUES: usize = 6;

/// The params that differ between a problem's specs, each with its buckets: one per value
/// when it takes at most [`VALUES`] numbers (or is text), else four ranges about its
/// quartiles with 0 an edge when it takes both signs; and one for specs without it.
fn drawn(specs: &[Vec<(String, Leaf)>]) -> Vec<(String, Vec<Bucket>)> {
    if specs.len() < 2 {
        return Vec::new();
    }
    let mut paths: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for spec in specs {
        for (path, _) in spec {
            if paths.len() < MAX_LEAVES && seen.insert(path.as_str()) {
                paths.push(path);
            }
        }
    }
    let at: Vec<HashMap<&str, &Leaf>> = specs.iter().map(|s| by_path(s)).collect();
    let mut out = Vec::new();
    for path in paths {
        if out.len() >= MAX_PARAMS {
            break;
        }
        let values: Vec<Option<&Leaf>> = at.iter().map(|a| a.get(path).copied()).collect();
        if values.iter().all(|v| *v == values[0]) {
            continue;
        }
        let mut buckets = Vec::new();
        let mut numbers: Vec<f64> = values.iter().flatten().filter_map(|l| l.number()).collect();
        numbers.sort_by(f64::total_cmp);
        let mut distinct = numbers.clone();
        distinct.dedup();
        if distinct.len() <= VALUES {
            for &x in &distinct {
                buckets.push(Bucket {
                    low: None,
                    high: None,
                    value: Some(nnhw_core::format::number(x)),
                    number: Some(x),
                });
            }
        } else {
            for (low, high) in ranges(&numbers) {
                buckets.push(Bucket {
                    low,
                    high,
                    value: None,
                    number: None,
                });
            }
        }
        let mut texts: Vec<&str> = values
            .iter()
            .flatten()
            .filter_map(|l| match l {
                Leaf::Text(t) => Some(t.as_str()),
                Leaf::Number(_) => None,
            })
            .collect();
        texts.sort_unstable();
        texts.dedup();
        for t in texts.into_iter().take(2 * VALUES) {
            buckets.push(Bucket {
                low: None,
                high: None,
                value: Some(t.to_string()),
                number: None,
            });
        }
        if values.iter().any(Option::is_none) {
            buckets.push(Bucket {
                low: None,
                high: None,
                value: None,
                number: None,
            });
        }
        out.push((path.to_string(), buckets));
    }
    out
}

/// Four ranges about the quartiles of sorted `numbers` (0 an edge when they take both
/// signs), the first with no lower end and the last with no upper end.
fn ranges(numbers: &[f64]) -> Vec<(Option<f64>, Option<f64>)> {
    let at = |q: f64| numbers[((numbers.len() - 1) as f64 * q).round() as usize];
    let (min, max) = (numbers[0], numbers[numbers.len() - 1]);
    let mut edges = if min < 0.0 && max > 0.0 {
        let negative: Vec<f64> = numbers.iter().copied().filter(|x| *x < 0.0).collect();
        let positive: Vec<f64> = numbers.iter().copied().filter(|x| *x > 0.0).collect();
        vec![
            negative[negative.len() / 2],
            0.0,
            positive[positive.len() / 2],
        ]
    } else {
        vec![at(0.25), at(0.5), at(0.75)]
    };
    // An edge at the least value would leave its range empty.
    edges.retain(|&e| e > min);
    edges.dedup();
    let mut out = Vec::with_capacity(edges.len() + 1);
    let mut low = None;
    for &e in &edges {
        out.push((low, Some(e)));
        low = Some(e);
    }
    out.push((low, None));
    out
}

/// Pearson's χ² test of independence on rows of (right, wrong) counts: the p-value,
/// over the rows with any count; `None` when there are fewer than two, or no right or no
/// wrong answer at all.
fn independence(rows: &[[u64; 2]]) -> Option<f64> {
    let rows: Vec<[f64; 2]> = rows
        .iter()
        .filter(|[r, w]| r + w > 0)
        .map(|&[r, w]| [r as f64, w as f64])
        .collect();
    let columns = [
        rows.iter().map(|r| r[0]).sum::<f64>(),
        rows.iter().map(|r| r[1]).sum::<f64>(),
    ];
    let total = columns[0] + columns[1];
    if rows.len() < 2 || columns[0] == 0.0 || columns[1] == 0.0 {
        return None;
    }
    let statistic: f64 = rows
        .iter()
        .flat_map(|row| {
            let n = row[0] + row[1];
            (0..2).map(move |c| {
                let expected = n * columns[c] / total;
                (row[c] - expected).powi(2) / expected
            })
        })
        .sum();
    Some(chi_square_tail(statistic, (rows.len() - 1) as f64))
}

/// P(χ² with `k` degrees of freedom ≥ `x`): the regularized upper incomplete gamma
/// function Q(k/2, x/2), by its series below a + 1 and its continued fraction above
/// (Numerical Recipes, 6.2).
fn chi_square_tail(x: f64, k: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return 1.0;
    }
    let (a, x) = (k / 2.0, x / 2.0);
    let front = (-x + a * x.ln() - ln_gamma(a)).exp();
    let q = if x < a + 1.0 {
        let (mut term, mut sum) = (1.0 / a, 1.0 / a);
        for n in 1..1000 {
            term *= x / (a + f64::from(n));
            sum += term;
            if term < sum * 1e-15 {
                break;
            }
        }
        1.0 - sum * front
    } else {
        const TINY: f64 = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..1000 {
            let i = f64::from(i);
            let an = -i * (i - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < TINY {
                d = TINY;
            }
            c = b + an / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let step = d * c;
            h *= step;
            if (step - 1.0).abs() < 1e-15 {
                break;
            }
        }
        front * h
    };
    q.clamp(0.0, 1.0)
}

/// ln Γ(z) for z > 0 (Lanczos, g = 7, nine terms: about 15 digits).
fn ln_gamma(z: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if z < 0.5 {
        // Reflection: Γ(z) Γ(1 − z) = π / sin(πz).
        return (std::f64::consts::PI / (std::f64::consts::PI * z).sin()).ln() - ln_gamma(1.0 - z);
    }
    let z = z - 1.0;
    let mut sum = G[0];
    for (i, g) in G.iter().enumerate().skip(1) {
        sum += g / (z + i as f64);
    }
    let t = z + 7.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (z + 0.5) * t.ln() - t + sum.ln()
}

/// The class report: per problem and per answer, what the class got right and wrong.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassReport {
    /// 1.
    pub format_version: u32,
    /// Rows read (in this shard and others).
    pub rows: u64,
    /// Rows graded.
    pub graded: u64,
    /// Rows reported on the error stream (many of them graded as well).
    pub reported: u64,
    /// Rows not graded because the student had already submitted the problem.
    pub repeated: u64,
    /// Rows added for problems asked of a student and not submitted (every answer
    /// missing, scored 0); they are in the counts.
    pub unanswered: u64,
    /// One per original problem, in the order the specs came.
    pub problems: Vec<ProblemReport>,
    /// Students with no submission, sorted.
    pub absent: Vec<String>,
    /// Absent students past the [`LISTED`] listed.
    pub absent_not_listed: u64,
    /// Later submissions of a spec by the same student, which did not count.
    pub duplicates: Vec<Duplicate>,
    /// Duplicates past the [`LISTED`] listed.
    pub duplicates_not_listed: u64,
}

/// One original problem: every variant of one spec together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProblemReport {
    /// The original's stem (`simple_network`), or the spec's label.
    pub problem: String,
    /// The title.
    pub title: String,
    /// The kind.
    pub kind: String,
    /// How many specs (variants) it has in the book.
    pub specs: u64,
    /// Submissions graded.
    pub submissions: u64,
    /// The most answers a submission can have right.
    pub max_score: u64,
    /// `scores[s]`: how many submissions had `s` answers right.
    pub scores: Vec<u64>,
    /// The mean score, when there were submissions.
    pub mean_score: Option<f64>,
    /// The params whose values differ between its specs (the drawn ones).
    pub drawn: Vec<String>,
    /// One per graded answer.
    pub answers: Vec<AnswerReport>,
}

/// One answer of a problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerReport {
    /// The answer's name.
    pub name: String,
    /// Submissions with it right.
    pub right: u64,
    /// With it wrong.
    pub wrong: u64,
    /// With it not readable as this answer.
    pub unusable: u64,
    /// Without it.
    pub missing: u64,
    /// Each hint the grader gave for a known wrong answer, with how many got it, most
    /// first.
    pub known_mistakes: Vec<Count>,
    /// The most common wrong answers, as the grader read them, most first.
    pub wrong_answers: Vec<Count>,
    /// Wrong answers other than those.
    pub other_wrong_answers: u64,
    /// Distinct wrong answers (at most [`DISTINCT`] are told apart).
    pub distinct_wrong_answers: u64,
    /// The most common reasons an answer could not be read, most first.
    pub unusable_reasons: Vec<Count>,
    /// Unusable answers for other reasons.
    pub other_unusable: u64,
    /// For variants, each drawn param among those who got this right and wrong, the
    /// params whose wrong rate varies most first.
    pub params: Vec<ParamReport>,
}

/// A text and how many times it came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The text.
    pub text: String,
    /// How many.
    pub count: u64,
}

/// A drawn param against one answer's verdicts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParamReport {
    /// Its path in `[params]` (`w2`, `x[3]`, `weights.f_h`).
    pub param: String,
    /// Its numbers among those who got the answer right.
    pub right: Stats,
    /// Among those who got it wrong.
    pub wrong: Stats,
    /// Right and wrong answers per range or value of it.
    pub buckets: Vec<BucketReport>,
    /// The highest wrong rate of a bucket less the lowest, over buckets with at least
    /// [`MIN_BUCKET`] right or wrong answers; `None` with fewer than two such buckets.
    pub spread: Option<f64>,
    /// How likely buckets this different would be if the param had nothing to do with
    /// getting the answer wrong: Pearson's χ² test of independence on the buckets' right
    /// and wrong counts. `None` when there is nothing to test (one bucket, or no right or
    /// no wrong answer). Rough for small counts; a screen, not a proof.
    pub p_value: Option<f64>,
}

/// Count, mean and range of some numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// How many.
    pub count: u64,
    /// Their mean.
    pub mean: Option<f64>,
    /// The least.
    pub min: Option<f64>,
    /// The greatest.
    pub max: Option<f64>,
}

/// One range or value of a drawn param, with the answers of those whose param fell in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BucketReport {
    /// `w2 < 0`, `0 ≤ w2 < 2.4`, `t = 1`, `no x[7]`.
    pub label: String,
    /// Its lower end (inclusive), for a range.
    pub low: Option<f64>,
    /// Its upper end (exclusive), for a range.
    pub high: Option<f64>,
    /// Its one value, for a value.
    pub value: Option<String>,
    /// Answers right.
    pub right: u64,
    /// Answers wrong.
    pub wrong: u64,
}

/// A later submission of a spec by a student, which did not count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    /// The student.
    pub student: String,
    /// The spec.
    pub spec: String,
    /// The line it starts on.
    pub line: u64,
}

#[cfg(test)]
mod tests {
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
