//! Index arithmetic in one spelling: `l-1`, `-1+l`, `l+-1` and `(l−1)` are the same
//! index, so `a_k^(-1+l)` names the same variable as `a_k^(l-1)`.
//!
//! Only a sum of single letters and whole numbers is rewritten (`l-1`, `1+l`, `j+k-2`):
//! anything else, and any index without `+` or `-`, is returned as it was, because its
//! characters may be several indices run together (`kj` is k and j, `12` is 1 and 2,
//! `kj+1` may be k and j+1) and reordering them would change which variable it names.

/// The one spelling of an index expression: letters in alphabetical order, each with
/// its sign, then the whole-number part (`l-1`, `-l+1`, `j+k-2`); `0` when everything
/// cancels. A text that is not such a sum comes back unchanged.
pub(crate) fn normal_index(text: &str) -> String {
    normalised(text).unwrap_or_else(|| text.to_string())
}

fn normalised(text: &str) -> Option<String> {
    let mut chars: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '−' | '⁻' | '₋' | '–' => '-',
            '⁺' | '₊' => '+',
            '{' | '[' => '(',
            '}' | ']' => ')',
            c => c,
        })
        .collect();
    if !chars.iter().any(|c| matches!(c, '+' | '-')) {
        return None;
    }
    while chars.first() == Some(&'(') && encloses(&chars) {
        chars = chars[1..chars.len() - 1].to_vec();
    }
    let mut constant: i64 = 0;
    // Coefficient of each letter; a BTreeMap keeps them in alphabetical order.
    let mut letters: std::collections::BTreeMap<char, i64> = std::collections::BTreeMap::new();
    let mut i = 0;
    while i < chars.len() {
        let mut sign = 1i64;
        let mut signs = 0;
        while i < chars.len() && matches!(chars[i], '+' | '-') {
            if chars[i] == '-' {
                sign = -sign;
            }
            signs += 1;
            i += 1;
        }
        // Every term after the first follows a sign.
        if signs == 0 && i > 0 {
            return None;
        }
        // One signed term in parentheses: `l+(-1)`.
        let bracketed = chars.get(i) == Some(&'(');
        if bracketed {
            i += 1;
            while i < chars.len() && matches!(chars[i], '+' | '-') {
                if chars[i] == '-' {
                    sign = -sign;
                }
                i += 1;
            }
        }
        let start = i;
        while i < chars.len() && chars[i].is_alphanumeric() {
            i += 1;
        }
        let end = i;
        if bracketed {
            if chars.get(i) != Some(&')') {
                return None;
            }
            i += 1;
        }
        match &chars[start..end] {
            [] => return None,
            [c] if c.is_alphabetic() => {
                let k = letters.entry(*c).or_insert(0);
                *k = k.checked_add(sign)?;
            }
            digits if digits.iter().all(char::is_ascii_digit) => {
                let value: i64 = digits.iter().collect::<String>().parse().ok()?;
                constant = constant.checked_add(sign.checked_mul(value)?)?;
            }
            // `2l`, `kj`, `alpha`: not rewritten.
            _ => return None,
        }
    }
    let mut out = String::new();
    for (letter, k) in letters {
        match k {
            0 => {}
            1 => {
                if !out.is_empty() {
                    out.push('+');
                }
                out.push(letter);
            }
            -1 => {
                out.push('-');
                out.push(letter);
            }
            // `l+l` would be written `2l`, which reads as two indices.
            _ => return None,
        }
    }
    if constant != 0 || out.is_empty() {
        if constant > 0 && !out.is_empty() {
            out.push('+');
        }
        out.push_str(&constant.to_string());
    }
    Some(out)
}

/// Whether chars[0] is an opening parenthesis closed by the last character.
fn encloses(chars: &[char]) -> bool {
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = match depth.checked_sub(1) {
                    Some(d) => d,
                    None => return false,
                };
                if depth == 0 {
                    return i == chars.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::normal_index;

    #[test]
    fn one_index_expression_has_one_spelling() {
        for same in [
            "l-1", "-1+l", "l+-1", "(l−1)", "l - 1", "{-1 + l}", "l+(-1)", "l−1", "l⁻1", "l-2+1",
            "(-1)+l", "l-(+1)", "-1+l+0",
        ] {
            assert_eq!(normal_index(same), "l-1", "{same}");
        }
        for same in ["l+1", "1+l", "+1+l", "l--1", "(1+l)", "2+l-1"] {
            assert_eq!(normal_index(same), "l+1", "{same}");
        }
        assert_eq!(normal_index("1-l"), "-l+1");
        assert_eq!(normal_index("-l+1"), "-l+1");
        assert_eq!(normal_index("k+j-2"), "j+k-2");
        assert_eq!(normal_index("j-2+k"), "j+k-2");
        assert_eq!(normal_index("L-1"), "L-1");
        assert_eq!(normal_index("l-l"), "0");
        assert_eq!(normal_index("l-l+2"), "2");
        assert_eq!(normal_index("-1"), "-1");
        assert_eq!(normal_index("+1"), "1");
    }

    #[test]
    fn indices_run_together_are_left_as_they_are() {
        for kept in [
            "kj",
            "12",
            "l",
            "L",
            "",
            "jk",
            "kj+1",
            "1+kj",
            "k-1j",
            "2l-1",
            "l+l",
            "alpha-1",
            "l*2",
            "l-",
            "-",
            "l-(1-k)",
            "(l-1)(k)",
            "l/2",
            "x_1-1",
            "99999999999999999999-l",
        ] {
            assert_eq!(normal_index(kept), kept, "{kept}");
        }
        // Different indices stay different.
        assert_ne!(normal_index("l-1"), normal_index("l+1"));
        assert_ne!(normal_index("l-1"), normal_index("1-l"));
        assert_ne!(normal_index("k-1"), normal_index("l-1"));
    }
}
