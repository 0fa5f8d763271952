//! nnhw-prairielearn: a PrairieLearn question directory from a spec with a `[variants]`
//! table (`runner export prairielearn`).
//!
//! The question holds N variants drawn as `runner variants --count N` draws them (student
//! ids 1 to N), each solved and its key proved by nnhw before it is written:
//! - `info.json`: uuid (stable for the spec's stem, seed and count), title, topic, tags,
//!   type v3, and the external grader's options when nnhw grades the question;
//! - `question.html`: the statement, then one element per graded answer, whose checking
//!   is nnhw's: `pl-number-input` with nnhw's tolerance as atol/rtol, one per entry of a
//!   list, `pl-multiple-choice` for a choice; where no PrairieLearn element judges as
//!   nnhw does (equations in any form and order, polygons from any corner, formulas),
//!   every answer is a `pl-string-input` and the question is graded externally;
//! - `server.py`: the variants as JSON; `generate` picks one by `variant_seed`;
//! - for an externally graded question, `tests/grade.py` (the grader, standard library
//!   only) and `tests/variants/<id>.toml` (each variant's complete spec with its key),
//!   judged by nnhw's runner from the course's `serverFilesCourse/nnhw/runner`.
//!
//! It is not a solver or a grader (the section crates and nnhw-grade are), draws nothing
//! itself (nnhw-variants does), and writes no file: the runner places the directory.

mod html;
mod info;
pub mod model;
mod page;

use std::collections::HashMap;
use std::path::Path;

use nnhw_core::SpecError;

pub use html::number_attributes;
pub use info::{COMMENT, SERVER_FILES, ours, uuid};

/// One file of the question directory.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    /// Its path inside the directory, `/`-separated.
    pub path: String,
    /// Its text.
    pub text: String,
    /// Whether it must be executable (the grader's entrypoint).
    pub executable: bool,
}

/// A question directory, ready to write.
#[derive(Debug, Clone)]
pub struct Export {
    /// Every file, info.json first.
    pub files: Vec<File>,
    /// The question: its answers and their elements.
    pub question: model::Question,
    /// (reason, how many draws) for every draw thrown away.
    pub redrawn: Vec<(String, usize)>,
}

const SERVER_PY: &str = include_str!("server.py");
const GRADE_PY: &str = include_str!("grade.py");

/// A Python string literal holding `text`: JSON's string escapes are Python's too (serde
/// writes no `\/`), so the JSON text of a string reads back in Python as the same string.
fn python_string(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}

/// The figures of every variant's statement, each kept once: a figure that the drawn
/// numbers do not change (2.1's and 2.2's LSTM cell) is the same in every variant, and at
/// some 25 kB it would be most of server.py.
#[derive(Default)]
struct Figures {
    table: Vec<String>,
    index: HashMap<String, usize>,
}

impl Figures {
    /// `html` with each `<figure>…</figure>` replaced by `<!--nnhw-figure-N-->`, N its
    /// place in the table (server.py puts it back). A statement's text cannot hold either
    /// marker: nnhw-booklet escapes every `<` of it.
    fn take(&mut self, html: &str) -> String {
        const END: &str = "</figure>";
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(start) = rest.find("<figure") {
            let Some(len) = rest[start..].find(END) else {
                break;
            };
            let figure = &rest[start..start + len + END.len()];
            let n = match self.index.get(figure) {
                Some(&n) => n,
                None => {
                    self.table.push(figure.to_string());
                    self.index.insert(figure.to_string(), self.table.len() - 1);
                    self.table.len() - 1
                }
            };
            out.push_str(&rest[..start]);
            out.push_str(&format!("<!--nnhw-figure-{n}-->"));
            rest = &rest[start + figure.len()..];
        }
        out.push_str(rest);
        out
    }
}

