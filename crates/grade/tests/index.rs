//! Class 4: index arithmetic (`a_k^(-1+l)`) names the same variable as its usual
//! spelling (`a_k^(l-1)`). `index::normal_index` is compiled here from its source file,
//! as the crate keeps the module private.

#[path = "../src/index.rs"]
mod index;

mod common;

use common::expect;
use nnhw_core::{Formula, Value};
use nnhw_grade::Verdict;

#[test]
fn spellings_of_one_index_fold_to_one() {
    let spellings = ["l-1", "-1+l", "l + -1", "(l−1)", "{-1+l}"];
    let folded: Vec<String> = spellings.iter().map(|s| index::normal_index(s)).collect();
    assert!(folded.iter().all(|f| f == "l-1"), "{folded:?}");
    assert_eq!(index::normal_index("kj"), "kj");
    assert_ne!(index::normal_index("l+1"), index::normal_index("l-1"));
}

/// Through the judge: `Name::key` folds every index with `normal_index`.
#[test]
fn index_arithmetic_names_the_same_variable() {
    let gradient = Value::Formula(Formula::new(
        "∂C/∂wⱼₖˡ = aₖˡ⁻¹ δⱼˡ",
        "(partialC)/(partialw_jk^l)",
        "a_k^(l-1)*delta_j^l",
    ));
    expect(
        &gradient,
        Verdict::Right,
        &[
            "a_k^(l-1)*delta_j^l",
            "a_k^(-1+l)*delta_j^l",
            "a_k^(l + -1) δ_j^l",
            "a_k^{−1+l}*delta_j^l",
            "delta_j^l*a_k^(-1 + l)",
        ],
    );
    expect(
        &gradient,
        Verdict::Wrong,
        &[
            "a_k^(l+1)*delta_j^l",
            "a_k^(1-l)*delta_j^l",
            "a_k^(-1-l)*delta_j^l",
        ],
    );
    let hidden = Value::Formula(Formula::new(
        "δⱼˡ = Σₖ wₖⱼˡ⁺¹ δₖˡ⁺¹ · f′(zⱼˡ)",
        "delta_j^l",
        "sum_k w_kj^(l+1)*delta_k^(l+1)*f'(z_j^l)",
    ));
    expect(
        &hidden,
        Verdict::Right,
        &["sum_k w_kj^(1+l)*delta_k^(1+l)*f'(z_j^l)"],
    );
}
