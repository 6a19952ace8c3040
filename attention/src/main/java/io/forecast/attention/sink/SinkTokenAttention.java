package io.forecast.attention.sink;

import ai.djl.ndarray.NDArray;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionResult;

/**
 * V1 SinkToken (spec §6.2): a sink token prepended to the keys, seen by every query, whose logit against
 * every query is the constant {@code logit} and whose value vector is {@code value}·1 (every entry
 * {@code value}); its row of the output is not produced and its weight column is not returned:
 * {@code O_i = Σ_j A_ij·v_j + π_i·value·1}, {@code A_ij = e^{S_ij} / (e^{logit} + Σ_k e^{S_ik})},
 * {@code π_i = e^{logit} / (e^{logit} + Σ_k e^{S_ik})}. With {@code value = 0} it is {@code null-sink} with
 * {@code bias = logit}.
 */
public final class SinkTokenAttention implements AttentionOperator {
  /** The registry name. */
  public static final String NAME = "sink-token";

  private final double logit;
  private final double value;

  public SinkTokenAttention(double logit, double value) {
    this.logit = logit;
    this.value = value;
  }

  public double logit() {
    return logit;
  }

  public double value() {
    return value;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public AttentionResult apply(NDArray q, NDArray k, NDArray v, NDArray keep, boolean withWeights) {
    return SinkOps.attend(NAME, q, k, v, keep, withWeights, logit, value, null);
  }
}
