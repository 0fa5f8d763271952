//! The backward pass and the training step, against hand-derived values, the mean of
//! single examples, and the same batch split between threads or not.

use super::*;
use crate::network::fixtures::{batch, simple};

#[test]
fn simple_network_against_hand_derived_values() {
    let (x, t) = (3.0, 1.0);
    let (w1, w2, b) = (0.01, -5.0, -1.0);
    // By hand: z1 = 0.03, a1 = 0.03, z2 = −1.15, y = σ(−1.15)
    let y = 1.0 / (1.0 + 1.15f64.exp());
    let c = 0.5 * (y - t) * (y - t);
    let delta2 = (y - t) * y * (1.0 - y);
    let delta1 = w2 * delta2; // ReLU′(0.03) = 1
    let net = simple(w1, w2, b);
    let (value, g) = gradients(
        &net,
        batch(&[&[x]]).as_ref(),
        batch(&[&[t]]).as_ref(),
        Loss::Quadratic,
    );
    assert!((value - c).abs() < 1e-15);
    assert!((g.bias[1][0] - delta2).abs() < 1e-15);
    assert!((g.weights[1][(0, 0)] - 0.03 * delta2).abs() < 1e-15);
    assert!((g.weights[0][(0, 0)] - x * delta1).abs() < 1e-14);
    // and the homework's rounded key
    assert_eq!(format!("{value:.4}"), "0.2884");
    assert_eq!(format!("{:.4}", g.weights[0][(0, 0)]), "2.0809");
    assert_eq!(format!("{:.4}", g.weights[1][(0, 0)]), "-0.0042");
    assert_eq!(format!("{:.4}", g.bias[1][0]), "-0.1387");
}

#[test]
fn a_reused_workspace_gives_what_a_fresh_one_gives() {
    let mut work = Workspace::default();
    // A deeper, wider network and a larger batch leave their buffers behind first.
    let big = Network::random(&[6, 9, 7, 4], Activation::Relu, 1);
    let xb = Mat::from_fn(5, 6, |i, j| (i + j) as f64 * 0.1);
    let tb = Mat::from_fn(5, 4, |i, j| f64::from(u8::from(i % 4 == j)));
    step(
        &big,
        xb.as_ref(),
        tb.as_ref(),
        Loss::CrossEntropy,
        &mut work,
    );
    let net = Network::random(&[3, 4, 2], Activation::Tanh, 2);
    let x = Mat::from_fn(2, 3, |i, j| i as f64 - 0.3 * j as f64);
    let t = Mat::from_fn(2, 2, |i, j| f64::from(u8::from(i == j)));
    for loss in [Loss::Quadratic, Loss::CrossEntropy] {
        let (fresh_loss, fresh) = gradients(&net, x.as_ref(), t.as_ref(), loss);
        for _ in 0..2 {
            let reused_loss = step(&net, x.as_ref(), t.as_ref(), loss, &mut work);
            assert_eq!(reused_loss, fresh_loss);
            assert_eq!(work.gradients, fresh);
            assert_eq!(work.traces, net.forward_batch(x.as_ref()));
        }
    }
}

