/**
 * The OLinear forecasting network (Yue et al., arXiv 2505.08550) on DJL with the PyTorch engine.
 *
 * <p>{@link io.forecast.forecasting.olinear.OLinearNetwork} is the forward pass of the official
 * code, step for step: RevIN ({@link io.forecast.forecasting.nn.RevIn}) → dimension
 * extension (each value times a learned φ ∈ R^D) → OrthoTrans {@code z = x·Q_inᵀ + δ1} → flatten
 * (index {@code d·T + t}) → Linear(T·D → d_model) → {@code eLayers} ×
 * {@link io.forecast.forecasting.olinear.LinearEncoderLayer} (cross-variate
 * {@link io.forecast.forecasting.olinear.NormLin} mixing and a per-token FFN, post-LayerNorm) →
 * LayerNorm → Linear(d_model → τ·D) reshaped to {@code [B,N,D,τ]} → {@code y = u·Q_out + δ2} →
 * flatten (index {@code t·D + d}) → Linear-GELU-Linear head → transpose → dropout → RevIN inverse.
 * Input {@code [B, T, N]}, output {@code [B, τ, N]}.
 *
 * <p>The variate mixer of the encoder layers is a setting ({@link
 * io.forecast.forecasting.olinear.OLinearMixer}): NormLin by default, its input-independent doubly
 * stochastic variants ({@code normlin-sinkhorn}, {@code normlin-qr}), or an attention operator of the
 * attention module with added q/k projections ({@code AttentionMixer}, through
 * {@link io.forecast.forecasting.mixing.HeadAttention}).
 *
 * <p>Every Linear is initialised like PyTorch's default (U(±1/√fan_in) for weight and bias),
 * LayerNorms with γ = 1, β = 0; the Q matrices are constants, never parameters.
 *
 * <p>With {@link io.forecast.forecasting.olinear.OLinearConfig#rank1Shortcut()} the first Linear
 * is evaluated through the exact rank-1 identity {@code W_in·vec(φ ⊗ Q_in x + 1 ⊗ δ1) =
 * (Σ_d φ_d W_d)·Q_in x + (Σ_d W_d)·δ1}, D times cheaper than the literal flatten; both paths give
 * the same outputs and gradients up to float rounding.
 *
 * <p>Inference passes (gradient recording off, no dropout) multiply out the affine chains with no
 * non-linearity inside once per set of weights ({@code InferenceFolds}, formed in float64): Q_in into the
 * shortcut's weight, each NormLin layer's {@code out_proj·A·v_proj} into one {@code d_model × d_model}
 * product, and the head's {@code output_linear → Q_out → δ2 → flatten → fc_up} into one {@code d_ff × d_model}
 * product, about half the multiply-adds per token of the paper preset. Their forecasts agree with the
 * step-by-step pass to float32 rounding, not bit for bit; training passes are step by step and unchanged.
 *
 * <p>{@link io.forecast.forecasting.olinear.OLinearType} is the {@code olinear} model type (presets,
 * settings, OrthoTrans bases from the training rows, training with the generic trainer);
 * {@link io.forecast.forecasting.olinear.OLinearPredictor} the fitted model with its bases;
 * {@link io.forecast.forecasting.olinear.OLinearModel} owns the network's native memory and
 * offers forward, batched prediction, parameter snapshots and persistence. Results computed from
 * parameters alone are attached to the caller's (per-batch) manager so nothing accumulates in the
 * model's manager.
 */
package io.forecast.forecasting.olinear;