/// The question directory for the spec `text` (named `file`), with `count` variants
/// drawn from `seed`; `directory` is the question directory's own name, which its uuid
/// takes in.
pub fn export(
    file: &str,
    text: &str,
    seed: u64,
    count: usize,
    directory: &str,
) -> Result<Export, SpecError> {
    let ids: Vec<String> = (1..=count).map(|i| i.to_string()).collect();
    let generated = nnhw_variants::generate(file, text, seed, &ids, &|| {})?;
    let mut solved = Vec::with_capacity(generated.variants.len());
    for v in &generated.variants {
        let name = format!("{}:{}", file, v.id);
        let s = nnhw_grade::solve_text(&name, &v.text, nnhw_core::Figures::Question)?;
        if !s.all_passed() {
            // nnhw-variants proves every key; this would be a bug there, not bad input.
            return Err(SpecError::whole_file(
                file,
                format!("variant {} does not match its own key", v.id),
            ));
        }
        solved.push(s);
    }
    let question = model::Question::new(file, &solved)?;

    let mut variants = Vec::with_capacity(solved.len());
    let mut figures = Figures::default();
    let mut specs = Vec::new();
    for (v, s) in generated.variants.iter().zip(&solved) {
        let expected: toml::Table = toml::from_str::<toml::Table>(&v.text)
            .ok()
            .and_then(|t| t.get("expected").and_then(|e| e.as_table()).cloned())
            .unwrap_or_default();
        let key = |name: &str| model::key_text(&expected, name);
        let mut variant = question.variant(&v.id, s, &key);
        if let Some(statement) = variant.get_mut("statement")
            && let Some(html) = statement.as_str()
        {
            *statement = serde_json::Value::String(figures.take(html));
        }
        variants.push(variant);
        if question.external {
            specs.push((v.id.clone(), v.file_name.clone(), v.text.clone()));
        }
    }

    let stem = Path::new(file)
        .file_stem()
        .map_or_else(|| "spec".to_string(), |s| s.to_string_lossy().into_owned());
    let source = format!("{file} (seed {seed}, {count} variants)");
    let all = serde_json::Value::Array(variants).to_string();
    let mut files = vec![
        File {
            path: "info.json".into(),
            text: info::info_json(&question, &source, &uuid(directory, &stem, seed, count)),
            executable: false,
        },
        File {
            path: "question.html".into(),
            text: html::question_html(&question, &source),
            executable: false,
        },
        File {
            path: "server.py".into(),
            text: SERVER_PY
                .replace(
                    "__FIGURES__",
                    &python_string(&serde_json::json!(figures.table).to_string()),
                )
                .replace("__VARIANTS__", &python_string(&all)),
            executable: false,
        },
    ];
    if question.external {
        let answers: Vec<&str> = question.asked.iter().map(|a| a.name.as_str()).collect();
        let names: serde_json::Map<String, serde_json::Value> = specs
            .iter()
            .map(|(id, name, _)| (id.clone(), serde_json::Value::String(name.clone())))
            .collect();
        let grader = GRADE_PY
            .replace(
                "__ANSWERS__",
                &python_string(&serde_json::json!(answers).to_string()),
            )
            .replace(
                "__FILES__",
                &python_string(&serde_json::Value::Object(names).to_string()),
            );
        files.push(File {
            path: "tests/grade.py".into(),
            text: grader,
            executable: true,
        });
        for (_, name, text) in specs {
            files.push(File {
                path: format!("tests/variants/{name}"),
                text,
                executable: false,
            });
        }
    }
    Ok(Export {
        files,
        question,
        redrawn: generated.redrawn,
    })
}

#[cfg(test)]
mod tests {
    use super::Figures;

    #[test]
    fn each_figure_is_kept_once_and_put_back_by_its_marker() {
        let mut figures = Figures::default();
        let a = figures.take("<p>x</p><figure>A</figure><p>y</p><figure>B</figure>");
        let b = figures.take("<p>z</p><figure>A</figure>");
        assert_eq!(
            a,
            "<p>x</p><!--nnhw-figure-0--><p>y</p><!--nnhw-figure-1-->"
        );
        assert_eq!(b, "<p>z</p><!--nnhw-figure-0-->");
        assert_eq!(figures.table, ["<figure>A</figure>", "<figure>B</figure>"]);
        assert_eq!(figures.take("<figure>unclosed"), "<figure>unclosed");
    }
}
