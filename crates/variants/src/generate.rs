//! Drawing every student's variant: seeded draws, redrawn (a bounded number of times)
//! while the kind calls them unfit or they repeat an earlier variant, then written as
//! specs whose keys are checked by solving them again.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use nnhw_core::registry::{self, Kind};
use nnhw_core::rng::Rng;
use nnhw_core::spec::Document;
use nnhw_core::variants::Variants;
use nnhw_core::{Answer, FieldError, Fitness, Report, Solved, SpecError};
use rayon::prelude::*;

use crate::repeat::Taken;
use crate::{every, names, seed, spec};

/// Most variants one run writes.
pub const MAX_VARIANTS: usize = 100_000;
/// Most draws tried for one variant before the ranges are called too narrow. Where half
/// the draws are unfit, 100 in a row fail with odds of 2⁻¹⁰⁰; and a table that is hopeless
/// for a costly spec (a 5,000-unit region solves in 0.3 s) fails in half a minute, not
/// in five.
pub const MAX_ATTEMPTS: usize = 100;

/// Why a draw that repeats an earlier variant is thrown away.
const REPEAT: &str = "the same params or answers as another variant";
/// Longest student id, in characters.
pub const MAX_ID_CHARS: usize = 100;

/// One student's variant.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The student id it was drawn for.
    pub student: String,
    /// Its id, `<stem>-<student>`, written into the spec as `variant`.
    pub id: String,
    /// The file it goes to, `<stem>-<student>.toml` with unsafe characters replaced.
    pub file_name: String,
    /// The complete spec.
    pub text: String,
}

/// The variants of one spec, and why draws were thrown away.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// One per student id, in the order the ids were given.
    pub variants: Vec<Variant>,
    /// (reason, how many draws) for every draw thrown away, most frequent first.
    pub redrawn: Vec<(String, usize)>,
}

/// A fit draw and the generator it came from (kept to draw again if it is a repeat).
pub(crate) struct Drawn {
    /// The `[params]` table as TOML text, all a variant keeps of its params: two
    /// variants must not share it.
    pub(crate) canonical: String,
    /// The graded answers, all a variant keeps of its report: two variants must not
    /// share them either (one student could copy another's answers).
    pub(crate) answers: Arc<[Answer]>,
    pub(crate) rng: Rng,
    pub(crate) redrawn: Vec<String>,
}

/// The spec the variants are drawn from.
pub(crate) struct Origin<'a> {
    pub(crate) file: &'a str,
    stem: String,
    kind: &'static Kind,
    pub(crate) variants: Variants,
    pub(crate) params: toml::Table,
    tolerance: Option<toml::Value>,
    statement: Option<toml::Value>,
    title: Option<String>,
    pub(crate) solved: Solved,
    graded: Vec<String>,
}

/// Draws one variant per id of the spec `text` (named `file`). `tick` is called once per
/// variant finished. Fails, writing nothing, on a spec without `[variants]`, bad ids, or
/// ranges so narrow that some id finds no fit draw in [`MAX_ATTEMPTS`].
pub fn generate(
    file: &str,
    text: &str,
    seed: u64,
    ids: &[String],
    tick: &(dyn Fn() + Sync),
) -> Result<Generated, SpecError> {
    let done = std::sync::Mutex::new(Vec::with_capacity(ids.len()));
    let redrawn = generate_each(file, text, seed, ids, tick, &|i, variant| {
        done.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((i, variant));
        Ok(())
    })?;
    let mut done = done
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    done.sort_by_key(|(i, _)| *i);
    let variants = done.into_iter().map(|(_, v)| v).collect();
    Ok(Generated { variants, redrawn })
}

