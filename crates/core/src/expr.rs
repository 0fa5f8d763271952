//! Answers as expressions and formulas: `e^15/(e^15+1)`, `ln(999)/3`,
//! `a_k^(l-1)*delta_j^l`.
//!
//! Text is first read by a small tokenizer and grammar check of our own, which only
//! validates (so errors point at the character where they are), normalises the notation
//! students type, and hands exmex a plain expression to evaluate:
//!
//! - Unicode is mapped to ASCII names: `δ` → `delta`, `∂` → `partial`, `η` → `eta`,
//!   `σ(` → `sigmoid(`, `·` → `*`, `−` → `-`, `²` → `^2`, and a prime `f′` → `fprime`.
//! - A subscripted name with a superscript, `a_k^(l-1)` or `delta_j^l`, is one variable,
//!   as it is in the homework's index notation, not a power.
//! - Juxtaposition multiplies: `2x`, `sum_k w_kj^(l+1)`, `fprime(z)` (a name that is not
//!   a known function, before a parenthesis, multiplies it).
//!
//! Two formulas are the same when they agree at many random points, as edX's formula
//! grader judges them.

use std::collections::BTreeMap;

use exmex::prelude::*;
use exmex::{FloatOpsFactory, MakeOperators, Operator};

use crate::rng::Rng;

/// Longest expression accepted, in characters.
pub const MAX_LENGTH: usize = 10_000;
/// Deepest nesting of parentheses and unary signs accepted.
pub const MAX_DEPTH: usize = 200;

/// exmex's float operators, plus the homework's σ.
#[derive(Clone, Debug)]
struct Ops;

impl MakeOperators<f64> for Ops {
    fn make<'a>() -> Vec<Operator<'a, f64>> {
        let mut ops = FloatOpsFactory::<f64>::make();
        ops.push(Operator::make_unary("sigmoid", crate::numerics::sigmoid));
        ops
    }
}

/// Functions a name may call; every other name before `(` multiplies it.
const FUNCTIONS: [&str; 27] = [
    "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
    "floor", "round", "ceil", "trunc", "fract", "exp", "sqrt", "cbrt", "ln", "log2", "log10",
    "log", "abs", "signum", "sigmoid",
];

/// Names that stand for numbers.
fn constant(name: &str) -> Option<&'static str> {
    match name {
        "e" | "E" => Some("E"),
        "pi" | "PI" => Some("PI"),
        "tau" | "TAU" => Some("TAU"),
        _ => None,
    }
}

/// What is wrong with an expression, and where (a character index into the text given).
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    /// Character index of the problem in the original text.
    pub position: usize,
    /// What is wrong.
    pub message: String,
}

impl ExprError {
    /// An error at character `position`.
    pub fn at(position: usize, message: impl Into<String>) -> ExprError {
        ExprError {
            position,
            message: message.into(),
        }
    }

