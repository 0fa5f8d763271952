//! Sentences with mathematics in them: `$…$` marks a piece written in the grader's ASCII
//! notation (`$h_(t-1)$`, `$sigma(a) = 1$`), which HTML typesets; plain text shows the
//! homework's way of writing it (`h_{t−1}`, `σ(a) = 1`), derived here so the two never
//! disagree.

use nnhw_core::statement::{Inline, math, words};

/// `text` as words and mathematics: every `$…$` a piece of mathematics, the rest words.
/// An unclosed `$` is kept as a word.
pub fn prose(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('$') {
        let Some(close) = rest[open + 1..].find('$') else {
            break;
        };
        if open > 0 {
            out.push(words(&rest[..open]));
        }
        let ascii = &rest[open + 1..open + 1 + close];
        out.push(math(ascii, unicode(ascii)));
        rest = &rest[open + close + 2..];
    }
    if !rest.is_empty() {
        out.push(words(rest));
    }
    out
}

/// The homework's way of writing an ASCII piece: `_(…)` and `^(…)` as `_{…}` and `^{…}`,
/// `sigma` as σ, a real minus, ≥ and ≤, and a product by juxtaposition.
pub fn unicode(ascii: &str) -> String {
    let mut out = String::new();
    let mut chars = ascii.chars().peekable();
    // Depths at which an index's parenthesis opened, to close it with a brace.
    let mut indices: Vec<usize> = Vec::new();
    let mut depth = 0;
    while let Some(c) = chars.next() {
        match c {
            '_' | '^' if chars.peek() == Some(&'(') => {
                chars.next();
                depth += 1;
                indices.push(depth);
                out.push(c);
                out.push('{');
            }
            '(' => {
                depth += 1;
                out.push('(');
            }
            ')' => {
                if indices.last() == Some(&depth) {
                    indices.pop();
                    out.push('}');
                } else {
                    out.push(')');
                }
                depth -= 1;
            }
            '-' => out.push('−'),
            '*' => out.push(' '),
            '>' if chars.peek() == Some(&'=') => {
                chars.next();
                out.push('≥');
            }
            '<' if chars.peek() == Some(&'=') => {
                chars.next();
                out.push('≤');
            }
            c => out.push(c),
        }
    }
    out.replace("sigma", "σ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use nnhw_core::statement::Inline;

    #[test]
    fn the_ascii_reads_as_the_homework_writes_it() {
        assert_eq!(unicode("h_(t-1)"), "h_{t−1}");
        assert_eq!(unicode("e^(-a)"), "e^{−a}");
        assert_eq!(
            unicode("sigma(a) = 1/(1 + e^(-a))"),
            "σ(a) = 1/(1 + e^{−a})"
        );
        assert_eq!(unicode("x_(t+1)"), "x_{t+1}");
        assert_eq!(unicode("f_t*c_(t-1)"), "f_t c_{t−1}");
        assert_eq!(unicode("a >= 1"), "a ≥ 1");
        assert_eq!(unicode("a <= -1"), "a ≤ −1");
    }

    #[test]
    fn dollars_mark_the_mathematics() {
        let pieces = prose("The state $h_t$ and $c_(t-1)$.");
        assert_eq!(
            pieces,
            vec![
                Inline::Text("The state ".into()),
                Inline::Math {
                    ascii: "h_t".into(),
                    unicode: "h_t".into()
                },
                Inline::Text(" and ".into()),
                Inline::Math {
                    ascii: "c_(t-1)".into(),
                    unicode: "c_{t−1}".into()
                },
                Inline::Text(".".into()),
            ]
        );
        assert_eq!(prose("costs $5"), vec![Inline::Text("costs $5".into())]);
    }
}
