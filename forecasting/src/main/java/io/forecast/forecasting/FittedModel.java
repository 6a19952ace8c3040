package io.forecast.forecasting;

import java.util.Objects;

/**
 * What {@link ForecasterType#fit} returns: the z-scored model and how its fit went.
 *
 * @param model the fitted model (the caller owns it and closes it)
 * @param report training curve, best epoch, stop reason and type-specific facts
 */
public record FittedModel(ScaledModel model, TrainingReport report) {
  public FittedModel {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(report, "report");
  }
}
