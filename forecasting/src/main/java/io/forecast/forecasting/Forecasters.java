package io.forecast.forecasting;

import io.forecast.forecasting.olinear.OLinearForecaster;
import io.forecast.forecasting.persist.ModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The known model types; loads any saved model by the type its {@code model.json} names. */
public final class Forecasters {
  private static final List<ForecasterType> TYPES = List.of(new ForecasterType() {
    @Override
    public String name() {
      return OLinearForecaster.TYPE;
    }

    @Override
    public Forecaster load(Path directory) throws IOException {
      return OLinearForecaster.load(directory);
    }
  });

  private Forecasters() {}

  /** Names of the known types. */
  public static List<String> typeNames() {
    return TYPES.stream().map(ForecasterType::name).toList();
  }

  /**
   * Loads a model directory of any known type.
   *
   * @throws IOException if it is not a model directory, or its type is unknown
   */
  public static Forecaster load(Path directory) throws IOException {
    String type = ModelFiles.readModelJson(directory).get("type").asText();
    for (ForecasterType t : TYPES) {
      if (t.name().equals(type)) {
        return t.load(directory);
      }
    }
    throw new IOException(directory + ": unknown model type '" + type + "'; known types: " + typeNames());
  }
}
