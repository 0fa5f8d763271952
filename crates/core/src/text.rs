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
/// ends in a newline. A space inside brackets is no place to break (`[1, 0, 3]` stays on
/// one line), and a line that fits is kept as it is, runs of spaces included, so a
/// display keeps its columns.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    if first.chars().count() + text.chars().count() <= width {
        return format!("{first}{text}\n");
    }
    let mut out = String::new();
    let mut line = String::from(first);
    let mut empty = true;
    for word in words(text) {
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
        line.push_str(&word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// The pieces of `text` between spaces, a short bracketed group (a list, a pair) with its
/// spaces kept as one; words in longer parentheses are words again.
fn words(text: &str) -> Vec<String> {
    let whole = |w: &String| {
        let n = w.chars().count();
        match w.chars().next() {
            Some('[' | '{') => n <= 60,
            Some('(') => n <= 24,
            _ => true,
        }
    };
    let pieces: Vec<String> = grouped(text)
        .into_iter()
        .flat_map(|w| {
            if whole(&w) {
                vec![w]
            } else {
                w.split(' ')
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect()
            }
        })
        .collect();
    // An equation is not broken at its sign: `x_t = 0` stays on one line.
    let sign = |w: &str| matches!(w, "=" | "≥" | "≤" | "<" | ">" | "≠" | "→");
    let mut out: Vec<String> = Vec::new();
    let mut join_next = false;
    for piece in pieces {
        match out.last_mut() {
            Some(last) if join_next || sign(&piece) => {
                last.push(' ');
                last.push_str(&piece);
            }
            _ => out.push(piece.clone()),
        }
        join_next = sign(&piece);
    }
    out
}

fn grouped(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '[' | '(' | '{' => depth += 1,
            ']' | ')' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c == ' ' && depth == 0 {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
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
