//! Student ids as file names: `<stem>-<id>.toml`, with characters unsafe in a file name
//! replaced, refusing ids that are empty, too long, repeated, or that name the same file.

use std::collections::BTreeMap;

use nnhw_core::SpecError;

/// Most variants one run writes.
pub const MAX_VARIANTS: usize = 100_000;
/// Longest student id, in characters.
pub const MAX_ID_CHARS: usize = 100;

/// `<stem>-<id>.toml` per id, refusing ids that are empty, too long, repeated, or that
/// name the same file once unsafe characters are replaced.
pub fn file_names(file: &str, stem: &str, ids: &[String]) -> Result<Vec<String>, SpecError> {
    if ids.is_empty() {
        return Err(SpecError::whole_file(
            file,
            "no student ids: nothing to draw",
        ));
    }
    if ids.len() > MAX_VARIANTS {
        return Err(SpecError::whole_file(
            file,
            format!("{} variants asked for; at most {MAX_VARIANTS}", ids.len()),
        ));
    }
    let mut by_name: BTreeMap<String, &str> = BTreeMap::new();
    let mut names = Vec::with_capacity(ids.len());
    for id in ids {
        if id.is_empty() || id.chars().count() > MAX_ID_CHARS || id.chars().any(char::is_control) {
            return Err(SpecError::whole_file(
                file,
                format!(
                    "student id `{}`: an id has 1 to {MAX_ID_CHARS} characters, none of them control characters",
                    nnhw_core::text::one_line(id, 40)
                ),
            ));
        }
        let safe: String = id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let name = format!("{stem}-{safe}.toml");
        // Folded: on a case-insensitive file system (macOS, Windows) Ann and ann collide.
        if let Some(other) = by_name.insert(name.to_lowercase(), id) {
            let what = if other == id {
                "appears twice".to_string()
            } else {
                format!(
                    "and `{}` would both be written to {name} (file names are compared ignoring case)",
                    nnhw_core::text::one_line(other, 40)
                )
            };
            return Err(SpecError::whole_file(
                file,
                format!("student id `{}` {what}", nnhw_core::text::one_line(id, 40)),
            ));
        }
        names.push(name);
    }
    Ok(names)
}
