//! The homework booklet (`runner --format html problems/`) and its handouts (`runner
//! handout problems/`) in a real browser: headless Chromium loads each at 1280 and at
//! 400 px wide and a measuring script checks that the page has text, every `<math>` has a
//! size, every figure is visible, nothing is wider than the page, and no script or
//! console error occurs; a screenshot must not be blank; the class handout printed to PDF
//! on A4 and on Letter starts each sheet on a page of its own.
//!
//! `.ci/run` installs Debian's chromium. Without a browser this test fails, unless
//! NNHW_SKIP_BROWSER=1 says to skip it (and it says that it did).

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

const CHECK: &str = include_str!("browser.js");

fn chromium() -> Option<PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// Runs headless Chromium on `url` with a fresh profile; stdout and stderr.
fn browse(browser: &Path, profile: &Path, args: &[&str], url: &str) -> (String, String) {
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--allow-file-access-from-files",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=15000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn booklet() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    let mut err = Vec::new();
    let problems = root.join("problems");
    let code = runner::run(
        ["runner", "--format", "html", problems.to_str().unwrap()],
        &mut out,
        &mut err,
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    String::from_utf8(out).unwrap()
}

/// Headless Chromium, or `None` when the test is to be skipped (NNHW_SKIP_BROWSER=1).
fn browser_or_skip() -> Option<PathBuf> {
    let browser = chromium();
    if browser.is_none() {
        if std::env::var("NNHW_SKIP_BROWSER").as_deref() == Ok("1") {
            eprintln!("browser test SKIPPED: NNHW_SKIP_BROWSER=1 and no chromium");
            return None;
        }
        panic!(
            "no chromium: `.ci/run` installs it (apt-get install chromium); NNHW_SKIP_BROWSER=1 skips this test"
        );
    }
    browser
}

/// What a page must have at least: text characters, `<math>` elements, figures; and
/// whether every word must stay on one line (none broken letter by letter).
struct Least {
    text: u64,
    maths: u64,
    figures: u64,
    whole_words: bool,
}

/// Loads `page` at 1280 and 400 px and checks what the measuring script finds; then
/// takes a screenshot, which must not be blank. `name` names the files in `scratch`.
fn reads_well(browser: &Path, scratch: &Path, name: &str, page: &str, least: &Least) {
    assert!(
        !page.contains("<script"),
        "{name}: the page itself has no script"
    );
    let measured = page.replacen("</body>", &format!("<script>{CHECK}</script></body>"), 1);
    std::fs::write(scratch.join(format!("{name}.html")), page).unwrap();
    std::fs::write(scratch.join(format!("{name}-measured.html")), measured).unwrap();

    for width in [1280, 400] {
        // The page in a frame of the width under test: a headless window cannot be
        // narrower than 500 px, a frame can.
        let harness = format!(
            "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"{name}-measured.html\" \
             style=\"width:{width}px;height:900px;border:0\"></iframe></body></html>"
        );
        let file = scratch.join(format!("{name}-harness-{width}.html"));
        std::fs::write(&file, harness).unwrap();
        let profile = scratch.join(format!("profile-{name}-{width}"));
        let (dom, log) = browse(
            browser,
            &profile,
            &["--window-size=1400,1000", "--dump-dom"],
            &format!("file://{}", file.display()),
        );
        let check = dom
            .split("data-check=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(|raw| raw.replace("&quot;", "\""))
            .unwrap_or_else(|| {
                panic!("{name}, {width} px: the measuring script did not run\n{log}")
            });
        let result: serde_json::Value = serde_json::from_str(&check).unwrap();
        assert_eq!(result["width"], width, "{name}: {result}");
        assert!(
            result["text"].as_u64().unwrap() > least.text,
            "{name}, {width} px: too little text: {result}"
        );
        assert!(
            result["maths"].as_u64().unwrap() >= least.maths,
            "{name}: {result}"
        );
        assert_eq!(
            result["flat_maths"], 0,
            "{name}, {width} px: a <math> without a size: {result}"
        );
        assert!(
            result["figures"].as_u64().unwrap() >= least.figures,
            "{name}: {result}"
        );
        assert_eq!(
            result["hidden_figures"], 0,
            "{name}, {width} px: a figure not visible: {result}"
        );
        assert!(
            result["scroll_width"].as_u64().unwrap() <= width,
            "{name}, {width} px: the page scrolls sideways: {result}"
        );
        assert_eq!(
            result["too_wide"],
            serde_json::json!([]),
            "{name}, {width} px: {result}"
        );
        if least.whole_words {
            assert_eq!(
                result["broken_words"],
                serde_json::json!([]),
                "{name}, {width} px: words broken across lines: {result}"
            );
        }
        let errors: Vec<&str> = log
            .lines()
            .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
            .collect();
        assert!(
            errors.is_empty(),
            "{name}, {width} px: console messages: {errors:?}"
        );
    }

    // A screenshot of the page as people get it, which must not be blank.
    let shot = scratch.join(format!("{name}.png"));
    let profile = scratch.join(format!("profile-{name}-shot"));
    browse(
        browser,
        &profile,
        &[
            "--window-size=1280,1600",
            &format!("--screenshot={}", shot.display()),
        ],
        &format!("file://{}", scratch.join(format!("{name}.html")).display()),
    );
    let png = std::fs::read(&shot).unwrap();
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    let inked = pixmap
        .pixels()
        .iter()
        .filter(|p| p.red() < 200 || p.green() < 200 || p.blue() < 200)
        .count();
    assert!(
        inked * 200 > pixmap.pixels().len(),
        "{name}: the screenshot is blank: {inked} dark pixels"
    );
}

