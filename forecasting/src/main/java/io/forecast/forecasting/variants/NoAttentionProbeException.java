package io.forecast.forecasting.variants;

import io.forecast.forecasting.ForecastingException;

/** A model whose type exposes no attention probe, asked for attention diagnostics. */
public final class NoAttentionProbeException extends ForecastingException {
  private static final long serialVersionUID = 1L;

  /** @param type the model's type name */
  public NoAttentionProbeException(String type) {
    super("model type '" + type + "' exposes no attention probe: attention diagnostics need a model with "
        + "attention layers (itransformer or patchtst)");
  }
}
