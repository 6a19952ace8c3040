package io.forecast.forecasting.transformer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@link ProbedAttentionModel#probe} saw, row-major float arrays. Immutable by convention (the
 * arrays are not copied). The encoder runs over {@code sequences} token sequences: one per window for
 * itransformer (tokens = variates), one per window and channel for patchtst (tokens = patches, each
 * channel on its own, window-major).
 *
 * @param batch input windows B
 * @param sequences encoder sequences S (B for itransformer, B·C for patchtst)
 * @param heads attention heads H
 * @param tokens tokens per sequence N
 * @param dModel token width
 * @param forecast {@code B × τ × C}
 * @param weights per layer, {@code S × H × N × N}; {@code null} where the operator forms no matrix
 *     (delta)
 * @param attentionOutputs per layer, the operator's output with the heads merged, {@code S × N × dModel}
 *     (before the output projection)
 * @param tokenStates per layer, the layer's output tokens, {@code S × N × dModel}
 */
public record ProbeResult(int batch, int sequences, int heads, int tokens, int dModel, float[] forecast,
    List<float[]> weights, List<float[]> attentionOutputs, List<float[]> tokenStates) {
  public ProbeResult {
    weights = Collections.unmodifiableList(new ArrayList<>(weights));
    attentionOutputs = List.copyOf(attentionOutputs);
    tokenStates = List.copyOf(tokenStates);
  }
}
