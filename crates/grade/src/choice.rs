//! Choices read from free text: an option's name, its text, or one of its synonyms,
//! after case, punctuation and spacing are folded, so `Decreases.`, `goes down` and
//! `"smaller"` all pick the option `smaller`.

use nnhw_core::Choosable;

/// Folds case, punctuation and spacing: `(a)` → `a`, `h_t = x_t` → `h t x t`,
/// `run-parity` → `run parity`.
pub fn fold(text: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            '−' => '-',
            '→' => {
                out.push_str(if out.is_empty() { "to" } else { " to" });
                gap = true;
                continue;
            }
            c => c,
        };
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            out.push(c);
            gap = false;
        } else {
            gap = true;
        }
    }
    out
}

/// Words that say nothing about which option is meant.
const FILLER: [&str; 12] = [
    "it", "its", "the", "becomes", "become", "gets", "get", "will", "be", "very", "is", "goes",
];

fn without_filler(folded: &str) -> String {
    folded
        .split(' ')
        .filter(|w| !FILLER.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The option `text` picks, if any.
pub fn pick(options: &[Choosable], text: &str) -> Option<usize> {
    let folded = fold(text);
    if folded.is_empty() {
        return None;
    }
    let spellings = |o: &Choosable| {
        std::iter::once(o.name.clone())
            .chain(std::iter::once(o.text.clone()))
            .chain(o.synonyms.iter().cloned())
            .map(|s| fold(&s))
            .collect::<Vec<_>>()
    };
    if let Some(i) = options.iter().position(|o| spellings(o).contains(&folded)) {
        return Some(i);
    }
    let bare = without_filler(&folded);
    if bare.is_empty() {
        return None;
    }
    options
        .iter()
        .position(|o| spellings(o).iter().any(|s| without_filler(s) == bare))
}

/// The options as a student reads them: `smaller, larger`.
pub fn listed(options: &[Choosable]) -> String {
    options
        .iter()
        .map(|o| o.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The option whose spelling is nearest a text that picked none, if one is close.
pub fn nearest<'o>(options: &'o [Choosable], text: &str) -> Option<&'o str> {
    let folded = fold(text);
    // `not 0` is no typo of `0`: a suggestion would point the wrong way.
    if folded
        .split(' ')
        .any(|w| matches!(w, "not" | "non" | "never" | "no" | "nonzero"))
    {
        return None;
    }
    let folded = folded.as_str();
    options
        .iter()
        .flat_map(|o| {
            std::iter::once(&o.name).chain(&o.synonyms).map(move |s| {
                (
                    strsim::normalized_levenshtein(&fold(s), folded),
                    o.name.as_str(),
                )
            })
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Vec<Choosable> {
        vec![
            Choosable::new("smaller", "smaller", &["decreases", "goes down"]),
            Choosable::new("larger", "larger", &["increases"]),
        ]
    }

    #[test]
    fn synonyms_pick_their_option() {
        let o = options();
        assert_eq!(pick(&o, "Decreases."), Some(0));
        assert_eq!(pick(&o, "it goes down"), Some(0));
        assert_eq!(pick(&o, "\"larger\""), Some(1));
        assert_eq!(pick(&o, "it becomes larger"), Some(1));
        assert_eq!(pick(&o, "sideways"), None);
        assert_eq!(pick(&o, "   "), None);
        assert_eq!(nearest(&o, "smallr"), Some("smaller"));
        assert_eq!(fold("(a)"), "a");
        assert_eq!(fold("h_t = x_(t-1)"), "h t x t 1");
    }
}
