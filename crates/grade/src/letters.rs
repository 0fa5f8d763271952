//! The one table of the Greek letters an answer may hold: each letter's English name (the
//! spelling a name folds to), the glyph it is shown as, and the other glyphs that read as
//! it. Reading (`δ` → `delta`), echoing (`delta` → `δ`) and MathML all look here.

/// A letter: its name, the glyph shown, and other glyphs read as it.
struct Letter {
    name: &'static str,
    glyph: char,
    variants: &'static [char],
}

const fn letter(name: &'static str, glyph: char, variants: &'static [char]) -> Letter {
    Letter {
        name,
        glyph,
        variants,
    }
}

/// Every Greek letter the answer language reads. `sum` is Σ: a sum, not a variable.
const LETTERS: [Letter; 23] = [
    letter("alpha", 'α', &[]),
    letter("beta", 'β', &[]),
    letter("gamma", 'γ', &[]),
    letter("delta", 'δ', &[]),
    letter("Delta", 'Δ', &[]),
    letter("epsilon", 'ε', &['ϵ']),
    letter("zeta", 'ζ', &[]),
    letter("eta", 'η', &[]),
    letter("theta", 'θ', &[]),
    letter("kappa", 'κ', &[]),
    letter("lambda", 'λ', &[]),
    letter("mu", 'μ', &[]),
    letter("nu", 'ν', &[]),
    letter("xi", 'ξ', &[]),
    letter("pi", 'π', &[]),
    letter("rho", 'ρ', &[]),
    letter("sigma", 'σ', &[]),
    letter("sum", 'Σ', &['∑']),
    letter("tau", 'τ', &[]),
    letter("phi", 'φ', &['ϕ']),
    letter("chi", 'χ', &[]),
    letter("psi", 'ψ', &[]),
    letter("omega", 'ω', &[]),
];

/// A Greek letter's English name: `δ` → `delta`.
pub fn name(c: char) -> Option<&'static str> {
    LETTERS
        .iter()
        .find(|l| l.glyph == c || l.variants.contains(&c))
        .map(|l| l.name)
}

/// The glyph of a letter's name: `delta` → `δ`.
pub fn glyph(name: &str) -> Option<char> {
    LETTERS.iter().find(|l| l.name == name).map(|l| l.glyph)
}

/// Whether `word` is the name of a Greek letter (`eta`, `sum`).
pub fn is_name(word: &str) -> bool {
    glyph(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_reads_and_shows_the_same_way() {
        for l in &LETTERS {
            assert_eq!(name(l.glyph), Some(l.name));
            assert_eq!(glyph(l.name), Some(l.glyph));
            for v in l.variants {
                assert_eq!(name(*v), Some(l.name));
            }
        }
        assert_eq!(name('x'), None);
        assert!(is_name("gamma") && !is_name("gam"));
    }
}
