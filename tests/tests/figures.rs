//! Every figure of every spec under problems/, the solution's and the question's,
//! rendered as pixels with resvg: not blank, no text off the canvas, the legend clear of
//! everything else, under 100 KB, every text clear of lines, markers and other text
//! (`clearance`), and the palette used for what it means (`palette`). Every
//! homework spec draws at least one, and the homework's figures are snapshotted as SVG
//! text (`figure@<spec>.<name>`) so a change to a figure is reviewed like code.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "figures/clearance.rs"]
mod clearance;
#[path = "figures/palette.rs"]
mod palette;

use std::path::Path;

use resvg::{tiny_skia, usvg};
// Links every section crate, so their kinds are registered.
use runner as _;

const WIDTH: f32 = 720.0;
const HEIGHT: f32 = 600.0;
/// Drawing units per pixel inside every figure's viewBox.
const SCALE: f32 = 10.0;
const MAX_BYTES: usize = 100_000;

/// System fonts: text must be laid out to know where it ends.
fn options() -> usvg::Options<'static> {
    let mut options = usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_system_fonts();
    // fontdb maps sans-serif to Arial; browsers here would use DejaVu Sans.
    fonts.set_sans_serif_family("DejaVu Sans");
    assert!(
        !options.fontdb.is_empty(),
        "no system fonts: install fonts-dejavu-core (.ci/run does)"
    );
    options
}

/// The plot band, in pixels, from the invisible rectangle nnhw-plot marks it with.
fn plot_area(svg: &str) -> [f32; 4] {
    let at = svg
        .find("id=\"plot-area\"")
        .expect("figure marks its plot area");
    let tag = &svg[at..at + svg[at..].find("/>").unwrap()];
    let attribute = |name: &str| -> f32 {
        let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        let end = start + tag[start..].find('"').unwrap();
        tag[start..end].parse::<f32>().unwrap() / SCALE
    };
    let (x, y) = (attribute("x"), attribute("y"));
    [x, y, x + attribute("width"), y + attribute("height")]
}

/// Pixels in `area` with a clear hue: data, regions, diagram boxes; never the grey grid,
/// black axes or tick labels, so an empty chart has none.
fn coloured_share(pixmap: &tiny_skia::Pixmap, [x0, y0, x1, y1]: [f32; 4]) -> f64 {
    let (mut coloured, mut all) = (0usize, 0usize);
    for y in y0 as u32..(y1 as u32).min(pixmap.height()) {
        for x in x0 as u32..(x1 as u32).min(pixmap.width()) {
            let p = pixmap.pixel(x, y).unwrap();
            let (r, g, b) = (p.red() as i32, p.green() as i32, p.blue() as i32);
            all += 1;
            if r.max(g).max(b) - r.min(g).min(b) > 30 {
                coloured += 1;
            }
        }
    }
    coloured as f64 / all.max(1) as f64
}

fn visit<'a>(group: &'a usvg::Group, in_legend: bool, out: &mut Vec<(&'a usvg::Node, bool)>) {
    for node in group.children() {
        if let usvg::Node::Group(g) = node {
            visit(g, in_legend || g.id() == "legend", out);
        } else {
            out.push((node, in_legend));
        }
    }
}

fn overlaps(a: &usvg::Rect, b: &usvg::Rect) -> bool {
    a.left() < b.right() && b.left() < a.right() && a.top() < b.bottom() && b.top() < a.bottom()
}

/// What is wrong with one figure, if anything.
fn faults(svg: &str, options: &usvg::Options<'_>) -> Vec<String> {
    let mut faults = Vec::new();
    if svg.len() > MAX_BYTES {
        faults.push(format!("{} bytes, over {MAX_BYTES}", svg.len()));
    }
    let tree = match usvg::Tree::from_str(svg, options) {
        Ok(tree) => tree,
        Err(e) => return vec![format!("not an SVG resvg reads: {e}")],
    };
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH as u32, HEIGHT as u32).unwrap();
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let share = coloured_share(&pixmap, plot_area(svg));
    if share < 0.001 {
        faults.push(format!(
            "blank: {:.2}% of the plot area is coloured",
            100.0 * share
        ));
    }

    faults.extend(clearance::faults(&tree));
    faults.extend(palette::faults(&tree));
    let mut nodes = Vec::new();
    visit(tree.root(), false, &mut nodes);
    let canvas = usvg::Rect::from_xywh(-0.5, -0.5, WIDTH + 1.0, HEIGHT + 1.0).unwrap();
    let mut legend: Option<usvg::Rect> = None;
    for (node, in_legend) in &nodes {
        let bbox = node.abs_bounding_box();
        if let usvg::Node::Text(text) = node
            && !(canvas.left() <= bbox.left()
                && bbox.right() <= canvas.right()
                && canvas.top() <= bbox.top()
                && bbox.bottom() <= canvas.bottom())
        {
            let words: String = text.chunks().iter().map(|c| c.text()).collect();
            faults.push(format!("text {words:?} leaves the canvas: {bbox:?}"));
        }
        if *in_legend {
            legend = Some(match legend {
                None => bbox,
                Some(l) => l
                    .to_non_zero_rect()
                    .zip(bbox.to_non_zero_rect())
                    .map_or(l, |(l, b)| {
                        usvg::Rect::from_ltrb(
                            l.left().min(b.left()),
                            l.top().min(b.top()),
                            l.right().max(b.right()),
                            l.bottom().max(b.bottom()),
                        )
                        .unwrap_or(l.to_rect())
                    }),
            });
        }
    }
    if let Some(legend) = legend {
        for (node, in_legend) in &nodes {
            let bbox = node.abs_bounding_box();
            let background = bbox.width() >= WIDTH - 1.0 && bbox.height() >= HEIGHT - 1.0;
            if !in_legend && !background && overlaps(&bbox, &legend) {
                faults.push(format!("the legend {legend:?} overlaps a mark at {bbox:?}"));
            }
        }
    }
    faults
}

