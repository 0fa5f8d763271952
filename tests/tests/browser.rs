//! The homework booklet (`runner --format html problems/`) and its handouts (`runner
//! handout problems/`) in a real browser: headless Chromium loads each at 1280 and at
//! 400 px wide and a measuring script checks that the page has text, every `<math>` has a
//! size, every figure is visible with its text drawn at 9 CSS px or more, no table cell
//! breaks a word, nothing is cut off or wider than the page outside a scroll box that
//! fits, and no script or console error occurs; a screenshot must not be blank; the
//! booklet printed to PDF on Letter takes fewer than 35 pages, none under a third full;
//! the class handout printed on A4 and on Letter starts each sheet on a page of its own.
//!
//! `.ci/run` installs Debian's chromium and poppler-utils (pdftoppm, which rasterises the
//! printed booklet). Without a browser this test fails, unless NNHW_SKIP_BROWSER=1 says
//! to skip it (and it says that it did).

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "browser/class_report.rs"]
mod class_report;
#[path = "browser/print.rs"]
mod print;

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
pub(crate) fn browse(browser: &Path, profile: &Path, args: &[&str], url: &str) -> (String, String) {
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

/// The booklet of problems/, named by a path relative to this package (cargo runs tests
/// in it): the page shows each spec's path, so an absolute one would make the layout,
/// and the printed page count, depend on where the repository is checked out.
fn booklet() -> String {
    assert!(
        Path::new("../problems").is_dir(),
        "tests run in the package's directory"
    );
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = runner::run(
        ["runner", "--format", "html", "../problems"],
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
fn reads_well(
    browser: &Path,
    scratch: &Path,
    name: &str,
    page: &str,
    least: &Least,
) -> Vec<String> {
    let mut small_text = Vec::new();
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
        assert_eq!(
            result["broken_cell_words"],
            serde_json::json!([]),
            "{name}, {width} px: a table cell breaks a word across lines: {result}"
        );
        assert_eq!(
            result["clipped"],
            serde_json::json!([]),
            "{name}, {width} px: content cut off by a box that hides its overflow: {result}"
        );
        let errors: Vec<&str> = log
            .lines()
            .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
            .collect();
        assert!(
            errors.is_empty(),
            "{name}, {width} px: console messages: {errors:?}"
        );
        // A figure's smallest text (18 px on its 720 px canvas) must stay readable when
        // the figure is as wide as a phone allows; said by the caller once every other
        // check of its pages has run (see [`readable_figures`]).
        if result["small_figure_text"] != serde_json::json!([]) {
            small_text.push(format!(
                "{name}, {width} px: figure text drawn below 9 CSS px (smallest: {}; figures at least {} px wide): {}",
                result["smallest_figure_text"], result["narrowest_figure"], result["small_figure_text"]
            ));
        }
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
    small_text
}

/// Fails on figure text [`reads_well`] found drawn below 9 CSS px, saying which text.
fn readable_figures(small_text: &[String]) {
    assert!(small_text.is_empty(), "{}", small_text.join("\n"));
}

/// The booklet on paper: fewer than 35 Letter pages for the 27 specs, and no page under a
/// third full (a stray line, a heading alone, a figure pushed off its text's page).
#[test]
fn the_booklet_prints_on_few_full_pages() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    if Command::new("pdftoppm").arg("-v").output().is_err() {
        if std::env::var("NNHW_SKIP_BROWSER").as_deref() == Ok("1") {
            eprintln!("print test SKIPPED: NNHW_SKIP_BROWSER=1 and no pdftoppm");
            return;
        }
        panic!("no pdftoppm: `.ci/run` installs it (apt-get install poppler-utils)");
    }
    let scratch = tempfile::tempdir().unwrap();
    let pdf = print::pdf(&browser, scratch.path(), "booklet", &booklet(), "Letter");
    let reach = print::inked_reach(&pdf, scratch.path());
    let pages = reach.len();
    let shown: Vec<String> = reach.iter().map(|r| format!("{r:.2}")).collect();
    assert!(
        pages < 35,
        "the booklet prints on {pages} Letter pages, 35 or more; each page's ink reaches: {shown:?}"
    );
    let sparse: Vec<String> = reach
        .iter()
        .enumerate()
        .filter(|(_, r)| **r < 1.0 / 3.0)
        .map(|(i, r)| {
            format!(
                "page {} of {pages}: ink reaches {:.0} % down",
                i + 1,
                r * 100.0
            )
        })
        .collect();
    assert!(sparse.is_empty(), "pages under a third full: {sparse:?}");
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
    readable_figures(&reads_well(
        &browser,
        scratch.path(),
        "booklet",
        &booklet(),
        &least,
    ));
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
    let mut small_text = reads_well(&browser, scratch.path(), "all", &all, &least);
    let one = std::fs::read_to_string(out.join("lstm2.html")).unwrap();
    let least = Least {
        text: 1_000,
        maths: 5,
        figures: 1,
        whole_words: false,
    };
    small_text.extend(reads_well(&browser, scratch.path(), "lstm2", &one, &least));

    for paper in ["A4", "Letter"] {
        let pdf = print::pdf(&browser, scratch.path(), "all", &all, paper);
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
    readable_figures(&small_text);
}
