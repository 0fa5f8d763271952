//! `backprop.formulas` (3.1, 3.2): the formulas, and core's network that implements them run
//! on the spec's own network, every gradient set beside its central difference.

use nnhw_core::format::{count, number};
use nnhw_core::matrix::{one_row, row};
use nnhw_core::network::{
    FD_STEP, Gradients, LayerSpec, Loss, Network, Parameter, Workspace, finite_difference,
    gradients,
};
use nnhw_core::numerics::Activation;
use nnhw_core::rng::Rng;
use nnhw_core::{FieldError, Figure, Params, Problem, Report, Statement, Step, Value};
use serde::Deserialize;

use crate::diagrams;
use crate::formulas;
use crate::statements::layers::{self, Drawn, Given};

/// Above this many parameters, central differences (two forward passes each) are taken
/// for a fixed random sample of them rather than all.
const FD_ALL_UP_TO: usize = 2_000;
/// Multiply-adds the finite differences may spend, at most (about a second).
const FD_WORK: usize = 2_000_000_000;
/// A forward pass on one example costs more than its multiply-adds: about this many
/// multiply-adds' worth per unit (activation and bookkeeping), measured on a [2, 10⁵, 2]
/// network where a pass took 19 ms for 4·10⁵ multiply-adds. Since issue 30 a pass costs
/// less per unit (a whole [2, 999,998, 2] spec runs in 3.6 s), so the model errs towards
/// fewer differences, never towards a slow run.
const PASS_OVERHEAD_PER_UNIT: usize = 200;
/// Fewest parameters checked, however large the network.
const FD_MIN_SAMPLE: usize = 16;
/// Largest |backprop − finite difference| / (1 + |backprop|) still called agreement.
const AGREE: f64 = 1e-6;
/// Gradient rows shown in the report; the largest difference is over all that were checked.
const ROWS_SHOWN: usize = 24;

