//! `runner handout` as course staff use it: the real binary on variants of real specs, a
//! roster, and the answer sheet's own lines fed back to `runner grade`.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

fn problems(name: &str) -> String {
    common::workspace()
        .join("problems")
        .join(name)
        .display()
        .to_string()
}

fn runner(args: &[&str], dir: &Path) -> (i32, String, String) {
    common::run_in(dir, args)
}

/// A class of three: variants of 3.4 and 2.2 for each, from a roster.
fn class(dir: &Path) {
    std::fs::write(
        dir.join("roster.csv"),
        "student,name\ns3,Cy\ns1,Al\ns2,Bo\n",
    )
    .unwrap();
    for spec in ["simple_network.toml", "lstm2.toml"] {
        let (code, _, err) = runner(
            &[
                "variants",
                &problems(spec),
                "--roster",
                "roster.csv",
                "--out",
                "class",
            ],
            dir,
        );
        assert_eq!(code, 0, "{err}");
    }
}

/// The text of every `<pre class="line">` of a page, entities read back.
fn lines(page: &str) -> Vec<String> {
    page.split("<pre class=\"line\">")
        .skip(1)
        .map(|rest| {
            rest.split("</pre>")
                .next()
                .unwrap()
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .collect()
}

/// The `[expected]` entries of a variant spec, as TOML values.
fn key(spec: &str) -> toml::Table {
    let whole: toml::Table = toml::from_str(spec).unwrap();
    whole["expected"].as_table().unwrap().clone()
}

/// An answer as a CSV cell or JSON string would hold it: a list in brackets.
fn typed(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Array(items) => {
            let items: Vec<String> = items.iter().map(typed).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

#[test]
fn a_class_gets_a_page_per_variant_and_one_file_with_each_students_sheets_together() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    class(dir);
    let (code, out, err) = runner(
        &[
            "handout",
            "class",
            "--roster",
            "roster.csv",
            "--out",
            "handouts",
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.is_empty(),
        "handout writes files, not standard output: {out}"
    );
    assert_eq!(
        err.trim(),
        "6 handouts written to handouts, and all.html to print 3 sets of sheets, one per student"
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.join("handouts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "all.html",
            "lstm2-s1.html",
            "lstm2-s2.html",
            "lstm2-s3.html",
            "simple_network-s1.html",
            "simple_network-s2.html",
            "simple_network-s3.html",
        ]
    );
    // The roster's order, each student's sheets together, in homework order.
    let all = std::fs::read_to_string(dir.join("handouts/all.html")).unwrap();
    let at = |needle: &str| all.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(at("lstm2-s3") < at("simple_network-s3"));
    assert!(at("simple_network-s3") < at("lstm2-s1"));
    assert!(at("simple_network-s1") < at("lstm2-s2"));
    assert_eq!(all.matches("<div class=\"student\">").count(), 3);
    assert_eq!(all.matches("All of these problems in one file").count(), 3);

    let page = std::fs::read_to_string(dir.join("handouts/simple_network-s2.html")).unwrap();
    assert!(page.contains("Student <strong>s2</strong>"));
    assert!(page.contains("Problem <code>simple_network-s2</code>"));
    let variant = std::fs::read_to_string(dir.join("class/simple_network-s2.toml")).unwrap();
    for (name, value) in key(&variant) {
        let full = value.to_string();
        assert!(!page.contains(&full), "{name} = {full} is on the handout");
    }
    for hidden in ["Working", "Answers", "[expected]", "matches the key"] {
        assert!(!page.contains(hidden), "{hidden}");
    }

    // The same bytes again.
    let (code, _, _) = runner(
        &[
            "handout",
            "class",
            "--roster",
            "roster.csv",
            "--out",
            "again",
        ],
        dir,
    );
    assert_eq!(code, 0);
    for name in &names {
        let a = std::fs::read(dir.join("handouts").join(name)).unwrap();
        let b = std::fs::read(dir.join("again").join(name)).unwrap();
        assert!(a == b, "{name} differs between two runs");
    }
}

/// The handout's own CSV and JSON Lines lines, each answer filled in with the key, get
/// full marks from `runner grade`; left blank, every answer is missing.
#[test]
fn the_answer_sheets_lines_are_what_grade_reads() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    class(dir);
    let (code, _, err) = runner(&["handout", "class", "--out", "handouts"], dir);
    assert_eq!(code, 0, "{err}");
    let mut jsonl = String::new();
    for spec in ["simple_network-s1", "lstm2-s3"] {
        let page = std::fs::read_to_string(dir.join(format!("handouts/{spec}.html"))).unwrap();
        let key = key(&std::fs::read_to_string(dir.join(format!("class/{spec}.toml"))).unwrap());
        let [csv_lines, json_line] = lines(&page).try_into().unwrap();
        let (header, row) = csv_lines.split_once('\n').unwrap();
        let names: Vec<&str> = header.split(',').skip(2).collect();
        assert_eq!(
            names.len(),
            key.len(),
            "one column per graded answer: {header}"
        );
        let student = &spec[spec.len() - 2..];
        assert_eq!(row, format!("{student},{spec}{}", ",".repeat(names.len())));
        let cells: Vec<String> = names
            .iter()
            .map(|n| format!("\"{}\"", typed(&key[*n])))
            .collect();
        std::fs::write(
            dir.join(format!("{spec}.csv")),
            format!("{header}\n{student},{spec},{}\n", cells.join(",")),
        )
        .unwrap();
        let (code, out, err) = runner(
            &["grade", "--submissions", &format!("{spec}.csv"), "class"],
            dir,
        );
        assert_eq!(code, 0, "{err}");
        let fields: Vec<&str> = out.lines().nth(1).unwrap().split(',').collect();
        assert_eq!(fields[2], fields[3], "full marks: {out}");

        let mut json: serde_json::Value = serde_json::from_str(&json_line).unwrap();
        for n in &names {
            json["answers"][n] = serde_json::Value::String(typed(&key[*n]));
        }
        jsonl.push_str(&format!("{json}\n"));
    }
    std::fs::write(dir.join("answers.jsonl"), &jsonl).unwrap();
    let (code, out, err) = runner(
        &[
            "grade",
            "--submissions",
            "answers.jsonl",
            "--format",
            "csv",
            "class",
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    // The two rows given, then the problem each student did not submit, scored 0.
    assert_eq!(out.lines().count(), 5, "{out}");
    for row in out.lines().skip(1).take(2) {
        let fields: Vec<&str> = row.split(',').collect();
        assert_eq!(fields[2], fields[3], "full marks: {out}");
    }
    for row in out.lines().skip(3) {
        assert!(row.contains(",0,") && row.contains("missing"), "{out}");
    }
}

#[test]
fn a_bad_spec_a_wrong_key_or_a_student_without_a_variant_writes_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let spec = std::fs::read_to_string(problems("simple_network.toml")).unwrap();
    std::fs::create_dir(dir.join("bad")).unwrap();
    std::fs::write(
        dir.join("bad/placeholder.toml"),
        spec.replace(
            "[params]",
            "[statement]\ntext = \"x = {x}, y = {why}\"\n\n[params]",
        ),
    )
    .unwrap();
    let (code, _, err) = runner(&["handout", "bad", "--out", "h"], dir);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("bad/placeholder.toml:7:22: "),
        "a located line: {err}"
    );
    assert!(
        err.contains("statement.text: `{why}`: [params] has no `why`"),
        "{err}"
    );
    assert!(err.contains("no handout written"), "{err}");
    assert!(!dir.join("h").exists());

    std::fs::write(
        dir.join("bad/placeholder.toml"),
        spec.replace("loss = 0.2884", "loss = 0.9"),
    )
    .unwrap();
    let (code, _, err) = runner(&["handout", "bad", "--out", "h"], dir);
    assert_eq!(code, 1, "a key that does not hold: {err}");
    assert!(err.contains("its [expected] key does not match"), "{err}");
    assert!(!dir.join("h").exists());

    class(dir);
    std::fs::write(dir.join("roster.csv"), "s1\ns2\ns3\nlate\n").unwrap();
    let (code, _, err) = runner(
        &["handout", "class", "--roster", "roster.csv", "--out", "h"],
        dir,
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("1 student on the roster has no variant among the specs given: late"),
        "{err}"
    );
    assert!(!dir.join("h").exists());

    // A student's variants without them on the roster are left out, and said to be.
    std::fs::write(dir.join("roster.csv"), "s1\ns2\n").unwrap();
    let (code, _, err) = runner(
        &["handout", "class", "--roster", "roster.csv", "--out", "h"],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("2 sets of sheets, one per student; 2 variants for students not on the roster left out of all.html"), "{err}");

    // One stem in two directories: grade could not tell their rows apart.
    std::fs::create_dir_all(dir.join("twice/a")).unwrap();
    std::fs::create_dir_all(dir.join("twice/b")).unwrap();
    std::fs::write(
        dir.join("twice/a/lstm2.toml"),
        std::fs::read_to_string(problems("lstm2.toml")).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.join("twice/b/lstm2.toml"),
        std::fs::read_to_string(problems("lstm2.toml")).unwrap(),
    )
    .unwrap();
    let (code, _, err) = runner(&["handout", "twice", "--out", "t"], dir);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("`lstm2` would name 2 specs on the answer sheets"),
        "{err}"
    );
    assert!(!dir.join("t").exists());

    // A spec named all.toml does not take all.html's place.
    std::fs::create_dir(dir.join("named")).unwrap();
    std::fs::write(dir.join("named/all.toml"), &spec).unwrap();
    let (code, _, err) = runner(&["handout", "named", "--out", "n"], dir);
    assert_eq!(code, 0, "{err}");
    assert!(dir.join("n/named-all.html").exists() && dir.join("n/all.html").exists());
}

/// With a roster, a spec that is no variant goes to every student, their id on it.
#[test]
fn a_common_spec_goes_to_every_student_on_the_roster() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::write(dir.join("roster.csv"), "ann\nbo\n").unwrap();
    let (code, _, err) = runner(
        &[
            "handout",
            &problems("feedforward.toml"),
            "--roster",
            "roster.csv",
            "--out",
            "h",
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    let all = std::fs::read_to_string(dir.join("h/all.html")).unwrap();
    assert!(
        all.contains("Student <strong>ann</strong>") && all.contains("Student <strong>bo</strong>")
    );
    assert!(all.contains("ann,feedforward,"), "{all}");
    let page = std::fs::read_to_string(dir.join("h/feedforward.html")).unwrap();
    assert!(page.contains("your student id in the first cell"));
    assert!(page.contains("\n,feedforward,"));
}

/// A spec's own words with placeholders: each variant's handout shows that student's own
/// drawn numbers.
#[test]
fn a_statement_in_the_specs_own_words_shows_each_students_numbers() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let spec = std::fs::read_to_string(problems("simple_network.toml")).unwrap();
    let own = spec.replace(
        "[params]",
        "[statement]\ntext = \"\"\"\nTake x = {x}, t = {t}, w₁ = {w1}, w₂ = {w2}, b = {b}.\n\nCompute C = ½(σ(w₂ ReLU(w₁x) + b) − t)².\"\"\"\nprompts = { loss = \"What is C?\" }\n\n[params]",
    );
    std::fs::write(dir.join("own.toml"), own).unwrap();
    let (code, _, err) = runner(
        &["variants", "own.toml", "--count", "4", "--out", "class"],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = runner(&["handout", "class", "--out", "h"], dir);
    assert_eq!(code, 0, "{err}");
    for i in 1..=4 {
        let variant = std::fs::read_to_string(dir.join(format!("class/own-{i}.toml"))).unwrap();
        let whole: toml::Table = toml::from_str(&variant).unwrap();
        let params = whole["params"].as_table().unwrap();
        let page = std::fs::read_to_string(dir.join(format!("h/own-{i}.html"))).unwrap();
        assert!(page.contains("Compute C = ½(σ(w₂ ReLU(w₁x) + b) − t)²."));
        assert!(page.contains("What is C?"));
        for name in ["x", "w1", "w2"] {
            let value = params[name].as_float().unwrap();
            let shown = nnhw_core_number(value);
            assert!(
                page.contains(&format!("<mn>{shown}</mn>")),
                "variant {i}: {name} = {shown} is not on its handout"
            );
        }
    }
}

/// A number as the statement writes it: up to ten significant digits, no trailing zeros.
fn nnhw_core_number(x: f64) -> String {
    let text = format!("{:.10}", x.abs());
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_string()
}

/// Interrupted at any point (Ctrl-C, or a job runner's SIGTERM), a run leaves no staging
/// debris and no half-written page: the directory it would have made is not there, or
/// holds every page whole.
#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_nothing_half_done() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let (code, _, err) = runner(
        &[
            "variants",
            &problems("simple_network.toml"),
            "--count",
            "600",
            "--out",
            "class",
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    // A whole run, timed, so that the interrupts fall across its writing, which comes last.
    let started = std::time::Instant::now();
    let (code, _, err) = runner(&["handout", "class", "--out", "whole"], dir);
    assert_eq!(code, 0, "{err}");
    let whole = started.elapsed();
    let pages = std::fs::read_dir(dir.join("whole")).unwrap().count();
    let mut interrupted = 0;
    for (k, signal) in ["INT", "TERM", "INT", "TERM", "INT", "TERM"]
        .iter()
        .enumerate()
    {
        let out = dir.join(format!("h{k}"));
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_runner"))
            .args(["handout", "class", "--out", out.to_str().unwrap()])
            .current_dir(dir)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole.mul_f64(0.55 + 0.08 * k as f64));
        let _ = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        interrupted += usize::from(!status.success());
        let Ok(entries) = std::fs::read_dir(&out) else {
            continue;
        };
        let entries: Vec<_> = entries.collect();
        assert_eq!(entries.len(), pages, "{signal} ({status}): a partial set");
        for entry in entries {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                !name.starts_with('.'),
                "{signal} ({status}): {name} left behind"
            );
            let page = std::fs::read_to_string(&path).unwrap();
            assert!(
                page.trim_end().ends_with("</html>"),
                "{name} is half written"
            );
        }
    }
    assert!(interrupted > 0, "no interrupt fell before the run ended");
}
