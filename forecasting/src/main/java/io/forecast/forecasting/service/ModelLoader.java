package io.forecast.forecasting.service;

import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.Forecasters;
import java.io.IOException;
import java.nio.file.Path;

/** Loads a complete model directory into a {@link Forecaster} ({@link Forecasters#load} by default). */
@FunctionalInterface
public interface ModelLoader {
  /** The loader of every known model type. */
  ModelLoader DEFAULT = Forecasters::load;

  Forecaster load(Path directory) throws IOException;
}
