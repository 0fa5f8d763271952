//! Why a text could not be read, pointing at the character.

/// What is wrong with a text, and where (a character index into the text given).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    /// Character index of the problem in the text.
    pub position: usize,
    /// What is wrong.
    pub message: String,
}

impl ReadError {
    /// An error at character `position`.
    pub fn at(position: usize, message: impl Into<String>) -> ReadError {
        ReadError {
            position,
            message: message.into(),
        }
    }

    /// The text with a caret under the problem, on two lines; a long text is cut to the
    /// 40 characters either side of the problem, and control characters are escaped.
    pub fn caret(&self, text: &str) -> String {
        const SIDE: usize = 40;
        let chars: Vec<char> = text.chars().collect();
        let position = self.position.min(chars.len());
        let start = position.saturating_sub(SIDE);
        let end = (position + SIDE).min(chars.len());
        let lead = if start > 0 { "…" } else { "" };
        let tail = if end < chars.len() { "…" } else { "" };
        let shown: String = chars[start..end].iter().map(|&c| visible(c)).collect();
        let offset = chars[start..position]
            .iter()
            .map(|&c| visible(c).chars().count())
            .sum::<usize>()
            + lead.chars().count();
        format!(
            "{lead}{shown}{tail}\n{}^ {}",
            " ".repeat(offset),
            self.message
        )
    }
}

/// A character as it can be shown on one line.
fn visible(c: char) -> String {
    nnhw_core::text::escaped(c)
}

/// At most `n` characters of `text`, escaped onto one line, with `…` when cut.
pub fn clip(text: &str, n: usize) -> String {
    nnhw_core::text::one_line(text, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caret_points_at_the_character() {
        let e = ReadError::at(2, "this `(` is never closed");
        assert_eq!(e.caret("2*(3+4"), "2*(3+4\n  ^ this `(` is never closed");
        let long = "1+".repeat(100) + "$";
        let e = ReadError::at(200, "no");
        assert_eq!(e.caret(&long).lines().nth(1).unwrap().find('^'), Some(41));
        assert_eq!(clip("a\nb", 5), "a\\nb");
    }
}
