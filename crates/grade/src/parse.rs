//! A Pratt parser with the precedence of mathematics and Python: `-2^2 = -(2^2)`,
//! `2^3^2 = 2^(3^2)`, `2^-1*3 = (2^-1)*3`, two factors side by side multiply.
//!
//! A [`Context`] carries what the reference formula names, so that a student's text is
//! read in the problem's terms: `dC` is `∂C` when the answer has `∂C`, `σ′` is `f′` in a
//! sigmoid network, and a name the answer applies as a function is one here too.

use std::collections::BTreeSet;

use crate::error::ReadError;
use crate::expr::{Constant, Expr, Op, Parsed, Symbol};
use crate::lex::{Tok, Token, tokens};
use crate::name::Name;

/// Deepest nesting of parentheses, signs and operators accepted.
pub const MAX_DEPTH: usize = 200;

/// What the reference names, for reading a student's text in its terms.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The reference's variables and functions, by folded spelling.
    pub known: BTreeSet<String>,
    /// The reference's abstract functions, by folded spelling.
    pub functions: BTreeSet<String>,
    /// `(alias, name)`, folded spellings.
    pub aliases: Vec<(String, String)>,
}

impl Context {
    /// The context of a parsed reference, with the problem's aliases.
    pub fn of(reference: &Parsed, aliases: &[(String, String)]) -> Result<Context, ReadError> {
        let mut context = Context::default();
        for (alias, name) in aliases {
            context.aliases.push((fold(alias)?, fold(name)?));
        }
        context.known = reference.names.iter().map(|s| s.key.clone()).collect();
        context.functions = reference.functions.iter().map(|s| s.key.clone()).collect();
        context.known.extend(context.functions.iter().cloned());
        Ok(context)
    }
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
    let tokens = tokens(text)?;
    let end = text.chars().count();
    if tokens.is_empty() {
        return Err(ReadError::at(0, "empty: nothing to read here"));
    }
    let mut parser = Parser {
        tokens: &tokens,
        next: 0,
        end,
        bars: 0,
        context,
        parsed: Parsed {
            sides: Vec::new(),
            names: Vec::new(),
            functions: Vec::new(),
        },
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
    Ok(parser.parsed)
}

struct Parser<'t> {
    tokens: &'t [Token],
    next: usize,
    end: usize,
    /// Open `|` bars: inside one, a `|` in operator position closes it.
    bars: usize,
    context: &'t Context,
    parsed: Parsed,
}

/// Binding power of prefix minus: above `*`, below `^`.
const PREFIX: u8 = 5;

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
                Ok(Expr::Call("abs", vec![inner]))
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

    /// A name: a function applied, a constant, or a variable.
    fn named(&mut self, name: Name, at: usize, depth: usize) -> Result<Expr, ReadError> {
        let opens = self.peek() == Some(&Tok::Open);
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
            let arity = if matches!(function, "min" | "max") {
                2
            } else {
                1
            };
            if args.len() != arity {
                return Err(ReadError::at(
                    at,
                    format!("{function} takes {arity} argument(s), not {}", args.len()),
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
        let key = self.resolve(&name);
        if opens && (name.looks_like_function() || self.context.functions.contains(&key)) {
            let args = self.arguments(depth)?;
            let index = intern(&mut self.parsed.functions, &key, &name);
            return Ok(Expr::Apply(index, args));
        }
        // `d C` is `dC` where the answer has `∂C`.
        if name.is_plain()
            && name.base == "d"
            && let Some(Tok::Name(next)) = self.peek()
        {
            let mut differential = next.clone();
            differential.differential = true;
            if self.context.known.contains(&differential.key()) {
                self.next += 1;
                return Ok(self.variable(&differential));
            }
        }
        Ok(self.variable(&name))
    }

    fn variable(&mut self, name: &Name) -> Expr {
        let key = self.resolve(name);
        Expr::Var(intern(&mut self.parsed.names, &key, name))
    }

    /// The name's folded spelling in the reference's terms.
    fn resolve(&self, name: &Name) -> String {
        let key = name.key();
        if let Some((_, to)) = self.context.aliases.iter().find(|(from, _)| *from == key) {
            return to.clone();
        }
        if self.context.known.is_empty() || self.context.known.contains(&key) {
            return key;
        }
        // `dC/dw` for `∂C/∂w`.
        if !name.differential && name.base.len() > 1 && name.base.starts_with('d') {
            let mut differential = name.clone();
            differential.base.remove(0);
            differential.differential = true;
            let folded = differential.key();
            if self.context.known.contains(&folded) {
                return folded;
            }
        }
        key
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

/// The index of `key` in `symbols`, added if new.
fn intern(symbols: &mut Vec<Symbol>, key: &str, name: &Name) -> usize {
    if let Some(i) = symbols.iter().position(|s| s.key == key) {
        return i;
    }
    symbols.push(Symbol {
        key: key.to_string(),
        shown: if key == name.key() {
            name.shown()
        } else {
            key.to_string()
        },
    });
    symbols.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{Point, eval};

    fn value(text: &str) -> f64 {
        let parsed = parse(text, &Context::default()).unwrap();
        eval(
            parsed.value(),
            &Point {
                values: &[],
                functions: &[],
            },
        )
        .value
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
    fn names_are_read_in_the_reference_terms() {
        let reference = parse("w_1-eta*(partialC)/(partialw_1)", &Context::default()).unwrap();
        let context = Context::of(&reference, &[]).unwrap();
        let typed = parse("w1 - η dC/dw1", &context).unwrap();
        let keys: Vec<&str> = typed.names.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["w_1", "eta", "∂C", "∂w_1"]);
        let sigmoid = parse("f'(z)", &Context::default()).unwrap();
        let aliased = Context::of(&sigmoid, &[("sigma'".into(), "f'".into())]).unwrap();
        let typed = parse("σ′(z)", &aliased).unwrap();
        assert_eq!(typed.functions[0].key, "f'");
        // Elsewhere a name before `(` multiplies it.
        let product = parse("eta(x)", &Context::default()).unwrap();
        assert_eq!(product.names.len(), 2);
    }
}