    /// The text with a caret under the problem, on two lines; a long text is cut to the
    /// 40 characters either side of the problem.
    pub fn caret(&self, text: &str) -> String {
        const SIDE: usize = 40;
        let chars: Vec<char> = text.chars().collect();
        let start = self.position.saturating_sub(SIDE);
        let end = (self.position + SIDE).min(chars.len());
        let (lead, tail) = (
            if start > 0 { "…" } else { "" },
            if end < chars.len() { "…" } else { "" },
        );
        let shown: String = chars[start..end].iter().collect();
        let offset = self.position - start + lead.chars().count();
        format!(
            "{lead}{shown}{tail}\n{}^ {}",
            " ".repeat(offset),
            self.message
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Number(String),
    Name(String),
    Op(char),
    Open,
    Close,
}

#[derive(Debug, Clone, PartialEq)]
struct Token {
    kind: Kind,
    /// Character index in the original text.
    at: usize,
}

/// Maps Unicode the students type to ASCII, remembering where each character came from.
fn normalise(text: &str) -> Vec<(char, usize)> {
    let mut out = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let replacement: &str = match c {
            '−' | '–' => "-",
            '·' | '×' | '⋅' | '∗' => "*",
            '÷' => "/",
            '²' => "^2",
            '³' => "^3",
            '′' | '\'' => "prime",
            // A space before a spelled-out letter keeps `η∂C` two names, `eta partialC`.
            'δ' => " delta",
            'Δ' => " Delta",
            '∂' => " partial",
            'η' => " eta",
            'σ' => " sigmoid",
            'π' => " pi",
            'τ' => " tau",
            'Σ' | '∑' => " sum",
            'ᴸ' => "^L",
            'ˡ' => "^l",
            '{' | '[' => "(",
            '}' | ']' => ")",
            c => {
                out.push((c, i));
                continue;
            }
        };
        out.extend(replacement.chars().map(|r| (r, i)));
    }
    // `**` is a power to Python users.
    let mut merged: Vec<(char, usize)> = Vec::with_capacity(out.len());
    for (c, i) in out {
        if c == '*' && merged.last().is_some_and(|&(p, _)| p == '*') {
            if let Some(last) = merged.last_mut() {
                last.0 = '^';
            }
        } else {
            merged.push((c, i));
        }
    }
    merged
}

fn tokenize(chars: &[(char, usize)]) -> Result<Vec<Token>, ExprError> {
    let mut tokens = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (c, at) = chars[k];
        if c.is_whitespace() {
            k += 1;
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(k + 1).is_some_and(|n| n.0.is_ascii_digit()))
        {
            let start = k;
            while k < chars.len() && (chars[k].0.is_ascii_digit() || chars[k].0 == '.') {
                k += 1;
            }
            // An exponent: 1e-3, 2.5E+4 (but not the e of e^x after a number).
            if k < chars.len() && matches!(chars[k].0, 'e' | 'E') {
                let sign = chars.get(k + 1).is_some_and(|n| matches!(n.0, '+' | '-'));
                let digit_at = if sign { k + 2 } else { k + 1 };
                if chars.get(digit_at).is_some_and(|n| n.0.is_ascii_digit()) {
                    k = digit_at;
                    while k < chars.len() && chars[k].0.is_ascii_digit() {
                        k += 1;
                    }
                }
            }
            let text: String = chars[start..k].iter().map(|p| p.0).collect();
            if text.parse::<f64>().is_err() {
                return Err(ExprError::at(at, format!("`{text}` is not a number")));
            }
            tokens.push(Token {
                kind: Kind::Number(text),
                at,
            });
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = k;
            while k < chars.len() && (chars[k].0.is_ascii_alphanumeric() || chars[k].0 == '_') {
                k += 1;
            }
            let name = chars[start..k].iter().map(|p| p.0).collect();
            tokens.push(Token {
                kind: Kind::Name(name),
                at,
            });
        } else {
            let kind = match c {
                '+' | '-' | '*' | '/' | '^' | ',' => Kind::Op(c),
                '(' => Kind::Open,
                ')' => Kind::Close,
                _ => {
                    return Err(ExprError::at(
                        at,
                        format!("`{c}` is not part of an expression"),
                    ));
                }
            };
            tokens.push(Token { kind, at });
            k += 1;
        }
    }
    Ok(tokens)
}

/// `a_k ^ ( l - 1 )` → one name `a_k^(l-1)`; `delta_j ^ l` → `delta_j^l`.
fn group_indices(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut k = 0;
    while k < tokens.len() {
        let token = &tokens[k];
        let subscripted = matches!(&token.kind, Kind::Name(n) if n.contains('_'));
        if subscripted && tokens.get(k + 1).is_some_and(|t| t.kind == Kind::Op('^')) {
            let index_end = match tokens.get(k + 2).map(|t| &t.kind) {
                Some(Kind::Name(_) | Kind::Number(_)) => Some(k + 3),
                Some(Kind::Open) => tokens[k + 3..]
                    .iter()
                    .position(|t| {
                        !matches!(
                            t.kind,
                            Kind::Name(_) | Kind::Number(_) | Kind::Op('+' | '-')
                        )
                    })
                    .map(|p| k + 3 + p)
                    .filter(|&end| tokens[end].kind == Kind::Close && end > k + 3)
                    .map(|end| end + 1),
                _ => None,
            };
            if let Some(end) = index_end {
                let name: String = tokens[k..end].iter().map(|t| text_of(&t.kind)).collect();
                out.push(Token {
                    kind: Kind::Name(name),
                    at: token.at,
                });
                k = end;
                continue;
            }
        }
        out.push(token.clone());
        k += 1;
    }
    out
}

