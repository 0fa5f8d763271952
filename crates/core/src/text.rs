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

/// `text` wrapped at spaces to lines of at most `width` characters (a longer word gets a
/// line of its own), the first line indented by `first`, the rest by `rest`; each line
/// ends in a newline. Runs of spaces inside a line are kept, so a display keeps its
/// columns when it fits.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(first);
    let mut empty = true;
    if first.chars().count() + text.chars().count() <= width {
        return format!("{first}{text}\n");
    }
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let length = line.chars().count() + word.chars().count() + usize::from(!empty);
        if !empty && length > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
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

    #[test]
    fn wrap_breaks_at_spaces_with_a_hanging_indent() {
        assert_eq!(
            wrap("a bb ccc dddd", 8, "- ", "  "),
            "- a bb\n  ccc\n  dddd\n"
        );
        assert_eq!(wrap("⎡1   2⎤", 80, "  ", "  "), "  ⎡1   2⎤\n");
        assert_eq!(
            wrap("averyveryverylongword x", 8, "", ""),
            "averyveryverylongword\nx\n"
        );
    }
}
