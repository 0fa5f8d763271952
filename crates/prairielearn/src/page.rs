//! Text as PrairieLearn's pages take it: HTML-escaped, with braces PrairieLearn's
//! mustache pass leaves alone. Both question.html and the variants' params are written
//! with it.

/// Text for the page: HTML-escaped, and with braces as character references so that
/// PrairieLearn's mustache pass leaves it alone; `quoted` parts as code, as nnhw-booklet
/// shows them.
pub(crate) fn text(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split('`').enumerate() {
        let escaped = escape(part);
        if i % 2 == 1 {
            out.push_str(&format!("<code>{escaped}</code>"));
        } else {
            out.push_str(&escaped);
        }
    }
    out
}

/// `s` HTML-escaped, braces included.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braces_and_markup_are_escaped() {
        assert_eq!(
            text("{{x}} <b> `a<b`"),
            "&#123;&#123;x&#125;&#125; &lt;b&gt; <code>a&lt;b</code>"
        );
    }
}
