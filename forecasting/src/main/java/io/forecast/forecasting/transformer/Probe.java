package io.forecast.forecasting.transformer;

import ai.djl.ndarray.NDArray;
import io.forecast.attention.AttentionOperator;
import java.util.ArrayList;
import java.util.List;

/**
 * What one probed forward pass records, layer by layer (only when asked: a plain forward pass has no
 * probe and forms no mixing matrix it does not need), and the operator to run in every layer instead of
 * the trained one ({@code null}: the trained one).
 *
 * @param operator the operator swapped in, or {@code null}
 * @param weights per layer, the mixing matrix {@code [B, H, N, N]} ({@code null} for operators that form none)
 * @param attentionOutputs per layer, the operator's output with the heads merged {@code [B, N, d_model]}
 * @param tokenStates per layer, the layer's output tokens {@code [B, N, d_model]}
 */
public record Probe(AttentionOperator operator, List<NDArray> weights, List<NDArray> attentionOutputs,
    List<NDArray> tokenStates) {
  /** An empty probe running {@code operator} ({@code null}: the trained one). */
  public static Probe running(AttentionOperator operator) {
    return new Probe(operator, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
  }
}
