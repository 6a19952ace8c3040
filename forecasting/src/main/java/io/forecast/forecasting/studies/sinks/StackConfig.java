package io.forecast.forecasting.studies.sinks;

import io.forecast.attention.AttentionOperator;
import io.forecast.forecasting.transformer.EncoderConfig;
import java.util.Objects;

/**
 * The shape of one study encoder: {@code [B, seqLen, variates]} windows cut into {@code seqLen/patch}
 * patch tokens (each patch's rows of every variate, embedded linearly, plus sinusoidal positions), a stack
 * of {@code layers} attention layers of {@code architecture}, and a linear head from the flattened tokens
 * to {@code [B, predLen, variates]}.
 *
 * @param architecture how the layers are stacked
 * @param encoder the attention sizes and registry operator (dropout 0)
 * @param layers attention layers
 * @param seqLen input rows T, a multiple of {@code patch}
 * @param predLen horizon τ
 * @param variates columns C
 * @param patch rows per token
 * @param swap the operator run in every layer instead of the registry one ({@code null}: the registry one)
 * @param learned the variant whose logit b_h / diagonal bias β_h are trained per head and layer, or
 *     {@code null} (the registry operator's fixed values, or no such values)
 */
public record StackConfig(Architecture architecture, EncoderConfig encoder, int layers, int seqLen, int predLen,
    int variates, int patch, AttentionOperator swap, Learned learned) {

  /**
   * A sink / diagonal variant (V1–V4) with trainable per-head values, each starting at the given value.
   *
   * @param variant one of V1–V4
   * @param logit the initial b_h (V1, V2, V4)
   * @param diagonal the initial β_h (V3, V4)
   * @param sinkValue V1's fixed sink value entry
   */
  public record Learned(SinkVariant variant, double logit, double diagonal, double sinkValue) {
    public Learned {
      Objects.requireNonNull(variant, "variant");
      if (!variant.hasLogit() && !variant.hasDiagonal()) {
        throw new IllegalArgumentException("variant " + variant.label() + " has no logit or diagonal bias to learn");
      }
    }
  }

  public StackConfig {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(encoder, "encoder");
    if (layers < 1 || predLen < 1 || variates < 1 || patch < 1 || seqLen < patch || seqLen % patch != 0) {
      throw new IllegalArgumentException("a study encoder needs layers, predLen, variates >= 1 and seqLen a positive "
          + "multiple of patch, got layers " + layers + ", seqLen " + seqLen + ", patch " + patch + ", predLen "
          + predLen + ", variates " + variates);
    }
    if (encoder.tokens() != seqLen / patch) {
      throw new IllegalArgumentException("the encoder has " + encoder.tokens() + " tokens, expected seqLen/patch = "
          + seqLen / patch);
    }
  }

  /** Tokens N = seqLen / patch. */
  public int tokens() {
    return seqLen / patch;
  }
}
