package io.forecast.forecasting;

import java.io.IOException;
import java.nio.file.Path;

/** A kind of model: loads saved models of its type. Fitting takes type-specific settings. */
public interface ForecasterType {
  /** The type name written to {@code model.json} (e.g. {@code olinear}). */
  String name();

  /** Loads a model directory written by {@link Forecaster#save}. */
  Forecaster load(Path directory) throws IOException;
}
