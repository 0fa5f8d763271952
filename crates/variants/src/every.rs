//! How many variants a `[variants]` table allows, known before any student's draws: a
//! class larger than the table's draws is refused at once, and a table small enough to
//! solve whole (and not much larger than the class) is solved whole, so that a class
//! larger than its fit draws with distinct answers is refused too, and a student whose
//! seeded draws all fail takes a free one from it rather than failing after 100 tries.

use std::cell::Cell;
use std::sync::Arc;

use nnhw_core::rng::Rng;
use nnhw_core::{Answer, SpecError};
use rayon::prelude::*;

use crate::origin::{Drawn, Origin, at_table, canonical, fit};
use crate::repeat::Taken;

/// Most draws a table may allow for it to be solved whole.
pub const MAX_SOLVED_WHOLE: u64 = 100_000;
/// A table is solved whole only when it allows at most this many draws per variant asked
/// for: past that, seeded draws find a free one in a few tries.
const WHOLE_PER_VARIANT: u64 = 4;

/// A fit draw: its `[params]` as TOML text, and its graded answers.
type Fit = (String, Arc<[Answer]>);

/// Every fit draw of a table, in the table's order.
pub(crate) struct Pool {
    fit: Vec<Fit>,
    /// Draws before this one were all taken when last looked at (and taken ones stay so).
    next: Cell<usize>,
}

/// Refuses a class larger than the table allows; the table's fit draws when it is small
/// enough to solve whole for `asked` variants.
pub(crate) fn pool(
    origin: &Origin<'_>,
    text: &str,
    asked: usize,
) -> Result<Option<Pool>, SpecError> {
    let possible = origin.draws.count(&origin.params);
    let asked_u64 = asked as u64;
    if possible < asked_u64 {
        return Err(at_table(
            origin,
            text,
            format!(
                "the table allows {possible} different draws, fewer than the {asked} variants asked for: widen its ranges or draw more params"
            ),
        ));
    }
    if possible > MAX_SOLVED_WHOLE || possible > asked_u64.saturating_mul(WHOLE_PER_VARIANT) {
        return Ok(None);
    }
    let solved: Vec<Option<Fit>> = (0..possible)
        .into_par_iter()
        .map(|i| {
            let mut params = origin.params.clone();
            origin.draws.nth(&mut params, i);
            let text = canonical(&params).ok()?;
            let answers = fit(origin, &text).ok()?.into();
            Some((text, answers))
        })
        .collect();
    let fit: Vec<_> = solved.into_iter().flatten().collect();
    let mut taken = Taken::new(origin.solved.tolerance);
    for (params, answers) in &fit {
        if !taken.has_params(params) && !taken.has_key(answers) {
            taken.insert(params, Arc::clone(answers));
        }
    }
    if taken.len() < asked {
        return Err(at_table(
            origin,
            text,
            format!(
                "the table allows {possible} different draws; {} of them are fit, and only {} have answers no other has, fewer than the {asked} variants asked for: widen its ranges or draw more params",
                fit.len(),
                taken.len()
            ),
        ));
    }
    Ok(Some(Pool {
        fit,
        next: Cell::new(0),
    }))
}

impl Pool {
    /// The first fit draw, in the table's order, that repeats nothing taken.
    pub(crate) fn free(&self, rng: &Rng, taken: &Taken) -> Option<Drawn> {
        for at in self.next.get()..self.fit.len() {
            let (text, answers) = &self.fit[at];
            if !taken.has_params(text) && !taken.has_key(answers) {
                self.next.set(at + 1);
                return Some(Drawn {
                    canonical: text.clone(),
                    answers: Arc::clone(answers),
                    rng: rng.clone(),
                    redrawn: Vec::new(),
                });
            }
        }
        self.next.set(self.fit.len());
        None
    }
}