#[test]
fn a_batch_split_between_threads_is_its_halves_and_the_same_on_one_thread() {
    let net = Network::random(&[40, 300, 100, 10], Activation::Tanh, 3);
    let m = 96;
    let x = Mat::from_fn(m, 40, |i, j| ((i * 13 + j * 7) % 17) as f64 / 8.0 - 1.0);
    let t = Mat::from_fn(m, 10, |i, j| f64::from(u8::from(i % 10 == j)));
    let at = crate::network::bands::split_row(&net, m).expect("a batch this large splits");
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| gradients(&net, x.as_ref(), t.as_ref(), Loss::CrossEntropy))
    };
    let (one_loss, one) = on(1);
    let (two_loss, two) = on(2);
    assert_eq!(one_loss.to_bits(), two_loss.to_bits());
    assert_eq!(one, two);

    // Each half alone (too small to split), combined by hand.
    let half = |rows: std::ops::Range<usize>| {
        let n = rows.len();
        let (xs, ts) = (
            x.as_ref().subrows(rows.start, n),
            t.as_ref().subrows(rows.start, n),
        );
        gradients(&net, xs, ts, Loss::CrossEntropy)
    };
    let ((top_loss, top), (bottom_loss, bottom)) = (half(0..at), half(at..m));
    let near = |a: f64, b: f64| (a - b).abs() <= 1e-13 * (1.0 + b.abs());
    let share = at as f64 / m as f64;
    assert!(near(
        two_loss,
        share * top_loss + (1.0 - share) * bottom_loss
    ));
    for l in 0..3 {
        for (j, &b) in two.bias[l].iter().enumerate() {
            assert!(near(
                b,
                share * top.bias[l][j] + (1.0 - share) * bottom.bias[l][j]
            ));
        }
        let w = &two.weights[l];
        for j in 0..w.nrows() {
            for k in 0..w.ncols() {
                let by_hand =
                    share * top.weights[l][(j, k)] + (1.0 - share) * bottom.weights[l][(j, k)];
                assert!(near(w[(j, k)], by_hand), "layer {l}, w[{j},{k}]");
            }
        }
        for i in 0..m {
            let (alone, r) = if i < at { (&top, i) } else { (&bottom, i - at) };
            for j in 0..two.delta[l].ncols() {
                assert!(near(two.delta[l][(i, j)], alone.delta[l][(r, j)]));
            }
        }
    }
}

#[test]
fn f_prime_read_from_a_is_f_prime_of_z_to_the_bit() {
    let z: Vec<f64> = (-400..=400)
        .map(|i| i as f64 * 0.0937)
        .chain([0.0, -0.0, 1e-300, 40.0, -750.0])
        .collect();
    for f in Activation::ALL {
        let mut a = vec![0.0; z.len()];
        f.apply_to(&z, &mut a);
        let (mut from_z, mut from_a) = (vec![1.5; z.len()], vec![1.5; z.len()]);
        f.times_derivative(&z, &mut from_z);
        f.times_derivative_at(&z, &a, &mut from_a);
        for (i, (x, y)) in from_z.iter().zip(&from_a).enumerate() {
            assert_eq!(x.to_bits(), y.to_bits(), "{} at z = {}", f.name(), z[i]);
        }
    }
}

#[test]
fn a_batch_gradient_is_the_mean_of_its_examples() {
    let net = Network::random(&[2, 3, 2], Activation::Sigmoid, 5);
    let xs: [&[f64]; 3] = [&[0.5, -1.0], &[2.0, 0.25], &[-0.5, 1.5]];
    let ts: [&[f64]; 3] = [&[1.0, 0.0], &[0.0, 1.0], &[0.5, 0.5]];
    let (_, together) = gradients(
        &net,
        batch(&xs).as_ref(),
        batch(&ts).as_ref(),
        Loss::Quadratic,
    );
    let alone: Vec<Gradients> = xs
        .iter()
        .zip(&ts)
        .map(|(x, t)| {
            gradients(
                &net,
                batch(&[x]).as_ref(),
                batch(&[t]).as_ref(),
                Loss::Quadratic,
            )
            .1
        })
        .collect();
    for l in 0..2 {
        for j in 0..together.bias[l].len() {
            let mean = alone.iter().map(|g| g.bias[l][j]).sum::<f64>() / 3.0;
            assert!((together.bias[l][j] - mean).abs() < 1e-15);
            for k in 0..together.weights[l].ncols() {
                let mean = alone.iter().map(|g| g.weights[l][(j, k)]).sum::<f64>() / 3.0;
                assert!((together.weights[l][(j, k)] - mean).abs() < 1e-15);
            }
        }
    }
}
