//! The workspace's shape, checked: the rules of docs/architecture.md that a reviewer
//! would otherwise have to re-check by hand on every change.
//!
//! - no section crate depends on another (the engine they share lives in core);
//! - no module cycle between sibling modules of any crate;
//! - no public function returns `Result<_, String>` (each crate has a typed error);
//! - one tolerance rule and one place that trims a number's zeros.
//!
//! The module graph is read from `crate::…` and `super::…` paths in the source text,
//! which is what a reader follows too; test modules (after `#[cfg(test)]`) are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const SECTIONS: [&str; 4] = ["neural-nets", "lstm", "backprop", "embeddings"];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.rs` file below `dir`, sorted, skipping `bin/` (separate crates).
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "bin") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Modules declared under `#[cfg(test)]` (`#[cfg(test)] mod render;`), by their path,
/// and the files named by a `#[path]` on such a declaration: their paths are the tests'
/// reach, not the crate's shape.
fn test_modules(src: &Path, files: &[PathBuf]) -> (BTreeSet<Vec<String>>, BTreeSet<PathBuf>) {
    let (mut modules, mut paths) = (BTreeSet::new(), BTreeSet::new());
    for file in files {
        let text = fs::read_to_string(file).unwrap_or_default();
        for (at, _) in text.match_indices("#[cfg(test)]") {
            let mut rest = text[at + "#[cfg(test)]".len()..].trim_start();
            let mut path = None;
            while let Some(attr) = rest.strip_prefix("#[") {
                let end = attr.find(']').unwrap_or(attr.len());
                if let Some(value) = attr[..end].strip_prefix("path = ") {
                    path = Some(value.trim_matches('"').to_string());
                }
                rest = attr[end..].trim_start_matches(']').trim_start();
            }
            let rest = rest.strip_prefix("pub(crate) ").unwrap_or(rest);
            let Some(rest) = rest.strip_prefix("mod ") else {
                continue;
            };
            let name: String = rest.chars().take_while(|&c| ident_char(c)).collect();
            if !rest[name.len()..].trim_start().starts_with(';') {
                continue;
            }
            match path {
                Some(path) => {
                    let dir = file.parent().unwrap_or(src);
                    paths.insert(dir.join(path));
                }
                None => {
                    let mut child = module_of(src, file);
                    child.push(name);
                    modules.insert(child);
                }
            }
        }
    }
    (modules, paths)
}

/// The crate's own files: every source file but those of test modules.
fn crate_files(src: &Path) -> Vec<PathBuf> {
    let files = sources(src);
    let (modules, paths) = test_modules(src, &files);
    files
        .into_iter()
        .filter(|f| {
            let module = module_of(src, f);
            !paths.contains(f) && !modules.iter().any(|t| module.starts_with(t))
        })
        .collect()
}

/// The `src/` directories of every crate and of xtask.
fn crate_roots() -> Vec<(String, PathBuf)> {
    let root = workspace();
    let mut roots: Vec<(String, PathBuf)> = fs::read_dir(root.join("crates"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("src").is_dir())
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            (name.unwrap_or_default(), p.join("src"))
        })
        .collect();
    roots.push(("xtask".into(), root.join("xtask/src")));
    roots.sort();
    roots
}

/// A file's text without its test modules and line comments.
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let text = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => &text[..],
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module path of a file below `src`: `a/b.rs` and `a/b/mod.rs` are `a::b`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths a `use` tree or a path expression names, from just after `crate::`.
fn paths_from(text: &str, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    let mut rest = text;
    loop {
        let rest_trim = rest.trim_start();
        if let Some(group) = rest_trim.strip_prefix('{') {
            // A group: split at top-level commas, each item a path of its own.
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        paths_from(&group[start..i], path.clone(), out);
                        return;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        paths_from(&group[start..i], path.clone(), out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            return;
        }
        let len = rest_trim
            .find(|c: char| !ident_char(c))
            .unwrap_or(rest_trim.len());
        if len == 0 {
            break;
        }
        path.push(rest_trim[..len].to_string());
        match rest_trim[len..].strip_prefix("::") {
            Some(next) => rest = next,
            None => break,
        }
    }
    if !path.is_empty() {
        out.push(path);
    }
}

/// Every module path a file's code refers to, made absolute.
fn references(code: &str, here: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| ident_char(c) || c == '$') {
            continue;
        }
        paths_from(&code[at + "crate::".len()..], Vec::new(), &mut out);
    }
    for (at, _) in code.match_indices("super::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| ident_char(c) || c == ':') {
            continue;
        }
        let mut rest = &code[at..];
        let mut base = here.to_vec();
        while let Some(next) = rest.strip_prefix("super::") {
            base.pop();
            rest = next;
        }
        paths_from(rest, base, &mut out);
    }
    out
}

