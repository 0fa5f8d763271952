//! The homework booklet (`runner --format html problems/`) in a real browser: headless
//! Chromium loads it at 1280 and at 400 px wide and a measuring script checks that the
//! page has text, every `<math>` has a size, every figure is visible, nothing is wider
//! than the page, and no script or console error occurs; a screenshot must not be blank.
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

#[test]
fn the_booklet_reads_well_in_a_real_browser() {
    let Some(browser) = chromium() else {
        if std::env::var("NNHW_SKIP_BROWSER").as_deref() == Ok("1") {
            eprintln!("browser test SKIPPED: NNHW_SKIP_BROWSER=1 and no chromium");
            return;
        }
        panic!(
            "no chromium: `.ci/run` installs it (apt-get install chromium); NNHW_SKIP_BROWSER=1 skips this test"
        );
    };
    let scratch = tempfile::tempdir().unwrap();
    let page = booklet();
    assert!(
        !page.contains("<script"),
        "the booklet itself has no script"
    );
    let measured = page.replacen("</body>", &format!("<script>{CHECK}</script></body>"), 1);
    std::fs::write(scratch.path().join("booklet.html"), &page).unwrap();
    std::fs::write(scratch.path().join("measured.html"), measured).unwrap();

    for width in [1280, 400] {
        // The page in a frame of the width under test: a headless window cannot be
        // narrower than 500 px, a frame can.
        let harness = format!(
            "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"measured.html\" \
             style=\"width:{width}px;height:900px;border:0\"></iframe></body></html>"
        );
        let file = scratch.path().join(format!("harness-{width}.html"));
        std::fs::write(&file, harness).unwrap();
        let profile = scratch.path().join(format!("profile-{width}"));
        let (dom, log) = browse(
            &browser,
            &profile,
            &["--window-size=1400,1000", "--dump-dom"],
            &format!("file://{}", file.display()),
        );
        let check = dom
            .split("data-check=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(|raw| raw.replace("&quot;", "\""))
            .unwrap_or_else(|| panic!("{width} px: the measuring script did not run\n{log}"));
        let result: serde_json::Value = serde_json::from_str(&check).unwrap();
        assert_eq!(result["width"], width, "{result}");
        assert!(
            result["text"].as_u64().unwrap() > 10_000,
            "{width} px: too little text: {result}"
        );
        assert!(result["maths"].as_u64().unwrap() >= 10, "{result}");
        assert_eq!(
            result["flat_maths"], 0,
            "{width} px: a <math> without a size: {result}"
        );
        assert!(result["figures"].as_u64().unwrap() >= 10, "{result}");
        assert_eq!(
            result["hidden_figures"], 0,
            "{width} px: a figure not visible: {result}"
        );
        assert!(
            result["scroll_width"].as_u64().unwrap() <= width,
            "{width} px: the page scrolls sideways: {result}"
        );
        assert_eq!(
            result["too_wide"],
            serde_json::json!([]),
            "{width} px: {result}"
        );
        let errors: Vec<&str> = log
            .lines()
            .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
            .collect();
        assert!(
            errors.is_empty(),
            "{width} px: console messages: {errors:?}"
        );
    }

    // A screenshot of the page as people get it, which must not be blank.
    let shot = scratch.path().join("booklet.png");
    let profile = scratch.path().join("profile-shot");
    browse(
        &browser,
        &profile,
        &[
            "--window-size=1280,1600",
            &format!("--screenshot={}", shot.display()),
        ],
        &format!("file://{}", scratch.path().join("booklet.html").display()),
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
        "the screenshot is blank: {inked} dark pixels"
    );
}
