//! Choices read from free text: an option's name, its text, or one of its synonyms,
//! after case, punctuation and spacing are folded, so `Decreases.`, `goes down` and
//! `"smaller"` all pick the option `smaller`.

use nnhw_core::Choosable;

use crate::error::clip;

/// Folds case, punctuation and spacing: `(a)` → `a`, `h_t = x_t` → `h t x t`,
/// `run-parity` → `run parity`.
pub fn fold(text: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            '−' => '-',
            '→' => {
                out.push_str(if out.is_empty() { "to" } else { " to" });
                gap = true;
                continue;
            }
            c => c,
        };
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            out.push(c);
            gap = false;
        } else {
            gap = true;
        }
    }
    out
}

/// Words that say nothing about which option is meant.
const FILLER: [&str; 12] = [
    "it", "its", "the", "becomes", "become", "gets", "get", "will", "be", "very", "is", "goes",
];

fn without_filler(folded: &str) -> String {
    folded
        .split(' ')
        .filter(|w| !FILLER.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a text reads against a list of options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// It names this option, and nothing that changes what it says.
    One(usize),
    /// Its words name an option, but it has signs or operators that the option's
    /// spelling has not (`!small`, `≠ 0`, `-1`): they would change what it says, so it is
    /// not read as that option. The message says what would be read.
    Marked(String),
    /// It names an option with a clause that this reader does not trust to keep its
    /// meaning (`smaller as β decreases`); the message says what would be read.
    Unsure(String),
    /// It names no option.
    Nothing,
}

#[cfg(test)]
impl Picked {
    /// The option, when it picks one.
    pub fn option(&self) -> Option<usize> {
        match self {
            Picked::One(i) => Some(*i),
            _ => None,
        }
    }
}

/// The option `text` picks, if any.
#[cfg(test)]
pub fn pick(options: &[Choosable], text: &str) -> Option<usize> {
    read(options, text).option()
}

/// How `text` reads against `options`: an option by one of its spellings (after case,
/// punctuation, spacing and filler words are folded) with the same signs and operators
/// as that spelling; or that option followed by a clause about the variable growing
/// (`decreases as β increases`).
pub fn read(options: &[Choosable], text: &str) -> Picked {
    let unbarred = unbarred(text);
    let text = unbarred.as_str();
    let folded = fold(text);
    if folded.is_empty() {
        return Picked::Nothing;
    }
    let typed = marks(text);
    let mut marked: Option<(usize, String)> = None;
    for (i, spelling) in spelled(options, &folded) {
        if marks(&spelling) == typed {
            return Picked::One(i);
        }
        marked.get_or_insert((i, spelling));
    }
    if let Some((i, _)) = marked {
        let shown: Vec<String> = typed.iter().map(|m| format!("`{m}`")).collect();
        return Picked::Marked(format!(
            "`{}` has {}, which would change what `{}` says: write the option alone, without signs or operators, or say it in words",
            clip(text, 60),
            shown.join(" "),
            options[i].name
        ));
    }
    // A clause after or before the option: `decreases as beta increases`.
    let Some(clause) = clause(&folded) else {
        return Picked::Nothing;
    };
    if !typed.is_empty() {
        return Picked::Nothing;
    }
    let Some(&(i, _)) = spelled(options, &clause.option).first() else {
        return Picked::Nothing;
    };
    // `a as b increases` among options a and b says nothing clear.
    if !spelled(options, &clause.variable).is_empty() {
        return Picked::Nothing;
    }
    if clause.grows {
        Picked::One(i)
    } else {
        Picked::Unsure(format!(
            "`{}` says what happens as {} decreases; write the option alone (one of: {})",
            clip(text, 60),
            clause.variable,
            listed(options)
        ))
    }
}

/// The options, each with its spelling, whose folded spelling is `folded`: first those
/// equal to it, then those equal to it once filler words are dropped from both.
fn spelled(options: &[Choosable], folded: &str) -> Vec<(usize, String)> {
    let all: Vec<(usize, String)> = options
        .iter()
        .enumerate()
        .flat_map(|(i, o)| spellings(o).into_iter().map(move |s| (i, s)))
        .collect();
    let mut out: Vec<(usize, String)> = all
        .iter()
        .filter(|(_, s)| fold(s) == folded)
        .cloned()
        .collect();
    let bare = without_filler(folded);
    if !bare.is_empty() {
        out.extend(
            all.into_iter()
                .filter(|(_, s)| without_filler(&fold(s)) == bare),
        );
    }
    out
}

/// An option's spellings as written: its name, its text, its synonyms.
fn spellings(o: &Choosable) -> Vec<String> {
    std::iter::once(o.name.clone())
        .chain(std::iter::once(o.text.clone()))
        .chain(o.synonyms.iter().cloned())
        .collect()
}

/// The signs and operators in a text that folding drops but that change what it says,
/// in order: `!small` has `!`, `≠ 0` has `≠`, `-1` has `-`, `-> 0` has `->`. Brackets,
/// quotes and end punctuation say nothing; neither does a hyphen or underscore joining
/// two words (`run-parity`, `h_t`), nor `!` at the very end.
pub fn marks(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphanumeric() || chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_alphanumeric() && !chars[i].is_whitespace() {
            i += 1;
        }
        let before = start.checked_sub(1).map(|k| chars[k]);
        let after = chars.get(i).copied();
        let joins = |c: char| {
            matches!(c, '-' | '−' | '‐' | '_' | '\'' | '’')
                && before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric)
        };
        let at_end = chars[i..].iter().all(|c| !c.is_alphanumeric());
        let run = &chars[start..i];
        let kept: String = run
            .iter()
            .filter(|&&c| !(run.len() == 1 && joins(c)))
            .filter(|&&c| !(harmless(c) || (c == '!' && at_end)))
            .map(|&c| if c == '−' { '-' } else { c })
            .collect();
        if !kept.is_empty() {
            out.push(kept);
        }
    }
    out
}