/// Module → module, with one place that makes the dependency.
type Edges = BTreeMap<(Vec<String>, Vec<String>), String>;

/// Cycles among the children of each module: `a → b → a`.
/// Each hop names a file and the path that made it (`a → b (a/x.rs: b::T)`).
fn cycles(modules: &BTreeSet<Vec<String>>, edges: &Edges) -> Vec<String> {
    let mut graph: BTreeMap<&Vec<String>, Vec<&Vec<String>>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        graph.entry(from).or_default().push(to);
    }
    let mut found = Vec::new();
    for start in modules {
        // A path back to `start` through modules greater than it reports each cycle once.
        let mut stack = vec![(start, vec![start])];
        let mut seen = BTreeSet::new();
        while let Some((node, trail)) = stack.pop() {
            for &next in graph.get(node).into_iter().flatten() {
                if next == start {
                    let hops: Vec<String> = trail
                        .iter()
                        .zip(trail.iter().skip(1).chain([&start]))
                        .map(|(a, b)| {
                            let why = edges.get(&((*a).clone(), (*b).clone()));
                            format!(
                                "{} → {} ({})",
                                a.join("::"),
                                b.join("::"),
                                why.map_or("", String::as_str)
                            )
                        })
                        .collect();
                    found.push(hops.join(", "));
                } else if next > start && seen.insert(next) {
                    let mut longer = trail.clone();
                    longer.push(next);
                    stack.push((next, longer));
                }
            }
        }
    }
    found
}

#[test]
fn no_section_crate_depends_on_another() {
    let root = workspace();
    let packages: Vec<String> = SECTIONS.iter().map(|s| format!("nnhw-{s}")).collect();
    let mut faults = Vec::new();
    for section in SECTIONS {
        let manifest = root.join("crates").join(section).join("Cargo.toml");
        let text = fs::read_to_string(&manifest).unwrap_or_default();
        let doc: toml::Table = text.parse().unwrap_or_default();
        assert!(
            doc.contains_key("package"),
            "{} did not read",
            manifest.display()
        );
        for table in ["dependencies", "dev-dependencies", "build-dependencies"] {
            let deps = doc.get(table).and_then(|t| t.as_table());
            for name in deps.into_iter().flat_map(|t| t.keys()) {
                if packages.contains(name) && *name != format!("nnhw-{section}") {
                    faults.push(format!("crates/{section} [{table}] {name}"));
                }
            }
        }
    }
    assert!(
        faults.is_empty(),
        "a section crate depends on another: {faults:#?}"
    );
}

#[test]
fn no_module_depends_on_a_sibling_that_depends_on_it() {
    let mut faults = Vec::new();
    for (name, src) in crate_roots() {
        let files = crate_files(&src);
        let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
        let mut edges = Edges::new();
        for file in &files {
            let here = module_of(&src, file);
            for target in references(&code(file), &here) {
                let common = here.iter().zip(&target).take_while(|(a, b)| a == b).count();
                if common >= here.len() || common >= target.len() {
                    continue; // a module using its own descendant or ancestor
                }
                let from = here[..=common].to_vec();
                let to = target[..=common].to_vec();
                if modules.contains(&to) {
                    let rel = file
                        .strip_prefix(&src)
                        .unwrap_or(file)
                        .display()
                        .to_string();
                    edges
                        .entry((from, to))
                        .or_insert_with(|| format!("{rel}: {}", target.join("::")));
                }
            }
        }
        faults.extend(
            cycles(&modules, &edges)
                .into_iter()
                .map(|c| format!("{name}: {c}")),
        );
    }
    assert!(faults.is_empty(), "module cycles: {faults:#?}");
}

