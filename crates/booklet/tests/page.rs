//! The page as a browser gets it: self-contained, escaped, formulas as MathML, figures
//! inline with a text alternative.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nnhw_neural_nets as _;

const SPEC: &str = r#"kind = "nn.feedforward"
title = "<script>alert(1)</script> & 1.1"
[params]
x = [3, 14]
[[params.layers]]
weights = [[1, 0], [0, 1], [-1, 0], [0, -1]]
bias = [-1, -1, -1, -1]
[[params.layers]]
weights = [[1, 1, 1, 1], [-1, -1, -1, -1]]
bias = [0, 2]
[expected]
o = ["e^15/(e^15+e^0)", "e^0/(e^15+e^0)"]
"#;

fn solved() -> nnhw_core::Solved {
    nnhw_grade::solve_text("ff.toml", SPEC, true).unwrap()
}

#[test]
fn a_page_stands_alone_escapes_the_spec_and_typesets_the_exact_form() {
    let solved = solved();
    let title = solved.title.clone();
    let page = nnhw_booklet::page(&title, &[(solved, "1 Neural networks".into())]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        !page.contains("<script>"),
        "the title is text, not a script"
    );
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 1.1"));
    // e^15/(e^15+e^0) as a fraction of powers.
    assert!(page.contains(
        "<mfrac><msup><mi>e</mi><mn>15</mn></msup><mrow><msup><mi>e</mi><mn>15</mn></msup><mo>+</mo><msup><mi>e</mi><mn>0</mn></msup></mrow></mfrac>"
    ));
    // Figures inline, each with its caption as the text alternative; no XML declaration
    // inside the page, nothing fetched from elsewhere.
    assert!(page.contains("role=\"img\" aria-label=\"the network with every unit"));
    assert!(page.contains("<svg"));
    assert!(!page.contains("<?xml"));
    for outside in ["src=\"http", "href=\"http", "<link", "@import"] {
        assert!(!page.contains(outside), "{outside}");
    }
    assert!(page.contains("✓ matches the key"));
}

#[test]
fn a_booklet_has_contents_grouped_by_section_and_anchors() {
    let page = nnhw_booklet::page(
        "booklet",
        &[
            (solved(), "1 Neural networks".into()),
            (solved(), "2 LSTM".into()),
            (solved(), "1 Neural networks".into()),
        ],
    );
    assert!(page.contains("<nav aria-labelledby=\"contents\">"));
    let sections: Vec<usize> = ["<h3>1 Neural networks</h3>", "<h3>2 LSTM</h3>"]
        .iter()
        .map(|h| page.matches(h).count())
        .collect();
    assert_eq!(sections, [1, 1], "each section once in the contents");
    let mut ids: Vec<&str> = page
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "every id on the page is unique");
    assert!(ids.contains(&"part-2-figure-1-legend"), "{ids:?}");
    for part in 1..=3 {
        assert!(page.contains(&format!("href=\"#part-{part}\"")));
        assert!(page.contains(&format!("id=\"part-{part}\"")));
    }
}

#[test]
fn a_booklet_heads_its_sections_and_puts_the_part_beyond_the_homework_after() {
    let page = nnhw_booklet::page(
        "booklet",
        &[
            (solved(), "1 Neural networks".into()),
            (solved(), "Beyond the homework: 1 Neural networks".into()),
            (solved(), "2 LSTM".into()),
            (solved(), "Beyond the homework: 2 LSTM".into()),
        ],
    );
    let body = &page[page.find("<main>").unwrap()..];
    let order: Vec<usize> = [
        "<h2 class=\"topic\" id=\"section-1\">1 Neural networks</h2>",
        "<h2 class=\"topic\" id=\"section-2\">2 LSTM</h2>",
        "<h2 class=\"part\" id=\"part-of-3\">Beyond the homework</h2>",
        "<h2 class=\"topic\" id=\"section-3\">1 Neural networks</h2>",
        "<h2 class=\"topic\" id=\"section-4\">2 LSTM</h2>",
    ]
    .iter()
    .map(|h| body.find(h).unwrap_or_else(|| panic!("{h} in {body}")))
    .collect();
    assert!(order.is_sorted(), "{order:?}");
    assert_eq!(body.matches("Beyond the homework").count(), 1);
    let contents = &page[..page.find("<main>").unwrap()];
    assert!(
        contents.contains("<h3 class=\"part\"><a href=\"#part-of-3\">Beyond the homework</a></h3>")
    );
    assert!(
        contents.contains("<h4>2 LSTM</h4>"),
        "a section in the part is under it"
    );
}
