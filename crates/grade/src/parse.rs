//! A Pratt parser with the precedence of mathematics and Python: `-2^2 = -(2^2)`,
//! `2^3^2 = 2^(3^2)`, `2^-1*3 = (2^-1)*3`, two factors side by side multiply.
//!
//! How a text is read never depends on the key, so the echo (`read as: …`) gives nothing
//! of it away: `dC/dw` is `∂C/∂w` by its shape (Leibniz's ratio of two d-names), primed
//! names and f, g before `(` are functions, `Σ_k` sums the product after it. The one
//! thing a problem adds is its aliases ([`Context`]): in a sigmoid network `σ′` is `f′`.

use std::collections::HashMap;

use crate::error::ReadError;
use crate::expr::{Bound, Constant, Expr, MAX_COST, MAX_TERMS, Op, Parsed, Symbol};
use crate::functions::Function;
use crate::leibniz::{Defined, defined, leibniz};
use crate::lex::{Tok, Token, tokens};
use crate::name::Name;

/// Deepest nesting of parentheses, signs and operators accepted.
pub const MAX_DEPTH: usize = 200;

/// What a problem adds to reading a formula: names that mean the same in it.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// `(alias, name)`, folded spellings.
    pub aliases: Vec<(String, String)>,
    /// Abstract functions that are a known function's derivative in this problem: an
    /// alias from `σ′` to `f′` says f is σ, so `f′` is σ′ itself, and `σ(z)(1 − σ(z))`
    /// is as right as `f′(z)`.
    pub derivatives: Vec<(String, &'static Function)>,
    /// Derivatives the problem defines as names (`∂C/∂z` is `δ`).
    pub definitions: Vec<Defined>,
}

impl Context {
    /// The context of a problem with these aliases (`("sigma'", "f'")`).
    pub fn with_aliases(aliases: &[(String, String)]) -> Result<Context, ReadError> {
        let mut context = Context::default();
        for (alias, name) in aliases {
            if let Some(definition) = definition(alias, name)? {
                context.definitions.push(definition);
                continue;
            }
            let (from, to) = (fold(alias)?, fold(name)?);
            if let Some(f) = derivative_named(alias)? {
                context.derivatives.push((to.clone(), f));
            }
            context.aliases.push((from, to));
        }
        Ok(context)
    }

    /// Only what the problem says its functions are, without its aliases: how the key
    /// itself is read.
    pub fn derivatives_only(&self) -> Context {
        Context {
            aliases: Vec::new(),
            derivatives: self.derivatives.clone(),
            definitions: Vec::new(),
        }
    }
}

/// A ratio alias (`(partialC)/(partialz)` → `delta`), if `alias` is one.
fn definition(alias: &str, name: &str) -> Result<Option<Defined>, ReadError> {
    let named = tokens(name)?;
    let [
        Token {
            tok: Tok::Name(name),
            ..
        },
    ] = named.as_slice()
    else {
        return Ok(None);
    };
    Ok(Defined::read(&leibniz(tokens(alias)?), name))
}

/// The known function whose derivative `text` names (`sigma'` → σ), if it has one.
fn derivative_named(text: &str) -> Result<Option<&'static Function>, ReadError> {
    Ok(match tokens(text)?.as_slice() {
        [
            Token {
                tok: Tok::Name(name),
                ..
            },
        ] if name.primes == 1 && name.sub.is_empty() && name.sup.is_empty() => {
            crate::functions::lookup(&name.base).filter(|f| f.derivative.is_some())
        }
        _ => None,
    })
}

/// The folded spelling of a single name written as text (`sigma'` → `sigma'`).
fn fold(text: &str) -> Result<String, ReadError> {
    match tokens(text)?.as_slice() {
        [
            Token {
                tok: Tok::Name(name),
                ..
            },
        ] => Ok(name.key()),
        _ => Err(ReadError::at(0, format!("`{text}` is not a single name"))),
    }
}

