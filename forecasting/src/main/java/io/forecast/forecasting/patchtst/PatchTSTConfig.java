package io.forecast.forecasting.patchtst;

import io.forecast.attention.AttentionOperator;
import io.forecast.attention.OperatorParams;
import io.forecast.attention.delta.DeltaAttention;
import io.forecast.attention.monarch.Monarch;
import io.forecast.attention.monarch.MonarchAttention;
import io.forecast.attention.qontot.Qontot;
import io.forecast.attention.qontot.QontotAttention;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.transformer.EncoderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The architecture of a PatchTST network. Immutable and checked.
 *
 * @param seqLen input length T
 * @param predLen horizon τ
 * @param variates number of series C (each is forecast on its own, channel-independently)
 * @param patchLen patch length P
 * @param stride patch stride S (the input is padded at the end by repeating its last value S times)
 * @param dModel token width
 * @param dFf feed-forward width
 * @param eLayers encoder layers
 * @param nHeads attention heads (divides {@code dModel})
 * @param dropout dropout after the embedding, the attention output, both feed-forward layers and the head
 * @param attentionDropout dropout on the mixing matrix A for operators that form one
 * @param attention the operator's registry name
 * @param operatorParams the operator's checked parameters
 */
public record PatchTSTConfig(int seqLen, int predLen, int variates, int patchLen, int stride, int dModel, int dFf,
    int eLayers, int nHeads, double dropout, double attentionDropout, String attention,
    OperatorParams operatorParams) {

  /**
   * @throws InvalidSettingsException naming the setting and the token count when the patches, heads or
   *     operator do not fit (qontot needs 4, 8 or 16 patches; monarch a block size of at most N; delta a
   *     window and sink count of at most N)
   * @throws IllegalArgumentException for non-positive sizes
   */
  public PatchTSTConfig {
    Objects.requireNonNull(attention, "attention");
    Objects.requireNonNull(operatorParams, "operatorParams");
    if (seqLen < 1 || predLen < 1 || variates < 1 || patchLen < 1 || stride < 1 || dModel < 1 || dFf < 1
        || eLayers < 1 || nHeads < 1) {
      throw new IllegalArgumentException("sizes must be positive, got T=" + seqLen + ", τ=" + predLen + ", C="
          + variates + ", patchLen=" + patchLen + ", stride=" + stride + ", dModel=" + dModel + ", dFf=" + dFf
          + ", eLayers=" + eLayers + ", nHeads=" + nHeads);
    }
    if ((long) seqLen + stride < patchLen) {
      throw new InvalidSettingsException("setting 'patchLen' of model type '" + PatchTSTType.NAME + "' must be at "
          + "most seqLen + stride = " + ((long) seqLen + stride) + " (the padded input holds no whole patch), got "
          + patchLen);
    }
    if (dModel % nHeads != 0) {
      throw new InvalidSettingsException("setting 'nHeads' of model type '" + PatchTSTType.NAME + "' must divide "
          + "dModel " + dModel + " (each head gets dModel/nHeads features), got " + nHeads);
    }
    if (!(dropout >= 0 && dropout < 1) || !(attentionDropout >= 0 && attentionDropout < 1)) {
      throw new InvalidSettingsException("settings 'dropout' and 'attentionDropout' of model type '"
          + PatchTSTType.NAME + "' must be in [0, 1), got " + dropout + " and " + attentionDropout);
    }
    checkOperatorFits(attention, operatorParams, seqLen, patchLen, stride);
  }

  /**
   * The number of patches N for an input of {@code seqLen} values padded by {@code stride} repeats of
   * its last value: {@code floor((seqLen + stride − patchLen)/stride) + 1}, which is TSLib's
   * {@code (seq_len − patch_len)/stride + 2} when {@code seqLen ≥ patchLen} (96, 16, 8 → 12).
   */
  public static int patchCount(int seqLen, int patchLen, int stride) {
    return Math.toIntExact(((long) seqLen + stride - patchLen) / stride + 1);
  }

  /** The number of patches N (tokens per channel). */
  public int patches() {
    return patchCount(seqLen, patchLen, stride);
  }

  private static void checkOperatorFits(String attention, OperatorParams params, int seqLen, int patchLen,
      int stride) {
    int n = patchCount(seqLen, patchLen, stride);
    String formula = seqLen >= patchLen
        ? "floor((seqLen − patchLen)/stride) + 2"
        : "floor((seqLen + stride − patchLen)/stride) + 1";
    String count = "seqLen " + seqLen + ", patchLen " + patchLen + " and stride " + stride + " give N = " + formula
        + " = " + n + " patches (the input is padded with stride repeats of its last value)";
    if (attention.equals(QontotAttention.NAME) && !Qontot.SIZES.contains(n)) {
      List<String> ways = new ArrayList<>();
      for (int target : Qontot.SIZES) {
        long from = (long) patchLen + (long) (target - 2) * stride;
        ways.add("seqLen " + (from == from + stride - 1 ? from : from + " to " + (from + stride - 1)) + " gives "
            + target);
      }
      throw new InvalidSettingsException("attention 'qontot' of model type '" + PatchTSTType.NAME + "' works only "
          + "with 4, 8 or 16 patches, but " + count + "; with this patchLen and stride, " + String.join(", ", ways)
          + " (or change patchLen or stride)");
    }
    if (attention.equals(MonarchAttention.NAME) && params.getInt(Monarch.BLOCK_SIZE) > n) {
      throw new InvalidSettingsException("attention 'monarch' of model type '" + PatchTSTType.NAME + "': setting '"
          + Monarch.BLOCK_SIZE + "' must be from 1 to N = " + n + " (N is softmax; a block size that does not divide N "
          + "pads) or 0 for round(√N) = " + Monarch.effectiveBlockSize(0, n) + ", got "
          + params.getInt(Monarch.BLOCK_SIZE) + ": " + count);
    }
    if (attention.equals(DeltaAttention.NAME) && (params.getInt("window") > n || params.getInt("sinks") > n)) {
      throw new InvalidSettingsException("attention 'delta' of model type '" + PatchTSTType.NAME + "': settings "
          + "'window' and 'sinks' count patches and must be at most N = " + n + " (window N already covers every "
          + "key), got window " + params.getInt("window") + " and sinks " + params.getInt("sinks") + ": " + count);
    }
  }

  /** The encoder's sizes: one token per patch. */
  public EncoderConfig encoder() {
    return new EncoderConfig(patches(), dModel, dFf, nHeads, dropout, attentionDropout, attention, operatorParams);
  }

  /** A new operator instance for these settings. */
  public AttentionOperator operator() {
    return encoder().operator();
  }

  /**
   * The trainable parameter count, in double (settings may ask for absurd sizes before anything is
   * allocated): patch embedding P·d (no bias), the encoder layers, the BatchNorm's γ and β, the head
   * d·N·τ + τ. The BatchNorm's running mean and variance (2·d) are state, not counted.
   */
  public double parameterCount() {
    double d = dModel;
    return (double) patchLen * d + eLayers * encoder().layerParameterCount() + 2 * d
        + d * patches() * predLen + predLen;
  }

  /** The fields written to, and checked against, the parameter file. */
  int[] shapeFields() {
    return new int[] {seqLen, predLen, variates, patchLen, stride, dModel, dFf, eLayers, nHeads, attention.hashCode()};
  }
}
