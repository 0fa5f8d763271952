//! From text to tokens: numbers, names in index notation, operators.
//!
//! This is where notation is folded: Unicode operators (`−`, `·`, `×`, `÷`, `←`, `∞`),
//! Greek letters (`δ` is `delta`), primes (`f′` is `f'`), sub- and superscripts in every
//! common order (`a_k^(l-1)`, `a^{l-1}_k`, `aₖˡ⁻¹` are one name), differentials (`∂C`,
//! `partial C`), `**` for powers, and superscript powers (`e⁻ᶻ`, `x²`).

use crate::error::ReadError;
use crate::letters::name as greek;
use crate::name::Name;
use crate::unicode::{direction_control, invisible, subscript, superscript};

/// A comma in a sum's bound (`Σ_{k=1}^{3,5}`) is no index separator: refused, not read
/// as 35.
const DECIMAL_BOUND: &str = "a sum's bounds are whole numbers or n: no comma in them";

/// Longest text read, in characters.
pub const MAX_LENGTH: usize = 10_000;

/// One token.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A number.
    Num {
        /// Its value.
        value: f64,
        /// Whether the literal is an integer f64 holds exactly.
        exact: bool,
    },
    /// A name: a variable, a constant or a function.
    Name(Name),
    /// `+ - * / ^`.
    Op(char),
    /// `(` (also `[` and `{` inside an expression).
    Open,
    /// `)`.
    Close,
    /// `|`, around an absolute value.
    Bar,
    /// `,` between a function's arguments.
    Comma,
    /// `=`.
    Equals,
    /// `←`, `<-`, `:=`.
    Assign,
}

/// A token and where it starts (a character index into the text).
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Where it starts.
    pub at: usize,
    /// Whether white space came right before it (so `d C` can be read as `dC`).
    pub spaced: bool,
}

/// Splits `text` into tokens.
pub fn tokens(text: &str) -> Result<Vec<Token>, ReadError> {
    let length = text.chars().count();
    if length > MAX_LENGTH {
        return Err(ReadError::at(
            0,
            format!("{length} characters; an answer may have at most {MAX_LENGTH}"),
        ));
    }
    let chars: Vec<char> = text.chars().collect();
    let mut lexer = Lexer {
        chars: &chars,
        k: 0,
        out: Vec::new(),
        offset: 0,
    };
    lexer.run()?;
    Ok(lexer.out)
}

