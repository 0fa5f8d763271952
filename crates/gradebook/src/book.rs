//! The specs a class is graded against, and how a row's `spec` cell finds one.

use std::collections::HashMap;
use std::path::Path;

use nnhw_core::Solved;
use nnhw_grade::clip;

/// Solved specs to grade against, found by variant id, `<spec>-<student>`, file name or
/// stem.
#[derive(Debug, Clone)]
pub struct Book {
    entries: Vec<Entry>,
    by_variant: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
    /// Each variant by (its problem, the student it was drawn for), as recorded in it.
    by_owner: HashMap<(String, String), Vec<usize>>,
    /// Every problem's specs, problems in the order they first appear.
    problems: Vec<(String, Vec<usize>)>,
    names: Vec<String>,
}

/// One spec, with what grading needs of it.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The solved spec.
    pub solved: Solved,
    /// Indices into `solved.report.answers` of the graded answers, in report order.
    pub graded: Vec<usize>,
    /// The variant id, or else the file's stem: the gradebook's `spec` column.
    pub label: String,
    /// For each of the book's names, its place in `graded`, if this spec grades it.
    pub columns: Vec<Option<usize>>,
    /// The problem it poses: a variant's original (its id without `-<student>`), else the
    /// file's stem. A class answers each problem once per student.
    pub problem: String,
    /// The student a variant was drawn for, as the variant records it.
    pub owner: Option<String>,
}

impl Book {
    /// A book of solved specs.
    ///
    /// A spec's graded answers are those its `[expected]` key names, or all its answers
    /// when it has no key; each is worth one point. A row's `spec` cell, for student S,
    /// finds its spec in this order: 1. a variant id equal to the cell; 2. the variant of
    /// problem `<cell>` recorded as drawn for S (the cell may be a file name: `x.toml`
    /// looks for S's variant of `x`); 3. the spec's path as named, its file name, or its
    /// stem. Two specs that share a variant id, file name or stem are an error only for a
    /// row that names them that way. A variant found by step 1 or 3 that records another
    /// student (`x-s009` named by s008) is an error when the book holds a variant of the
    /// same problem drawn for S; variants handed out by hand (`x-7`) are graded for
    /// anyone who has none of their own.
    pub fn new(specs: Vec<Solved>) -> Book {
        let mut book = Book {
            entries: Vec::with_capacity(specs.len()),
            by_variant: HashMap::new(),
            by_name: HashMap::new(),
            by_owner: HashMap::new(),
            problems: Vec::new(),
            names: Vec::new(),
        };
        let mut problem_index: HashMap<String, usize> = HashMap::new();
        for (i, solved) in specs.into_iter().enumerate() {
            let keyed: Vec<usize> = (0..solved.report.answers.len())
                .filter(|&a| solved.checks.get(a).is_some_and(Option::is_some))
                .collect();
            let graded = if keyed.is_empty() {
                (0..solved.report.answers.len()).collect()
            } else {
                keyed
            };
            let path = Path::new(&solved.file);
            let stem = path
                .file_stem()
                .map_or_else(|| solved.file.clone(), |s| s.to_string_lossy().into_owned());
            if let Some(variant) = &solved.variant {
                book.by_variant.entry(variant.clone()).or_default().push(i);
            }
            let mut keys = vec![solved.file.clone(), stem.clone()];
            if let Some(name) = path.file_name() {
                keys.push(name.to_string_lossy().into_owned());
            }
            keys.sort();
            keys.dedup();
            for key in keys {
                book.by_name.entry(key).or_default().push(i);
            }
            for &a in &graded {
                let name = &solved.report.answers[a].name;
                if !book.names.contains(name) {
                    book.names.push(name.clone());
                }
            }
            let owner = solved.variant.as_ref().and(solved.student.clone());
            let problem = match (&solved.variant, &owner) {
                (Some(variant), Some(student)) => variant
                    .strip_suffix(student.as_str())
                    .and_then(|p| p.strip_suffix('-'))
                    .unwrap_or(variant)
                    .to_string(),
                _ => stem.clone(),
            };
            if let Some(student) = &owner {
                book.by_owner
                    .entry((problem.clone(), student.clone()))
                    .or_default()
                    .push(i);
            }
            match problem_index.get(&problem) {
                Some(&p) => book.problems[p].1.push(i),
                None => {
                    problem_index.insert(problem.clone(), book.problems.len());
                    book.problems.push((problem.clone(), vec![i]));
                }
            }
            let label = solved.variant.clone().unwrap_or(stem);
            book.entries.push(Entry {
                solved,
                graded,
                label,
                columns: Vec::new(),
                problem,
                owner,
            });
        }
        for entry in &mut book.entries {
            entry.columns = book
                .names
                .iter()
                .map(|name| {
                    entry
                        .graded
                        .iter()
                        .position(|&a| entry.solved.report.answers[a].name == *name)
                })
                .collect();
        }
        book
    }