/// Every spec's figures, the question's after the solution's, with the spec's path
/// relative to problems/ and whether it is a homework part (directly under problems/).
fn all_figures() -> Vec<(String, bool, Vec<nnhw_core::Figure>)> {
    let root = nnhw_tests::problems_dir();
    let paths = nnhw_tests::spec_files();
    paths
        .iter()
        .map(|path| {
            let display = path.strip_prefix(&root).unwrap().display().to_string();
            let solved = nnhw_grade::solve_file(path, &display, true).unwrap();
            let homework = path.parent() == Some(root.as_path());
            let mut figures = solved.figures;
            figures.extend(solved.question_figures);
            (display, homework, figures)
        })
        .collect()
}

#[test]
fn every_figure_renders_clean() {
    let options = options();
    let mut found = Vec::new();
    for (spec, _, figures) in all_figures() {
        for figure in &figures {
            for fault in faults(&figure.svg, &options) {
                found.push(format!("{spec} {}: {fault}", figure.name));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn figure() {
    for (spec, homework, figures) in all_figures() {
        if !homework {
            continue;
        }
        assert!(
            !figures.is_empty(),
            "{spec}: a homework part draws no figure"
        );
        for figure in &figures {
            insta::assert_snapshot!(format!("figure@{spec}.{}", figure.name), figure.svg);
        }
    }
}

/// The figures README and docs/ show (docs/figures/) are the runner's own output, not a
/// stale copy.
#[test]
fn the_docs_figures_are_current() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/figures");
    let figures = all_figures();
    let mut shown = 0;
    for entry in std::fs::read_dir(&docs).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (stem, figure) = name
            .trim_end_matches(".svg")
            .rsplit_once('.')
            .expect("docs/figures/<spec stem>.<figure>.svg");
        let spec = format!("{stem}.toml");
        let drawn = figures
            .iter()
            .find(|(s, _, _)| *s == spec)
            .and_then(|(_, _, f)| f.iter().find(|f| f.name == figure))
            .unwrap_or_else(|| panic!("{name}: problems/{spec} draws no figure {figure}"));
        let committed = std::fs::read_to_string(&path).unwrap();
        assert!(
            committed == drawn.svg,
            "{name} is stale: runner --figures docs/figures problems/{spec}"
        );
        shown += 1;
    }
    assert!(
        shown >= 2,
        "README and docs/cli.md show two figures from docs/figures"
    );
}

/// The class report's score histogram (not a spec's figure, so drawn here): clean for a
/// typical class, an empty one, one bin, counts in the hundreds of thousands, many bins
/// and a title too long for the canvas.
#[test]
fn the_class_reports_histogram_renders_clean() {
    let options = options();
    let long = "3.4 Simple network with a title far longer than any canvas could hold ".repeat(3);
    let many: Vec<u64> = (0..40).map(|i| (i * 37 % 11) as u64).collect();
    for (title, counts) in [
        ("3.4 Simple network", vec![3, 0, 12, 7, 20]),
        ("3.2", vec![0, 0, 0]),
        ("2.1", vec![5]),
        ("big", vec![250_000, 1, 120_000]),
        ("many", many),
        (long.as_str(), vec![1, 2]),
    ] {
        let svg = nnhw_plot::histogram(
            title,
            "submissions by how many answers they had right",
            "answers right",
            "submissions",
            "submissions with this score",
            &counts,
        )
        .unwrap();
        let found = faults(&svg, &options);
        // An empty class draws no bar: only its axes (and zero counts) are there.
        let found: Vec<&String> = found
            .iter()
            .filter(|f| !(title == "3.2" && f.starts_with("blank")))
            .collect();
        assert!(found.is_empty(), "{title}: {found:?}");
    }
}

#[test]
fn the_checks_catch_a_blank_figure_text_off_the_canvas_and_a_covering_legend() {
    let options = options();
    let frame = |body: &str| {
        format!(
            "<svg width=\"720\" height=\"600\" viewBox=\"0 0 7200 6000\" xmlns=\"http://www.w3.org/2000/svg\">\
             <rect x=\"0\" y=\"0\" width=\"7200\" height=\"6000\" fill=\"#FFFFFF\"/>{body}\
             <rect id=\"plot-area\" x=\"0\" y=\"580\" width=\"7200\" height=\"4000\" fill=\"none\"/></svg>"
        )
    };
    let blank = frame(
        "<line x1=\"800\" y1=\"4500\" x2=\"7000\" y2=\"4500\" stroke=\"#000000\" stroke-width=\"10\"/>",
    );
    assert!(
        faults(&blank, &options)
            .iter()
            .any(|f| f.starts_with("blank"))
    );

    let data = "<rect x=\"1000\" y=\"1000\" width=\"3000\" height=\"3000\" fill=\"#1F77B4\"/>";
    assert!(
        faults(&frame(data), &options).is_empty(),
        "{:?}",
        faults(&frame(data), &options)
    );

    let off = format!(
        "{data}<text x=\"7100\" y=\"3000\" font-family=\"sans-serif\" font-size=\"140\">far too long a label</text>"
    );
    assert!(
        faults(&frame(&off), &options)
            .iter()
            .any(|f| f.contains("leaves the canvas"))
    );

    let covering = format!(
        "{data}<g id=\"legend\"><rect x=\"3500\" y=\"3500\" width=\"1000\" height=\"400\" fill=\"#FFFFFF\" stroke=\"#000000\"/></g>"
    );
    assert!(
        faults(&frame(&covering), &options)
            .iter()
            .any(|f| f.contains("legend"))
    );
}
