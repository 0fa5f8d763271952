//! `runner handout`: the question without its answer, a page per spec (per student for
//! the variants `runner variants` wrote), and `all.html` to print a whole class, each
//! student's sheets together. The pages come from nnhw-booklet; this module finds and
//! solves the specs, puts them in order, groups them by student and writes the files
//! all or nothing.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use nnhw_booklet::Sheet;
use nnhw_core::{Figures, Solved};
use rayon::prelude::*;

use crate::error::Error;
use crate::{BAD_INPUT, OK, figures};

/// The file that prints every sheet.
pub const ALL: &str = "all.html";

/// Writes the handouts of the specs under `paths` into `out_dir`; with a roster, one set
/// per student on it, in its order. 0 when all were written; nothing is written and 1 when
/// a spec's key does not hold, 2 when a spec is bad input or a student on the roster has
/// no variant.
pub fn run(paths: &[PathBuf], roster: Option<&Path>, out_dir: &Path, err: &mut dyn Write) -> u8 {
    let specs = match solve(paths, err) {
        Ok(specs) => specs,
        Err(status) => return status,
    };
    let roster = match crate::read_roster(roster, err) {
        Ok(roster) => roster,
        Err(status) => return status,
    };

    // all.html is taken: a spec named all.toml gets its directory's name before its own.
    let mut names = figures::Names::default();
    names.reserve(ALL.trim_end_matches(".html"));
    let sheets: Vec<(String, Sheet<'_>)> = specs
        .iter()
        .map(|(path, solved)| {
            let name = names.claim(path);
            let spec = solved.variant.clone().unwrap_or_else(|| stem(path));
            let student = solved.student.clone();
            (
                name,
                Sheet {
                    solved,
                    spec,
                    student,
                },
            )
        })
        .collect();
    if let Some(message) = ambiguous(&specs, &sheets) {
        let _ = writeln!(err, "{message}");
        return BAD_INPUT;
    }
    let (students, left_out) = match group(&sheets, roster.as_deref()) {
        Ok(grouped) => grouped,
        Err(message) => {
            let _ = writeln!(err, "{message}");
            return BAD_INPUT;
        }
    };

    let pages: Vec<(String, String)> = sheets
        .par_iter()
        .map(|(name, sheet)| {
            let title = match &sheet.student {
                Some(s) => format!("{} · {s}", sheet.solved.title),
                None => sheet.solved.title.clone(),
            };
            (
                format!("{name}.html"),
                nnhw_booklet::handout(&title, std::slice::from_ref(sheet)),
            )
        })
        .collect();
    let title = format!(
        "Handouts: {}",
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let all = nnhw_booklet::class(&title, &students);
    let mut files: Vec<(&str, &str)> = pages
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    files.push((ALL, &all));
    if let Err(e) = nnhw_variants::write::files_in(out_dir, &files) {
        let _ = writeln!(err, "the handouts could not be written: {e}");
        return BAD_INPUT;
    }
    let sets = students.len();
    let mut line = format!(
        "{} written to {}, and {ALL} to print {}",
        nnhw_core::format::count(pages.len(), "handout", "handouts"),
        out_dir.display(),
        match students.as_slice() {
            [(None, _)] => "them all".to_string(),
            _ => format!(
                "{} of sheets, one per student",
                nnhw_core::format::count(sets, "set", "sets")
            ),
        }
    );
    if left_out > 0 {
        line.push_str(&format!(
            "; {} for students not on the roster left out of {ALL}",
            nnhw_core::format::count(left_out, "variant", "variants")
        ));
    }
    let _ = writeln!(err, "{line}");
    OK
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "spec".to_string(), |s| s.to_string_lossy().into_owned())
}

/// Two sheets whose `spec` cell is the same (one stem in two directories, one variant
/// drawn twice): `runner grade` could not tell their rows apart, so neither is handed out.
fn ambiguous(specs: &[(PathBuf, Solved)], sheets: &[(String, Sheet<'_>)]) -> Option<String> {
    let mut files: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for ((path, _), (_, sheet)) in specs.iter().zip(sheets) {
        files
            .entry(sheet.spec.as_str())
            .or_default()
            .push(path.display().to_string());
    }
    let (spec, paths) = files.into_iter().find(|(_, paths)| paths.len() > 1)?;
    Some(format!(
        "`{}` would name {} on the answer sheets ({}): runner grade could not tell their rows apart; hand them out one at a time, or rename one",
        nnhw_core::text::one_line(spec, 80),
        nnhw_core::format::count(paths.len(), "spec", "specs"),
        paths
            .iter()
            .map(|p| nnhw_core::text::one_line(p, 120))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// Every spec solved with the figures that pose it, in homework order; `Err` is the exit
/// status after the reasons were written.
fn solve(paths: &[PathBuf], err: &mut dyn Write) -> Result<Vec<(PathBuf, Solved)>, u8> {
    match crate::batch::solve_keyed(paths, Figures::Question, err) {
        Ok(specs) => Ok(specs.into_iter().map(|(spec, s)| (spec.path, s)).collect()),
        Err(status) => {
            let _ = writeln!(
                err,
                "no handout written: every spec must solve and match its key first"
            );
            Err(status)
        }
    }
}

/// The sheets of each student, in print order, and how many variants were left out.
/// With a roster: its students in its order, each with every spec that is no variant
/// (their id filled in) and their own variants; when there are variants, a student on the
/// roster without one is an error. Without
/// one: the specs that are no variants first, then each student's variants, students in
/// natural order of their ids.
#[allow(clippy::type_complexity)]
fn group<'s>(
    sheets: &'s [(String, Sheet<'s>)],
    roster: Option<&[String]>,
) -> Result<(Vec<(Option<String>, Vec<Sheet<'s>>)>, usize), Error> {
    let common: Vec<&Sheet<'_>> = sheets
        .iter()
        .map(|(_, s)| s)
        .filter(|s| s.solved.student.is_none())
        .collect();
    let mut own: BTreeMap<String, Vec<&Sheet<'_>>> = BTreeMap::new();
    for (_, sheet) in sheets {
        if let Some(student) = &sheet.solved.student {
            own.entry(student.clone()).or_default().push(sheet);
        }
    }
    let copy = |s: &Sheet<'s>| Sheet {
        solved: s.solved,
        spec: s.spec.clone(),
        student: s.student.clone(),
    };
    let Some(roster) = roster else {
        let mut students: Vec<(Option<String>, Vec<Sheet<'s>>)> = Vec::new();
        if !common.is_empty() {
            students.push((None, common.iter().map(|s| copy(s)).collect()));
        }
        let mut ids: Vec<&String> = own.keys().collect();
        ids.sort_by_key(|id| natural(id));
        for id in ids {
            students.push((Some(id.clone()), own[id].iter().map(|s| copy(s)).collect()));
        }
        return Ok((students, 0));
    };
    let on_roster: HashSet<&str> = roster.iter().map(String::as_str).collect();
    let missing: Vec<&str> = roster
        .iter()
        .map(String::as_str)
        .filter(|id| !own.contains_key(*id))
        .collect();
    if !own.is_empty() && !missing.is_empty() {
        let shown: Vec<String> = missing
            .iter()
            .take(10)
            .map(|id| nnhw_core::text::one_line(id, 40))
            .collect();
        return Err(Error::NoVariant {
            students: nnhw_core::format::count(missing.len(), "student", "students"),
            have: if missing.len() == 1 { "has" } else { "have" },
            shown: shown.join(", ") + if missing.len() > 10 { ", …" } else { "" },
        });
    }
    let left_out = own
        .iter()
        .filter(|(id, _)| !on_roster.contains(id.as_str()))
        .map(|(_, v)| v.len())
        .sum();
    let students = roster
        .iter()
        .map(|id| {
            // A spec that is no variant is the same for everyone: this student's id goes on it.
            let mut sets: Vec<Sheet<'s>> = common
                .iter()
                .map(|s| Sheet {
                    student: Some(id.clone()),
                    ..copy(s)
                })
                .collect();
            sets.extend(own.get(id).into_iter().flatten().map(|s| copy(s)));
            (Some(id.clone()), sets)
        })
        .collect();
    Ok((students, left_out))
}

/// A key that orders ids as people do: `s2` before `s10`.
fn natural(id: &str) -> Vec<(String, u128)> {
    let mut key = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in id.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                key.push((
                    std::mem::take(&mut text),
                    digits.parse().unwrap_or(u128::MAX),
                ));
                digits.clear();
            }
            text.push(c);
        }
    }
    key.push((text, digits.parse().unwrap_or(0)));
    key
}

#[cfg(test)]
mod tests {
    use super::natural;

    #[test]
    fn ids_sort_naturally() {
        let mut ids = ["s10", "s2", "s1", "a", "s2b"];
        ids.sort_by_key(|id| natural(id));
        assert_eq!(ids, ["a", "s1", "s2", "s2b", "s10"]);
    }
}
