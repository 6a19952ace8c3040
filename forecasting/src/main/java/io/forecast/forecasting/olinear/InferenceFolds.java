package io.forecast.forecasting.olinear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The affine chains of the OLinear forward pass with no non-linearity inside, multiplied out once per
 * set of weights for inference (stateless; the products formed here are formed in float64 and rounded
 * to float32 once; the shortcut's effective weight {@code E} comes in already folded in float32).
 *
 * <ul>
 *   <li>{@link #input}: OrthoTrans and the rank-1 shortcut's weight: {@code (x·Q_inᵀ)·Eᵀ = x·(E·Q_in)ᵀ}.
 *   <li>{@link #mixing}: an encoder layer's {@code out_proj(A·v_proj(h)) = (A·h)·(W_o·W_v)ᵀ +
 *       (A·1)(W_o·b_v)ᵀ + 1·b_oᵀ} for an input-independent mixing matrix A ({@code [N, N]}).
 *   <li>{@link #head}: {@code fc_up(flatten(output_linear(h)·Q_out + δ2))} as one {@code [d_ff, d_model]}
 *       weight and a per-variate bias {@code [N, d_ff]}.
 * </ul>
 *
 * <p>Everything, intermediates and results, is created in the manager given as the first argument (a
 * scratch manager of the cache that keeps the results); the weights passed in are only read.
 */
final class InferenceFolds {
  private InferenceFolds() {}

  /**
   * {@code E·Q_in} ({@code [d_model, T]}) for the shortcut's effective weight {@code E} ({@code [d_model, T]})
   * and {@code Q_inᵀ} ({@code [T, T]}): a Linear with it on the normalised series equals the Linear
   * with {@code E} on the OrthoTrans coefficients {@code x·Q_inᵀ}.
   */
  static NDArray input(NDManager m, NDArray effective, NDArray qInTransposed) {
    return single(wide(m, effective).matMul(wide(m, qInTransposed).transpose()));
  }

  /**
   * The folded weight {@code W_o·W_v} ({@code [d_model, d_model]}) and bias matrix {@code (A·1)(W_o·b_v)ᵀ
   * + 1·b_oᵀ} ({@code [N, d_model]}) of {@code out_proj(A·v_proj(h))}.
   *
   * @param mixing A, {@code [N, N]}
   * @param valueWeight {@code W_v} {@code [d_model, d_model]} (out × in), {@code valueBias} its {@code b_v}
   * @param outWeight {@code W_o}, {@code outBias} its {@code b_o}
   * @return {weight, bias}
   */
  static NDArray[] mixing(NDManager m, NDArray mixing, NDArray valueWeight, NDArray valueBias, NDArray outWeight,
      NDArray outBias) {
    NDArray wo = wide(m, outWeight);
    NDArray weight = wo.matMul(wide(m, valueWeight));
    NDArray carried = wo.matMul(wide(m, valueBias).reshape(-1, 1)).reshape(1, -1); // (W_o b_v)ᵀ, [1, d_model]
    NDArray rowSums = wide(m, mixing).sum(new int[] {1}, true); // A·1, [N, 1]
    NDArray bias = rowSums.matMul(carried).add(wide(m, outBias).reshape(1, -1));
    return new NDArray[] {single(weight), single(bias)};
  }

  /**
   * The head's affine part, {@code h ↦ fc_up(flatten(reshape(output_linear(h), D, τ)·Q_out + δ2))} with
   * the flatten index {@code t·D + d}, as {@code h·Kᵀ + B}.
   *
   * @param outWeight output_linear's weight {@code [τ·D, d_model]} (row {@code d·τ + s})
   * @param outBias its bias {@code [τ·D]}
   * @param qOut {@code Q_out} as the pass multiplies by it ({@code [τ, τ]}, {@code u·Q_out})
   * @param delta2 {@code δ2}, {@code [N, τ]}
   * @param upWeight fc_up's weight {@code [d_ff, τ·D]}
   * @param upBias its bias {@code [d_ff]}
   * @param embed D
   * @return {K {@code [d_ff, d_model]}, B {@code [N, d_ff]}}
   */
  static NDArray[] head(NDManager m, NDArray outWeight, NDArray outBias, NDArray qOut, NDArray delta2, NDArray upWeight,
      NDArray upBias, int embed) {
    long tau = qOut.getShape().get(0);
    long dModel = outWeight.getShape().get(1);
    long variates = delta2.getShape().get(0);
    NDArray q = wide(m, qOut);
    NDArray up = wide(m, upWeight);
    // output_linear then Q_out, re-indexed to the flatten order t·D + d: [τ·D, d_model]
    NDArray rotated = wide(m, outWeight).reshape(embed, tau, dModel).transpose(0, 2, 1).matMul(q) // [D, d_model, τ]
        .transpose(2, 0, 1).reshape(tau * embed, dModel);
    NDArray weight = up.matMul(rotated);
    // the constant part of the flattened vector, per variate: (b_out·Q_out) in t·D + d order, plus δ2[n, t]
    NDArray rotatedBias = wide(m, outBias).reshape(embed, tau).matMul(q).transpose().reshape(1, tau * embed);
    NDArray shift = wide(m, delta2).reshape(variates, tau, 1).repeat(2, embed).reshape(variates, tau * embed);
    NDArray bias = shift.add(rotatedBias).matMul(up.transpose()).add(wide(m, upBias).reshape(1, -1));
    return new NDArray[] {single(weight), single(bias)};
  }

  /** A float64 copy of {@code a} in {@code m}. */
  private static NDArray wide(NDManager m, NDArray a) {
    NDArray copy = a.toType(DataType.FLOAT64, true);
    copy.attach(m);
    return copy;
  }

  private static NDArray single(NDArray a) {
    return a.toType(DataType.FLOAT32, false);
  }
}