/// `text` with the bars of an absolute value around one word taken away: `as |z| grows`
/// is about the variable z growing in size.
fn unbarred(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = chars.clone();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '|' {
            let word = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_alphanumeric())
                .count();
            if word > 0 && chars.get(i + 1 + word) == Some(&'|') {
                out[i] = ' ';
                out[i + 1 + word] = ' ';
                i += word + 2;
                continue;
            }
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// Punctuation that never changes what a choice says.
fn harmless(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '?'
            | '"'
            | '\''
            | '`'
            | '’'
            | '‘'
            | '“'
            | '”'
            | '«'
            | '»'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '→'
            | '\u{200b}'
    )
}

/// An option with a clause about the variable: `decreases as beta increases`, `with
/// increasing β it gets smaller`.
struct Clause {
    /// The words that should name the option.
    option: String,
    /// The variable the clause is about.
    variable: String,
    /// Whether the clause says the variable grows (else it says it shrinks).
    grows: bool,
}

/// Words after `as β` that say the variable grows.
const GROWS: [&str; 14] = [
    "increases",
    "increase",
    "increasing",
    "is increased",
    "grows",
    "grow",
    "growing",
    "rises",
    "rise",
    "goes up",
    "gets larger",
    "gets bigger",
    "becomes larger",
    "gets large",
];

/// Words after `as β` that say the variable shrinks.
const SHRINKS: [&str; 14] = [
    "decreases",
    "decrease",
    "decreasing",
    "is decreased",
    "shrinks",
    "shrink",
    "shrinking",
    "falls",
    "drops",
    "goes down",
    "gets smaller",
    "becomes smaller",
    "is reduced",
    "reduces",
];

/// Before a variable, words that say it grows (`with increasing β`) or shrinks.
const GROWING: [&str; 6] = [
    "increasing",
    "growing",
    "rising",
    "larger",
    "bigger",
    "higher",
];
const SHRINKING: [&str; 5] = ["decreasing", "shrinking", "falling", "smaller", "lower"];

/// Words that open a clause about the variable.
const WHEN: [&str; 5] = ["as", "when", "while", "if", "whenever"];

/// Greek letters by name, as a variable is written in a clause.
const GREEK: [&str; 21] = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "kappa", "lambda", "mu",
    "nu", "xi", "pi", "rho", "sigma", "tau", "phi", "chi", "psi", "omega",
];

/// Whether a folded word names a variable: one letter (Latin or Greek) with digits
/// after it, or a Greek letter's name. `inverse temperature` is words, not a variable.
fn variable(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest: String = chars.collect();
    (first.is_alphabetic() && rest.chars().all(|c| c.is_ascii_digit())) || GREEK.contains(&word)
}