struct Lexer<'c> {
    chars: &'c [char],
    k: usize,
    out: Vec<Token>,
    /// Added to every position (a superscript's tokens are lexed on their own).
    offset: usize,
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.k + ahead).copied()
    }

    fn push(&mut self, tok: Tok, at: usize, spaced: bool) {
        self.out.push(Token {
            tok,
            at: at + self.offset,
            spaced,
        });
    }

    fn error(&self, at: usize, message: impl Into<String>) -> ReadError {
        ReadError::at(at + self.offset, message)
    }

    fn run(&mut self) -> Result<(), ReadError> {
        let mut spaced = false;
        while let Some(c) = self.peek(0) {
            let at = self.k;
            if c.is_whitespace() || invisible(c) {
                self.k += 1;
                spaced = true;
                continue;
            }
            if direction_control(c) {
                return Err(self.error(
                    at,
                    "a hidden text-direction character is here: type the answer rather than paste it",
                ));
            }
            if c.is_ascii_digit() || (c == '.' && self.peek(1).is_some_and(|n| n.is_ascii_digit()))
            {
                self.number(spaced)?;
            } else if starts_name(c) {
                self.name(spaced)?;
            } else if c == '\\' && self.peek(1).is_some_and(|n| n.is_ascii_alphabetic()) {
                self.latex(spaced)?;
            } else {
                self.symbol(c, spaced)?;
            }
            if self.k == at {
                return Err(self.error(at, format!("`{c}` is not part of an expression")));
            }
            spaced = false;
        }
        Ok(())
    }

    fn number(&mut self, spaced: bool) -> Result<(), ReadError> {
        let start = self.k;
        while self.peek(0).is_some_and(|c| c.is_ascii_digit() || c == '.') {
            self.k += 1;
        }
        // An exponent: 1e-3, 2.5E+4 (but not the e of `2e^x`).
        if matches!(self.peek(0), Some('e' | 'E')) {
            let sign = matches!(self.peek(1), Some('+' | '-' | '−'));
            let digit = if sign { 2 } else { 1 };
            if self.peek(digit).is_some_and(|c| c.is_ascii_digit()) {
                self.k += digit;
                while self.peek(0).is_some_and(|c| c.is_ascii_digit()) {
                    self.k += 1;
                }
            }
        }
        let text: String = self.chars[start..self.k]
            .iter()
            .map(|&c| if c == '−' { '-' } else { c })
            .collect();
        let value: f64 = text
            .parse()
            .map_err(|_| self.error(start, format!("`{text}` is not a number")))?;
        if value.is_infinite() {
            return Err(self.error(
                start,
                format!("`{text}` is too large for a number (write ∞ or inf for infinity)"),
            ));
        }
        // A decimal like 0.1 is already rounded once on the way in.
        let exact = value.fract() == 0.0 && value.abs() < 2f64.powi(53);
        self.push(Tok::Num { value, exact }, start, spaced);
        self.superscript_power()
    }

    /// `∂`, `partial`, letters and Greek: one name with its indices and primes.
    fn name(&mut self, spaced: bool) -> Result<(), ReadError> {
        let start = self.k;
        let mut differential = false;
        if self.peek(0) == Some('∂') {
            self.k += 1;
            differential = true;
        } else if self.word_ahead() == "partial" {
            self.k += "partial".len();
            differential = true;
        }
        if differential {
            while self.peek(0).is_some_and(char::is_whitespace) {
                self.k += 1;
            }
            if !self.peek(0).is_some_and(|c| starts_name(c) && c != '∂') {
                return Err(
                    self.error(start, "∂ needs the name of what is differentiated after it")
                );
            }
        }
        let base = self.base();
        let mut name = Name::new(&base);
        name.differential = differential;
        self.indices(&mut name)?;
        self.push(Tok::Name(name), start, spaced);
        // Superscripts the indices left (`x²`, `e⁻ᶻ`) are a power.
        self.superscript_power()
    }

    /// The letters (and trailing digits) of a name, Greek as its English name.
    fn base(&mut self) -> String {
        let Some(c) = self.peek(0) else {
            return String::new();
        };
        if let Some(greek) = greek(c) {
            self.k += 1;
            return greek.to_string();
        }
        let mut base = String::new();
        while let Some(c) = self.peek(0).filter(char::is_ascii_alphanumeric) {
            base.push(c);
            self.k += 1;
        }
        base
    }

    /// The run of ASCII letters ahead, without consuming it.
    fn word_ahead(&self) -> String {
        self.chars[self.k..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .take(7)
            .collect()
    }

    /// Primes, one subscript and one index superscript after a name, in any order; a
    /// second superscript (`a_k^(l-1)^2`) is a power.
    fn indices(&mut self, name: &mut Name) -> Result<(), ReadError> {
        loop {
            if let Some(width) = self.latex_prime_ahead() {
                self.k += width;
                name.primes += 1;
                continue;
            }
            match self.peek(0) {
                Some('\'' | '′' | 'ʹ' | '’') => {
                    self.k += 1;
                    name.primes += 1;
                }
                Some('_') if !name.sub.is_empty() => return Ok(()),
                Some('^') if !name.sup.is_empty() => return Ok(()),
                Some(c) if !name.sup.is_empty() && superscript(c).is_some() => return Ok(()),
                Some('_') => {
                    let at = self.k;
                    self.k += 1;
                    let group = self
                        .group()
                        .ok_or_else(|| self.error(at, "`_` needs an index after it"))?;
                    if name.base == "sum" && group.contains(',') {
                        return Err(self.error(at, DECIMAL_BOUND));
                    }
                    name.add_sub(&group);
                }
                Some(c) if subscript(c).is_some() => {
                    let run = self.run_of(subscript);
                    name.add_sub(&run);
                }
                Some('^') if self.index_superscript_ahead(name) => {
                    let at = self.k;
                    self.k += 1;
                    let group = self
                        .group()
                        .ok_or_else(|| self.error(at, "`^` needs an index after it"))?;
                    if name.base == "sum" && group.contains(',') {
                        return Err(self.error(at, DECIMAL_BOUND));
                    }
                    name.add_sup(&group);
                }
                Some(c) if superscript(c).is_some() && !name.is_constant() => {
                    // ˡ, ᴸ, ˡ⁻¹ or any superscript on an indexed name is an index;
                    // x² is a power.
                    let start = self.k;
                    let run = self.run_of(superscript);
                    if run.chars().any(|c| c.is_ascii_alphabetic()) || name.has_sub() {
                        name.add_sup(&run);
                    } else {
                        self.k = start;
                        return Ok(());
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// `^{\prime}`, `^\prime`, `^′`, `^'`: a prime written as a superscript. Its width.
    fn latex_prime_ahead(&self) -> Option<usize> {
        let ahead: String = self.chars[self.k..].iter().take(9).collect();
        ["^{\\prime}", "^\\prime", "^′", "^'"]
            .iter()
            .find(|p| ahead.starts_with(*p))
            .map(|p| p.chars().count())
    }

    /// Whether the `^` ahead starts an index rather than a power: the name already has a
    /// subscript (`a_k^(l-1)`), or one follows the superscript (`a^(l-1)_k`).
    fn index_superscript_ahead(&self, name: &Name) -> bool {
        if name.is_constant() {
            return false;
        }
        if name.has_sub() {
            return true;
        }
        let mut probe = Lexer {
            chars: self.chars,
            k: self.k + 1,
            out: Vec::new(),
            offset: 0,
        };
        probe.group().is_some()
            && matches!(probe.peek(0), Some(c) if c == '_' || subscript(c).is_some())
    }

    /// An index group: `{…}`, `(…)`, or a run of letters and digits. `None` if none.
    fn group(&mut self) -> Option<String> {
        let open = self.peek(0)?;
        let close = match open {
            '{' => '}',
            '(' => ')',
            _ => {
                let run: String = self.chars[self.k..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                if run.is_empty() {
                    return None;
                }
                self.k += run.chars().count();
                return Some(run);
            }
        };
        let inner: String = self.chars[self.k + 1..]
            .iter()
            .take_while(|&&c| c != close && c != open)
            .collect();
        let end = self.k + 1 + inner.chars().count();
        let allowed = |c: char| {
            c.is_ascii_alphanumeric()
                || matches!(c, '+' | '-' | '−' | ',' | ' ' | '=')
                || (open == '{' && matches!(c, '(' | ')'))
                || greek(c).is_some()
        };
        if self.chars.get(end) != Some(&close)
            || inner.trim().is_empty()
            || !inner.chars().all(allowed)
        {
            return None;
        }
        self.k = end + 1;
        Some(inner)
    }

    /// A run of characters that `map` knows, mapped.
    fn run_of(&mut self, map: fn(char) -> Option<char>) -> String {
        let mut out = String::new();
        while let Some(m) = self.peek(0).and_then(map) {
            out.push(m);
            self.k += 1;
        }
        out
    }

    /// `x²`, `e⁻ᶻ`, `10⁻⁷`: a run of superscripts after a value is a power.
    fn superscript_power(&mut self) -> Result<(), ReadError> {
        if self.peek(0).is_none_or(|c| superscript(c).is_none()) {
            return Ok(());
        }
        let at = self.k;
        let run = self.run_of(superscript);
        self.push(Tok::Op('^'), at, false);
        self.push(Tok::Open, at, false);
        let chars: Vec<char> = run.chars().collect();
        let mut inner = Lexer {
            chars: &chars,
            k: 0,
            out: Vec::new(),
            offset: self.offset + at,
        };
        inner.run()?;
        for mut token in inner.out {
            token.at = self.offset + at;
            self.out.push(token);
        }
        self.push(Tok::Close, at, false);
        Ok(())
    }

    /// `\delta`, `\partial`, `\cdot`: LaTeX commands a student may paste.
    fn latex(&mut self, spaced: bool) -> Result<(), ReadError> {
        let at = self.k;
        let word: String = self.chars[self.k + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        match word.as_str() {
            "cdot" | "times" | "odot" | "ast" => {
                self.k += 1 + word.len();
                self.push(Tok::Op('*'), at, spaced);
                Ok(())
            }
            "leftarrow" | "gets" => {
                self.k += 1 + word.len();
                self.push(Tok::Assign, at, spaced);
                Ok(())
            }
            "infty" => {
                self.k += 1 + word.len();
                self.push(Tok::Name(Name::new("inf")), at, spaced);
                Ok(())
            }
            "left" | "right" => {
                self.k += 1 + word.len();
                Ok(())
            }
            "frac" => Err(self.error(at, "\\frac is not read here: write a/b")),
            _ => {
                // \delta, \sigma, \partial, \exp: the name itself.
                self.k += 1;
                self.name(spaced)
            }
        }
    }

    fn symbol(&mut self, c: char, spaced: bool) -> Result<(), ReadError> {
        let at = self.k;
        let next = self.peek(1);
        let (tok, width) = match c {
            '+' | '⁺' => (Tok::Op('+'), 1),
            '-' | '−' | '–' | '‐' => (Tok::Op('-'), 1),
            '*' if next == Some('*') => (Tok::Op('^'), 2),
            '*' | '·' | '×' | '⋅' | '∗' | '⊙' | '•' => (Tok::Op('*'), 1),
            '/' | '÷' | '∕' => (Tok::Op('/'), 1),
            '^' => (Tok::Op('^'), 1),
            '(' | '[' | '{' => (Tok::Open, 1),
            ')' | ']' | '}' => (Tok::Close, 1),
            '|' => (Tok::Bar, 1),
            ',' => (Tok::Comma, 1),
            '=' => (Tok::Equals, 1),
            '←' | '⟵' | '≔' => (Tok::Assign, 1),
            '<' if matches!(next, Some('-' | '−')) => (Tok::Assign, 2),
            ':' if next == Some('=') => (Tok::Assign, 2),
            '∞' => (Tok::Name(Name::new("inf")), 1),
            '√' => (Tok::Name(Name::new("sqrt")), 1),
            ';' => {
                return Err(self.error(at, "`;` is not read here: write a list as [a, b, c]"));
            }
            '"' | '\'' | '`' => {
                return Err(self.error(at, "quotes are not part of an expression"));
            }
            _ => return Err(self.error(at, format!("`{c}` is not part of an expression"))),
        };
        self.k += width;
        let closes = tok == Tok::Close;
        self.push(tok, at, spaced);
        if closes {
            self.superscript_power()?;
        }
        Ok(())
    }
}

/// Whether a name can start with `c`.
fn starts_name(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '∂' || greek(c).is_some()
}