    /// Every spec's graded answer names, each once, in the order they first appear: the
    /// CSV gradebook's NAME columns.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Whether some spec grades an answer called `name` (ASCII case aside).
    pub(crate) fn grades(&self, name: &str) -> bool {
        self.names.iter().any(|n| n.eq_ignore_ascii_case(name))
    }

    /// The specs, in the order given.
    pub fn specs(&self) -> impl Iterator<Item = &Solved> {
        self.entries.iter().map(|e| &e.solved)
    }

    /// Each spec's label, in the order given: its variant id, else its file's stem (the
    /// gradebook's `spec` column, and a name a row may give).
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.label.as_str())
    }

    /// How many specs there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }

    /// The spec that `cell` names for `student` (an index for [`Book::entry`]), or what is
    /// wrong with the cell.
    ///
    /// Whose a variant is comes from the student it records having been drawn for, never
    /// from the spelling of its id: `lstm2-jo-ann` is jo-ann's, not ann's. A variant found
    /// by its id or file name (steps 1 and 3) that was drawn for another student is
    /// refused when the book also holds this student's own variant of the same problem;
    /// without one (variants handed out by hand, `simple_network-7`) it is graded.
    pub(crate) fn find(&self, cell: &str, student: &str) -> Result<usize, String> {
        if let Some(found) = self.by_variant.get(cell) {
            return self
                .one(cell, "variant id", found)
                .and_then(|i| self.mine(i, student));
        }
        let base = cell.strip_suffix(".toml").unwrap_or(cell);
        let own = (base.to_string(), student.to_string());
        match self.by_owner.get(&own).map(Vec::as_slice) {
            Some([i]) => return Ok(*i),
            Some(found) => {
                return Err(format!(
                    "{} variants of `{}` were drawn for {} ({}); name one by its variant id",
                    found.len(),
                    clip(base, 60),
                    clip(student, 40),
                    self.files(found)
                ));
            }
            None => {}
        }
        if let Some(found) = self.by_name.get(cell) {
            return self
                .one(cell, "file name", found)
                .and_then(|i| self.mine(i, student));
        }
        Err(format!(
            "no spec `{}` among the {} graded (looked for a variant id `{0}`, a variant of `{}` drawn for {}, then a file name or stem)",
            clip(cell, 60),
            self.entries.len(),
            clip(base, 60),
            clip(student, 40),
        ))
    }

    /// Spec `i`, unless it is a variant drawn for another student and the book holds a
    /// variant of the same problem drawn for this one.
    fn mine(&self, i: usize, student: &str) -> Result<usize, String> {
        let entry = &self.entries[i];
        let Some(owner) = entry.owner.as_deref().filter(|&o| o != student) else {
            return Ok(i);
        };
        let own = (entry.problem.clone(), student.to_string());
        match self.by_owner.get(&own).and_then(|found| found.first()) {
            None => Ok(i),
            Some(&j) => Err(format!(
                "`{}` was drawn for student `{}`; `{}` is this student's",
                clip(&entry.label, 60),
                clip(owner, 40),
                clip(&self.entries[j].label, 100)
            )),
        }
    }

    /// Every student some variant was drawn for, each once, in the book's order.
    pub(crate) fn owners(&self) -> impl Iterator<Item = &str> {
        let mut seen = std::collections::HashSet::new();
        self.entries
            .iter()
            .filter_map(|e| e.owner.as_deref())
            .filter(move |s| seen.insert(*s))
    }

    /// The spec each problem asks of `student`: the variant drawn for them, or else the
    /// one spec of the problem that is no variant. A problem whose variants were all drawn
    /// for others (and that has no original in the book) is not asked of them.
    pub(crate) fn asked_of(&self, student: &str) -> Vec<usize> {
        let mut asked = Vec::new();
        for (problem, specs) in &self.problems {
            let own = (problem.clone(), student.to_string());
            match self.by_owner.get(&own).map(Vec::as_slice) {
                Some([i]) => asked.push(*i),
                Some(_) => {}
                None => {
                    let mut shared = specs
                        .iter()
                        .filter(|&&i| self.entries[i].solved.variant.is_none());
                    if let (Some(&i), None) = (shared.next(), shared.next()) {
                        asked.push(i);
                    }
                }
            }
        }
        asked.sort_unstable();
        asked
    }

    fn one(&self, cell: &str, how: &str, found: &[usize]) -> Result<usize, String> {
        match found {
            [i] => Ok(*i),
            _ => Err(format!(
                "`{}` is the {how} of {} specs ({}); name one by its path or variant id",
                clip(cell, 60),
                found.len(),
                self.files(found)
            )),
        }
    }

    /// The first few files of `found`, for a message.
    fn files(&self, found: &[usize]) -> String {
        let files: Vec<String> = found
            .iter()
            .take(4)
            .map(|&i| clip(&self.entries[i].solved.file, 80))
            .collect();
        let more = if found.len() > 4 { ", …" } else { "" };
        format!("{}{more}", files.join(", "))
    }
}
