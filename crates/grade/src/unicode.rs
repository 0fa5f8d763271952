//! The Unicode an answer may hold, as ASCII: sub- and superscript characters, and the
//! invisible characters copy and paste brings along (Greek letters are in
//! [`crate::letters`]).

/// Characters a copy and paste brings along that show nothing: read as space.
pub fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Characters that reorder how the rest of a line is displayed.
pub fn direction_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A Unicode subscript character as ASCII.
pub fn subscript(c: char) -> Option<char> {
    const DIGITS: &str = "₀₁₂₃₄₅₆₇₈₉";
    if let Some(d) = DIGITS.chars().position(|d| d == c) {
        return char::from_digit(d as u32, 10);
    }
    Some(match c {
        '₊' => '+',
        '₋' => '-',
        '₍' => '(',
        '₎' => ')',
        'ₐ' => 'a',
        'ₑ' => 'e',
        'ₒ' => 'o',
        'ₓ' => 'x',
        'ₕ' => 'h',
        'ᵢ' => 'i',
        'ⱼ' => 'j',
        'ₖ' => 'k',
        'ₗ' => 'l',
        'ₘ' => 'm',
        'ₙ' => 'n',
        'ₚ' => 'p',
        'ᵣ' => 'r',
        'ₛ' => 's',
        'ₜ' => 't',
        'ᵤ' => 'u',
        'ᵥ' => 'v',
        _ => return None,
    })
}

/// A Unicode superscript character as ASCII.
pub fn superscript(c: char) -> Option<char> {
    const DIGITS: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    if let Some(d) = DIGITS.chars().position(|d| d == c) {
        return char::from_digit(d as u32, 10);
    }
    Some(match c {
        '⁺' => '+',
        '⁻' => '-',
        '⁽' => '(',
        '⁾' => ')',
        'ᵃ' => 'a',
        'ᵇ' => 'b',
        'ᶜ' => 'c',
        'ᵈ' => 'd',
        'ᵉ' => 'e',
        'ᶠ' => 'f',
        'ᵍ' => 'g',
        'ʰ' => 'h',
        'ⁱ' => 'i',
        'ʲ' => 'j',
        'ᵏ' => 'k',
        'ˡ' => 'l',
        'ᵐ' => 'm',
        'ⁿ' => 'n',
        'ᵒ' => 'o',
        'ᵖ' => 'p',
        'ʳ' => 'r',
        'ˢ' => 's',
        'ᵗ' => 't',
        'ᵘ' => 'u',
        'ᵛ' => 'v',
        'ʷ' => 'w',
        'ˣ' => 'x',
        'ʸ' => 'y',
        'ᶻ' => 'z',
        'ᴸ' => 'L',
        'ᵀ' => 'T',
        'ᴺ' => 'N',
        'ᴷ' => 'K',
        'ᴶ' => 'J',
        _ => return None,
    })
}
