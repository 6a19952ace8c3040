package io.forecast.forecasting.patchtst;

import io.forecast.forecasting.nn.NetworkModel;
import io.forecast.forecasting.nn.NetworkPredictor;
import io.forecast.forecasting.persist.ModelFiles;
import io.forecast.forecasting.transformer.ProbedAttentionModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted PatchTST on the z-scored scale. Immutable once fitted; predictions may run concurrently.
 * Its one file is {@code weights.bin} (the BatchNorm's running statistics included).
 */
public final class PatchTSTPredictor extends NetworkPredictor implements ProbedAttentionModel.Source {
  private final PatchTSTModel model;
  private final Map<String, Object> settings;

  /**
   * @param model the network (owned from now on)
   * @param settings the effective settings, as {@code model.json} records them
   */
  PatchTSTPredictor(PatchTSTModel model, Map<String, Object> settings) {
    super(model);
    this.model = model;
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** The network. */
  public PatchTSTModel network() {
    return model;
  }

  @Override
  public ProbedAttentionModel attentionModel() {
    return model;
  }

  @Override
  public Map<String, Object> settings() {
    return settings;
  }

  /**
   * Reads {@code weights.bin} into a network built without random initialisation.
   *
   * @throws IOException if the file is missing or was written for another architecture
   */
  static PatchTSTPredictor load(Path directory, PatchTSTConfig config, Map<String, Object> settings)
      throws IOException {
    PatchTSTModel model = NetworkModel.load(PatchTSTModel.forLoading(config), directory.resolve(ModelFiles.WEIGHTS));
    return new PatchTSTPredictor(model, settings);
  }
}
