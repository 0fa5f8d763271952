//! Drawing every student's variant: seeded draws, redrawn (a bounded number of times)
//! while the kind calls them unfit or they repeat an earlier variant, then written as
//! specs whose keys are checked by solving them again.

use std::collections::BTreeMap;
use std::sync::Arc;

use nnhw_core::SpecError;
use nnhw_core::rng::Rng;
use rayon::prelude::*;

pub use crate::names::{MAX_ID_CHARS, MAX_VARIANTS};
use crate::origin::{Drawn, Origin, at_table, canonical, fit, origin};
use crate::repeat::Taken;
use crate::{every, names, seed, spec};

/// Most draws tried for one variant before the ranges are called too narrow. Where half
/// the draws are unfit, 100 in a row fail with odds of 2⁻¹⁰⁰; and a table that is hopeless
/// for a costly spec (a 5,000-unit region solves in 0.3 s) fails in half a minute, not
/// in five.
pub const MAX_ATTEMPTS: usize = 100;

/// Why a draw that repeats an earlier variant is thrown away.
const REPEAT: &str = "the same params or answers as another variant";
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
        Ok::<(), std::convert::Infallible>(())
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
pub fn generate_each<E: std::fmt::Display>(
    file: &str,
    text: &str,
    seed: u64,
    ids: &[String],
    tick: &(dyn Fn() + Sync),
    each: &(dyn Fn(usize, Variant) -> Result<(), E> + Sync),
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

/// Draws until the kind finds a draw fit and it is not in `taken`; `Err` says why every
/// one of [`MAX_ATTEMPTS`] draws was thrown away.
fn draw_fit(origin: &Origin<'_>, mut rng: Rng, taken: &Taken) -> Result<Drawn, String> {
    let mut redrawn = Vec::new();
    for _ in 0..MAX_ATTEMPTS {
        let mut params = origin.params.clone();
        origin.draws.draw(&mut params, &mut rng);
        let canonical = canonical(&params).map_err(|e| e.to_string())?;
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
