package io.forecast.forecasting.transformer;

import io.forecast.attention.AttentionOperator;
import io.forecast.attention.OperatorParams;
import io.forecast.attention.qontot.QontotAttention;
import io.forecast.attention.registry.AttentionOperators;
import java.util.Objects;

/**
 * The sizes of one Transformer encoder stack over sequences of {@code tokens} tokens of width
 * {@code dModel} (what {@link EncoderLayer} and {@link MultiHeadAttention} need; the model types check
 * their own constraints, with their own messages, before building one).
 *
 * @param tokens tokens per sequence N (variates for iTransformer, patches for PatchTST)
 * @param dModel token width
 * @param dFf feed-forward width
 * @param nHeads attention heads (divides {@code dModel})
 * @param dropout dropout after the attention output and both feed-forward layers
 * @param attentionDropout dropout on the mixing matrix A for operators that form one
 * @param attention the operator's registry name
 * @param operatorParams the operator's checked parameters
 */
public record EncoderConfig(int tokens, int dModel, int dFf, int nHeads, double dropout, double attentionDropout,
    String attention, OperatorParams operatorParams) {

  /** @throws IllegalArgumentException for non-positive sizes or heads that do not divide the width */
  public EncoderConfig {
    Objects.requireNonNull(attention, "attention");
    Objects.requireNonNull(operatorParams, "operatorParams");
    if (tokens < 1 || dModel < 1 || dFf < 1 || nHeads < 1 || dModel % nHeads != 0) {
      throw new IllegalArgumentException("encoder sizes must be positive with nHeads dividing dModel, got N=" + tokens
          + ", dModel=" + dModel + ", dFf=" + dFf + ", nHeads=" + nHeads);
    }
  }

  /** A new operator instance for these settings. */
  public AttentionOperator operator() {
    return AttentionOperators.spec(attention).create(operatorParams);
  }

  /** Whether each layer owns trainable circuit angles θ (qontot in mode {@code trainable}). */
  public boolean trainableTheta() {
    return operator() instanceof QontotAttention q && q.mode() == QontotAttention.Mode.TRAINABLE;
  }

  /** Per-head feature size d = dModel / nHeads. */
  public int headSize() {
    return dModel / nHeads;
  }

  /**
   * The parameter count of one {@link EncoderLayer}, in double: q/k/v/out projections, the
   * feed-forward pair, two LayerNorms, and qontot's angles when trainable.
   */
  public double layerParameterCount() {
    double d = dModel;
    double projections = 4 * (d * d + d);
    double ffn = d * dFf + dFf + (double) dFf * d + d;
    double norms = 4 * d;
    double theta = trainableTheta() ? ((QontotAttention) operator()).parameterCount(tokens) : 0;
    return projections + ffn + norms + theta;
  }
}
