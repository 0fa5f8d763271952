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
}

impl Book {
    /// A book of solved specs.
    ///
    /// A spec's graded answers are those its `[expected]` key names, or all its answers
    /// when it has no key; each is worth one point. A row's `spec` cell, for student S,
    /// finds its spec in this order: 1. a variant id equal to the cell; 2. the variant id
    /// `<cell>-<S>` (the cell may be a file name: `x.toml` looks for `x-<S>`); 3. the
    /// spec's path as named, its file name, or its stem. Two specs that share a variant
    /// id, file name or stem are an error only for a row that names them that way. A
    /// variant found by step 1 or 3 that was drawn for another student (`x-s009` named by
    /// s008) is an error when the book holds S's own variant of the same original
    /// (`x-s008`); variants handed out by hand (`x-7`) are graded for anyone.
    pub fn new(specs: Vec<Solved>) -> Book {
        let mut book = Book {
            entries: Vec::with_capacity(specs.len()),
            by_variant: HashMap::new(),
            by_name: HashMap::new(),
            names: Vec::new(),
        };
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
            let label = solved.variant.clone().unwrap_or(stem);
            book.entries.push(Entry {
                solved,
                graded,
                label,
                columns: Vec::new(),
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
    /// A variant found by its id or file name (steps 1 and 3) that was drawn for another
    /// student is refused when the book also holds this student's own variant of the same
    /// original: `simple_network-s009` for s008, when `simple_network-s008` is in the book.
    /// Without one (variants handed out by hand, `simple_network-7`) it is graded.
    pub(crate) fn find(&self, cell: &str, student: &str) -> Result<usize, String> {
        if let Some(found) = self.by_variant.get(cell) {
            return self
                .one(cell, "variant id", found)
                .and_then(|i| self.mine(i, student));
        }
        let base = cell.strip_suffix(".toml").unwrap_or(cell);
        if let Some(found) = self.by_variant.get(&format!("{base}-{student}")) {
            return self.one(cell, "variant id", found);
        }
        if let Some(found) = self.by_name.get(cell) {
            return self
                .one(cell, "file name", found)
                .and_then(|i| self.mine(i, student));
        }
        Err(format!(
            "no spec `{}` among the {} graded (looked for a variant id `{0}` or `{}-{}`, then a file name or stem)",
            clip(cell, 60),
            self.entries.len(),
            clip(base, 60),
            clip(student, 40),
        ))
    }

    /// Spec `i`, unless it is a variant drawn for another student and this student has a
    /// variant of the same original: for some split of its id `P-rest`, the book holds
    /// `P-<student>`, a variant other than this one. A variant whose id ends in
    /// `-<student>` is the student's own.
    fn mine(&self, i: usize, student: &str) -> Result<usize, String> {
        let Some(variant) = &self.entries[i].solved.variant else {
            return Ok(i);
        };
        if variant
            .strip_suffix(student)
            .is_some_and(|p| p.ends_with('-'))
        {
            return Ok(i);
        }
        let own = variant
            .match_indices('-')
            .map(|(at, _)| format!("{}-{student}", &variant[..at]))
            .find(|own| own != variant && self.by_variant.contains_key(own));
        match own {
            None => Ok(i),
            Some(own) => Err(format!(
                "variant `{}` was drawn for another student; `{}` is this student's",
                clip(variant, 60),
                clip(&own, 100)
            )),
        }
    }

    fn one(&self, cell: &str, how: &str, found: &[usize]) -> Result<usize, String> {
        match found {
            [i] => Ok(*i),
            _ => {
                let files: Vec<String> = found
                    .iter()
                    .take(4)
                    .map(|&i| clip(&self.entries[i].solved.file, 80))
                    .collect();
                let more = if found.len() > 4 { ", …" } else { "" };
                Err(format!(
                    "`{}` is the {how} of {} specs ({}{more}); name one by its path or variant id",
                    clip(cell, 60),
                    found.len(),
                    files.join(", ")
                ))
            }
        }
    }
}
