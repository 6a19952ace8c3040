package io.forecast.api.cli;

import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.Forecasters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads model directories for commands, turning "not a model" into a one-line user error. */
final class ModelLoading {
  private ModelLoading() {}

  static Forecaster load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BadInputException(dir + ": no such model directory");
    }
    try {
      return Forecasters.load(dir);
    } catch (IOException e) {
      throw new BadInputException(e.getMessage());
    }
  }

}
