//! `runner export gradescope` and `runner autograde`: the specs collected, proved and
//! packed by nnhw-gradescope; one submission graded inside Gradescope.
//!
//! Export refuses rather than ship an autograder that would grade someone wrongly: every
//! spec must solve and match its key, every student on the roster must have a variant of
//! every problem that has variants, and no email or student id may find two students.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use nnhw_core::format::count;
use nnhw_gradescope::{Config, FORMAT_VERSION, Package, Student, Visibility};
use nnhw_variants::roster::Person;

use crate::error::Error;
use crate::{BAD_INPUT, OK};

/// What `runner export gradescope` was given.
pub struct Export<'a> {
    pub roster: &'a Path,
    pub out: &'a Path,
    pub seed: u64,
    pub reveal: bool,
    pub visibility: crate::Visibility,
    pub runner: Option<&'a Path>,
    pub specs: &'a [PathBuf],
}

/// Writes the autograder zip; the exit status.
pub fn export(args: &Export<'_>, err: &mut dyn Write) -> u8 {
    let people =
        match nnhw_variants::roster::people(args.roster, &args.roster.display().to_string())
            .map_err(Error::from)
            .and_then(|p| distinct(&args.roster.display().to_string(), p))
        {
            Ok(people) => people,
            Err(e) => {
                let _ = writeln!(err, "{e}");
                return BAD_INPUT;
            }
        };
    let solved = match crate::batch::solve_keyed(args.specs, nnhw_core::Figures::None, err) {
        Ok(solved) => solved,
        Err(status) => {
            let _ = writeln!(
                err,
                "no autograder written: every spec must solve and match its key first"
            );
            return status;
        }
    };
    let ids: Vec<String> = people.iter().map(|p| p.id.clone()).collect();
    let collected = match collect(&solved, &ids, args.seed) {
        Ok(collected) => collected,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return BAD_INPUT;
        }
    };
    let runner = match args.runner {
        Some(path) => path.to_path_buf(),
        None => match std::env::current_exe() {
            Ok(path) => path,
            Err(e) => {
                let _ = writeln!(
                    err,
                    "cannot find this runner to put in the zip ({e}): give one with --runner"
                );
                return BAD_INPUT;
            }
        },
    };
    let mut students = Vec::with_capacity(people.len());
    let mut missing = Vec::new();
    for person in people {
        let theirs = collected.owned.get(&person.id).cloned().unwrap_or_default();
        for problem in &collected.with_variants {
            if !theirs.iter().any(|(p, _)| p == problem) {
                missing.push(format!("{} has no variant of {problem}", person.id));
            }
        }
        students.push(Student {
            id: person.id,
            emails: person.emails,
            sids: person.sids,
            specs: theirs.into_iter().map(|(_, file)| file).collect(),
        });
    }
    if !missing.is_empty() {
        let _ = writeln!(
            err,
            "{}: {}{}; no autograder written: draw their variants with this roster (`runner variants --roster`) and give them too",
            args.roster.display(),
            missing
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join("; "),
            if missing.len() > 5 { "; …" } else { "" }
        );
        return BAD_INPUT;
    }
    let config = Config {
        format_version: FORMAT_VERSION,
        exported_by: format!("runner {}", env!("CARGO_PKG_VERSION")),
        reveal: args.reveal,
        visibility: match args.visibility {
            crate::Visibility::Visible => Visibility::Visible,
            crate::Visibility::AfterDueDate => Visibility::AfterDueDate,
            crate::Visibility::AfterPublished => Visibility::AfterPublished,
            crate::Visibility::Hidden => Visibility::Hidden,
        },
        common: collected.common.clone(),
        students,
    };
    let class = config.students.len();
    let package = Package {
        config,
        specs: collected.files,
        runner,
    };
    match nnhw_gradescope::write_zip(args.out, &package) {
        Ok(_) => {
            let mut line = format!(
                "{} written for {} on the roster",
                args.out.display(),
                count(class, "student", "students"),
            );
            if !collected.with_variants.is_empty() {
                line.push_str(&format!(
                    ", each with their own variant of {}",
                    count(collected.with_variants.len(), "problem", "problems")
                ));
                if collected.drawn > 0 {
                    line.push_str(&format!(
                        " ({} drawn with seed {})",
                        count(collected.drawn, "variant", "variants"),
                        args.seed
                    ));
                }
            }
            if !package.config.common.is_empty() {
                line.push_str(&format!(
                    "; {} everyone is asked",
                    count(package.config.common.len(), "spec", "specs")
                ));
            }
            if collected.left_out > 0 {
                line.push_str(&format!(
                    "; {} of students not on the roster left out",
                    count(collected.left_out, "variant", "variants")
                ));
            }
            let _ = writeln!(err, "{line}");
            if !package
                .config
                .students
                .iter()
                .any(|s| s.id.contains('@') || s.emails.iter().any(|e| e.contains('@')))
            {
                let _ = writeln!(
                    err,
                    "{}: warning: no student has an email (a column headed `email`, or an id that is one), and Gradescope names who submitted by email: only a `sid` Gradescope gives can find them",
                    args.roster.display()
                );
            }
            OK
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            BAD_INPUT
        }
    }
}

