//! nnhw-variants: every student their own numbers, with an honest key.
//!
//! A spec's `[variants]` table (read by nnhw-core) says which params are drawn and how.
//! This crate turns one spec into one variant per student id:
//! - [`seed`]: each id's draws come from a generator seeded by a stable hash of (spec
//!   stem, seed, id), so a variant is the same on every machine and does not depend on
//!   which other ids were asked for;
//! - [`generate`]: draws, builds and solves each variant, redraws the ones the kind calls
//!   unfit (`registry::unfit`: a graded number on a rounding boundary, or the kind's
//!   own `Problem::unfit`) or that repeat an earlier variant, and counts why; a
//!   repeat is the same params or a key another student could hand in and be judged
//!   right (`repeat`), and a table too small for the class is refused up front (`every`);
//! - [`spec`]: writes each variant as a complete spec whose `[expected]` key is the
//!   solver's answer, then re-solves it to prove the key holds;
//! - [`roster`]: student ids from the first column of a CSV; [`write`]: the files, all
//!   of them placed or none (an interrupted or failed run leaves the directory as it was).
//!
//! It is not a solver (the section crates are), holds no grading rule (nnhw-grade
//! checks every key), and is not the CLI (`runner variants` is).

mod every;
pub mod generate;
mod names;
mod origin;
mod repeat;
pub mod roster;
pub mod seed;
pub mod spec;
pub mod write;

pub use generate::{Generated, MAX_ATTEMPTS, MAX_VARIANTS, Variant, generate, generate_each};