#[test]
fn the_booklet_reads_well_in_a_real_browser() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let least = Least {
        text: 10_000,
        maths: 10,
        figures: 10,
        whole_words: false,
    };
    reads_well(&browser, scratch.path(), "booklet", &booklet(), &least);
}

/// The handouts of problems/: every page, and all.html, which is also printed to PDF in
/// A4 and in Letter: one page or more per sheet, since each sheet starts a page.
#[test]
fn the_handouts_read_well_and_print_a_sheet_to_a_page() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("handouts");
    let problems = Path::new(env!("CARGO_MANIFEST_DIR")).join("../problems");
    let mut err = Vec::new();
    let code = runner::run(
        [
            "runner",
            "handout",
            problems.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &mut Vec::new(),
        &mut err,
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    let all = std::fs::read_to_string(out.join("all.html")).unwrap();
    let sheets = all.matches("<section class=\"sheet\"").count();
    assert_eq!(sheets, 27, "one sheet per spec");
    let least = Least {
        text: 20_000,
        maths: 50,
        figures: 12,
        whole_words: false,
    };
    reads_well(&browser, scratch.path(), "all", &all, &least);
    let one = std::fs::read_to_string(out.join("lstm2.html")).unwrap();
    let least = Least {
        text: 1_000,
        maths: 5,
        figures: 1,
        whole_words: false,
    };
    reads_well(&browser, scratch.path(), "lstm2", &one, &least);

    for paper in ["A4", "Letter"] {
        let pdf = scratch.path().join(format!("all-{paper}.pdf"));
        // Chromium takes the paper size from the page's own @page rule, and from its
        // locale's default otherwise; the page sets none, so each size is asked of it by a
        // copy whose only change is the @page size.
        let sized = all.replacen("<style>", &format!("<style>@page {{ size: {paper}; }}"), 1);
        let file = scratch.path().join(format!("all-{paper}.html"));
        std::fs::write(&file, sized).unwrap();
        let profile = scratch.path().join(format!("profile-pdf-{paper}"));
        browse(
            &browser,
            &profile,
            &[
                "--no-pdf-header-footer",
                &format!("--print-to-pdf={}", pdf.display()),
            ],
            &format!("file://{}", file.display()),
        );
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF"), "{paper}: not a PDF");
        let text = String::from_utf8_lossy(&bytes);
        let pages = text.matches("/Type /Page\n").count()
            + text.matches("/Type /Page ").count()
            + text.matches("/Type /Page/").count()
            + text.matches("/Type /Page>").count();
        assert!(
            pages >= sheets,
            "{paper}: {pages} pages for {sheets} sheets, each of which starts a page"
        );
    }
}

/// The class report of a class of twelve on 3.4 (each with a variant) and 3.2: right,
/// wrong, known-mistake, unreadable and missing answers, a long wrong formula, a
/// resubmission and an absent student. At 400 px no word may break across lines.
#[test]
fn the_class_report_reads_well_in_a_real_browser() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let class = dir.join("class");
    let roster = dir.join("roster.csv");
    let students: Vec<String> = (1..=13).map(|i| format!("student{i:02}")).collect();
    std::fs::write(&roster, format!("student\n{}\n", students.join("\n"))).unwrap();
    let run = |args: &[&str]| {
        let mut err = Vec::new();
        let code = runner::run(
            std::iter::once("runner").chain(args.iter().copied()),
            &mut Vec::new(),
            &mut err,
        );
        (code, String::from_utf8_lossy(&err).into_owned())
    };
    let simple = root.join("problems/simple_network.toml");
    let (code, err) = run(&[
        "variants",
        simple.to_str().unwrap(),
        "--roster",
        roster.to_str().unwrap(),
        "--out",
        class.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    std::fs::copy(
        root.join("problems/parameter_derivatives.toml"),
        class.join("parameter_derivatives.toml"),
    )
    .unwrap();
    let mut csv = String::from("student,spec,loss,dC_dw1,dC_dw2,dC_db,dC_dw\n");
    for (i, student) in students.iter().take(12).enumerate() {
        let text =
            std::fs::read_to_string(class.join(format!("simple_network-{student}.toml"))).unwrap();
        let spec: toml::Table = toml::from_str(&text).unwrap();
        let key = |name: &str| {
            let v = &spec["expected"][name];
            v.as_float().or(v.as_integer().map(|i| i as f64)).unwrap()
        };
        let cell = |name: &str| format!("{:.3}", key(name));
        let (loss, dw1, dw2, db) = match i % 4 {
            0 => (cell("loss"), cell("dC_dw1"), cell("dC_dw2"), cell("dC_db")),
            1 => (
                cell("loss"),
                "0,5".into(),
                format!("{:.3}", -key("dC_dw2")),
                String::new(),
            ),
            2 => (
                "sigma(z2)".into(),
                cell("dC_dw1"),
                format!("{:.3}", -key("dC_dw2")),
                cell("dC_db"),
            ),
            _ => (
                cell("loss"),
                cell("dC_dw1"),
                cell("dC_dw2"),
                "[1, 2, 3]".into(),
            ),
        };
        csv.push_str(&format!(
            "{student},simple_network,{loss},\"{dw1}\",{dw2},{db},\n"
        ));
        let formula = match i % 4 {
            0 => "a_k^(l-1)*delta_j^l",
            1 => "a_k^l*delta_j^l",
            2 => "sum_k w_kj^(l+1)*delta_k^(l+1)*sigma'(z_j^l)*a_k^(l-1)*delta_j^l*a_k^(l-1)",
            _ => "",
        };
        csv.push_str(&format!(
            "{student},parameter_derivatives,,,,delta_j^l,{formula}\n"
        ));
    }
    csv.push_str("student01,simple_network,1,1,1,1,\n");
    let answers = dir.join("answers.csv");
    std::fs::write(&answers, csv).unwrap();
    let report = dir.join("report.html");
    let (code, err) = run(&[
        "grade",
        "--submissions",
        answers.to_str().unwrap(),
        "--roster",
        roster.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
        class.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "the resubmission is reported: {err}");
    let page = std::fs::read_to_string(&report).unwrap();
    for part in [
        "Known mistakes the grader recognised",
        "Most common wrong answers",
        "Why answers could not be read",
        "Students without a submission",
        "Later submissions that did not count",
    ] {
        assert!(page.contains(part), "{part}");
    }
    let least = Least {
        text: 2_000,
        maths: 0,
        figures: 2,
        whole_words: true,
    };
    reads_well(&browser, dir, "report", &page, &least);
}