/// `Result<T, String>` in a signature's return type.
fn returns_string_error(signature: &str) -> bool {
    let Some(ret) = signature.split("->").nth(1) else {
        return false;
    };
    let Some(at) = ret.find("Result<") else {
        return false;
    };
    let mut depth = 0;
    let mut last_arg = String::new();
    for c in ret[at + "Result<".len()..].chars() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' if depth == 0 => break,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                last_arg.clear();
                continue;
            }
            _ => {}
        }
        last_arg.push(c);
    }
    last_arg.trim() == "String"
}

#[test]
fn no_public_function_returns_a_string_error() {
    let mut faults = Vec::new();
    for (name, src) in crate_roots() {
        for file in crate_files(&src) {
            let code = code(&file);
            for (at, _) in code
                .match_indices("pub fn ")
                .chain(code.match_indices("pub type "))
            {
                let end = code[at..].find(['{', ';']).map_or(code.len(), |e| at + e);
                let signature = &code[at..end];
                let alias = signature.starts_with("pub type")
                    && signature.contains("Result<")
                    && returns_string_error(&format!(
                        "-> {}",
                        signature.split('=').nth(1).unwrap_or("")
                    ));
                if alias || returns_string_error(signature) {
                    let line = code[..at].lines().count() + 1;
                    let rel = file
                        .strip_prefix(&src)
                        .unwrap_or(&file)
                        .display()
                        .to_string();
                    faults.push(format!(
                        "{name}/src/{rel}:{line}: {}",
                        signature.split_whitespace().collect::<Vec<_>>().join(" ")
                    ));
                }
            }
        }
    }
    assert!(
        faults.is_empty(),
        "public functions with String errors: {faults:#?}"
    );
}

#[test]
fn one_tolerance_rule_and_one_zero_trimmer() {
    let mut faults = Vec::new();
    for (name, src) in crate_roots() {
        for file in crate_files(&src) {
            let rel = format!(
                "{name}/src/{}",
                file.strip_prefix(&src).unwrap_or(&file).display()
            );
            for (i, line) in code(&file).lines().enumerate() {
                let compares =
                    line.contains("allowed(") && (line.contains("<=") || line.contains(" < "));
                if compares && rel != "core/src/tolerance.rs" {
                    faults.push(format!(
                        "{rel}:{}: a second tolerance rule: {}",
                        i + 1,
                        line.trim()
                    ));
                }
                if line.contains("trim_end_matches('0')") && rel != "core/src/format.rs" {
                    faults.push(format!(
                        "{rel}:{}: a second zero trimmer: {}",
                        i + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(faults.is_empty(), "{faults:#?}");
}

#[test]
fn the_checks_find_what_they_look_for() {
    assert!(returns_string_error(
        "pub fn f(x: u8) -> Result<Vec<u8>, String>"
    ));
    assert!(returns_string_error(
        "pub fn f() -> Result<(u8, String), String>"
    ));
    assert!(!returns_string_error("pub fn f() -> Result<String, Error>"));
    assert!(!returns_string_error("pub fn f() -> Option<String>"));
    let mut out = Vec::new();
    paths_from("{a::{B, c::D}, e}; use x", Vec::new(), &mut out);
    assert_eq!(out, [vec!["a", "B"], vec!["a", "c", "D"], vec!["e"]]);
    let refs = references("use super::super::z::Y;", &["a".into(), "b".into()]);
    assert_eq!(refs, [vec!["z".to_string(), "Y".into()]]);
    let m = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    let modules: BTreeSet<_> = [m("a"), m("b"), m("c")].into();
    let edge = |a: &str, b: &str| ((m(a), m(b)), format!("{a}.rs: {b}::X"));
    let edges: Edges = [edge("a", "b"), edge("b", "c"), edge("c", "a")].into();
    assert_eq!(
        cycles(&modules, &edges),
        ["a → b (a.rs: b::X), b → c (b.rs: c::X), c → a (c.rs: a::X)"]
    );
    let edges: Edges = [edge("a", "b"), edge("b", "c")].into();
    assert!(cycles(&modules, &edges).is_empty());
}