/// Splits `folded` into an option and a clause about a variable, if it has one.
fn clause(folded: &str) -> Option<Clause> {
    let words: Vec<&str> = folded.split(' ').collect();
    let n = words.len();
    let phrase = |list: &[&str], from: usize, to: usize| {
        let text = words.get(from..to).map(|w| w.join(" "));
        text.is_some_and(|t| list.contains(&t.as_str()))
    };
    // A variable at words[k], maybe after `the`: where it ends.
    let variable_at = |k: usize| -> Option<usize> {
        let k = if words.get(k) == Some(&"the") {
            k + 1
        } else {
            k
        };
        words.get(k).filter(|w| variable(w)).map(|_| k + 1)
    };
    let made = |option: &[&str], variable: &str, grows: bool| {
        let option = option.join(" ");
        (!option.is_empty()).then(|| Clause {
            option,
            variable: variable.to_string(),
            grows,
        })
    };
    // `<option> as β increases`, `<option> with increasing β`.
    for start in 1..n {
        if WHEN.contains(&words[start])
            && let Some(end) = variable_at(start + 1)
        {
            for (list, grows) in [(&GROWS[..], true), (&SHRINKS[..], false)] {
                if phrase(list, end, n) {
                    return made(&words[..start], words[end - 1], grows);
                }
            }
        }
        if matches!(words[start], "with" | "for") {
            for (list, grows) in [(&GROWING[..], true), (&SHRINKING[..], false)] {
                if words.get(start + 1).is_some_and(|w| list.contains(w))
                    && variable_at(start + 2) == Some(n)
                {
                    return made(&words[..start], words[n - 1], grows);
                }
            }
        }
    }
    // `as β increases, <option>`, `with increasing β, <option>`.
    if WHEN.contains(&words[0])
        && let Some(end) = variable_at(1)
    {
        for (list, grows) in [(&GROWS[..], true), (&SHRINKS[..], false)] {
            for stop in end + 1..n {
                if phrase(list, end, stop) {
                    let rest = if words[stop] == "then" {
                        &words[stop + 1..]
                    } else {
                        &words[stop..]
                    };
                    return made(rest, words[end - 1], grows);
                }
            }
        }
    }
    if words[0] == "with" {
        for (list, grows) in [(&GROWING[..], true), (&SHRINKING[..], false)] {
            if words.get(1).is_some_and(|w| list.contains(w))
                && let Some(end) = variable_at(2)
            {
                return made(&words[end..], words[end - 1], grows);
            }
        }
    }
    None
}

/// The options as a student reads them: `smaller, larger`.
pub fn listed(options: &[Choosable]) -> String {
    options
        .iter()
        .map(|o| o.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The option whose spelling is nearest a text that picked none, if one is close.
pub fn nearest<'o>(options: &'o [Choosable], text: &str) -> Option<&'o str> {
    let folded = fold(text);
    // `not 0` and `!smal` are no typos of `0` and `small`: a suggestion would point the
    // wrong way.
    if folded
        .split(' ')
        .any(|w| matches!(w, "not" | "non" | "never" | "no" | "nonzero"))
        || !marks(text).is_empty()
    {
        return None;
    }
    let folded = folded.as_str();
    options
        .iter()
        .flat_map(|o| {
            std::iter::once(&o.name).chain(&o.synonyms).map(move |s| {
                (
                    strsim::normalized_levenshtein(&fold(s), folded),
                    o.name.as_str(),
                )
            })
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Vec<Choosable> {
        vec![
            Choosable::new("smaller", "smaller", &["decreases", "goes down"]),
            Choosable::new("larger", "larger", &["increases"]),
        ]
    }

    #[test]
    fn synonyms_pick_their_option() {
        let o = options();
        assert_eq!(pick(&o, "Decreases."), Some(0));
        assert_eq!(pick(&o, "it goes down"), Some(0));
        assert_eq!(pick(&o, "\"larger\""), Some(1));
        assert_eq!(pick(&o, "it becomes larger"), Some(1));
        assert_eq!(pick(&o, "sideways"), None);
        assert_eq!(pick(&o, "   "), None);
        assert_eq!(nearest(&o, "smallr"), Some("smaller"));
        assert_eq!(fold("(a)"), "a");
        assert_eq!(fold("h_t = x_(t-1)"), "h t x t 1");
    }
}
