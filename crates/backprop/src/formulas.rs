//! The formulas of backpropagation (3.1, 3.2), as Unicode for people and in the ASCII
//! notation students type. They are fixed text; what a spec's network adds is the proof
//! that the engine implementing them agrees with finite differences.

use nnhw_core::Value;

fn formula(unicode: &str, ascii: &str) -> Value {
    Value::Formula {
        unicode: unicode.into(),
        ascii: ascii.into(),
    }
}

/// δᴸ = ∂C/∂aᴸ ⊙ f′(zᴸ).
pub fn delta_output() -> Value {
    formula(
        "δⱼᴸ = ∂C/∂aⱼᴸ · f′(zⱼᴸ)",
        "(partialC)/(partiala_j^L)*f'(z_j^L)",
    )
}

/// δˡ = (wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ f′(zˡ).
pub fn delta_hidden() -> Value {
    formula(
        "δⱼˡ = Σₖ wₖⱼˡ⁺¹ δₖˡ⁺¹ · f′(zⱼˡ)",
        "sum_k w_kj^(l+1)*delta_k^(l+1)*f'(z_j^l)",
    )
}

/// ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ.
pub fn weight_gradient() -> Value {
    formula("∂C/∂wⱼₖˡ = aₖˡ⁻¹ δⱼˡ", "a_k^(l-1)*delta_j^l")
}

/// ∂C/∂bˡⱼ = δˡⱼ.
pub fn bias_gradient() -> Value {
    formula("∂C/∂bⱼˡ = δⱼˡ", "delta_j^l")
}

/// σ′(z) = e^−z/(1 + e^−z)² = σ(z)(1 − σ(z)).
pub fn sigmoid_derivative() -> Value {
    formula(
        "σ′(z) = e^(−z)/(1 + e^(−z))² = σ(z)·(1 − σ(z))",
        "e^(-z)/(1+e^(-z))^2",
    )
}

/// w₁ ← w₁ − η ∂C/∂w₁.
pub fn sgd_update() -> Value {
    formula("w₁ ← w₁ − η·∂C/∂w₁", "w_1-eta*(partialC)/(partialw_1)")
}
