//! Every kind of bad input exits 2 with one line naming the file, line:column and field;
//! never a panic. Each case runs the real binary on a spec written to a scratch directory.

// Test helpers may unwrap: a failure here is a failed test, not a user-facing panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

/// A scratch directory of this test process's own, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("nnhw-bad-input-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `runner case.toml` on `bytes`; returns the exit code and stderr.
fn run_bytes(name: &str, bytes: &[u8]) -> (i32, String, String) {
    let scratch = Scratch::new(name);
    std::fs::write(scratch.0.join("case.toml"), bytes).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_runner"))
        .arg("case.toml")
        .current_dir(&scratch.0)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const FEEDFORWARD: &str = r#"kind = "nn.feedforward"
[params]
x = [3, 14]
[[params.layers]]
weights = [[1, 0], [0, 1], [-1, 0], [0, -1]]
bias = [-1, -1, -1, -1]
[[params.layers]]
weights = [[1, 1, 1, 1], [-1, -1, -1, -1]]
bias = [0, 2]
"#;

const LSTM: &str = r#"kind = "lstm.states"
[params]
x = [1, 1, 0]
[params.weights]
f_h = 0
f_x = 0
i_h = 0
i_x = 100
o_h = 0
o_x = 100
c_h = -100
c_x = 50
[params.bias]
f = -100
i = 100
"#;

/// (case, spec text, the message's expected start: `case.toml:line:col: field: `).
fn cases() -> Vec<(&'static str, String, &'static str)> {
    let ff = |from: &str, to: &str| {
        assert!(FEEDFORWARD.contains(from), "{from}");
        FEEDFORWARD.replacen(from, to, 1)
    };
    let lstm = |from: &str, to: &str| {
        assert!(LSTM.contains(from), "{from}");
        LSTM.replacen(from, to, 1)
    };
    let info = |extra: &str| {
        LSTM.replacen("kind = \"lstm.states\"", "kind = \"lstm.info\"", 1)
            .replacen("x = [1, 1, 0]", extra, 1)
    };
    let bp = |network: &str, rest: &str| {
        format!(
            "kind = \"backprop.formulas\"\n[params]\nnetwork = {network}\nx = [0.5, -1]\ntarget = [1, 0]\n{rest}"
        )
    };
    let sgd = |extra: &str| {
        format!(
            "kind = \"backprop.sgd\"\n[params]\nx = 3\nt = 1\nw1 = 0.01\nw2 = -5\nb = -1\n{extra}\n"
        )
    };
    let emb = |from: &str, to: &str| {
        let base = "kind = \"embeddings.unseen-words\"\n[params]\ntrials = 2\n[params.vocabulary]\ncat = [0.9, 0.2]\ncar = [0.01, 0.8]\n[[params.train]]\nwords = [\"cat\"]\nlabel = 1\n[[params.test]]\nwords = [\"car\"]\nlabel = 0\n";
        assert!(base.contains(from), "{from}");
        base.replacen(from, to, 1)
    };
    vec![
        ("embeddings: test word not in the vocabulary", emb("words = [\"car\"]", "words = [\"car\", \"zebra\"]"), "case.toml:11:17: params.test[0].words[1]: `zebra` is not in the vocabulary"),
        ("embeddings: vectors of unequal width", emb("car = [0.01, 0.8]", "car = [0.01]"), "case.toml:5:7: params.vocabulary.cat: 2 numbers, but `car`'s has 1"),
        ("embeddings: label 2", emb("label = 0", "label = 2"), "case.toml:12:9: params.test[0].label: 2 is not a class: labels are 0 or 1"),
        ("embeddings: label 0.5", emb("label = 0", "label = 0.5"), "case.toml:12:9: params.test[0].label: invalid type: floating point"),
        ("embeddings: trials 0", emb("trials = 2", "trials = 0"), "case.toml:3:10: params.trials: 0: needs at least 1"),
        ("embeddings: too much training", emb("trials = 2", "trials = 100000\nepochs = 1000"), "case.toml:3:10: params.trials: trials × epochs × training sentences × 2 networks = 200000000 steps; the limit is 5000000"),
        ("embeddings: unknown embeddings", emb("trials = 2", "trials = 2\nembeddings = \"glove\""), "case.toml:4:14: params.embeddings: unknown variant `glove`"),
        ("embeddings: eta too large", emb("trials = 2", "trials = 2\neta = 1e308"), "case.toml:4:7: params.eta: 1e308 is too large: at most 100"),
        ("embeddings: empty sentence", emb("words = [\"cat\"]", "words = []"), "case.toml:8:9: params.train[0].words: empty"),
        ("backprop: a zero in sizes", bp("{ sizes = [2, 0, 2] }", ""), "case.toml:3:25: params.network.sizes[1]: a layer of 0 units"),
        ("backprop: too many parameters", bp("{ sizes = [2, 100000, 100000, 2] }", ""), "case.toml:3:21: params.network.sizes: 10000600002 parameters; the limit is 20000000"),
        ("backprop: too many units", bp("{ sizes = [2, 1000001, 2] }", ""), "case.toml:3:21: params.network.sizes: 1000003 units in the layers; the limit is 1000000"),
        ("backprop: x too short", bp("{ sizes = [3, 2] }", ""), "case.toml:3:22: params.network.sizes[0]: 3 inputs, but x has 2 entries"),
        ("backprop: target too long", bp("{ sizes = [2, 3] }", ""), "case.toml:5:10: params.target: 2 entries, but the network has 3 outputs"),
        ("backprop: network and layers", bp("{ sizes = [2, 2] }", "[[params.layers]]\nweights = [[1, 0], [0, 1]]"), "case.toml:6:1: params.layers: give either network"),
        ("backprop: one size", bp("{ sizes = [2] }", ""), "case.toml:3:21: params.network.sizes: needs at least two widths"),
        ("backprop: unknown loss", bp("{ sizes = [2, 2] }", "loss = \"hinge\""), "case.toml:6:8: params.loss: unknown variant `hinge`"),
        ("sgd: eta zero", sgd("eta = 0"), "case.toml:8:7: params.eta: 0 must be > 0"),
        ("sgd: eta missing", sgd(""), "case.toml:2:1: params.eta: missing"),
        ("sgd: steps zero", sgd("eta = 0.1\nsteps = 0"), "case.toml:9:9: params.steps: 0 is out of range: 1 to 1000000"),
        ("sgd: steps too many", sgd("eta = 0.1\nsteps = 1000001"), "case.toml:9:9: params.steps: 1000001 is out of range"),
        ("simple-network: eta given", sgd("eta = 0.1").replacen("backprop.sgd", "backprop.simple-network", 1), "case.toml:8:7: params.eta: only backprop.sgd trains"),
        ("derivatives: no positive z", "kind = \"backprop.activation-derivatives\"\n[params]\nz = [-1, 0]\n".into(), "case.toml:3:5: params.z: needs at least one positive and one negative z"),
        ("lstm: empty x", lstm("x = [1, 1, 0]", "x = []"), "case.toml:3:5: params.x: empty"),
        ("lstm: sequence too long", lstm("x = [1, 1, 0]", &format!("x = [{}0]", "1, ".repeat(100_000))), "case.toml:3:5: params.x: 100001 steps; a sequence may have at most 100000"),
        ("sgd: first step overflows", sgd("eta = 1e308"), "case.toml:8:7: params.eta: 1e308 makes the first step overflow f64"),
        ("simple-network: overflow", sgd("").replacen("backprop.sgd", "backprop.simple-network", 1).replacen("x = 3", "x = 1e308", 1).replacen("w1 = 0.01", "w1 = 1e308", 1), "case.toml:5:6: params.w1: the loss or its gradients overflow f64"),
        ("backprop: loss overflows", bp("{ sizes = [2, 2] }", "").replacen("target = [1, 0]", "target = [1e300, 0]", 1), "case.toml:5:10: params.target: the loss or its gradients overflow f64"),
        ("lstm: x a number", lstm("x = [1, 1, 0]", "x = 1"), "case.toml:3:5: params.x: a single number"),
        ("lstm: ragged x", lstm("x = [1, 1, 0]", "x = [[1, 0], [1]]"), "case.toml:3:14: params.x[1]: ragged matrix"),
        ("lstm: x neither list nor rows", lstm("x = [1, 1, 0]", "x = [\"a\"]"), "case.toml:3:5: params.x: "),
        ("lstm: weight too wide for x", lstm("f_x = 0", "f_x = [1, 2]"), "case.toml:6:7: params.weights.f_x: a list of 2 numbers, but it must be 1×1"),
        ("lstm: input weights do not fit the state", lstm("f_h = 0", "f_h = [[1, 0], [0, 1]]"), "case.toml:6:7: params.weights.f_x: a single number, but it must be 2×1"),
        ("lstm: bias too long", lstm("f = -100", "f = [-100, 1]"), "case.toml:14:5: params.bias.f: 2 entries, but the state has 1 unit"),
        ("lstm: missing weight", lstm("c_x = 50\n", ""), "case.toml:4:1: params.weights.c_x: missing"),
        ("lstm: unknown approximation", lstm("x = [1, 1, 0]", "x = [1, 1, 0]\napproximation = \"cubic\""), "case.toml:4:17: params.approximation: unknown variant `cubic`"),
        ("lstm: unknown rounding", lstm("x = [1, 1, 0]", "x = [1, 1, 0]\nrounding = \"half-up\""), "case.toml:4:12: params.rounding: unknown variant `half-up`"),
        ("lstm: max_length on states", lstm("x = [1, 1, 0]", "x = [1, 1, 0]\nmax_length = 3"), "case.toml:4:14: params.max_length: only lstm.info takes max_length"),
        ("lstm.info: x given", info("x = [1]"), "case.toml:3:5: params.x: lstm.info tries every binary input itself"),
        ("lstm.info: max_length 0", info("max_length = 0"), "case.toml:3:14: params.max_length: 0 is out of range: 1 to 24"),
        ("lstm.info: max_length 25", info("max_length = 25"), "case.toml:3:14: params.max_length: 25 is out of range: 1 to 24"),
        ("lstm.info: max_length negative", info("max_length = -3"), "case.toml:3:14: params.max_length: invalid value"),
        ("lstm.info: vector state", info("max_length = 3\nh0 = [0, 0]").replacen("f_h = 0", "f_h = [[0, 0], [0, 0]]", 1), "case.toml:6:7: params.weights.f_h: 2 rows, but lstm.info reads the meaning of a scalar h_t"),
        ("not TOML", "kind = \"nn.feedforward\"\n[params\nx = 1\n".into(), "case.toml:2:8: not valid TOML"),
        ("no kind", ff("kind = \"nn.feedforward\"\n", ""), "case.toml:1:1: kind: missing"),
        ("kind not a string", ff("\"nn.feedforward\"", "3"), "case.toml:1:8: kind: "),
        ("unknown kind", ff("nn.feedforward", "nn.feedfoward"), "case.toml:1:8: kind: unknown kind `nn.feedfoward`; did you mean `nn.feedforward`?"),
        ("unknown top-level field", ff("[params]", "colour = 1\n[params]"), "case.toml:2:1: colour: unknown field"),
        ("no params", "kind = \"nn.feedforward\"\n".into(), "case.toml:1:1: params: missing"),
        ("unknown field", ff("x = [3, 14]", "x = [3, 14]\nxx = 1"), "case.toml:4:1: params.xx: unknown field `xx`"),
        ("unknown layer field", ff("bias = [0, 2]", "bias = [0, 2]\nbaises = [1]"), "case.toml:10:1: params.layers[1].baises: unknown field"),
        ("missing field", ff("x = [3, 14]\n", ""), "case.toml:2:1: params.x: missing"),
        ("nan in params", ff("x = [3, 14]", "x = [3, nan]"), "case.toml:3:9: params.x[1]: nan is not allowed"),
        ("inf in params", ff("bias = [0, 2]", "bias = [0, -inf]"), "case.toml:9:12: params.layers[1].bias[1]: -inf is not allowed"),
        ("ragged matrix", ff("[0, 1], [-1, 0]", "[0, 1, 5], [-1, 0]"), "case.toml:5:20: params.layers[0].weights[1]: ragged matrix"),
        ("mismatched layers", ff("[[1, 1, 1, 1], [-1, -1, -1, -1]]", "[[1, 1, 1], [-1, -1, -1]]"), "case.toml:8:11: params.layers[1].weights: 3 columns, but layer 0 has 4 units"),
        ("x too wide", ff("x = [3, 14]", "x = [3, 14, 15]"), "case.toml:5:11: params.layers[0].weights: 2 columns, but x has 3 entries"),
        ("bias length", ff("bias = [0, 2]", "bias = [0, 2, 4]"), "case.toml:9:8: params.layers[1].bias: 3 entries"),
        ("empty layer list", "kind = \"nn.feedforward\"\n[params]\nx = [1]\nlayers = []\n".into(), "case.toml:4:10: params.layers: empty"),
        ("beta zero", ff("x = [3, 14]", "x = [3, 14]\nbeta = 0"), "case.toml:4:8: params.beta: 0 must be > 0"),
        ("beta negative", ff("x = [3, 14]", "x = [3, 14]\nbeta = -1.5"), "case.toml:4:8: params.beta: -1.5 must be > 0"),
        ("unknown activation", ff("bias = [0, 2]", "bias = [0, 2]\nactivation = \"softsign\""), "case.toml:10:14: params.layers[1].activation: unknown variant `softsign`"),
        ("unknown output", ff("x = [3, 14]", "x = [3, 14]\noutput = \"argmax\""), "case.toml:4:10: params.output: unknown variant `argmax`"),
        ("wrong type", ff("x = [3, 14]", "x = \"3, 14\""), "case.toml:3:5: params.x: invalid type: string"),
        (
            "min_o2 too large",
            "kind = \"nn.inverse-temperature\"\n[params]\nbetas = [1]\nmin_o2 = 0.5\n".into(),
            "case.toml:4:10: params.min_o2: 0.5 is outside (0, 0.5)",
        ),
        (
            "min_o2 zero",
            "kind = \"nn.inverse-temperature\"\n[params]\nbetas = [1]\nmin_o2 = 0\n".into(),
            "case.toml:4:10: params.min_o2: 0 is outside (0, 0.5)",
        ),
        (
            "betas with a negative",
            "kind = \"nn.inverse-temperature\"\n[params]\nbetas = [1, -3]\nmin_o2 = 0.1\n".into(),
            "case.toml:3:13: params.betas[1]: -3 must be > 0",
        ),
        (
            "non-constant rows",
            "kind = \"nn.output-from-hidden-sum\"\n[params]\nweights = [[1, 1], [-1, 2]]\nbias = [0, 2]\nhidden_sums = [1]\n".into(),
            "case.toml:3:20: params.weights[1]: row 1 is not constant ([-1, 2])",
        ),
        (
            "negative hidden sum",
            "kind = \"nn.output-from-hidden-sum\"\n[params]\nweights = [[1, 1]]\nhidden_sums = [1, -2]\n".into(),
            "case.toml:4:19: params.hidden_sums[1]: -2 is negative",
        ),
        (
            "region weights not 2 wide",
            "kind = \"nn.decision-region\"\n[params]\nweights = [[1, 0, -1], [0, 1, -1]]\nbias = [-1, -1]\n".into(),
            "case.toml:3:11: params.weights: 3 columns, but the input is 2-d",
        ),
        (
            "region bias length",
            "kind = \"nn.decision-region\"\n[params]\nweights = [[1, 0], [0, 1]]\nbias = [-1]\n".into(),
            "case.toml:4:8: params.bias: 1 entry, but there are 2 units",
        ),
        (
            "region view",
            "kind = \"nn.decision-region\"\n[params]\nweights = [[1, 0]]\nbias = [-1]\nview = [1, 0, 0, 1]\n".into(),
            "case.toml:5:8: params.view: must be [xmin, xmax, ymin, ymax]",
        ),
        ("key names no answer", ff("bias = [0, 2]", "bias = [0, 2]\n[expected]\np = [1, 0]"), "case.toml:11:5: expected.p: no answer named `p`; nn.feedforward answers o"),
        ("key of the wrong shape", ff("bias = [0, 2]", "bias = [0, 2]\n[expected]\no = 1"), "case.toml:11:5: expected.o: one value, but this answer is a list of 2: write it as [a, b, c]"),
        ("forward pass overflows", ff("x = [3, 14]", "x = [1e308, 14]").replacen("[[1, 0], [0, 1]", "[[10, 0], [0, 1]", 1), "case.toml:5:11: params.layers[0].weights: z1 of layer 0 overflows f64"),
        ("unreadable expression in the key", ff("bias = [0, 2]", "bias = [0, 2]\n[expected]\no = [\"e^15/(e^15+\", 0]"), "case.toml:11:6: expected.o[0]: cannot read `e^15/(e^15+` at character 12: the expression ends where a value should be"),
        ("nan in the key", ff("bias = [0, 2]", "bias = [0, 2]\n[expected]\no = [nan, 0]"), "case.toml:11:6: expected.o[0]: nan is not a value any answer can match"),
        (
            "beta too small for the gap",
            "kind = \"nn.inverse-temperature\"\n[params]\nbetas = [1e-320]\nmin_o2 = 0.001\n".into(),
            "case.toml:3:10: params.betas[0]: 9.999888672e-321 is too small",
        ),
        (
            "region view too wide",
            "kind = \"nn.decision-region\"\n[params]\nweights = [[1, 0]]\nbias = [-1]\nview = [-1e308, 1e308, 0, 1]\n".into(),
            "case.toml:5:8: params.view: must be [xmin, xmax, ymin, ymax]",
        ),
        ("tolerance both ways", ff("[params]", "tolerance = { decimals = 3, abs = 0.1 }\n[params]"), "case.toml:2:26: tolerance.decimals: give either decimals or abs/rel, not both"),
    ]
}

#[test]
fn each_bad_spec_exits_2_with_a_located_message() {
    let mut transcript = String::new();
    for (name, text, start) in cases() {
        let (code, stdout, stderr) = run_bytes(&name.replace(' ', "-"), text.as_bytes());
        assert_eq!(code, 2, "{name}: exit {code}, stderr {stderr}");
        assert!(stdout.is_empty(), "{name}: printed a report: {stdout}");
        let message = stderr.trim_end();
        assert_eq!(
            message.lines().count(),
            1,
            "{name}: one line, got {message}"
        );
        assert!(
            message.starts_with(start),
            "{name}:\n  got  {message}\n  want {start}…"
        );
        assert!(!message.contains("panicked"), "{name}: {message}");
        transcript.push_str(&format!("{name}\n  {message}\n"));
    }
    insta::assert_snapshot!(transcript);
}

#[test]
fn not_utf8_is_refused_with_its_position() {
    let (code, _, stderr) = run_bytes("utf8", b"kind = \"nn.feedforward\"\ntitle = \"caf\xe9\"\n");
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("case.toml:2:13: not UTF-8 text (byte 0xe9)"),
        "{stderr}"
    );
}

#[test]
fn a_missing_file_is_named() {
    let output = Command::new(env!("CARGO_BIN_EXE_runner"))
        .arg("no/such/spec.toml")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim(), "no/such/spec.toml: no such file");
}

#[test]
fn a_bad_spec_does_not_stop_the_others() {
    let scratch = Scratch::new("mixed");
    std::fs::write(scratch.0.join("a_good.toml"), FEEDFORWARD).unwrap();
    std::fs::write(scratch.0.join("b_bad.toml"), "kind = 1\n[params]\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_runner"))
        .arg(".")
        .current_dir(&scratch.0)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("o = [0.9999996941, 3.059022269e-7]"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("./b_bad.toml:1:8: kind: "), "{stderr}");
    assert!(
        stderr.contains("2 specs: 0 matched the key, 0 did not, 1 has no key, 1 bad input"),
        "{stderr}"
    );
}
