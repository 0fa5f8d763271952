//! Names in index notation, folded to one spelling so that `δⱼˡ`, `delta_j^l`,
//! `delta^(l)_j` and `\delta_{j}^{l}` are the same variable, `w1` is `w_1`, and `∂C`,
//! `partialC` and `partial C` are the same differential.

/// A variable, constant or function name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name {
    /// Letters, Greek spelled out (`delta`); `sigmoid` is spelled `sigma`.
    pub base: String,
    /// `f′′` has two.
    pub primes: u8,
    /// The subscript, without braces, commas or spaces (`kj`).
    pub sub: String,
    /// The index superscript, without its parentheses (`l-1`).
    pub sup: String,
    /// `∂C` rather than `C`.
    pub differential: bool,
}

use crate::index::normal_index;

impl Name {
    /// A name from its letters; trailing digits are a subscript (`w1` is `w_1`), except in
    /// function names (`log10`).
    pub fn new(letters: &str) -> Name {
        let function = crate::functions::lookup(letters);
        let base = match letters {
            "Sum" => "sum",
            "PI" | "Pi" => "pi",
            other => function.map_or(other, |f| f.name),
        };
        let digits = base.len() - base.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (letters, sub) = if function.is_some() || digits == base.len() {
            (base, "")
        } else {
            base.split_at(base.len() - digits)
        };
        Name {
            base: letters.to_string(),
            primes: 0,
            sub: sub.to_string(),
            sup: String::new(),
            differential: false,
        }
    }

    /// Adds an index written `_…` or in subscripts.
    pub fn add_sub(&mut self, raw: &str) {
        self.sub.push_str(&index(raw));
    }

    /// Adds an index written `^…` or in superscripts.
    pub fn add_sup(&mut self, raw: &str) {
        self.sup.push_str(&index(raw));
    }

    /// Whether it has a subscript.
    pub fn has_sub(&self) -> bool {
        !self.sub.is_empty()
    }

    /// Whether the name is bare: no primes, indices or ∂.
    pub fn is_plain(&self) -> bool {
        self.primes == 0 && self.sub.is_empty() && self.sup.is_empty() && !self.differential
    }

    /// `e` or `pi`.
    pub fn is_constant(&self) -> bool {
        self.is_plain() && matches!(self.base.as_str(), "e" | "pi" | "inf" | "infinity")
    }

    /// A function the language knows (`exp`, `sigma`), written bare.
    pub fn known_function(&self) -> Option<&'static crate::functions::Function> {
        if !self.is_plain() {
            return None;
        }
        crate::functions::lookup(&self.base)
    }

    /// Whether, written before `(`, this name is a function of what follows rather than a
    /// factor: primed names (`f′`, `σ′`) and the letters f and g.
    pub fn looks_like_function(&self) -> bool {
        !self.differential
            && self.sub.is_empty()
            && self.sup.is_empty()
            && (self.primes > 0 || matches!(self.base.as_str(), "f" | "g"))
    }

    /// The same name with index letter `letter` replaced by `value` (`w_kj` → `w_1j`), for
    /// expanding a sum; `None` when the name has no such index.
    pub fn substituted(&self, letter: char, value: &str) -> Option<Name> {
        let has = |index: &str| index.chars().any(|c| c == letter);
        if !has(&self.sub) && !has(&self.sup) {
            return None;
        }
        let swap = |index: &str| index.replace(letter, value);
        Some(Name {
            sub: swap(&self.sub),
            sup: swap(&self.sup),
            ..self.clone()
        })
    }

    /// The one spelling every way of writing this name folds to: `delta_j^(l-1)`, `∂C`,
    /// `f'`.
    pub fn key(&self) -> String {
        // Index arithmetic in one spelling: `-1+l` and `l-1` are one index.
        let (sub, sup) = (normal_index(&self.sub), normal_index(&self.sup));
        let mut out = String::new();
        if self.differential {
            out.push('∂');
        }
        out.push_str(&self.base);
        for _ in 0..self.primes {
            out.push('\'');
        }
        if !sub.is_empty() {
            out.push('_');
            out.push_str(&sub);
        }
        if !sup.is_empty() {
            out.push('^');
            if sup.chars().count() == 1 {
                out.push_str(&sup);
            } else {
                out.push_str(&format!("({sup})"));
            }
        }
        out
    }

    /// As shown when echoing how an answer was read: Greek letters as Greek (`δ_j^l`).
    pub fn shown(&self) -> String {
        let key = self.key();
        match crate::letters::glyph(&self.base) {
            Some(glyph) => key.replacen(&self.base, &glyph.to_string(), 1),
            None => key,
        }
    }
}

/// An index as written, folded: no braces, parentheses, commas or spaces; Unicode minus
/// as `-`.
fn index(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        match c {
            '{' | '}' | '(' | ')' | ',' | ' ' => {}
            '−' => out.push('-'),
            c => match crate::letters::name(c) {
                Some(name) => out.push_str(name),
                None => out.push(c),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_after_letters_are_a_subscript() {
        assert_eq!(Name::new("w1").key(), "w_1");
        assert_eq!(Name::new("log10").key(), "log10");
        assert_eq!(Name::new("sigmoid").key(), "sigma");
        let mut a = Name::new("a");
        a.add_sup("{l-1}");
        a.add_sub("k");
        assert_eq!(a.key(), "a_k^(l-1)");
        let mut w = Name::new("w");
        w.add_sub("{k,j}");
        w.add_sup("(l+1)");
        assert_eq!(w.key(), "w_kj^(l+1)");
        assert_eq!(w.shown(), "w_kj^(l+1)");
    }
}