fn text_of(kind: &Kind) -> String {
    match kind {
        Kind::Number(s) | Kind::Name(s) => s.clone(),
        Kind::Op(c) => c.to_string(),
        Kind::Open => "(".into(),
        Kind::Close => ")".into(),
    }
}

fn is_function(kind: &Kind) -> bool {
    matches!(kind, Kind::Name(n) if FUNCTIONS.contains(&n.as_str()))
}

/// Writes the multiplication that juxtaposition means. Two numbers side by side (`2 2`)
/// are more likely a typo than a product, and are refused.
fn insert_products(tokens: Vec<Token>) -> Result<Vec<Token>, ExprError> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len() * 2);
    for token in tokens {
        if let Some(previous) = out.last() {
            if matches!(previous.kind, Kind::Number(_)) && matches!(token.kind, Kind::Number(_)) {
                return Err(ExprError::at(
                    token.at,
                    "two numbers side by side: write the operator between them",
                ));
            }
            let ends_operand = matches!(previous.kind, Kind::Number(_) | Kind::Close)
                || (matches!(previous.kind, Kind::Name(_)) && !is_function(&previous.kind));
            let starts_operand = matches!(token.kind, Kind::Number(_) | Kind::Name(_) | Kind::Open);
            if ends_operand && starts_operand {
                out.push(Token {
                    kind: Kind::Op('*'),
                    at: token.at,
                });
            }
        }
        out.push(token);
    }
    Ok(out)
}

/// A grammar check with positions: expr := term (('+'|'-') term)*, and so on.
struct Checker<'t> {
    tokens: &'t [Token],
    next: usize,
    end: usize,
}

impl Checker<'_> {
    fn peek(&self) -> Option<&Kind> {
        self.tokens.get(self.next).map(|t| &t.kind)
    }

    fn here(&self) -> usize {
        self.tokens.get(self.next).map_or(self.end, |t| t.at)
    }

    fn expression(&mut self, depth: usize) -> Result<(), ExprError> {
        if depth > MAX_DEPTH {
            return Err(ExprError::at(
                self.here(),
                format!("nested deeper than {MAX_DEPTH}"),
            ));
        }
        self.operand(depth)?;
        while let Some(Kind::Op('+' | '-' | '*' | '/' | '^')) = self.peek() {
            self.next += 1;
            self.operand(depth)?;
        }
        Ok(())
    }

    fn operand(&mut self, depth: usize) -> Result<(), ExprError> {
        let mut signs = 0;
        while let Some(Kind::Op('+' | '-')) = self.peek() {
            self.next += 1;
            signs += 1;
            if depth + signs > MAX_DEPTH {
                return Err(ExprError::at(
                    self.here(),
                    format!("nested deeper than {MAX_DEPTH}"),
                ));
            }
        }
        let at = self.here();
        match self.peek().cloned() {
            Some(Kind::Number(_)) => {
                self.next += 1;
                Ok(())
            }
            Some(Kind::Name(name)) => {
                self.next += 1;
                if FUNCTIONS.contains(&name.as_str()) {
                    if self.peek() != Some(&Kind::Open) {
                        return Err(ExprError::at(
                            self.here(),
                            format!("{name} needs its argument in parentheses"),
                        ));
                    }
                    self.group(depth + signs)?;
                }
                Ok(())
            }
            Some(Kind::Open) => self.group(depth + signs),
            Some(Kind::Close) => Err(ExprError::at(at, "`)` without a value before it")),
            Some(Kind::Op(c)) => Err(ExprError::at(at, format!("`{c}` needs a value before it"))),
            None => Err(ExprError::at(
                at,
                "the expression ends where a value should be",
            )),
        }
    }

    fn group(&mut self, depth: usize) -> Result<(), ExprError> {
        let open = self.here();
        self.next += 1;
        self.expression(depth + 1)?;
        match self.peek() {
            Some(Kind::Close) => {
                self.next += 1;
                Ok(())
            }
            Some(Kind::Op(',')) => Err(ExprError::at(
                self.here(),
                "a function here takes one argument",
            )),
            _ => Err(ExprError::at(open, "this `(` is never closed")),
        }
    }
}

