//! A page printed to PDF by headless Chromium, and how full each printed page is.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `page` printed to PDF on `paper` (A4, Letter) by Chromium; the PDF's path. `name`
/// names the files in `scratch`.
pub fn pdf(browser: &Path, scratch: &Path, name: &str, page: &str, paper: &str) -> PathBuf {
    // Chromium takes the paper size from the page's own @page rule, and from its locale's
    // default otherwise; the page sets margins only, so each size is asked of it by a copy
    // whose only change is the @page size.
    let sized = page.replacen("<style>", &format!("<style>@page {{ size: {paper}; }}"), 1);
    let file = scratch.join(format!("{name}-{paper}.html"));
    std::fs::write(&file, sized).unwrap();
    let pdf = scratch.join(format!("{name}-{paper}.pdf"));
    super::browse(
        browser,
        &scratch.join(format!("profile-pdf-{name}-{paper}")),
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
        &format!("file://{}", file.display()),
    );
    pdf
}

/// For each page of `pdf`, how far down its ink reaches: the lowest row with a dark pixel
/// as a share of the page's height, from the PDF rasterised by pdftoppm at 20 dpi in grey
/// (into `scratch`).
pub fn inked_reach(pdf: &Path, scratch: &Path) -> Vec<f64> {
    let dir = scratch.join(format!(
        "{}-pages",
        pdf.file_stem().unwrap().to_string_lossy()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-r", "20", "-gray"])
        .arg(pdf)
        .arg(dir.join("page"))
        .status()
        .expect("no pdftoppm: `.ci/run` installs it (apt-get install poppler-utils)");
    assert!(status.success(), "pdftoppm failed on {}", pdf.display());
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    // page-01.pgm … page-35.pgm: numbers of one width, so the names sort as the pages.
    pages.sort();
    pages
        .iter()
        .map(|p| reach(&std::fs::read(p).unwrap()))
        .collect()
}

/// How far down a binary PGM (P5, 8-bit grey) its ink reaches, as a share of its height.
fn reach(pgm: &[u8]) -> f64 {
    // The header: P5, width, height, maxval, each followed by one whitespace or more.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5", "pdftoppm -gray writes binary PGM");
    let width: usize = fields[1].parse().unwrap();
    let height: usize = fields[2].parse().unwrap();
    let pixels = &pgm[at + 1..];
    // Dark enough to be ink (text, a rule, a figure's line), not a light fill.
    let lowest = (0..height)
        .rev()
        .find(|y| pixels[y * width..(y + 1) * width].iter().any(|&p| p < 200))
        .map_or(0, |y| y + 1);
    lowest as f64 / height as f64
}
