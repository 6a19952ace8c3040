package io.forecast.forecasting.linear;

import io.forecast.forecasting.nn.NetworkModel;
import io.forecast.forecasting.nn.NetworkPredictor;
import io.forecast.forecasting.persist.ModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted linear-family network on the z-scored scale. Immutable once fitted; predictions may run
 * concurrently. Its one file is {@code weights.bin}.
 */
public final class LinearPredictor extends NetworkPredictor {
  private final LinearModel model;
  private final Map<String, Object> settings;

  /**
   * @param model the network (owned from now on)
   * @param settings the resolved settings, as {@code model.json} records them
   */
  LinearPredictor(LinearModel model, Map<String, Object> settings) {
    super(model);
    this.model = model;
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** The network. */
  public LinearModel network() {
    return model;
  }

  @Override
  public Map<String, Object> settings() {
    return settings;
  }

  /**
   * Reads {@code weights.bin} into a network built without random initialisation and without
   * touching the engine's generator.
   *
   * @throws IOException if the file is missing or was written for another architecture
   */
  static LinearPredictor load(Path directory, LinearConfig config, Map<String, Object> settings) throws IOException {
    LinearModel model = NetworkModel.load(LinearModel.forLoading(config), directory.resolve(ModelFiles.WEIGHTS));
    return new LinearPredictor(model, settings);
  }

}