/// Reads `text` as an expression, or a chain of sides joined by `=` or `←`.
pub fn parse(text: &str, context: &Context) -> Result<Parsed, ReadError> {
    let tokens = defined(leibniz(tokens(text)?), &context.definitions);
    let end = text.chars().count();
    if tokens.is_empty() {
        return Err(ReadError::at(0, "empty: nothing to read here"));
    }
    let mut parser = Parser {
        tokens: &tokens,
        next: 0,
        end,
        bars: 0,
        parsed: Parsed {
            sides: Vec::new(),
            names: Vec::new(),
            functions: Vec::new(),
            aliases: context.aliases.clone(),
            derivatives: context.derivatives.clone(),
        },
        interned: HashMap::new(),
        summing: Vec::new(),
    };
    loop {
        let side = parser.expression(0, 0)?;
        parser.parsed.sides.push(side);
        match parser.peek() {
            Some(Tok::Equals | Tok::Assign) => parser.next += 1,
            None => break,
            Some(tok) => return Err(parser.stray(tok.clone())),
        }
    }
    let cost = parser
        .parsed
        .sides
        .iter()
        .fold(0usize, |c, e| c.saturating_add(e.cost()));
    if cost > MAX_COST {
        return Err(ReadError::at(
            0,
            format!(
                "too long to judge: {cost} operations once its sums are added up; at most {MAX_COST}"
            ),
        ));
    }
    Ok(parser.parsed)
}

struct Parser<'t> {
    tokens: &'t [Token],
    next: usize,
    end: usize,
    /// Open `|` bars: inside one, a `|` in operator position closes it.
    bars: usize,
    parsed: Parsed,
    /// Where each spelling is in `parsed.names` (variables) or `parsed.functions`.
    interned: HashMap<(bool, String), usize>,
    /// The indices of the sums whose bodies are being read, outermost first.
    summing: Vec<char>,
}