/// An expression checked and rewritten for exmex, its variables named `x_0`, `x_1`, ….
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// The text exmex parses.
    pub exmex: String,
    /// Each variable's name as the student wrote it (after normalising), by exmex name.
    pub variables: BTreeMap<String, String>,
}

/// Checks and rewrites `text`.
pub fn prepare(text: &str) -> Result<Prepared, ExprError> {
    let length = text.chars().count();
    if length > MAX_LENGTH {
        return Err(ExprError::at(
            0,
            format!("{length} characters; an answer may have at most {MAX_LENGTH}"),
        ));
    }
    let chars = normalise(text);
    let tokens = insert_products(group_indices(tokenize(&chars)?))?;
    if tokens.is_empty() {
        return Err(ExprError::at(0, "empty: no expression here"));
    }
    let mut checker = Checker {
        tokens: &tokens,
        next: 0,
        end: length,
    };
    checker.expression(0)?;
    if let Some(token) = tokens.get(checker.next) {
        let message = match token.kind {
            Kind::Close => "`)` without a matching `(`".to_string(),
            Kind::Op(',') => "`,` outside a list: write a list as [a, b]".to_string(),
            _ => format!("unexpected `{}`", text_of(&token.kind)),
        };
        return Err(ExprError::at(token.at, message));
    }
    let mut by_name: BTreeMap<String, String> = BTreeMap::new();
    let mut exmex = String::new();
    for token in &tokens {
        match &token.kind {
            Kind::Name(name) if FUNCTIONS.contains(&name.as_str()) => exmex.push_str(name),
            Kind::Name(name) => match constant(name) {
                Some(c) => exmex.push_str(c),
                None => {
                    let count = by_name.len();
                    let id = by_name
                        .entry(name.clone())
                        .or_insert_with(|| format!("x_{count}"));
                    exmex.push_str(id);
                }
            },
            // exmex reads plain decimals only; Rust's Display never uses an exponent.
            Kind::Number(text) => match text.parse::<f64>() {
                Ok(value) => exmex.push_str(&format!("{value}")),
                Err(_) => return Err(ExprError::at(token.at, format!("`{text}` is not a number"))),
            },
            kind => exmex.push_str(&text_of(kind)),
        }
        exmex.push(' ');
    }
    Ok(Prepared {
        exmex,
        variables: by_name.into_iter().map(|(name, id)| (id, name)).collect(),
    })
}

/// A parsed formula, ready to evaluate at points.
pub struct Formula {
    expr: FlatEx<f64, Ops>,
    /// Variable names as written, in the order exmex wants their values.
    order: Vec<String>,
}

impl Formula {
    /// Parses `text` as a formula in any variables.
    pub fn parse(text: &str) -> Result<Formula, ExprError> {
        let prepared = prepare(text)?;
        let expr = FlatEx::<f64, Ops>::parse(&prepared.exmex)
            .map_err(|e| ExprError::at(0, format!("cannot evaluate: {}", e.msg())))?;
        let order = expr
            .var_names()
            .iter()
            .map(|id| {
                prepared
                    .variables
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| id.clone())
            })
            .collect();
        Ok(Formula { expr, order })
    }

    /// The variables, as written.
    pub fn variables(&self) -> &[String] {
        &self.order
    }

    /// The value with each variable looked up in `values` (missing ones are nan).
    pub fn at(&self, values: &BTreeMap<String, f64>) -> f64 {
        let args: Vec<f64> = self
            .order
            .iter()
            .map(|v| values.get(v).copied().unwrap_or(f64::NAN))
            .collect();
        self.expr.eval(&args).unwrap_or(f64::NAN)
    }
}

