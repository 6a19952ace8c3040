package io.forecast.api.cli;

import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ForecasterTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads model directories for commands, turning "not a model" into a one-line user error. */
final class ModelLoading {
  private ModelLoading() {}

  /**
   * A model argument: an existing directory, else the id of a model in the store (validated: no
   * path separators or {@code ..}).
   */
  static Path resolve(String model, Path store) {
    Path asPath = Path.of(model);
    if (Files.isDirectory(asPath)) {
      return asPath;
    }
    try {
      io.forecast.forecasting.service.ModelId.check(model);
    } catch (io.forecast.forecasting.service.InvalidModelIdException e) {
      throw new BadInputException(model + ": no such model directory, and " + e.getMessage());
    }
    Path inStore = store.resolve(model);
    if (!Files.isDirectory(inStore)) {
      throw new BadInputException(model + ": no such model directory, and no model '" + model + "' in " + store);
    }
    return inStore;
  }

  static Forecaster load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BadInputException(dir + ": no such model directory");
    }
    try {
      return ForecasterTypes.load(dir);
    } catch (IOException e) {
      throw new BadInputException(e.getMessage());
    }
  }

}
