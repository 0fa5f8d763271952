//! Text echoed from input into a message: on one line, escaped, clipped. A spec's string
//! or a file name can hold a newline (which would forge a second `file:line:col:`
//! message), a NUL, an ANSI escape or a direction control; none reaches the terminal.

/// Whether `c` changes how a terminal shows what follows it rather than showing itself.
fn unshowable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{00AD}'
        )
}

/// One character as it can be shown on one line: itself, or escaped.
pub fn escaped(c: char) -> String {
    if unshowable(c) {
        c.escape_default().to_string()
    } else {
        c.to_string()
    }
}

/// `text` on one line: unshowable characters escaped (`\n`, `\u{1b}`), at most `max`
/// characters, `…` where it was cut.
pub fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut shown = 0;
    for c in text.chars() {
        let piece = escaped(c);
        shown += piece.chars().count();
        if shown > max {
            out.push('…');
            return out;
        }
        out.push_str(&piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_long_text_clipped() {
        assert_eq!(
            one_line("a\nb.toml:1:1: forged", 100),
            "a\\nb.toml:1:1: forged"
        );
        assert_eq!(one_line("\u{1b}[31mred\0", 100), "\\u{1b}[31mred\\u{0}");
        assert_eq!(one_line("\u{202e}gnp.exe", 100), "\\u{202e}gnp.exe");
        assert_eq!(
            one_line(&"x".repeat(50), 10),
            format!("{}…", "x".repeat(10))
        );
        assert_eq!(one_line("δⱼˡ", 10), "δⱼˡ");
    }
}