/// The roster, refused when an email or student id would find two students, the way
/// the autograder looks them up (`Config::find`): an email among the emails and ids, a
/// SID among the SIDs and ids.
fn distinct(file: &str, people: Vec<Person>) -> Result<Vec<Person>, Error> {
    let mut seen: HashMap<String, (u64, &str)> = HashMap::new();
    for person in &people {
        let emails = person
            .emails
            .iter()
            .chain(std::iter::once(&person.id))
            .map(|e| format!("email {}", e.trim().to_ascii_lowercase()));
        let sids = person
            .sids
            .iter()
            .chain(std::iter::once(&person.id))
            .map(|s| format!("student id {}", s.trim()));
        let mut own = std::collections::HashSet::new();
        for key in emails.chain(sids) {
            if !own.insert(key.clone()) {
                continue;
            }
            if let Some((line, other)) = seen.get(&key) {
                return Err(Error::FindsTwo {
                    file: file.to_string(),
                    line: person.line,
                    key: nnhw_core::text::one_line(&key, 60),
                    other: nnhw_core::text::one_line(other, 40),
                    first: *line,
                });
            }
            seen.insert(key, (person.line, &person.id));
        }
    }
    Ok(people)
}

/// The specs sorted out for the zip.
struct Collected {
    /// (file name in the zip, text) of every spec.
    files: Vec<(String, String)>,
    /// Specs everyone is asked.
    common: Vec<String>,
    /// Each student's variants, as (problem, file name).
    owned: HashMap<String, Vec<(String, String)>>,
    /// The problems that have variants.
    with_variants: Vec<String>,
    /// Variants drawn here.
    drawn: usize,
    /// Variants given for students not on the roster.
    left_out: usize,
}

fn collect(
    solved: &[(crate::SpecPath, nnhw_core::Solved)],
    ids: &[String],
    seed: u64,
) -> Result<Collected, Error> {
    let mut collected = Collected {
        files: Vec::new(),
        common: Vec::new(),
        owned: HashMap::new(),
        with_variants: Vec::new(),
        drawn: 0,
        left_out: 0,
    };
    let mut names: HashMap<String, String> = HashMap::new();
    let mut add = |collected: &mut Collected, name: String, text: String, from: &str| {
        if let Some(other) = names.get(&name.to_lowercase()) {
            return Err(Error::SameName {
                from: from.to_string(),
                other: other.clone(),
                name,
            });
        }
        names.insert(name.to_lowercase(), from.to_string());
        collected.files.push((name, text));
        Ok(())
    };
    let read = |spec: &crate::SpecPath| nnhw_core::spec::read_text(&spec.path, &spec.display);
    // Problems whose variants were given: their originals are not drawn again.
    let given: std::collections::HashSet<String> = solved
        .iter()
        .filter_map(|(_, s)| Some(problem(s.variant.as_deref()?, s.student.as_deref())))
        .collect();
    for (spec, s) in solved {
        let text = read(spec)?;
        let name = file_name(&spec.path);
        if let (Some(variant), Some(student)) = (&s.variant, &s.student) {
            let problem = problem(variant, Some(student));
            if !ids.contains(student) {
                collected.left_out += 1;
                continue;
            }
            add(&mut collected, name.clone(), text, &spec.display)?;
            collected
                .owned
                .entry(student.clone())
                .or_default()
                .push((problem.clone(), name));
            if !collected.with_variants.contains(&problem) {
                collected.with_variants.push(problem);
            }
            continue;
        }
        let stem = name.trim_end_matches(".toml").to_string();
        let has_table = text
            .parse::<toml::Table>()
            .is_ok_and(|t| t.contains_key("variants"));
        if !has_table {
            add(&mut collected, name.clone(), text, &spec.display)?;
            collected.common.push(name);
            continue;
        }
        if given.contains(&stem) {
            continue; // its variants are among the specs
        }
        let generated = nnhw_variants::generate(&spec.display, &text, seed, ids, &|| {})?;
        collected.with_variants.push(stem.clone());
        for v in generated.variants {
            collected.drawn += 1;
            add(
                &mut collected,
                v.file_name.clone(),
                v.text,
                &format!("{} (drawn for {})", spec.display, v.student),
            )?;
            collected
                .owned
                .entry(v.student)
                .or_default()
                .push((stem.clone(), v.file_name));
        }
    }
    Ok(collected)
}

/// The problem a variant poses: its id without `-<student>`.
fn problem(variant: &str, student: Option<&str>) -> String {
    student
        .and_then(|s| variant.strip_suffix(&format!("-{s}")))
        .unwrap_or(variant)
        .to_string()
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Grades one submission under `root`; 0 when results.json was written.
pub fn autograde(root: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if !root.join("source").is_dir() {
        let _ = writeln!(
            err,
            "{}: not an autograder's folder (it has no source/ with the unpacked zip): give Gradescope's /autograder, or the folder you unpacked it into, with --root",
            root.display()
        );
        return BAD_INPUT;
    }
    match nnhw_gradescope::autograde(root) {
        Ok(outcome) => {
            // For staff, in Gradescope's captured stdout.
            let _ = writeln!(
                out,
                "results.json: score {}{}",
                outcome.score,
                outcome
                    .max_score
                    .map_or_else(|| " (not graded)".to_string(), |m| format!(" of {m}"))
            );
            let _ = writeln!(out, "{}", outcome.output);
            OK
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            BAD_INPUT
        }
    }
}
