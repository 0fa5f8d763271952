//! `runner variants`: one variant of a spec per student, drawn by nnhw-variants and
//! written into a directory, with a line saying what was written and what was redrawn.

use std::io::Write;
use std::path::Path;

use nnhw_core::SpecError;
use nnhw_variants::write::WriteError;

use crate::{BAD_INPUT, OK, progress};

/// Who the variants are for.
pub enum Students<'a> {
    /// Ids 1 to N.
    Count(usize),
    /// The first column of a CSV roster.
    Roster(&'a Path),
}

/// Draws and writes the variants; 0 when all were written, 2 on bad input (nothing is
/// written then).
pub fn run(
    spec: &Path,
    students: Students<'_>,
    seed: u64,
    out_dir: &Path,
    err: &mut dyn Write,
) -> u8 {
    match generate(spec, students, seed, out_dir) {
        Ok(line) => {
            let _ = writeln!(err, "{line}");
            OK
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            BAD_INPUT
        }
    }
}

fn generate(
    spec: &Path,
    students: Students<'_>,
    seed: u64,
    out_dir: &Path,
) -> Result<String, SpecError> {
    let file = spec.display().to_string();
    let text = nnhw_core::spec::read_text(spec, &file)?;
    let ids: Vec<String> = match students {
        Students::Count(n) => (1..=n).map(|i| i.to_string()).collect(),
        Students::Roster(path) => nnhw_variants::roster::read(path, &path.display().to_string())?,
    };
    let unwritten = |e: WriteError| {
        SpecError::whole_file(&file, format!("the variants could not be written: {e}"))
    };
    // Each variant is staged as soon as it is proved, so that a class's files are never
    // all held at once; dropped on an error, the staging leaves --out as it was.
    let staged = nnhw_variants::write::Staged::new(out_dir).map_err(unwritten)?;
    let bar = progress::Progress::counting(ids.len(), "variants");
    let redrawn =
        nnhw_variants::generate_each(&file, &text, seed, &ids, &|| bar.tick(), &|_, v| {
            staged.add(&v.file_name, &v.text)
        })?;
    bar.finish();
    staged.commit().map_err(unwritten)?;
    let dir = out_dir.display().to_string();
    let mut line = format!(
        "{} of {file} (seed {seed}) written to {dir}",
        nnhw_core::format::count(ids.len(), "variant", "variants")
    );
    let total: usize = redrawn.iter().map(|(_, n)| n).sum();
    if total == 0 {
        line.push_str("; no draw was redrawn");
    } else {
        let why: Vec<String> = redrawn
            .iter()
            .map(|(reason, n)| format!("{n} {reason}"))
            .collect();
        line.push_str(&format!(
            "; {} redrawn: {}",
            nnhw_core::format::count(total, "draw", "draws"),
            why.join(", ")
        ));
    }
    Ok(line)
}