/// The number an expression without variables stands for.
pub fn evaluate(text: &str) -> Result<f64, ExprError> {
    let formula = Formula::parse(text)?;
    if let Some(variable) = formula.variables().first() {
        let at = text
            .find(variable.as_str())
            .map_or(0, |b| text[..b].chars().count());
        return Err(ExprError::at(
            at,
            format!("`{variable}` is a variable; this answer is a number"),
        ));
    }
    Ok(formula.at(&BTreeMap::new()))
}

/// How a formula compares with the reference.
#[derive(Debug, Clone, PartialEq)]
pub enum Agreement {
    /// Equal at every point tried.
    Same,
    /// They differ; at this point (variable → value) the two give these values.
    Differs {
        /// Where.
        point: BTreeMap<String, f64>,
        /// The formula's value there.
        given: f64,
        /// The reference's value there.
        reference: f64,
    },
    /// Too few points where the reference is defined to judge.
    Undecided,
}

/// Points tried when comparing formulas.
pub const SAMPLES: usize = 24;

/// Compares two formulas at random points with every variable in ±[0.5, 2.5] (both signs,
/// so |x| and x differ), seeded so the verdict is the same on every run.
pub fn compare(given: &Formula, reference: &Formula) -> Agreement {
    let mut names: Vec<String> = given.variables().to_vec();
    names.extend(reference.variables().iter().cloned());
    names.sort();
    names.dedup();
    let mut rng = Rng::new(0x5EED);
    let mut judged = 0;
    for _ in 0..SAMPLES * 4 {
        let point: BTreeMap<String, f64> = names
            .iter()
            .map(|n| {
                let magnitude = rng.uniform(0.5, 2.5);
                let sign = if rng.next_u64() & 1 == 0 { 1.0 } else { -1.0 };
                (n.clone(), sign * magnitude)
            })
            .collect();
        let r = reference.at(&point);
        if !r.is_finite() {
            continue;
        }
        let g = given.at(&point);
        if !(g.is_finite() && (g - r).abs() <= 1e-9 + 1e-7 * r.abs()) {
            return Agreement::Differs {
                point,
                given: g,
                reference: r,
            };
        }
        judged += 1;
        if judged == SAMPLES {
            return Agreement::Same;
        }
    }
    Agreement::Undecided
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        compare(&Formula::parse(a).unwrap(), &Formula::parse(b).unwrap()) == Agreement::Same
    }

    #[test]
    fn numbers_and_constants_evaluate() {
        let o = evaluate("e^15/(e^15+e^0)").unwrap();
        assert!((o - 0.9999996940977731).abs() < 1e-15);
        assert!((evaluate("ln(999)/3").unwrap() - 2.302251592882).abs() < 1e-9);
        assert_eq!(evaluate("2**3").unwrap(), 8.0);
        assert_eq!(evaluate("1e-3").unwrap(), 0.001);
        assert_eq!(evaluate("sigmoid(0)").unwrap(), 0.5);
        assert_eq!(evaluate("σ(0)").unwrap(), 0.5);
        assert!((evaluate("2pi").unwrap() - std::f64::consts::TAU).abs() < 1e-15);
        assert_eq!(evaluate("-(-3)").unwrap(), 3.0);
        assert!((evaluate("e^-2").unwrap() - (-2f64).exp()).abs() < 1e-15);
    }

    #[test]
    fn formulas_match_as_functions() {
        assert!(same(
            "(1/(1+e^(-z)))*(1-1/(1+e^(-z)))",
            "e^(-z)/(1+e^(-z))^2"
        ));
        assert!(!same("1-(1/(1+e^(-z)))", "e^(-z)/(1+e^(-z))^2"));
        assert!(!same("sqrt(x^2)", "x"));
        assert!(same("delta_j^l*a_k^(l-1)", "a_k^(l-1)*delta_j^l"));
        assert!(same("a_k^(l-1)·δ_j^l", "a_k^(l-1)*delta_j^l"));
        assert!(!same("a_k^l*delta_j^l", "a_k^(l-1)*delta_j^l"));
        assert!(same(
            "w_1 - eta*(partialC)/(partialw_1)",
            "w_1-eta*(partialC)/(partialw_1)"
        ));
        assert!(same("w_1-η∂C/∂w_1", "w_1-eta*(partialC)/(partialw_1)"));
        assert!(same(
            "f'(z_j^L)*(partialC)/(partiala_j^L)",
            "(partialC)/(partiala_j^L)*f'(z_j^L)"
        ));
        assert!(same("sigmoid(z)*(1-sigmoid(z))", "e^(-z)/(1+e^(-z))^2"));
    }

    #[test]
    fn index_notation_is_one_variable() {
        let f = Formula::parse("a_k^(l-1)*delta_j^l").unwrap();
        let mut v = f.variables().to_vec();
        v.sort();
        assert_eq!(v, ["a_k^(l-1)", "delta_j^l"]);
    }

    #[test]
    fn errors_point_at_the_spot() {
        let e = prepare("2*(3+4").unwrap_err();
        assert_eq!(e.position, 2);
        assert_eq!(e.caret("2*(3+4"), "2*(3+4\n  ^ this `(` is never closed");
        assert_eq!(prepare("3 + * 4").unwrap_err().position, 4);
        assert_eq!(prepare("2 2").unwrap_err().position, 2);
        let long = "1+".repeat(100) + "$";
        let e = prepare(&long).unwrap_err();
        assert_eq!(e.caret(&long).lines().nth(1).unwrap().find('^'), Some(41));
        assert_eq!(prepare("3 $ 4").unwrap_err().position, 2);
        assert_eq!(prepare("(1))").unwrap_err().position, 3);
        assert_eq!(prepare("").unwrap_err().position, 0);
        assert_eq!(evaluate("2*x").unwrap_err().position, 2);
    }

    #[test]
    fn limits_are_refused_cleanly() {
        let long = "1+".repeat(6000) + "1";
        assert!(
            prepare(&long)
                .unwrap_err()
                .message
                .contains("at most 10000")
        );
        let deep = "(".repeat(300) + "1" + &")".repeat(300);
        assert!(
            prepare(&deep)
                .unwrap_err()
                .message
                .contains("nested deeper than 200")
        );
        let signs = "-".repeat(500) + "1";
        assert!(
            prepare(&signs)
                .unwrap_err()
                .message
                .contains("nested deeper")
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// A sum of products, each a constant times some of the variables a, b, c.
    fn terms() -> impl Strategy<Value = Vec<(f64, Vec<&'static str>)>> {
        let factor = prop::sample::select(vec!["a", "b", "c", "d_k^(l-1)"]);
        proptest::collection::vec((1u32..50, proptest::collection::vec(factor, 1..4)), 1..5)
            .prop_map(|ts| {
                ts.into_iter()
                    .map(|(k, f)| (f64::from(k) / 4.0, f))
                    .collect()
            })
    }

    fn write(terms: &[(f64, Vec<&str>)]) -> String {
        terms
            .iter()
            .map(|(k, f)| format!("{k}*{}", f.join("*")))
            .collect::<Vec<_>>()
            .join(" + ")
    }

    proptest! {
        #[test]
        fn a_formula_matches_itself_reordered(terms in terms(), seed in any::<u64>()) {
            let mut rng = crate::rng::Rng::new(seed);
            let mut shuffled = terms.clone();
            for i in (1..shuffled.len()).rev() {
                shuffled.swap(i, rng.below(i as u64 + 1) as usize);
            }
            for (_, factors) in &mut shuffled {
                factors.reverse();
            }
            let (a, b) = (Formula::parse(&write(&terms)).unwrap(), Formula::parse(&write(&shuffled)).unwrap());
            prop_assert_eq!(compare(&a, &b), Agreement::Same);
        }

        #[test]
        fn a_perturbed_constant_does_not_match(terms in terms(), which in any::<prop::sample::Index>()) {
            let mut perturbed = terms.clone();
            let i = which.index(perturbed.len());
            perturbed[i].0 *= 1.001;
            let (a, b) = (Formula::parse(&write(&terms)).unwrap(), Formula::parse(&write(&perturbed)).unwrap());
            let differs = matches!(compare(&a, &b), Agreement::Differs { .. });
            prop_assert!(differs);
        }
    }
}