fn sigmoid() -> Activation {
    Activation::Sigmoid
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RandomNetwork {
    sizes: Vec<usize>,
    #[serde(default = "sigmoid")]
    activation: Activation,
    #[serde(default)]
    seed: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    #[serde(default)]
    network: Option<RandomNetwork>,
    #[serde(default)]
    layers: Option<Vec<LayerSpec>>,
    x: Vec<f64>,
    target: Vec<f64>,
    #[serde(default)]
    loss: Loss,
}

/// A network, one example and a loss.
pub struct GradientCheck {
    network: Network,
    x: Vec<f64>,
    target: Vec<f64>,
    loss: Loss,
    /// How the network was given, for the report.
    origin: String,
    /// The sizes, activation and seed it was drawn from; `None` for the spec's own layers.
    drawn: Option<Drawn>,
    /// The loss and gradients, computed once while validating.
    cost: f64,
    gradients: Gradients,
}

/// Deserializes and validates the params.
pub fn build(params: &Params<'_>) -> Result<Box<dyn Problem>, FieldError> {
    let spec: Spec = params.parse()?;
    nnhw_core::network::check_input(&spec.x)?;
    let (network, origin, drawn) = match (spec.network, spec.layers) {
        (Some(_), Some(_)) => {
            return Err(FieldError::new(
                "layers",
                "give either network = {sizes, …} or layers, not both",
            ));
        }
        (None, None) => {
            return Err(FieldError::new(
                "network",
                "missing: give network = {sizes = [...]} (random weights from a seed) or [[params.layers]]",
            ));
        }
        (Some(random), None) => {
            Network::check_sizes(&random.sizes, "network.sizes")?;
            if random.sizes[0] != spec.x.len() {
                return Err(FieldError::new(
                    "network.sizes[0]",
                    format!(
                        "{}, but x has {}",
                        count(random.sizes[0], "input", "inputs"),
                        count(spec.x.len(), "entry", "entries")
                    ),
                ));
            }
            let origin = format!(
                "sizes {}, {} throughout, Glorot-uniform weights from seed {}",
                nnhw_core::format::list(&random.sizes, |s| s.to_string()),
                random.activation.name(),
                random.seed
            );
            let network = Network::random(&random.sizes, random.activation, random.seed);
            let drawn = Drawn {
                sizes: random.sizes,
                activation: random.activation,
                seed: random.seed,
            };
            (network, origin, Some(drawn))
        }
        (None, Some(layers)) => (
            Network::from_specs(spec.x.len(), &layers)?,
            "the spec's own weights".to_string(),
            None,
        ),
    };
    if spec.target.len() != network.output_width() {
        return Err(FieldError::new(
            "target",
            format!(
                "{}, but the network has {}",
                count(spec.target.len(), "entry", "entries"),
                count(network.output_width(), "output", "outputs")
            ),
        ));
    }
    // One pass here makes an overflow bad input rather than an inf or nan answer.
    let (cost, g) = gradients(&network, one_row(&spec.x), one_row(&spec.target), spec.loss);
    let gradients_finite = g
        .weights
        .iter()
        .all(|w| (0..w.nrows()).all(|i| (0..w.ncols()).all(|j| w[(i, j)].is_finite())))
        && g.bias.iter().flatten().all(|b| b.is_finite());
    if !(cost.is_finite() && gradients_finite) {
        return Err(FieldError::new(
            "target",
            "the loss or its gradients overflow f64: x, target or the weights are too large",
        ));
    }
    Ok(Box::new(GradientCheck {
        network,
        x: spec.x,
        target: spec.target,
        loss: spec.loss,
        origin,
        drawn,
        cost,
        gradients: g,
    }))
}

/// Whether a ReLU unit sits so near z = 0 that a central difference straddles its kink.
fn at_a_kink(network: &Network, x: &[f64]) -> bool {
    network
        .forward(x)
        .iter()
        .zip(&network.layers)
        .any(|(trace, layer)| {
            layer.activation == Activation::Relu && trace.z.iter().any(|z| z.abs() < 1e3 * FD_STEP)
        })
}

fn name(p: Parameter) -> String {
    match p {
        Parameter::Weight(l, j, k) => format!("w[{}][{j},{k}]", l + 1),
        Parameter::Bias(l, j) => format!("b[{}][{j}]", l + 1),
    }
}

impl GradientCheck {
    /// The parameters whose central differences are taken: all, or a fixed sample.
    /// Each central difference costs two forward passes, about 2·P multiply-adds; the
    /// sample shrinks as P grows so the check stays within [`FD_WORK`].
    fn checked(&self) -> Vec<Parameter> {
        let total = self.network.parameters();
        let units: usize = self.network.layers.iter().map(|l| l.units()).sum();
        let pass = total.saturating_add(units.saturating_mul(PASS_OVERHEAD_PER_UNIT));
        let budget = (FD_WORK / (2 * pass.max(1))).clamp(FD_MIN_SAMPLE, FD_ALL_UP_TO);
        if total <= budget {
            return Parameter::all(&self.network);
        }
        let mut rng = Rng::new(0);
        let mut picked: Vec<usize> = (0..budget)
            .map(|_| rng.below(total as u64) as usize)
            .collect();
        picked.sort_unstable();
        picked.dedup();
        picked
            .into_iter()
            .filter_map(|i| Parameter::nth(&self.network, i))
            .collect()
    }
}

impl Problem for GradientCheck {
    /// From the network as built (the spec's layers, or the weights its seed draws), the
    /// example and the loss; the only count it says, how many parameters the check
    /// covers, follows from the sizes alone.
    fn statement(&self) -> Statement {
        layers::statement(&Given {
            network: &self.network,
            drawn: self.drawn.as_ref(),
            x: &self.x,
            target: &self.target,
            loss: self.loss,
            checked: self.checked().len(),
        })
    }

    /// Three layers in the notation of 3.1 and 3.2, whatever the spec's network.
    fn question_figures(&self, title: &str) -> Vec<Figure> {
        crate::question::layers(title).into_iter().collect()
    }

    fn solve(&self) -> Report {
        let (x, t) = (one_row(&self.x), one_row(&self.target));
        let traces = self.network.forward_batch(x);
        let (cost, g) = (self.cost, &self.gradients);
        let depth = self.network.layers.len();
        let mut r = Report::default();

        r.heading(format!(
            "Network: {} layers, {} parameters ({}); loss {}",
            depth,
            self.network.parameters(),
            self.origin,
            self.loss.name()
        ));
        r.value("x", Value::numbers(&self.x));
        r.value("t", Value::numbers(&self.target));
        r.heading("Forward: zˡ = wˡ aˡ⁻¹ + bˡ, aˡ = f(zˡ)");
        for (l, trace) in traces.iter().enumerate() {
            r.value(format!("z{}", l + 1), Value::numbers(&row(&trace.z, 0)));
            r.value(format!("a{}", l + 1), Value::numbers(&row(&trace.a, 0)));
        }
        r.value("C", Value::Number(cost));
        r.heading("Backward: δᴸ = ∂C/∂aᴸ ⊙ f′(zᴸ), then δˡ = (wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ f′(zˡ)");
        let output = traces.last().map(|tr| row(&tr.a, 0)).unwrap_or_default();
        let dc_da = self.loss.gradient(&output, &self.target);
        r.value(
            match self.loss {
                Loss::Quadratic => "∂C/∂aᴸ = aᴸ − t",
                Loss::CrossEntropy => "∂C/∂aᴸ = softmax(aᴸ) − t",
            },
            Value::numbers(&dc_da),
        );
        for (l, delta) in g.delta.iter().enumerate().rev() {
            r.value(format!("δ{}", l + 1), Value::numbers(&row(delta, 0)));
        }

        let checked = self.checked();
        let mut rows = Vec::with_capacity(ROWS_SHOWN);
        let mut worst: f64 = 0.0;
        let mut probe = self.network.clone();
        let mut work = Workspace::default();
        for (i, &p) in checked.iter().enumerate() {
            let fd = finite_difference(&mut probe, p, x, t, self.loss, &mut work);
            let bp = p.of(g);
            // Relative for large gradients, absolute for small ones. A nan difference must
            // show as the worst, not vanish in max().
            let difference = (bp - fd).abs() / (1.0 + bp.abs());
            worst = if difference.is_nan() {
                f64::NAN
            } else {
                worst.max(difference)
            };
            if i < ROWS_SHOWN {
                rows.push(vec![
                    Value::text(name(p)),
                    Value::Number(bp),
                    Value::Number(fd),
                    Value::Number(difference),
                ]);
            }
        }
        r.heading("Gradients: ∂C/∂wⱼₖˡ = aₖˡ⁻¹ δⱼˡ and ∂C/∂bⱼˡ = δⱼˡ, beside central differences");
        r.steps.push(Step::Table {
            columns: [
                "parameter",
                "backprop",
                "(C(p+h) − C(p−h))/2h",
                "|difference| / (1 + |backprop|)",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        });
        let total = self.network.parameters();
        if checked.len() > ROWS_SHOWN {
            r.text(format!(
                "… {} more rows; the largest difference is over all {} checked",
                checked.len() - ROWS_SHOWN,
                checked.len()
            ));
        }
        let all_sigmoid = self
            .network
            .layers
            .iter()
            .all(|l| l.activation == Activation::Sigmoid);
        formulas::deltas(&mut r, all_sigmoid);
        formulas::parameter_gradients(&mut r);
        r.answer("max_fd_error", Value::Number(worst), None);
        if checked.len() < total {
            r.note(format!(
                "central differences were taken for a fixed sample of {} of the {total} parameters",
                checked.len()
            ));
        }
        let verdict = if worst < AGREE {
            "backprop and finite differences agree"
        } else if at_a_kink(&self.network, &self.x) {
            "they differ because a ReLU unit sits at z ≈ 0, where its derivative jumps and a central difference straddles the kink"
        } else {
            "backprop and finite differences DISAGREE: the engine or the network is wrong"
        };
        r.note(format!(
            "max_fd_error = max |backprop − finite difference| / (1 + |backprop|) = {} with step h = {}: {verdict}",
            number(worst),
            number(FD_STEP)
        ));
        r
    }

    /// The network with δ per unit and ∂C/∂w per weight; none when it is too large for
    /// a diagram (the report then says this spec draws no figure).
    fn figures(&self, title: &str) -> Vec<Figure> {
        let traces = self.network.forward(&self.x);
        diagrams::network(
            title,
            &self.network,
            &self.x,
            &self.target,
            &traces,
            &self.gradients,
        )
        .into_iter()
        .collect()
    }
}
