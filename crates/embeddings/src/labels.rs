//! Word labels: a long word is cut so its label stays a label. Where each goes is
//! nnhw-plot's [`Labels`](nnhw_plot::Labels): beside its marker, clear of every other
//! marker, region edge and word.

/// Longest label in characters; longer words are cut with an ellipsis.
const LONGEST: usize = 18;

/// `name` as a label: at most [`LONGEST`] characters.
pub fn clip(name: &str) -> String {
    if name.chars().count() <= LONGEST {
        name.to_string()
    } else {
        name.chars().take(LONGEST - 1).chain(['…']).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_are_cut() {
        assert_eq!(clip("cat"), "cat");
        assert_eq!(clip(&"x".repeat(30)).chars().count(), LONGEST);
        assert!(clip(&"x".repeat(30)).ends_with('…'));
    }
}