/// As [`generate`], but hands each variant, with its id's index, to `each` as soon as it
/// is proved (from any thread, in no set order) rather than keeping them all: 10⁵
/// variants are written without being held at once. Returns [`Generated::redrawn`].
/// An error from `each` (a file that could not be written) stops the run.
pub fn generate_each(
    file: &str,
    text: &str,
    seed: u64,
    ids: &[String],
    tick: &(dyn Fn() + Sync),
    each: &(dyn Fn(usize, Variant) -> Result<(), String> + Sync),
) -> Result<Vec<(String, usize)>, SpecError> {
    let origin = origin(file, text)?;
    let names = names::file_names(file, &origin.stem, ids)?;
    // A table too small for the class is refused before any student's draws; where it is
    // small enough to solve whole, a student whose draws all fail takes a free one from it.
    let pool = every::pool(&origin, text, ids.len())?;
    let fallback = |i: usize, rng: &Rng, taken: &Taken, why: String| {
        pool.as_ref()
            .and_then(|pool| pool.free(rng, taken))
            .ok_or_else(|| too_narrow(&origin, text, &ids[i], &why))
    };

    let seeds: Vec<u64> = ids
        .iter()
        .map(|id| seed::for_student(&origin.stem, seed, id))
        .collect();
    let tolerance = origin.solved.tolerance;
    let mut first: Vec<Result<Drawn, String>> = seeds
        .par_iter()
        .map(|&s| draw_fit(&origin, Rng::new(s), &Taken::new(tolerance)))
        .collect();
    // Two students whose draws repeat each other's params or key: the one whose seed is
    // smaller keeps it and the other draws again. Deciding by seed rather than by roster
    // position keeps a student's variant the same whatever order the roster is in.
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by_key(|&i| (seeds[i], i));
    let mut drawn: Vec<Option<Drawn>> = (0..ids.len()).map(|_| None).collect();
    let mut taken = Taken::new(tolerance);
    for i in order {
        let result = std::mem::replace(&mut first[i], Err(String::new()));
        let d = match result {
            Ok(d) if !taken.has_params(&d.canonical) && !taken.has_key(&d.answers) => d,
            Ok(mut d) => {
                let earlier = std::mem::take(&mut d.redrawn);
                let mut again = match draw_fit(&origin, d.rng.clone(), &taken) {
                    Ok(again) => again,
                    Err(why) => fallback(i, &d.rng, &taken, why)?,
                };
                again.redrawn.splice(0..0, earlier);
                again
            }
            Err(why) => fallback(i, &Rng::new(seeds[i]), &taken, why)?,
        };
        taken.insert(&d.canonical, Arc::clone(&d.answers));
        drawn[i] = Some(d);
    }
    drop((pool, taken));
    let drawn: Vec<Drawn> = drawn.into_iter().flatten().collect();

    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for reason in drawn.iter().flat_map(|d| &d.redrawn) {
        *counts.entry(reason.clone()).or_default() += 1;
    }
    let mut redrawn: Vec<(String, usize)> = counts.into_iter().collect();
    redrawn.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

    let header = spec::Header {
        origin: file,
        kind: origin.kind.name,
        title: origin.title.as_deref(),
        tolerance: origin.tolerance.as_ref(),
        statement: origin.statement.as_ref(),
        seed,
    };
    ids.par_iter()
        .zip(names)
        .zip(drawn)
        .enumerate()
        .try_for_each(|(i, ((student, file_name), d))| {
            let id = format!("{}-{student}", origin.stem);
            let text = spec::text(
                &header,
                &id,
                student,
                &d.canonical,
                &d.answers,
                &origin.graded,
            )
            .map_err(|e| SpecError::whole_file(file, format!("variant {id}: {e}")))?;
            prove_key(&file_name, &text)?;
            let variant = Variant {
                student: student.clone(),
                id,
                file_name,
                text,
            };
            each(i, variant).map_err(|e| {
                SpecError::whole_file(file, format!("the variants could not be written: {e}"))
            })?;
            tick();
            Ok(())
        })?;
    Ok(redrawn)
}

fn origin<'a>(file: &'a str, text: &str) -> Result<Origin<'a>, SpecError> {
    let solved = nnhw_grade::solve_text(file, text, false)?;
    let doc = Document::parse(file, text)?;
    let variants = Variants::read(&doc)?.ok_or_else(|| {
        SpecError::whole_file(
            file,
            "has no [variants] table: add one saying which params to draw (docs/class.md, \"Variants\")",
        )
    })?;
    let kind = registry::find(solved.kind)
        .ok_or_else(|| SpecError::whole_file(file, "its kind is not registered"))?;
    let whole: toml::Table =
        toml::from_str(text).map_err(|e| SpecError::whole_file(file, e.to_string()))?;
    let params = match whole.get("params") {
        Some(toml::Value::Table(t)) => t.clone(),
        _ => return Err(SpecError::whole_file(file, "[params] is not a table")),
    };
    let named: Vec<String> = solved
        .report
        .answers
        .iter()
        .zip(&solved.checks)
        .filter(|(_, check)| check.is_some())
        .map(|(a, _)| a.name.clone())
        .collect();
    // Without a key, every answer a key can state is graded.
    let graded = if named.is_empty() {
        solved
            .report
            .answers
            .iter()
            .filter(|a| spec::key(&a.value).is_some())
            .map(|a| a.name.clone())
            .collect()
    } else {
        named
    };
    let stem = Path::new(file)
        .file_stem()
        .map_or_else(|| "spec".to_string(), |s| s.to_string_lossy().into_owned());
    Ok(Origin {
        file,
        stem,
        kind,
        variants,
        params,
        tolerance: whole.get("tolerance").cloned(),
        statement: whole.get("statement").cloned(),
        title: whole
            .get("title")
            .and_then(|t| t.as_str())
            .map(str::to_string),
        solved,
        graded,
    })
}

