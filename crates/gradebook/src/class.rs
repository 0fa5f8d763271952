//! Who handed in what: every student's graded problems, so that a second submission of a
//! problem is caught as it streams past (the first one counts: a row already written
//! cannot be taken back), and so that, at the end, every problem a student was asked and
//! did not submit, and every student on the roster who submitted nothing, leaves a trace.
//!
//! This is the one thing grading keeps as it streams, so it is kept small: the ids in one
//! string, a student as the offset of their id in it and the head of their list, and each
//! graded (student, problem) pair as one link in one vector: about 30 bytes a student
//! besides their id, and 16 a pair. Memory grows with the class, not with the rows.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use nnhw_grade::clip;

use crate::row::ours;
use crate::{Book, Shard};

/// No more links.
const END: u32 = u32::MAX;

/// The students seen so far.
#[derive(Default)]
pub(crate) struct Class {
    /// Every student id, one after another, in the order first seen.
    ids: String,
    /// Where each student's id starts in `ids` (it ends where the next one starts).
    starts: Vec<u64>,
    /// Each student's latest graded pair, or [`END`].
    heads: Vec<u32>,
    /// Students by id (an index into `starts`).
    index: HashTable<u32>,
    hasher: std::hash::RandomState,
    /// Graded pairs, linked per student.
    links: Vec<Link>,
}

struct Link {
    spec: u32,
    next: u32,
    line: u64,
}

impl Class {
    fn id(&self, i: usize) -> &str {
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.ids.len(), |&e| e as usize);
        &self.ids[self.starts[i] as usize..end]
    }

    fn find(&self, student: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(student);
        self.index
            .find(hash, |&i| self.id(i as usize) == student)
            .map(|&i| i as usize)
    }

    fn at(&mut self, student: &str) -> usize {
        if let Some(i) = self.find(student) {
            return i;
        }
        let i = self.starts.len();
        self.starts.push(self.ids.len() as u64);
        self.ids.push_str(student);
        self.heads.push(END);
        let Class {
            index,
            hasher,
            ids,
            starts,
            ..
        } = self;
        index.insert_unique(hasher.hash_one(student), i as u32, |&j| {
            let j = j as usize;
            let end = starts.get(j + 1).map_or(ids.len(), |&e| e as usize);
            hasher.hash_one(&ids[starts[j] as usize..end])
        });
        i
    }

    /// The student's graded pairs, latest first.
    fn graded(&self, i: usize) -> impl Iterator<Item = &Link> {
        let mut next = self.heads[i];
        std::iter::from_fn(move || {
            let link = self.links.get(next as usize)?;
            next = link.next;
            Some(link)
        })
    }

    /// Notes a row of `student` (graded or not).
    pub(crate) fn saw(&mut self, student: &str) {
        if !student.is_empty() {
            self.at(student);
        }
    }

    /// Records that `student` was graded on spec `spec` at `line`; `Err` with the sentence
    /// to report when they were already graded on the same problem (the same spec, or
    /// another variant of it).
    pub(crate) fn submit(
        &mut self,
        book: &Book,
        student: &str,
        spec: usize,
        line: usize,
    ) -> Result<(), String> {
        let i = self.at(student);
        let problem = &book.entry(spec).problem;
        // One pass over the student's list (latest first): how many, and the first.
        let (earlier, first) = self
            .graded(i)
            .filter(|l| book.entry(l.spec as usize).problem == *problem)
            .fold((0, None), |(n, _), l| (n + 1, Some(l)));
        if let Some(first) = first {
            let nth = match earlier + 1 {
                2 => "a second submission".to_string(),
                3 => "a third submission".to_string(),
                n => format!("submission {n}"),
            };
            let (first_spec, at) = (first.spec as usize, first.line);
            let named = if first_spec == spec {
                String::new()
            } else {
                format!(" (this row names {})", clip(&book.entry(spec).label, 60))
            };
            let message = format!(
                "{nth} of {} by {}{named}; the first, on line {at}, counts and this one is not graded",
                clip(&book.entry(first_spec).label, 60),
                clip(student, 40),
            );
            // Kept, so that a third one is called the third.
            self.link(i, first_spec, at);
            return Err(message);
        }
        self.link(i, spec, line as u64);
        Ok(())
    }

    fn link(&mut self, student: usize, spec: usize, line: u64) {
        let next = self.heads[student];
        self.heads[student] = self.links.len() as u32;
        self.links.push(Link {
            spec: spec as u32,
            next,
            line,
        });
    }

    /// Whether `student` had a row.
    pub(crate) fn has(&self, student: &str) -> bool {
        self.find(student).is_some()
    }

    /// Every student seen, in the order first seen.
    pub(crate) fn students(&self) -> impl Iterator<Item = &str> + Clone {
        (0..self.starts.len()).map(|i| self.id(i))
    }

    /// Hands `each` every problem asked and not submitted, (student, spec), by the
    /// students seen (in the order seen) and then by the roster's students of this shard
    /// who have no row at all (in roster order); returns those absent students.
    pub(crate) fn unanswered<E>(
        &self,
        book: &Book,
        roster: Option<&[String]>,
        shard: Option<Shard>,
        mut each: impl FnMut(&str, usize) -> Result<(), E>,
    ) -> Result<Vec<String>, E> {
        for i in 0..self.starts.len() {
            let id = self.id(i);
            for spec in book.asked_of(id) {
                let problem = &book.entry(spec).problem;
                if !self
                    .graded(i)
                    .any(|l| book.entry(l.spec as usize).problem == *problem)
                {
                    each(id, spec)?;
                }
            }
        }
        let mut absent = Vec::new();
        for student in roster.unwrap_or_default() {
            if self.find(student).is_some() || !ours(shard, student) {
                continue;
            }
            for spec in book.asked_of(student) {
                each(student, spec)?;
            }
            absent.push(student.clone());
        }
        Ok(absent)
    }
}
