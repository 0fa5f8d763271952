//! MathML for the numbers a question gives: a number, a vector, a matrix, rounded as the
//! text report rounds them (nnhw-core's `format::number`), so the page and the text show
//! the same digits.

use nnhw_core::Value;

use super::{math, mn, mo};

/// Longest list typeset whole; a longer one shows its first ten and last five entries,
/// as the text report does.
const LIST_SHOWN: usize = 20;
/// Largest matrix typeset as one: rows and columns.
const MAX_ROWS: usize = 12;
const MAX_COLUMNS: usize = 20;

/// `value` as a `<math>` element: a number, a list of numbers in brackets, a list of
/// equally long rows of numbers as a matrix (an `mtable` of class `matrix`, whose
/// brackets the page's stylesheet draws). `None` for anything else (words, deeper
/// nesting, a matrix too big to typeset), which the caller shows as text.
pub fn given(value: &Value) -> Option<String> {
    element(value).map(|e| math(&e))
}

fn element(value: &Value) -> Option<String> {
    match value {
        Value::Number(x) => Some(number(*x)),
        Value::Count(n) => Some(number(*n as f64)),
        Value::List(items) if items.iter().all(|i| matches!(i, Value::Number(_))) => {
            Some(vector(items))
        }
        Value::List(rows) => matrix(rows),
        _ => None,
    }
}

fn number(x: f64) -> String {
    let text = nnhw_core::format::number(x);
    let (sign, magnitude) = match text.strip_prefix('-') {
        Some(rest) => (mo("−"), rest),
        None => (String::new(), text.as_str()),
    };
    let digits = match magnitude.split_once('e') {
        Some((mantissa, exponent)) => {
            let power = match exponent.strip_prefix('-') {
                Some(e) => format!("<mrow>{}{}</mrow>", mo("−"), mn(e)),
                None => mn(exponent),
            };
            format!(
                "<mrow>{}<mo>×</mo><msup><mn>10</mn>{power}</msup></mrow>",
                mn(mantissa)
            )
        }
        None => mn(magnitude),
    };
    if sign.is_empty() {
        digits
    } else {
        format!("<mrow>{sign}{digits}</mrow>")
    }
}

fn vector(items: &[Value]) -> String {
    let entry = |v: &Value| match v {
        Value::Number(x) => number(*x),
        _ => String::new(),
    };
    let shown: Vec<String> = if items.len() > LIST_SHOWN {
        items[..10]
            .iter()
            .map(entry)
            .chain(std::iter::once(mo("…")))
            .chain(items[items.len() - 5..].iter().map(entry))
            .collect()
    } else {
        items.iter().map(entry).collect()
    };
    format!(
        "<mrow><mo>[</mo>{}<mo>]</mo></mrow>",
        shown.join("<mo>,</mo>")
    )
}

fn matrix(rows: &[Value]) -> Option<String> {
    if rows.len() < 2 || rows.len() > MAX_ROWS {
        return None;
    }
    let cells: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| match r {
            Value::List(items) => items
                .iter()
                .map(|i| match i {
                    Value::Number(x) => Some(*x),
                    _ => None,
                })
                .collect::<Option<Vec<f64>>>(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let columns = cells[0].len();
    if columns == 0 || columns > MAX_COLUMNS || cells.iter().any(|r| r.len() != columns) {
        return None;
    }
    let body: String = cells
        .iter()
        .map(|row| {
            let tds: String = row
                .iter()
                .map(|&x| format!("<mtd>{}</mtd>", number(x)))
                .collect();
            format!("<mtr>{tds}</mtr>")
        })
        .collect();
    // Brackets as tall as the matrix need a math font, which many machines lack: the
    // page draws them around `mtable.matrix` with CSS instead.
    Some(format!("<mtable class=\"matrix\">{body}</mtable>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_vectors_and_matrices_are_typeset() {
        assert_eq!(
            given(&Value::Number(-1.5)).unwrap(),
            "<math display=\"inline\"><mrow><mo>−</mo><mn>1.5</mn></mrow></math>"
        );
        assert_eq!(
            given(&Value::numbers(&[3.0, 14.0])).unwrap(),
            "<math display=\"inline\"><mrow><mo>[</mo><mn>3</mn><mo>,</mo><mn>14</mn><mo>]</mo></mrow></math>"
        );
        let m = given(&Value::matrix(&[[1.0, 0.0], [0.0, 1.0]])).unwrap();
        assert!(m.contains(
            "<mtable class=\"matrix\"><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr>"
        ));
        assert!(
            given(&Value::numbers(&[2e-7]))
                .unwrap()
                .contains("<msup><mn>10</mn><mrow><mo>−</mo><mn>7</mn></mrow></msup>")
        );
        let long: Vec<f64> = (0..30).map(f64::from).collect();
        let shown = given(&Value::numbers(&long)).unwrap();
        assert!(shown.contains("<mn>9</mn><mo>,</mo><mo>…</mo><mo>,</mo><mn>25</mn>"));
        assert_eq!(given(&Value::text("cat")), None);
        // Ragged rows are not a matrix.
        let ragged = Value::List(vec![Value::numbers(&[1.0]), Value::numbers(&[1.0, 2.0])]);
        assert_eq!(given(&ragged), None);
    }
}