/// Draws until the kind finds a draw fit and it is not in `taken`; `Err` says why every
/// one of [`MAX_ATTEMPTS`] draws was thrown away.
fn draw_fit(origin: &Origin<'_>, mut rng: Rng, taken: &Taken) -> Result<Drawn, String> {
    let mut redrawn = Vec::new();
    for _ in 0..MAX_ATTEMPTS {
        let mut params = origin.params.clone();
        origin.variants.draw(&mut params, &mut rng);
        let canonical = canonical(&params)?;
        if taken.has_params(&canonical) {
            redrawn.push(REPEAT.to_string());
            continue;
        }
        match fit(origin, &canonical) {
            Err(refused) => redrawn.push(refused),
            Ok(answers) if taken.has_key(&answers) => redrawn.push(REPEAT.to_string()),
            Ok(answers) => {
                return Ok(Drawn {
                    canonical,
                    answers: answers.into(),
                    rng,
                    redrawn,
                });
            }
        }
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &redrawn {
        *counts.entry(r).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    Err(counts
        .iter()
        .take(3)
        .map(|(r, n)| format!("{n} × {r}"))
        .collect::<Vec<_>>()
        .join(", "))
}

/// `[params]` as TOML text.
pub(crate) fn canonical(params: &toml::Table) -> Result<String, String> {
    let mut whole = toml::Table::new();
    whole.insert("params".into(), toml::Value::Table(params.clone()));
    toml::to_string(&whole).map_err(|e| e.to_string())
}

/// The graded answers of drawn params (`[params]` as TOML text); `Err` says why the kind
/// refuses them or calls them unfit.
pub(crate) fn fit(origin: &Origin<'_>, params: &str) -> Result<Vec<Answer>, String> {
    let fitness = Fitness {
        original: &origin.solved.report,
        tolerance: origin.solved.tolerance,
    };
    let (problem, report) = solve(origin, params)?;
    if let Some(reason) = registry::unfit(&*problem, &report, &fitness, &origin.graded) {
        return Err(reason);
    }
    let mut answers = report.answers;
    Ok(origin
        .graded
        .iter()
        .filter_map(|name| {
            let at = answers.iter().position(|a| &a.name == name)?;
            let mut answer = answers.swap_remove(at);
            answer.hints = Vec::new();
            answer.exact = None;
            Some(answer)
        })
        .collect())
}

/// Builds and solves drawn params (`[params]` as TOML text); `Err` is the kind's reason
/// for refusing them.
fn solve(
    origin: &Origin<'_>,
    params: &str,
) -> Result<(Box<dyn nnhw_core::Problem>, Report), String> {
    let mut text = String::from("kind = \"\"\n");
    text.push_str(params);
    let doc = Document::parse(origin.file, &text).map_err(|e| e.message)?;
    let problem = (origin.kind.build)(&doc.params()).map_err(|e: FieldError| {
        format!(
            "params.{} is refused ({})",
            e.path,
            nnhw_core::text::one_line(&e.message, 80)
        )
    })?;
    let report = problem.solve();
    Ok((problem, report))
}

fn too_narrow(origin: &Origin<'_>, text: &str, id: &str, why: &str) -> SpecError {
    at_table(
        origin,
        text,
        format!(
            "no fit draw for student {} in {MAX_ATTEMPTS} tries ({why}): widen the ranges or draw fewer params",
            nnhw_core::text::one_line(id, 40)
        ),
    )
}

/// An error at the spec's `[variants]` table.
pub(crate) fn at_table(origin: &Origin<'_>, text: &str, message: String) -> SpecError {
    match Document::parse(origin.file, text) {
        Ok(doc) => doc.locate(FieldError::new("variants", message)),
        Err(e) => e,
    }
}

/// Solves a written variant and checks its key: a key that does not hold is a bug here,
/// never something to hand to a class.
fn prove_key(file_name: &str, text: &str) -> Result<(), SpecError> {
    let solved = nnhw_grade::solve_text(file_name, text, false)?;
    if solved.all_passed() {
        Ok(())
    } else {
        let detail: Vec<String> = solved
            .checks
            .iter()
            .flatten()
            .filter(|c| !c.passed)
            .map(|c| c.detail.clone())
            .collect();
        Err(SpecError::whole_file(
            file_name,
            format!(
                "the solver's own key does not check ({}); please report this",
                detail.join("; ")
            ),
        ))
    }
}
