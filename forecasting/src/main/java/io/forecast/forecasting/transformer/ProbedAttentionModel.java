package io.forecast.forecasting.transformer;

import java.util.Map;
import java.util.Optional;

/**
 * A trained model whose encoder layers can be probed and whose attention operator can be swapped at
 * inference (implemented by the {@code itransformer} and {@code patchtst} networks; {@code olinear}
 * has no Transformer encoder and does not implement it). What {@code forecast compare-attention}'s
 * diagnostics (Protocol A) and zero-shot swaps (Protocol B) run on.
 *
 * <p>Implementations are not thread-safe for concurrent probes of one model; a swapped view
 * ({@link #withOperator}) shares the model's weights and native memory, owns nothing, and is valid while
 * the model is open.
 */
public interface ProbedAttentionModel {
  /** The model type's registry name (for messages). */
  String modelType();

  /** Input length T. */
  int seqLen();

  /** Horizon τ. */
  int predLen();

  /** Variates (columns) N of the input. */
  int variates();

  /**
   * The encoder's sizes and the operator that runs in every layer (for a swapped view: the swapped-in
   * operator and its checked parameters).
   */
  EncoderConfig encoder();

  /** Encoder layers. */
  int layers();

  /**
   * A probed forward pass over raw inputs, without dropout and with gradient recording off: the
   * forecast and, per encoder layer, the mixing matrix, the attention output and the token states.
   * Slower than a plain forward pass (every layer's matrix is formed and copied out); for diagnostics.
   *
   * @param input {@code batch × T × N} values, row-major (on the scale the model was trained on)
   * @param batch windows in {@code input}
   * @throws IllegalArgumentException if {@code input} does not hold {@code batch × T × N} values
   */
  ProbeResult probe(float[] input, int batch);

  /**
   * This model with another attention operator in every layer, for inference only (Protocol B of spec
   * attention.md §8.3: train with softmax, swap at inference without retraining). Swapping in the
   * model's own operator and parameters reproduces its forecasts exactly. qontot in mode
   * {@code trainable} runs with its seeded angles (there are no trained ones to take).
   *
   * @param attention the operator's registry name
   * @param params its parameters (the operator's defaults for those not given)
   * @throws io.forecast.forecasting.InvalidSettingsException for an unknown operator or parameter, or an
   *     operator the model type cannot take with this many tokens (the type's own message, naming the sizes
   *     that work)
   */
  ProbedAttentionModel withOperator(String attention, Map<String, ?> params);

  /** Implemented by fitted models that hold a {@link ProbedAttentionModel}. */
  interface Source {
    /** The probed network (owned by the fitted model; not to be closed by the caller). */
    ProbedAttentionModel attentionModel();
  }

  /**
   * The probed network of a fitted model (e.g. {@code FittedForecaster.model()}), if its type has one.
   */
  static Optional<ProbedAttentionModel> of(Object fitted) {
    return fitted instanceof Source s ? Optional.of(s.attentionModel()) : Optional.empty();
  }
}
