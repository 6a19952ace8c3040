package io.forecast.forecasting.service;

import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ForecasterTypes;
import java.io.IOException;
import java.nio.file.Path;

/** Loads a complete model directory into a {@link Forecaster} ({@link ForecasterTypes#load} by default). */
@FunctionalInterface
public interface ModelLoader {
  /** The loader of every known model type. */
  ModelLoader DEFAULT = ForecasterTypes::load;

  Forecaster load(Path directory) throws IOException;
}
