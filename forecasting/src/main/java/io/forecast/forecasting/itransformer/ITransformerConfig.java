package io.forecast.forecasting.itransformer;

import io.forecast.attention.AttentionOperator;
import io.forecast.attention.OperatorParams;
import io.forecast.attention.monarch.Monarch;
import io.forecast.attention.monarch.MonarchAttention;
import io.forecast.attention.qontot.Qontot;
import io.forecast.attention.qontot.QontotAttention;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.transformer.EncoderConfig;
import java.util.Objects;

/**
 * The architecture of an iTransformer network. Immutable and checked.
 *
 * @param seqLen input length T (the embedding's input width)
 * @param predLen horizon τ (the projector's output width)
 * @param variates number of series N = number of tokens
 * @param dModel token width
 * @param dFf feed-forward width
 * @param eLayers encoder layers
 * @param nHeads attention heads (divides {@code dModel})
 * @param dropout dropout after the embedding, the attention output and both feed-forward layers
 * @param attentionDropout dropout on the mixing matrix A (as TSLib's {@code FullAttention}) for
 *     operators that form one
 * @param attention the operator's registry name
 * @param operatorParams the operator's checked parameters
 */
public record ITransformerConfig(int seqLen, int predLen, int variates, int dModel, int dFf, int eLayers, int nHeads,
    double dropout, double attentionDropout, String attention, OperatorParams operatorParams) {

  /**
   * @throws InvalidSettingsException naming the setting when the heads do not divide the width, or the
   *     operator cannot take this many tokens (qontot: 4, 8 or 16; monarch: a block size of at most N)
   * @throws IllegalArgumentException for non-positive sizes
   */
  public ITransformerConfig {
    Objects.requireNonNull(attention, "attention");
    Objects.requireNonNull(operatorParams, "operatorParams");
    if (seqLen < 1 || predLen < 1 || variates < 1 || dModel < 1 || dFf < 1 || eLayers < 1 || nHeads < 1) {
      throw new IllegalArgumentException("sizes must be positive, got T=" + seqLen + ", τ=" + predLen + ", N="
          + variates + ", dModel=" + dModel + ", dFf=" + dFf + ", eLayers=" + eLayers + ", nHeads=" + nHeads);
    }
    if (dModel % nHeads != 0) {
      throw new InvalidSettingsException("setting 'nHeads' of model type '" + ITransformerType.NAME + "' must divide "
          + "dModel " + dModel + " (each head gets dModel/nHeads features), got " + nHeads);
    }
    if (!(dropout >= 0 && dropout < 1) || !(attentionDropout >= 0 && attentionDropout < 1)) {
      throw new InvalidSettingsException("settings 'dropout' and 'attentionDropout' of model type '"
          + ITransformerType.NAME + "' must be in [0, 1), got " + dropout + " and " + attentionDropout);
    }
    if (attention.equals(MonarchAttention.NAME) && operatorParams.getInt(Monarch.BLOCK_SIZE) > variates) {
      throw new InvalidSettingsException("attention 'monarch' of model type '" + ITransformerType.NAME + "': setting '"
          + Monarch.BLOCK_SIZE + "' must be from 1 to N = " + variates + " (one token per column; N is softmax; a block "
          + "size that does not divide N pads) or 0 for round(√N) = " + Monarch.effectiveBlockSize(0, variates)
          + ", got " + operatorParams.getInt(Monarch.BLOCK_SIZE));
    }
    if (attention.equals(QontotAttention.NAME) && !Qontot.SIZES.contains(variates)) {
      throw new InvalidSettingsException("attention 'qontot' of model type '" + ITransformerType.NAME + "' works only "
          + "with 4, 8 or 16 tokens, and itransformer has one token per column: these data have " + variates
          + " columns");
    }
  }

  /** The encoder's sizes: one token per variate. */
  public EncoderConfig encoder() {
    return new EncoderConfig(variates, dModel, dFf, nHeads, dropout, attentionDropout, attention, operatorParams);
  }

  /** A new operator instance for these settings. */
  public AttentionOperator operator() {
    return encoder().operator();
  }

  /** Whether each layer owns trainable circuit angles θ (qontot in mode {@code trainable}). */
  public boolean trainableTheta() {
    return encoder().trainableTheta();
  }

  /** Per-head feature size d = dModel / nHeads. */
  public int headSize() {
    return dModel / nHeads;
  }

  /** The parameter count, in double (settings may ask for absurd sizes before anything is allocated). */
  public double parameterCount() {
    double d = dModel;
    return (double) seqLen * d + d + eLayers * encoder().layerParameterCount() + 2 * d + d * predLen + predLen;
  }

  /** The fields written to, and checked against, the parameter file. */
  int[] shapeFields() {
    return new int[] {seqLen, predLen, variates, dModel, dFf, eLayers, nHeads, attention.hashCode()};
  }
}