/// Binding power of prefix minus: above `*`, below `^`.
const PREFIX: u8 = 5;
/// Binding power of a sum's body: the whole product after `Σ_k`, not what follows `+`.
const SUMMAND: u8 = 3;

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.next).map(|t| &t.tok)
    }

    fn here(&self) -> usize {
        self.tokens.get(self.next).map_or(self.end, |t| t.at)
    }

    fn expression(&mut self, min: u8, depth: usize) -> Result<Expr, ReadError> {
        if depth > MAX_DEPTH {
            return Err(ReadError::at(
                self.here(),
                format!("nested deeper than {MAX_DEPTH}"),
            ));
        }
        let mut lhs = self.prefix(depth)?;
        loop {
            let (op, left, right, implicit) = match self.peek() {
                Some(Tok::Op('+')) => (Op::Add, 1, 2, false),
                Some(Tok::Op('-')) => (Op::Sub, 1, 2, false),
                Some(Tok::Op('*')) => (Op::Mul, 3, 4, false),
                Some(Tok::Op('/')) => (Op::Div, 3, 4, false),
                Some(Tok::Op('^')) => (Op::Pow, 8, 7, false),
                Some(Tok::Num { .. } | Tok::Name(_) | Tok::Open) => (Op::Mul, 3, 4, true),
                Some(Tok::Bar) if self.bars == 0 => (Op::Mul, 3, 4, true),
                _ => break,
            };
            if left < min {
                break;
            }
            if implicit {
                let previous = &self.tokens[self.next - 1].tok;
                if matches!(previous, Tok::Num { .. })
                    && matches!(self.peek(), Some(Tok::Num { .. }))
                {
                    return Err(ReadError::at(
                        self.here(),
                        "two numbers side by side: write the operator between them",
                    ));
                }
            } else {
                self.next += 1;
            }
            let rhs = self.expression(right, depth + 1)?;
            lhs = Expr::Bin(op, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn prefix(&mut self, depth: usize) -> Result<Expr, ReadError> {
        let at = self.here();
        let Some(token) = self.tokens.get(self.next) else {
            return Err(ReadError::at(
                at,
                "the expression ends where a value should be",
            ));
        };
        match token.tok.clone() {
            Tok::Num { value, exact } => {
                self.next += 1;
                Ok(Expr::Num { value, exact })
            }
            Tok::Op('-') => {
                self.next += 1;
                let operand = self.expression(PREFIX, depth + 1)?;
                Ok(Expr::Neg(Box::new(operand)))
            }
            Tok::Op('+') => {
                self.next += 1;
                self.expression(PREFIX, depth + 1)
            }
            Tok::Open => {
                self.next += 1;
                let inner = self.expression(0, depth + 1)?;
                self.close(at)?;
                Ok(inner)
            }
            Tok::Bar => {
                self.next += 1;
                self.bars += 1;
                let inner = self.expression(0, depth + 1)?;
                self.bars -= 1;
                if self.peek() != Some(&Tok::Bar) {
                    return Err(ReadError::at(at, "this `|` is never closed"));
                }
                self.next += 1;
                let abs = crate::functions::lookup("abs")
                    .ok_or_else(|| ReadError::at(at, "`|x|` needs abs, which this grader lacks"))?;
                Ok(Expr::Call(abs, vec![inner]))
            }
            Tok::Name(name) => {
                self.next += 1;
                self.named(name, at, depth)
            }
            Tok::Close => Err(ReadError::at(at, "`)` without a value before it")),
            Tok::Op(c) => Err(ReadError::at(at, format!("`{c}` needs a value before it"))),
            Tok::Equals | Tok::Assign => Err(ReadError::at(at, "a side of this `=` is empty")),
            Tok::Comma => Err(self.stray(Tok::Comma)),
        }
    }

    /// A name: a sum, a function applied, a constant, or a variable.
    fn named(&mut self, name: Name, at: usize, depth: usize) -> Result<Expr, ReadError> {
        let opens = self.peek() == Some(&Tok::Open);
        if name.base == "sum" && name.primes == 0 && !name.differential {
            return self.sum(&name, at, depth);
        }
        if let Some(function) = name.known_function() {
            let args = if opens {
                self.arguments(depth)?
            } else if matches!(self.peek(), Some(Tok::Num { .. } | Tok::Name(_))) {
                // `√2`, `ln 2`: the function of the value right after it.
                vec![self.expression(7, depth + 1)?]
            } else {
                return Err(ReadError::at(
                    at,
                    format!("{} needs its argument in parentheses", name.base),
                ));
            };
            let arity = function.arity();
            if args.len() != arity {
                return Err(ReadError::at(
                    at,
                    format!(
                        "{} takes {}, not {}",
                        function.name,
                        nnhw_core::format::count(arity, "argument", "arguments"),
                        args.len()
                    ),
                ));
            }
            return Ok(Expr::Call(function, args));
        }
        if name.is_constant() {
            return Ok(Expr::Const(match name.base.as_str() {
                "e" => Constant::E,
                "pi" => Constant::Pi,
                _ => Constant::Infinity,
            }));
        }
        if opens && name.looks_like_function() {
            let args = self.arguments(depth)?;
            let index = self.intern_function(&name);
            return Ok(Expr::Apply(index, args));
        }
        let glued = self.tokens.get(self.next).is_some_and(|t| !t.spaced);
        if opens
            && glued
            && name.is_plain()
            && name.base.chars().count() >= 3
            && !crate::letters::is_name(&name.base)
        {
            return Err(ReadError::at(
                at,
                format!(
                    "`{}` is not a function this grader knows (it knows {})",
                    crate::error::clip(&name.base, 20),
                    crate::functions::names()
                ),
            ));
        }
        if let Some(letter) = self.index_letter(&name) {
            return Ok(Expr::Index(letter));
        }
        let bound = name
            .sub
            .chars()
            .chain(name.sup.chars())
            .any(|c| self.summing.contains(&c));
        let i = self.intern_name(&name);
        Ok(if bound {
            Expr::Indexed(i)
        } else {
            Expr::Var(i)
        })
    }

    /// The index of an enclosing sum, if `name` is it standing alone (`k`).
    fn index_letter(&self, name: &Name) -> Option<char> {
        let mut letters = name.base.chars();
        match (letters.next(), letters.next()) {
            (Some(c), None) if name.is_plain() && self.summing.contains(&c) => Some(c),
            _ => None,
        }
    }

    /// `Σ_k body` or `Σ_{k=a}^{b} body`: the body is the product that follows.
    fn sum(&mut self, name: &Name, at: usize, depth: usize) -> Result<Expr, ReadError> {
        let (letter, first) = match name.sub.split_once('=') {
            Some((letter, first)) => (letter, Some(first)),
            None => (name.sub.as_str(), None),
        };
        let mut letters = letter.chars();
        let (Some(index), None) = (letters.next(), letters.next()) else {
            return Err(ReadError::at(
                at,
                "write the index a sum runs over as one letter: Σ_k or sum_k",
            ));
        };
        if !index.is_ascii_alphabetic() {
            return Err(ReadError::at(at, "a sum runs over a letter: Σ_k or sum_k"));
        }
        if self.summing.contains(&index) {
            return Err(ReadError::at(
                at,
                format!("this sum's index {index} is already the index of a sum around it"),
            ));
        }
        let from = match first {
            Some(text) => bound(text, at)?,
            None => Bound::first(),
        };
        let to = match name.sup.as_str() {
            "" => Bound::last(),
            text => bound(text, at)?,
        };
        let terms = crate::expr::most_terms(&from, &to);
        if terms > MAX_TERMS {
            return Err(ReadError::at(
                at,
                format!("a sum of up to {terms} terms: at most {MAX_TERMS} can be judged"),
            ));
        }
        self.summing.push(index);
        let body = self.expression(SUMMAND, depth + 1);
        self.summing.pop();
        let sum = Expr::Sum {
            index,
            from,
            to,
            body: Box::new(body?),
        };
        // Refused here, not once the whole text is read: nested sums multiply.
        if sum.cost() > MAX_COST {
            return Err(ReadError::at(
                at,
                format!("these sums add up more than {MAX_COST} operations: too many to judge"),
            ));
        }
        Ok(sum)
    }

    /// The name's folded spelling, with the problem's aliases applied.
    fn key(&self, name: &Name) -> String {
        // The parsed text carries the context's aliases, for the names sums make later.
        self.parsed.key(name)
    }

    fn intern_name(&mut self, name: &Name) -> usize {
        self.intern(false, name)
    }

    fn intern_function(&mut self, name: &Name) -> usize {
        self.intern(true, name)
    }

    /// The index of `name` among the variables or the functions, added if new.
    fn intern(&mut self, function: bool, name: &Name) -> usize {
        let key = self.key(name);
        let symbols = if function {
            &mut self.parsed.functions
        } else {
            &mut self.parsed.names
        };
        *self
            .interned
            .entry((function, key.clone()))
            .or_insert_with(|| {
                symbols.push(Symbol {
                    key,
                    shown: name.shown(),
                    name: name.clone(),
                });
                symbols.len() - 1
            })
    }

    /// `(a)` or `(a, b)` after a function name.
    fn arguments(&mut self, depth: usize) -> Result<Vec<Expr>, ReadError> {
        let open = self.here();
        self.next += 1;
        let mut args = vec![self.expression(0, depth + 1)?];
        while self.peek() == Some(&Tok::Comma) {
            self.next += 1;
            args.push(self.expression(0, depth + 1)?);
        }
        self.close(open)?;
        Ok(args)
    }

    fn close(&mut self, open: usize) -> Result<(), ReadError> {
        match self.peek() {
            Some(Tok::Close) => {
                self.next += 1;
                Ok(())
            }
            Some(Tok::Comma) => Err(self.stray(Tok::Comma)),
            _ => Err(ReadError::at(open, "this `(` is never closed")),
        }
    }

    /// A token that cannot stand where it is.
    fn stray(&self, tok: Tok) -> ReadError {
        let at = self.here();
        let message = match tok {
            Tok::Close => "`)` without a matching `(`".to_string(),
            Tok::Comma if self.decimal_comma() => {
                "`,` inside a number: write a decimal point (0.5, not 0,5)".to_string()
            }
            Tok::Comma => "`,` outside a list: write a list as [a, b, c]".to_string(),
            Tok::Bar => "`|` without a matching `|`".to_string(),
            _ => "unexpected here".to_string(),
        };
        ReadError::at(at, message)
    }

    /// Whether the comma at `next` sits between two digits, as in `0,5`.
    fn decimal_comma(&self) -> bool {
        let before = self.next.checked_sub(1).and_then(|i| self.tokens.get(i));
        let after = self.tokens.get(self.next + 1);
        matches!(before.map(|t| &t.tok), Some(Tok::Num { .. }))
            && after.is_some_and(|t| matches!(t.tok, Tok::Num { .. }) && !t.spaced)
    }
}

/// A sum's bound as written after `=` or `^`: a whole number, or the number of units n
/// written `n` or `N`, maybe plus or minus a whole number (`n − 1`).
fn bound(text: &str, at: usize) -> Result<Bound, ReadError> {
    let wrong = |message: String| ReadError::at(at, message);
    const HOW: &str = "a sum's bound is a whole number or the number of units n (as in Σ_(k=1)^(n)), maybe plus or minus a whole number";
    let chars: Vec<char> = text.chars().collect();
    let (mut width, mut offset, mut k) = (0i64, 0i64, 0usize);
    while k < chars.len() {
        // Signs, then one term: a whole number or a name.
        let mut sign = 1i64;
        let signed = k;
        while let Some(c @ ('+' | '-')) = chars.get(k) {
            if *c == '-' {
                sign = -sign;
            }
            k += 1;
        }
        if k == signed && k > 0 {
            return Err(wrong(HOW.to_string()));
        }
        let start = k;
        let run = |k: &mut usize, keep: fn(&char) -> bool| {
            while chars.get(*k).is_some_and(keep) {
                *k += 1;
            }
        };
        match chars.get(k) {
            Some(c) if c.is_ascii_digit() => {
                run(&mut k, char::is_ascii_digit);
                let digits: String = chars[start..k].iter().collect();
                let n: i64 = digits
                    .parse()
                    .ok()
                    .filter(|n| *n <= 1_000_000)
                    .ok_or_else(|| wrong(format!("{HOW}: {digits} is too large")))?;
                offset += sign * n;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                run(&mut k, char::is_ascii_alphanumeric);
                let word: String = chars[start..k].iter().collect();
                // Only n or N: any other letter may be an index of the formula (j, l).
                if word != "n" && word != "N" {
                    return Err(wrong(format!(
                        "{HOW}; `{}` is not n",
                        crate::error::clip(&word, 12)
                    )));
                }
                width += sign;
            }
            _ => return Err(wrong(HOW.to_string())),
        }
    }
    if chars.is_empty() || !(0..=1).contains(&width) {
        return Err(wrong(HOW.to_string()));
    }
    Ok(Bound {
        width,
        offset,
        text: text.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::constant;

    fn value(text: &str) -> f64 {
        let parsed = parse(text, &Context::default()).unwrap();
        constant(parsed.value()).value
    }

    #[test]
    fn precedence_is_that_of_mathematics_and_python() {
        assert_eq!(value("-2^2"), -4.0);
        assert_eq!(value("-2**2"), -4.0);
        assert_eq!(value("(-2)^2"), 4.0);
        assert_eq!(value("2^3^2"), 512.0);
        assert_eq!(value("2**3**2"), 512.0);
        assert_eq!(value("2^1^2"), 2.0);
        assert_eq!(value("2^-1*3"), 1.5);
        assert_eq!(value("2^-1-0.5"), 0.0);
        assert_eq!(value("-1^2+1"), 0.0);
        assert_eq!(value("3-2-1"), 0.0);
        assert_eq!(value("8/4/2"), 1.0);
        assert_eq!(value("2(3+1)"), 8.0);
        assert_eq!(value("10⁻²"), 0.01);
        assert_eq!(value("|−3|"), 3.0);
        assert_eq!(value("√4"), 2.0);
        assert_eq!(value("min(2, 3)"), 2.0);
        assert!((value("2pi") - std::f64::consts::TAU).abs() < 1e-15);
        assert!((value("e^15/(e^15+1)") - 0.9999996940977731).abs() < 1e-16);
        assert_eq!(value("∞"), f64::INFINITY);
    }

    #[test]
    fn refusals_point_at_the_problem() {
        let at = |text: &str| parse(text, &Context::default()).unwrap_err().position;
        assert_eq!(at("2*(3+4"), 2);
        assert_eq!(at("3 + * 4"), 4);
        assert_eq!(at("2 2"), 2);
        assert_eq!(at("3 $ 4"), 2);
        assert_eq!(at("(1))"), 3);
        assert_eq!(at(""), 0);
        assert_eq!(at("0,5"), 1);
        assert_eq!(at("delta_j^"), 7);
        let deep = "(".repeat(300) + "1" + &")".repeat(300);
        assert!(
            parse(&deep, &Context::default())
                .unwrap_err()
                .message
                .contains("nested deeper than 200")
        );
        let signs = "-".repeat(500) + "1";
        assert!(parse(&signs, &Context::default()).is_err());
        let long = "1+".repeat(6000) + "1";
        assert!(
            parse(&long, &Context::default())
                .unwrap_err()
                .message
                .contains("at most 10000")
        );
    }

    #[test]
    fn names_are_read_the_same_whatever_the_key() {
        let keys = |text: &str| -> Vec<String> {
            let parsed = parse(text, &Context::default()).unwrap();
            parsed.names.iter().map(|s| s.key.clone()).collect()
        };
        assert_eq!(keys("w1 - η dC/dw1"), ["w_1", "eta", "∂C", "∂w_1"]);
        assert_eq!(keys("d C / d w_2"), ["∂C", "∂w_2"]);
        assert_eq!(keys("(dL)/(da_k^L)"), ["∂L", "∂a_k^L"]);
        assert_eq!(keys("delta/dx"), ["delta", "dx"]);
        assert_eq!(keys("a_k^l^2"), ["a_k^l"]);
        assert_eq!(keys("a_k^{(l-1)}"), ["a_k^(l-1)"]);
        assert_eq!(keys("f^{\\prime}(z) + f^′(z)"), ["z"]);
        assert_eq!(keys("Σ_k w_kj δ_k"), ["w_kj", "delta_k"]);
        assert!(
            parse("foo(z)", &Context::default())
                .unwrap_err()
                .message
                .contains("not a function")
        );
        let aliased = Context::with_aliases(&[("sigma'".into(), "f'".into())]).unwrap();
        let typed = parse("σ′(z)", &aliased).unwrap();
        assert_eq!(typed.functions[0].key, "f'");
        // Elsewhere a name before `(` multiplies it.
        let product = parse("eta(x)", &Context::default()).unwrap();
        assert_eq!(product.names.len(), 2);
    }
}
