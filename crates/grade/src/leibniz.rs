//! Leibniz's notation: `dC/dw`, `d C / d w` and `(dC)/(dw)` are `∂C/∂w`. Read by the
//! shape of the ratio alone (two d-names around a `/`), never by what the key holds, so
//! how an answer is read gives nothing of the key away.

use crate::lex::{Tok, Token};
use crate::name::Name;

/// A name that reads as a differential in Leibniz's notation: `dC`, `dw_1`, `da_j^L`
/// (not `delta`), with the name it differentiates.
fn d_name(name: &Name) -> Option<Name> {
    if name.differential || name.primes > 0 || !name.base.starts_with('d') {
        return None;
    }
    let rest = &name.base[1..];
    if rest.is_empty() || crate::letters::is_name(&name.base) {
        return None;
    }
    let mut differential = name.clone();
    differential.base = rest.to_string();
    differential.differential = true;
    Some(differential)
}

/// One side of a ratio at `i`: `dC`, `d C`, `∂C`, each maybe in parentheses. The name
/// as a differential, and how many tokens it spans.
fn differential_at(tokens: &[Token], i: usize) -> Option<(Name, usize, Vec<usize>)> {
    let name_at = |k: usize| match tokens.get(k).map(|t| &t.tok) {
        Some(Tok::Name(n)) => Some(n.clone()),
        _ => None,
    };
    let bare = |k: usize| -> Option<(Name, usize, Vec<usize>)> {
        let first = name_at(k)?;
        if first.differential {
            return Some((first, 1, vec![k]));
        }
        if first.is_plain() && first.base == "d" {
            let mut next = name_at(k + 1)?;
            next.differential = true;
            return Some((next, 2, vec![k, k + 1]));
        }
        d_name(&first).map(|n| (n, 1, vec![k]))
    };
    if tokens.get(i).map(|t| &t.tok) == Some(&Tok::Open) {
        let (name, width, at) = bare(i + 1)?;
        (tokens.get(i + 1 + width).map(|t| &t.tok) == Some(&Tok::Close)).then_some((
            name,
            width + 2,
            at,
        ))
    } else {
        bare(i)
    }
}

/// Rewrites every `dA/dB` (and `d A / d B`) as `∂A/∂B`: a ratio of two d-names is a
/// derivative whatever the key says, so the reading gives nothing away.
pub fn leibniz(mut tokens: Vec<Token>) -> Vec<Token> {
    let mut i = 0;
    while i < tokens.len() {
        let Some((top, width, top_at)) = differential_at(&tokens, i) else {
            i += 1;
            continue;
        };
        let slash = i + width;
        let below = (tokens.get(slash).map(|t| &t.tok) == Some(&Tok::Op('/')))
            .then(|| differential_at(&tokens, slash + 1))
            .flatten();
        let Some((bottom, _, bottom_at)) = below else {
            i += 1;
            continue;
        };
        // Replace from the right so earlier positions stay valid.
        for (name, at) in [(bottom, bottom_at), (top, top_at)] {
            tokens[at[0]].tok = Tok::Name(name);
            if at.len() == 2 {
                tokens.remove(at[1]);
            }
        }
        i += 1;
    }
    tokens
}

/// A derivative the problem defines as a name: `∂C/∂z_j^l` is `δ_j^l`, whatever the
/// indices, because the question says δ = ∂C/∂z.
#[derive(Debug, Clone, PartialEq)]
pub struct Defined {
    /// What is differentiated (`C`).
    pub top: String,
    /// The name it is differentiated by, without indices (`z`).
    pub by: String,
    /// The name the derivative is (`delta`), taking the indices of `by`.
    pub name: String,
}

impl Defined {
    /// The definition a ratio alias states: `(partialC)/(partialz)` → `delta`.
    pub fn read(tokens: &[Token], name: &Name) -> Option<Defined> {
        let (top, by, span) = ratio_at(tokens, 0)?;
        let plain = |n: &Name| n.sub.is_empty() && n.sup.is_empty() && n.primes == 0;
        (span == tokens.len() && plain(&top) && plain(&by) && name.is_plain()).then(|| Defined {
            top: top.base,
            by: by.base,
            name: name.base.clone(),
        })
    }
}

/// A ratio of two differentials at `i` (`∂C/∂z_j^l`, each side maybe in parentheses):
/// what is differentiated, by what, and how many tokens it spans.
fn ratio_at(tokens: &[Token], i: usize) -> Option<(Name, Name, usize)> {
    let (top, width, _) = differential_at(tokens, i)?;
    if tokens.get(i + width).map(|t| &t.tok) != Some(&Tok::Op('/')) {
        return None;
    }
    let (by, rest, _) = differential_at(tokens, i + width + 1)?;
    Some((top, by, width + 1 + rest))
}

/// Rewrites each ratio a definition names (`∂C/∂z_j^l`, after [`leibniz`]) as that name
/// (`δ_j^l`), unless a `/` comes right before it, where the ratio would not be read as
/// one factor.
pub fn defined(mut tokens: Vec<Token>, definitions: &[Defined]) -> Vec<Token> {
    if definitions.is_empty() {
        return tokens;
    }
    let mut i = 0;
    while i < tokens.len() {
        let after_slash = i > 0 && tokens[i - 1].tok == Tok::Op('/');
        if let (false, Some((top, by, span))) = (after_slash, ratio_at(&tokens, i)) {
            let plain = top.sub.is_empty() && top.sup.is_empty() && top.primes == 0;
            if let Some(d) = definitions
                .iter()
                .find(|d| plain && d.top == top.base && d.by == by.base && by.primes == 0)
            {
                let mut name = by.clone();
                name.base = d.name.clone();
                name.differential = false;
                tokens[i].tok = Tok::Name(name);
                tokens.drain(i + 1..i + span);
            }
        }
        i += 1;
    }
    tokens
}
