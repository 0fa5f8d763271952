//! Whether a figure uses nnhw-plot's palette for what it means ([`nnhw_plot::palette`]):
//! a number written in the positive colour is positive and one in the negative colour is
//! negative, and a legend entry that names a sign or a kind of unit has that colour's
//! swatch. Read from the drawn SVG, as the clearance check is.

use nnhw_plot::palette;
use nnhw_plot::plotters::style::RGBColor;
use resvg::usvg;

type Rgb = (u8, u8, u8);

fn rgb(c: RGBColor) -> Rgb {
    (c.0, c.1, c.2)
}

fn paint(p: &usvg::Paint) -> Option<Rgb> {
    match p {
        usvg::Paint::Color(c) => Some((c.red, c.green, c.blue)),
        _ => None,
    }
}

/// Every leaf in drawing order, with whether it is inside the legend group.
fn leaves<'a>(group: &'a usvg::Group, in_legend: bool, out: &mut Vec<(&'a usvg::Node, bool)>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => leaves(g, in_legend || g.id() == "legend", out),
            other => out.push((other, in_legend)),
        }
    }
}

fn text_of(t: &usvg::Text) -> (String, Option<Rgb>) {
    let words: String = t.chunks().iter().map(|c| c.text()).collect();
    let color = t
        .chunks()
        .iter()
        .flat_map(|c| c.spans())
        .find_map(|s| s.fill().and_then(|f| paint(f.paint())));
    (words.trim().to_string(), color)
}

/// What the palette says a legend entry's words mean, if they name a sign or a unit.
fn meaning(words: &str) -> Option<(Rgb, &'static str)> {
    let w = words.to_lowercase();
    if w.starts_with("positive weight") || w.starts_with("∂c/∂w > 0") {
        Some((rgb(palette::POSITIVE), "positive"))
    } else if w.starts_with("negative weight") || w.starts_with("∂c/∂w < 0") {
        Some((rgb(palette::NEGATIVE), "negative"))
    } else if w.starts_with("hidden unit") {
        Some((rgb(palette::HIDDEN), "hidden unit"))
    } else if w.starts_with("output unit") {
        Some((rgb(palette::OUTPUT), "output unit"))
    } else if w.starts_with("input unit") {
        Some((rgb(palette::INPUT), "input"))
    } else {
        None
    }
}

/// Every use of the palette against its meaning.
pub fn faults(tree: &usvg::Tree) -> Vec<String> {
    let mut nodes = Vec::new();
    leaves(tree.root(), false, &mut nodes);
    let mut found = Vec::new();
    let mut swatch: Option<Rgb> = None;
    for (node, in_legend) in nodes {
        match node {
            usvg::Node::Text(t) => {
                let (words, color) = text_of(t);
                if let Ok(v) = words.replace('−', "-").parse::<f64>() {
                    if color == Some(rgb(palette::POSITIVE)) && v <= 0.0 {
                        found.push(format!(
                            "{words:?} is not positive but drawn in the positive colour"
                        ));
                    }
                    if color == Some(rgb(palette::NEGATIVE)) && v >= 0.0 {
                        found.push(format!(
                            "{words:?} is not negative but drawn in the negative colour"
                        ));
                    }
                }
                if in_legend
                    && let Some((want, name)) = meaning(&words)
                    && swatch != Some(want)
                {
                    found.push(format!(
                        "the legend's {words:?} is not drawn in the {name} colour: {swatch:?}"
                    ));
                }
            }
            usvg::Node::Path(p) => {
                let color = p
                    .stroke()
                    .and_then(|s| paint(s.paint()))
                    .or_else(|| p.fill().and_then(|f| paint(f.paint())));
                if in_legend && color.is_some_and(|c| c != (255, 255, 255)) {
                    swatch = color;
                }
            }
            _ => {}
        }
    }
    found
}

#[test]
fn the_check_catches_a_sign_drawn_in_the_wrong_colour() {
    let options = crate::options();
    let svg = |body: &str| {
        format!(
            "<svg width=\"100\" height=\"100\" xmlns=\"http://www.w3.org/2000/svg\">{body}</svg>"
        )
    };
    let hex = |c: RGBColor| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
    let good = svg(&format!(
        "<text x=\"1\" y=\"10\" font-family=\"sans-serif\" fill=\"{}\">0.5</text><g id=\"legend\"><line x1=\"0\" y1=\"50\" x2=\"10\" y2=\"50\" stroke=\"{}\"/><text x=\"20\" y=\"50\" font-family=\"sans-serif\">positive weight</text></g>",
        hex(palette::POSITIVE),
        hex(palette::POSITIVE)
    ));
    let tree = usvg::Tree::from_str(&good, &options).unwrap();
    assert!(faults(&tree).is_empty(), "{:?}", faults(&tree));
    let bad = svg(&format!(
        "<text x=\"1\" y=\"10\" font-family=\"sans-serif\" fill=\"{}\">−0.5</text><g id=\"legend\"><line x1=\"0\" y1=\"50\" x2=\"10\" y2=\"50\" stroke=\"{}\"/><text x=\"20\" y=\"50\" font-family=\"sans-serif\">hidden unit</text></g>",
        hex(palette::POSITIVE),
        hex(palette::OUTPUT)
    ));
    let tree = usvg::Tree::from_str(&bad, &options).unwrap();
    assert_eq!(faults(&tree).len(), 2, "{:?}", faults(&tree));
}
