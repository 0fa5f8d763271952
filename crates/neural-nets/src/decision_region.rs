//! `nn.decision-region`: where do all hidden units share a sign, and how large is it?

use nnhw_core::format::{count, number};
use nnhw_core::matrix::Matrix;
use nnhw_core::{
    FieldError, Figure, Fitness, Line, Params, Polygon, Problem, Report, Statement, Value,
};
use serde::Deserialize;

use crate::equation;
use crate::figures;
use crate::geometry::{HalfPlane, Point};
use crate::region::{self, Region, Solution};

mod question;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Sign {
    #[default]
    AllNegative,
    AllPositive,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    weights: Vec<Vec<f64>>,
    bias: Vec<f64>,
    #[serde(default)]
    region: Sign,
    #[serde(default)]
    view: Option<Vec<f64>>,
}

/// The hidden units z_j = a_j·x1 + b_j·x2 + c_j and the sign wanted of all of them.
pub struct DecisionRegion {
    units: Vec<[f64; 3]>,
    sign: Sign,
    view: Option<[f64; 4]>,
}

/// Most hidden units: 5,000 lines, every one a corner, are solved and drawn in about 2 s.
pub const MAX_UNITS: usize = 5_000;

/// Deserializes and validates the params.
pub fn build(params: &Params<'_>) -> Result<Box<dyn Problem>, FieldError> {
    let spec: Spec = params.parse()?;
    let weights = Matrix::from_rows(&spec.weights, "weights")?;
    if weights.cols() != 2 {
        return Err(FieldError::new(
            "weights",
            format!(
                "{} columns, but the input is 2-d (x1, x2): each unit needs exactly 2 weights",
                weights.cols()
            ),
        ));
    }
    if weights.rows() > MAX_UNITS {
        return Err(FieldError::new(
            "weights",
            format!(
                "{} units; at most {MAX_UNITS} (the region of that many takes seconds to find and draw)",
                weights.rows()
            ),
        ));
    }
    if spec.bias.len() != weights.rows() {
        return Err(FieldError::new(
            "bias",
            format!(
                "{}, but there are {} (weight rows)",
                count(spec.bias.len(), "entry", "entries"),
                count(weights.rows(), "unit", "units")
            ),
        ));
    }
    let view = match spec.view.as_deref() {
        None => None,
        Some(&[x0, x1, y0, y1])
            if x0 < x1 && y0 < y1 && (x1 - x0).is_finite() && (y1 - y0).is_finite() =>
        {
            Some([x0, x1, y0, y1])
        }
        Some(_) => {
            return Err(FieldError::new(
                "view",
                "must be [xmin, xmax, ymin, ymax] with xmin < xmax and ymin < ymax, and a width and height within f64's range",
            ));
        }
    };
    let units = weights
        .iter_rows()
        .zip(&spec.bias)
        .map(|(w, &c)| [w[0], w[1], c])
        .collect();
    Ok(Box::new(DecisionRegion {
        units,
        sign: spec.region,
        view,
    }))
}

impl DecisionRegion {
    pub(crate) fn solution(&self) -> Solution {
        // z_j < 0 as given; z_j > 0 is −z_j < 0.
        let flip = match self.sign {
            Sign::AllNegative => 1.0,
            Sign::AllPositive => -1.0,
        };
        let half_planes: Vec<HalfPlane> = self
            .units
            .iter()
            .map(|&[a, b, c]| HalfPlane {
                normal: [flip * a, flip * b],
                offset: flip * c,
            })
            .collect();
        let region = region::intersect(&half_planes);
        let area = match &region {
            Region::Empty => 0.0,
            Region::Bounded { area, .. } => *area,
            Region::Unbounded { .. } => f64::INFINITY,
        };
        Solution {
            units: self.units.clone(),
            wanted: match self.sign {
                Sign::AllNegative => "< 0",
                Sign::AllPositive => "> 0",
            },
            region,
            area,
        }
    }
}

fn points(vertices: &[Point]) -> Value {
    Value::matrix(vertices)
}

impl Problem for DecisionRegion {
    fn statement(&self) -> Statement {
        self.question()
    }

    fn question_figures(&self, title: &str) -> Vec<Figure> {
        self.posed_figures(title)
    }

    fn solve(&self) -> Report {
        let s = self.solution();
        let mut r = Report::default();
        let mut boundaries = Vec::with_capacity(s.units.len());
        for (j, &[a, b, c]) in s.units.iter().enumerate() {
            r.heading(format!(
                "Unit {}: z{} = {}",
                j + 1,
                j + 1,
                equation::affine(a, b, c)
            ));
            match equation::line(a, b, c) {
                Some(text) => {
                    r.text(format!(
                        "boundary z{} = 0: {text}; z{} grows toward ({}, {})",
                        j + 1,
                        j + 1,
                        number(a),
                        number(b)
                    ));
                    boundaries.push(Line { a, b, c, text });
                }
                None => {
                    let everywhere =
                        format!("no boundary (z = {} everywhere)", equation::signed(c));
                    r.text(format!("both weights are 0: {everywhere}"));
                    boundaries.push(Line {
                        a: 0.0,
                        b: 0.0,
                        c,
                        text: everywhere,
                    });
                }
            }
        }
        r.heading(format!("Region: every z_j {}", s.wanted));
        let vertices = match &s.region {
            Region::Empty => {
                r.text("the half-planes have no common interior: the region is empty");
                Vec::new()
            }
            Region::Bounded { vertices: v, .. } => {
                r.value("vertices (counter-clockwise)", points(v));
                r.text(format!(
                    "shoelace: area = ½·|Σ (x1ᵢ·x2ᵢ₊₁ − x1ᵢ₊₁·x2ᵢ)| = {}",
                    number(s.area)
                ));
                v.clone()
            }
            Region::Unbounded {
                finite_vertices, ..
            } => {
                r.value("finite vertices", points(finite_vertices));
                r.text("the region is open on at least one side: its area is infinite");
                finite_vertices.clone()
            }
        };
        r.answer("area", Value::Number(s.area), None);
        r.answer("boundaries", Value::Lines(boundaries), None);
        r.answer(
            "vertices",
            Value::Polygon(Polygon {
                corners: vertices,
                closed: !matches!(s.region, Region::Unbounded { .. }),
            }),
            None,
        );
        if matches!(s.region, Region::Unbounded { .. }) {
            r.note("vertices lists only the corners of an unbounded region, not its open ends");
        }
        if matches!(s.region, Region::Bounded { area, .. } if area.is_infinite()) {
            r.note("the region is bounded, but its area is beyond f64's range (about 1.8e308): area is given as inf");
        }
        r
    }

    fn figures(&self, title: &str) -> Vec<Figure> {
        figures::decision_region(title, &self.solution(), self.view)
            .into_iter()
            .collect()
    }

    fn unfit(&self, report: &Report, fitness: &Fitness<'_>) -> Option<String> {
        crate::fitness::region(report, fitness)
    }
}
