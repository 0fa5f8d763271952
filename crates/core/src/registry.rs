//! The registry of problem kinds: each section crate submits a [`Kind`] per problem kind
//! with `inventory::submit!`, and the runner finds them here by name.

use crate::{FieldError, Figure, Params, Report};

/// A problem built from a spec's params: it can be solved and drawn.
pub trait Problem: Send + Sync {
    /// Computes the answers, with the working.
    fn solve(&self) -> Report;

    /// The figures worth looking at, each headed by `title` (the spec's); drawn only when
    /// the user asks for them. Empty for a kind that draws nothing.
    fn figures(&self, title: &str) -> Vec<Figure> {
        let _ = title;
        Vec::new()
    }
}

/// Builds a problem from a spec's `[params]`, validating them.
pub type Build = fn(&Params<'_>) -> Result<Box<dyn Problem>, FieldError>;

/// One registered problem kind.
pub struct Kind {
    /// The spec's `kind` value, `section.name` (`nn.feedforward`).
    pub name: &'static str,
    /// The homework section, number first (`1 Neural networks`); `runner list` groups by it.
    pub section: &'static str,
    /// One line saying what the kind solves.
    pub summary: &'static str,
    /// Deserializes and validates the params.
    pub build: Build,
}

inventory::collect!(Kind);

/// Every registered kind, sorted by section then name.
pub fn kinds() -> Vec<&'static Kind> {
    let mut all: Vec<&'static Kind> = inventory::iter::<Kind>.into_iter().collect();
    all.sort_by_key(|k| (k.section, k.name));
    all
}

/// The kind registered under `name`.
pub fn find(name: &str) -> Option<&'static Kind> {
    inventory::iter::<Kind>.into_iter().find(|k| k.name == name)
}

/// The registered name closest to a misspelt one, if any is close enough to be a typo.
pub fn nearest(name: &str) -> Option<&'static str> {
    let names = inventory::iter::<Kind>.into_iter().map(|k| k.name);
    closest(name, names)
}

fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .map(|c| (strsim::levenshtein(wanted, c), c))
        .filter(|&(d, _)| d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_only_plausible_typos() {
        let names = ["nn.feedforward", "nn.decision-region", "lstm.states"];
        assert_eq!(
            closest("nn.feedfoward", names.into_iter()),
            Some("nn.feedforward")
        );
        assert_eq!(
            closest("lstm.state", names.into_iter()),
            Some("lstm.states")
        );
        assert_eq!(closest("banana", names.into_iter()), None);
    }
}
