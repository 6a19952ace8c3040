package io.forecast.forecasting.itransformer;

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
 * A fitted iTransformer on the z-scored scale. Immutable once fitted; predictions may run
 * concurrently. Its one file is {@code weights.bin}.
 */
public final class ITransformerPredictor extends NetworkPredictor implements ProbedAttentionModel.Source {
  private final ITransformerModel model;
  private final Map<String, Object> settings;

  /**
   * @param model the network (owned from now on)
   * @param settings the effective settings, as {@code model.json} records them
   */
  ITransformerPredictor(ITransformerModel model, Map<String, Object> settings) {
    super(model);
    this.model = model;
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** The network. */
  public ITransformerModel network() {
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
   * Reads {@code weights.bin} into a network built without random initialisation and without
   * touching the engine's generator.
   *
   * @throws IOException if the file is missing or was written for another architecture
   */
  static ITransformerPredictor load(Path directory, ITransformerConfig config, Map<String, Object> settings)
      throws IOException {
    ITransformerModel model = NetworkModel.load(ITransformerModel.forLoading(config),
        directory.resolve(ModelFiles.WEIGHTS));
    return new ITransformerPredictor(model, settings);
  }
}
