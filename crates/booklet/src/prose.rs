//! Text from a report (a working's headings and lines, names, notes) as the page shows
//! it: mathematics in it typeset as MathML by the typesetter that sets exact forms and
//! statements (nnhw-grade's, from the trees the grader reads), and numbers in the page's
//! one format: a real minus, powers of ten as ×10⁻⁷ (as the figures write them).

use maud::{Markup, PreEscaped, html};

/// `text` with its mathematics typeset: a clause (between `: ` and `; `) that is a
/// formula in the ASCII notation (`o_k = e^(β·a_k) / Σ_i e^(β·a_i)`) as one `<math>`,
/// otherwise each subscripted or superscripted name in it (`x_(t-1)`, `h_-1`) alone; the
/// rest is words, with [`numbers`] in the page's format.
pub(crate) fn prose(text: &str) -> Markup {
    html! {
        @for (clause, separator) in clauses(text) {
            @match formula(clause) {
                Some(math) => (PreEscaped(math)),
                None => (names(clause)),
            }
            (separator)
        }
    }
}

/// `text` split after each `: ` and `; `, each clause with the separator that ends it.
fn clauses(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = [": ", "; "].iter().filter_map(|s| rest.find(s)).min() {
        out.push((&rest[..at], &rest[at..at + 2]));
        rest = &rest[at + 2..];
    }
    out.push((rest, ""));
    out
}

/// A clause that is one formula (an equation in the ASCII notation, with an index or a
/// power in it: plain `z = W·a + b` reads as well as text), typeset; `None` for words.
fn formula(clause: &str) -> Option<String> {
    if !clause.contains('=') || !clause.contains(['_', '^']) || wordy(clause) {
        return None;
    }
    nnhw_grade::mathml::mathematics(clause)
}

/// Whether a clause has words in it, not only names and functions: a run of two letters
/// or more that is not applied to something in parentheses.
fn wordy(clause: &str) -> bool {
    let chars: Vec<char> = clause.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| chars[j]);
            let applied = chars.get(i) == Some(&'(');
            if i - start > 1 && !applied && !matches!(before, Some('_' | '^')) {
                return true;
            }
        } else {
            i += 1;
        }
    }
    false
}

/// Words with each indexed name (`h_t`, `x_(t-1)`, `e^(β·g)`) typeset on its own.
fn names(text: &str) -> Markup {
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut plain = 0;
    let mut at = 0;
    while at < text.len() {
        match indexed(text, at) {
            Some((start, end)) => {
                pieces.push((false, &text[plain..start]));
                pieces.push((true, &text[start..end]));
                plain = end;
                at = end;
            }
            None => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    pieces.push((false, &text[plain..]));
    html! {
        @for (name, piece) in pieces {
            @if name {
                @match nnhw_grade::mathml::mathematics(piece) {
                    Some(math) => (PreEscaped(math)),
                    None => (scripted(piece)),
                }
            } @else {
                (numbers(piece))
            }
        }
    }
}

/// An indexed name the grader does not read (`h_-1`, the state before the first step) as
/// MathML of its own: the name with its one index or power, the rest as text.
fn scripted(name: &str) -> Markup {
    let Some(mark) = name.find(['_', '^']) else {
        return html! { (numbers(name)) };
    };
    let (base, index) = (&name[..mark], &name[mark + 1..]);
    let index = numbers(index.trim_start_matches('(').trim_end_matches(')'));
    let number = index
        .trim_start_matches('−')
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.');
    let index = html! { @if number { mn { (index) } } @else { mi { (index) } } };
    html! {
        math display="inline" {
            @if name[mark..].starts_with('_') { msub { mi { (base) } (index) } }
            @else { msup { mi { (base) } (index) } }
        }
    }
}

/// The indexed name that starts at `at`, if one does: a letter (not inside a word)
/// followed by `_` or `^` and an index, a parenthesised one or a signed run of letters and
/// digits. Its byte range.
fn indexed(text: &str, at: usize) -> Option<(usize, usize)> {
    let first = text[at..].chars().next()?;
    let before = text[..at].chars().next_back();
    if !first.is_alphabetic() || before.is_some_and(char::is_alphanumeric) {
        return None;
    }
    let mut end = at + first.len_utf8();
    let mut found = false;
    while let Some('_' | '^') = text[end..].chars().next() {
        let index = &text[end + 1..];
        let len = match index.chars().next()? {
            '(' => {
                let mut depth = 0;
                let close = index.char_indices().find(|&(_, c)| {
                    depth += match c {
                        '(' => 1,
                        ')' => -1,
                        _ => 0,
                    };
                    depth == 0
                })?;
                close.0 + 1
            }
            _ => {
                let signed = usize::from(index.starts_with(['-', '−']));
                let run = index[signed..]
                    .char_indices()
                    .find(|&(_, c)| !c.is_alphanumeric())
                    .map_or(index.len() - signed, |(i, _)| i);
                if run == 0 {
                    return None;
                }
                signed + run
            }
        };
        end += 1 + len;
        found = true;
    }
    found.then_some((at, end))
}

/// Numbers in `text` in the page's format: `-0.5` with a real minus, `3.059e-7` as
/// `3.059×10⁻⁷`; a hyphen between words stays one.
pub(crate) fn numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let before = i.checked_sub(1).map(|j| chars[j]);
        let in_word = before.is_some_and(|b| b.is_alphanumeric() || b == '.');
        if c == '-' && !in_word && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            out.push('−');
            i += 1;
            continue;
        }
        if c.is_ascii_digit() && !in_word {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            out.extend(&chars[start..i]);
            if let Some(len) = exponent(&chars[i..]) {
                let power: String = chars[i + 1..i + len].iter().collect();
                out.push_str("×10");
                out.push_str(&nnhw_core::format::superscript(
                    power.trim_start_matches('+'),
                ));
                i += len;
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The length of an exponent `e-7`, `e+15`, `e12` at the start of `chars` that ends
/// the number (not the start of a word such as `e1s`).
fn exponent(chars: &[char]) -> Option<usize> {
    if chars.first() != Some(&'e') {
        return None;
    }
    let signed = usize::from(matches!(chars.get(1), Some('-' | '+')));
    let digits = chars[1 + signed..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let end = 1 + signed + digits;
    let ends = chars.get(end).is_none_or(|c| !c.is_alphanumeric());
    (digits > 0 && ends).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_a_real_minus_and_powers_of_ten() {
        assert_eq!(
            numbers("[0.9999996941, 3.059022269e-7] and [2, 13, -4, -15]"),
            "[0.9999996941, 3.059022269×10⁻⁷] and [2, 13, −4, −15]"
        );
        assert_eq!(numbers("abs 1e-9 + rel 1e+12"), "abs 1×10⁻⁹ + rel 1×10¹²");
        assert_eq!(
            numbers("2-d embeddings, Glorot-uniform, x1-2, 1e1s"),
            "2-d embeddings, Glorot-uniform, x1-2, 1e1s"
        );
        assert_eq!(numbers("(-5)·0.03 − 1 = -1.15"), "(−5)·0.03 − 1 = −1.15");
    }

    #[test]
    fn formulas_and_indexed_names_are_typeset() {
        let heading = prose("Softmax with β = 1: o_k = e^(β·a_k) / Σ_i e^(β·a_i)").into_string();
        assert!(
            heading.starts_with("Softmax with β = 1: <math"),
            "{heading}"
        );
        assert!(!heading.contains("e^("), "{heading}");
        let line = prose("h_t is the previous input: h_t = x_(t-1), 0 at t = 0").into_string();
        assert!(!line.contains("x_("), "{line}");
        assert!(line.starts_with("<math"), "{line}");
        let start = prose("h_-1 = 0.1, c_-1 = -0.2").into_string();
        assert!(!start.contains("h_"), "{start}");
        assert!(!start.contains("-0.2"), "{start}");
        let words = prose("Layer 1 of 2: z = W·a + b, then relu").into_string();
        assert_eq!(words, "Layer 1 of 2: z = W·a + b, then relu");
    }
}
